// Create Distribution List (seed): a list name, then the contacts from an uploaded file (drag and
// drop or browse) or pasted text with its separator, Download sample; Next shows Define
// placeholders: the first rows, a placeholder per column, the phone column, a header row, the
// default country; Finish starts the import, which runs on the server while the list's page
// shows its progress. Also "Import contacts" into an existing list (no name asked).

import { Anchor, Button, Group, Paper, Select, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { type DragEvent, type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LIST_NAME_MAX, PASTE_MAX_CONTACTS, type Separator } from '../../../../src/domain/contacts.ts';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { type Uploaded, uploadTo, useCreateList, useDeleteList, useList } from './api.ts';
import { DefinePlaceholders } from './DefinePlaceholders.tsx';

const SEPARATOR_KEYS: Record<Separator, 'comma' | 'semicolon' | 'space' | 'tab' | 'pipe'> = { ',': 'comma', ';': 'semicolon', ' ': 'space', '\t': 'tab', '|': 'pipe' };

export default function CreateListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = Number(useParams().id) || null;
  const list = useList(existing ?? 0);
  const create = useCreateList();
  const remove = useDeleteList();
  const [name, setName] = useState('');
  const [tab, setTab] = useState<string | null>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [separator, setSeparator] = useState<Separator | 'auto'>('auto');
  const [errors, setErrors] = useState<{ name?: string; file?: string; text?: string }>({});
  const [busy, setBusy] = useState(false);
  const [uploaded, setUploaded] = useState<{ listId: number; upload: Uploaded } | null>(null);
  const browse = useRef<HTMLInputElement>(null);

  function problems() {
    const p: typeof errors = {};
    if (!existing && !name.trim()) p.name = t('lists.nameRequired');
    else if (!existing && name.trim().length > LIST_NAME_MAX) p.name = t('lists.nameTooLong', { max: LIST_NAME_MAX });
    if (tab === 'upload' && !file) p.file = t('lists.fileRequired');
    if (tab === 'paste' && !text.trim()) p.text = t('lists.textRequired');
    return p;
  }

  async function next(e: FormEvent) {
    e.preventDefault();
    const p = problems();
    setErrors(p);
    if (Object.keys(p).length) return;
    setBusy(true);
    let made: number | null = null;
    try {
      const listId = existing ?? (made = (await create.mutateAsync(name.trim())).id);
      const sep = separator === 'auto' ? null : separator;
      const upload = await uploadTo(listId, tab === 'upload' ? { file: file!, separator: sep } : { text, separator: sep ?? ',' });
      setUploaded({ listId, upload });
    } catch (err) {
      // A list made for an upload the server refused is not kept half made.
      if (made !== null) remove.mutate(made);
      // Before the list was made, the refusal is its name's (invalid, or taken: 409).
      const aboutName = (!existing && made === null) || (err instanceof ApiFailure && err.field === 'name');
      setErrors(aboutName ? { name: messageOf(err) } : tab === 'paste' ? { text: messageOf(err) } : { file: messageOf(err) });
    } finally {
      setBusy(false);
    }
  }

  function dropped(e: DragEvent) {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) setFile(f), setErrors({ ...errors, file: undefined });
  }

  const title = existing ? t('lists.importInto', { name: list.data?.name ?? '' }) : t('lists.createTitle');
  if (uploaded) return <DefinePlaceholders title={title} listId={uploaded.listId} uploaded={uploaded.upload} onBack={() => setUploaded(null)} onDone={() => navigate(`/lists/${uploaded.listId}`)} />;

  const separators = [
    ...(tab === 'upload' ? [{ value: 'auto', label: t('lists.separators.auto') }] : []),
    ...Object.entries(SEPARATOR_KEYS).map(([value, key]) => ({ value, label: t(`lists.separators.${key}`) })),
  ];
  return (
    <form onSubmit={next} noValidate>
      <Stack maw={720}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {!existing && (
          <TextInput
            label={t('lists.listName')}
            required
            value={name}
            onChange={(e) => (setName(e.currentTarget.value), setErrors({ ...errors, name: undefined }))}
            error={errors.name}
            description={`${name.length}/${LIST_NAME_MAX}`}
            data-autofocus
          />
        )}
        <Tabs
          value={tab}
          onChange={(v) => {
            setTab(v);
            setSeparator(v === 'paste' ? ',' : 'auto');
            setErrors({});
          }}
        >
          <Tabs.List>
            <Tabs.Tab value="upload">{t('lists.upload')}</Tabs.Tab>
            <Tabs.Tab value="paste">{t('lists.paste')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="upload" pt="md">
            <Paper withBorder p="xl" style={{ borderStyle: 'dashed', textAlign: 'center' }} onDragOver={(e) => e.preventDefault()} onDrop={dropped} aria-label={t('lists.dropZone')}>
              <Stack align="center" gap="xs">
                <IconFileSpreadsheet size={36} stroke={1.5} />
                <Text>{file ? t('lists.chosen', { name: file.name, size: Math.ceil(file.size / 1024) }) : t('lists.dropHere')}</Text>
                <input
                  ref={browse}
                  type="file"
                  accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  hidden
                  aria-label={t('lists.file')}
                  onChange={(e) => {
                    const f = e.currentTarget.files?.[0];
                    if (f) setFile(f), setErrors({ ...errors, file: undefined });
                  }}
                />
                <Button variant="light" onClick={() => browse.current?.click()}>
                  {t('lists.browse')}
                </Button>
                {errors.file && (
                  <Text c="red" size="sm" role="alert">
                    {errors.file}
                  </Text>
                )}
              </Stack>
            </Paper>
          </Tabs.Panel>
          <Tabs.Panel value="paste" pt="md">
            <Textarea
              label={t('lists.pasted')}
              description={t('lists.pastedHint', { max: PASTE_MAX_CONTACTS.toLocaleString() })}
              placeholder="Steve Rogers, 14152348883, New York"
              autosize
              minRows={6}
              maxRows={16}
              value={text}
              onChange={(e) => (setText(e.currentTarget.value), setErrors({ ...errors, text: undefined }))}
              error={errors.text}
            />
          </Tabs.Panel>
        </Tabs>
        <Group align="flex-end" justify="space-between">
          <Select label={t('lists.separator')} data={separators} value={separator} onChange={(v) => setSeparator((v ?? 'auto') as Separator | 'auto')} allowDeselect={false} w={220} />
          <Anchor href="/api/v1/lists/sample" download>
            <Group gap={4}>
              <IconDownload size={16} />
              {t('lists.sample')}
            </Group>
          </Anchor>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate(existing ? `/lists/${existing}` : '/lists')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('lists.next')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
