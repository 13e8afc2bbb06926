// One distribution list: its rows and recipients, rename, the progress and report of its
// latest import (rows read, imported, duplicates merged, rejected, with the rejected rows to
// download), and its contacts: searchable, a page at a time, added and removed one by one.

import { Alert, Anchor, Badge, Button, Card, Group, Modal, Pagination, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ImportView, ListView } from '../../../../src/contracts/lists.ts';
import { LIST_NAME_MAX } from '../../../../src/domain/contacts.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { IconAction } from '../../app/IconAction.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { SearchForm } from '../../app/SearchForm.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { useAddContact, useContacts, useImports, useList, useRemoveContact, useRenameList } from './api.ts';

const PER_PAGE = 25;

export default function ListPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const list = useList(id);
  const imports = useImports(id);
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState(false);

  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorPage error={list.error} retry={() => void list.refetch()} />;
  const l = list.data;
  const n = (x: number) => x.toLocaleString(i18n.language);
  return (
    <Stack>
      <Anchor component={Link} to="/lists" size="sm">
        {t('lists.backToLists')}
      </Anchor>
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={1} size="h2">
            {l.name}
          </Title>
          <IconAction label={t('lists.rename', { name: l.name })} onClick={() => setRenaming(true)} icon={<IconPencil size={18} />} />
        </Group>
        <Button onClick={() => navigate(`/lists/${id}/import`)}>{t('lists.importContacts')}</Button>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('lists.rows')} value={n(l.contacts)} />
        <Figure label={t('lists.recipients')} value={n(l.recipients)} />
        <Figure label={t('lists.created')} value={formatDateTime(l.createdAt, i18n.language)} />
        <Figure label={t('lists.createdBy')} value={l.createdBy ?? '—'} />
      </SimpleGrid>
      {imports.data?.[0] && <ImportReport listId={id} imp={imports.data[0]} />}
      <Contacts list={l} />
      {renaming && <Rename list={l} onClose={() => setRenaming(false)} />}
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Card>
  );
}

const STATUS_COLOR: Record<string, string> = { uploaded: 'gray', queued: 'blue', running: 'blue', finished: 'green', failed: 'red' };

function ImportReport({ listId, imp }: { listId: number; imp: ImportView }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => x.toLocaleString(i18n.language);
  const running = imp.status === 'queued' || imp.status === 'running';
  return (
    <Card withBorder aria-label={t('lists.lastImport')} role="region">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>
            {t('lists.lastImport')}: {imp.fileName ?? t('lists.pastedText')}
          </Text>
          <Badge color={STATUS_COLOR[imp.status]} variant="light">
            {t(`lists.importStatuses.${imp.status as 'finished'}`)}
          </Badge>
        </Group>
        {running && <Progress value={100} striped animated aria-label={t('lists.importing')} />}
        <Group gap="xl">
          <Text size="sm">{t('lists.rowsRead', { count: imp.rowsRead, n: n(imp.rowsRead) })}</Text>
          <Text size="sm">{t('lists.imported', { n: n(imp.imported) })}</Text>
          <Text size="sm">{t('lists.duplicates', { n: n(imp.duplicates) })}</Text>
          <Text size="sm">{t('lists.rejected', { n: n(imp.rejected) })}</Text>
        </Group>
        {imp.rejected > 0 && !running && (
          <Anchor href={`/api/v1/lists/${listId}/imports/${imp.id}/rejects`} download size="sm">
            {t('lists.downloadRejects')}
          </Anchor>
        )}
        {imp.error && (
          <Alert color="red" title={t('lists.importFailed')}>
            {imp.error}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function Contacts({ list }: { list: ListView }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const contacts = useContacts(list.id, { search, page, perPage: PER_PAGE });
  const remove = useRemoveContact();
  const fields = list.placeholders.filter((p) => p.toLowerCase() !== 'phone');
  const pages = Math.max(1, Math.ceil((contacts.data?.total ?? 0) / PER_PAGE));

  return (
    <Stack>
      <Title order={2} size="h4">
        {t('lists.contacts')}
      </Title>
      <Group justify="space-between" align="flex-end">
        <SearchForm label={t('lists.searchContacts')} onSearch={(text) => (setSearch(text), setPage(1))} width={280} />
        <AddContact list={list} fields={fields} />
      </Group>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('lists.phone')}</Table.Th>
            {fields.map((f) => (
              <Table.Th key={f}>{f}</Table.Th>
            ))}
            <Table.Th>{t('lists.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.data?.contacts.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={fields.length + 2}>{search ? t('lists.noContactsFound') : t('lists.noContacts')}</Table.Td>
            </Table.Tr>
          )}
          {contacts.data?.contacts.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.phone}</Table.Td>
              {fields.map((f) => (
                <Table.Td key={f} dir="auto">
                  {c.fields[f] ?? ''}
                </Table.Td>
              ))}
              <Table.Td>
                <IconAction
                  label={t('lists.removeContact', { phone: c.phone })}
                  onClick={() => remove.mutate({ id: list.id, contactId: c.id }, { onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }) })}
                  icon={<IconTrash size={18} />}
                  color="red"
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('lists.contactsTotal', { n: (contacts.data?.total ?? 0).toLocaleString(i18n.language) })}
        </Text>
        <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} />
      </Group>
    </Stack>
  );
}

function AddContact({ list, fields }: { list: ListView; fields: string[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const add = useAddContact();

  function save(e: FormEvent) {
    e.preventDefault();
    if (!phone.trim()) return setError({ field: 'phone', message: t('lists.phoneRequired') });
    add.mutate(
      { id: list.id, phone, fields: Object.fromEntries(fields.map((f) => [f, values[f] ?? ''])), defaultCountry: null },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('lists.contactAdded', { phone }) });
          setOpen(false);
          setPhone('');
          setValues({});
        },
        onError: (err) => setError({ field: err instanceof ApiFailure && err.field ? err.field : 'phone', message: messageOf(err) }),
      },
    );
  }

  return (
    <>
      <Button variant="light" onClick={() => (setOpen(true), setError(null))}>
        {t('lists.addContact')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('lists.addContactTitle', { name: list.name })}>
        <form onSubmit={save} noValidate>
          <Stack>
            <TextInput
              label={t('lists.phone')}
              description={t('lists.phoneHint')}
              value={phone}
              onChange={(e) => (setPhone(e.currentTarget.value), setError(null))}
              error={error?.field === 'phone' ? error.message : null}
              data-autofocus
            />
            {fields.map((f) => (
              <TextInput
                key={f}
                label={f}
                value={values[f] ?? ''}
                onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })}
                error={error?.field === `fields/${f}` ? error.message : null}
              />
            ))}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={add.isPending}>
                {t('lists.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function Rename({ list, onClose }: { list: ListView; onClose: () => void }) {
  const { t } = useTranslation();
  const rename = useRenameList();
  const [name, setName] = useState(list.name);
  const [error, setError] = useState<string | null>(null);
  function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError(t('lists.nameRequired'));
    if (name.trim().length > LIST_NAME_MAX) return setError(t('lists.nameTooLong', { max: LIST_NAME_MAX }));
    rename.mutate({ id: list.id, name: name.trim() }, { onSuccess: onClose, onError: (err) => setError(messageOf(err)) });
  }
  return (
    <Modal opened onClose={onClose} title={t('lists.renameTitle')}>
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput label={t('lists.listName')} value={name} onChange={(e) => (setName(e.currentTarget.value), setError(null))} error={error} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t('lists.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
