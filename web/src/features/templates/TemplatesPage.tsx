// The Templates page (seed: Templates): each template's name and message; create, edit and
// delete; a search on the name or the message. The message box counts characters and parts
// as the server will (the person's unicode detection setting applies).

import { Button, Group, Modal, Pagination, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateView } from '../../../../src/contracts/templates.ts';
import { TEMPLATE_NAME_MAX, TEMPLATE_TEXT_MAX } from '../../../../src/domain/templates.ts';
import { ConfirmDelete } from '../../app/ConfirmDelete.tsx';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { IconAction } from '../../app/IconAction.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { SearchForm } from '../../app/SearchForm.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { messageCount } from '../../../../src/domain/message-count.ts';
import { useMe } from '../settings/api.ts';
import { useDeleteTemplate, useSaveTemplate, useTemplates } from './api.ts';

const PER_PAGE = 15;

export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const templates = useTemplates({ search, page, perPage: PER_PAGE });
  const [editing, setEditing] = useState<{ template: TemplateView | null } | null>(null);
  const [deleting, setDeleting] = useState<TemplateView | null>(null);
  const pages = Math.max(1, Math.ceil((templates.data?.total ?? 0) / PER_PAGE));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('templates.title')}
        </Title>
        <Button data-tour="templates.create" onClick={() => setEditing({ template: null })}>
          {t('templates.create')}
        </Button>
      </Group>
      <SearchForm tour="templates.search" label={t('templates.search')} onSearch={(text) => (setSearch(text), setPage(1))} />
      {templates.isPending ? (
        <PageLoader />
      ) : templates.isError ? (
        <ErrorPage error={templates.error} retry={() => void templates.refetch()} />
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('templates.name')}</Table.Th>
              <Table.Th data-tour="templates.message">{t('templates.message')}</Table.Th>
              <Table.Th>{t('templates.createdBy')}</Table.Th>
              <Table.Th>{t('templates.updated')}</Table.Th>
              <Table.Th>{t('templates.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templates.data.templates.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>{search ? t('templates.noneFound') : t('templates.empty')}</Table.Td>
              </Table.Tr>
            )}
            {templates.data.templates.map((tp) => (
              <Table.Tr key={tp.id}>
                <Table.Td>{tp.name}</Table.Td>
                <Table.Td maw={480}>
                  <Text size="sm" lineClamp={2} dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                    {tp.text}
                  </Text>
                </Table.Td>
                <Table.Td>{tp.createdBy ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(tp.updatedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <IconAction label={t('templates.edit', { name: tp.name })} onClick={() => setEditing({ template: tp })} icon={<IconPencil size={18} />} />
                    <IconAction label={t('templates.delete', { name: tp.name })} onClick={() => setDeleting(tp)} icon={<IconTrash size={18} />} color="red" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group justify="flex-end">
        <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} />
      </Group>
      {editing && <TemplateForm template={editing.template} onClose={() => setEditing(null)} />}
      {deleting && <ConfirmDeleteTemplate template={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function TemplateForm({ template, onClose }: { template: TemplateView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTemplate();
  const unicodeDetection = useMe().data?.unicodeDetection ?? true;
  const [name, setName] = useState(template?.name ?? '');
  const [text, setText] = useState(template?.text ?? '');
  const [errors, setErrors] = useState<{ name?: string; text?: string }>({});
  const count = messageCount(text, unicodeDetection);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems = {
      ...(!name.trim() ? { name: t('templates.nameRequired') } : name.trim().length > TEMPLATE_NAME_MAX ? { name: t('templates.nameTooLong', { max: TEMPLATE_NAME_MAX }) } : {}),
      ...(!text.trim() ? { text: t('templates.textRequired') } : text.length > TEMPLATE_TEXT_MAX ? { text: t('templates.textTooLong', { max: TEMPLATE_TEXT_MAX.toLocaleString() }) } : {}),
    };
    setErrors(problems);
    if (Object.keys(problems).length) return;
    save.mutate(
      { id: template?.id ?? null, name: name.trim(), text },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('templates.saved', { name: name.trim() }) });
          onClose();
        },
        onError: (err) => setErrors(err instanceof ApiFailure && err.field === 'text' ? { text: messageOf(err) } : { name: messageOf(err) }),
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={template ? t('templates.editTitle', { name: template.name }) : t('templates.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('templates.name')}
            value={name}
            onChange={(e) => (setName(e.currentTarget.value), setErrors({}))}
            error={errors.name}
            description={`${name.length}/${TEMPLATE_NAME_MAX}`}
            data-autofocus
          />
          <Textarea label={t('templates.message')} value={text} onChange={(e) => (setText(e.currentTarget.value), setErrors({}))} error={errors.text} autosize minRows={4} maxRows={12} dir="auto" />
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('templates.count', { characters: count.characters, parts: count.parts, encoding: count.unicode ? t('templates.unicode') : 'GSM-7' })}
            {count.nonGsm.length > 0 && ` · ${t('templates.nonGsm', { characters: count.nonGsm.join(' ') })}`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('templates.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ConfirmDeleteTemplate({ template, onClose }: { template: TemplateView; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteTemplate();
  return (
    <ConfirmDelete
      title={t('templates.deleteTitle', { name: template.name })}
      body={t('templates.deleteBody')}
      confirm={t('templates.deleteConfirm')}
      done={t('templates.deleted', { name: template.name })}
      run={() => remove.mutateAsync(template.id)}
      onClose={onClose}
    />
  );
}
