// The Distribution Lists page (seed: Distribution Lists): the search bar (an exact match on the
// name, any case), Create Distribution List, and per list its rows and recipients, created
// date and by whom, with delete after a confirmation.

import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ListView } from '../../../../src/contracts/lists.ts';
import { ConfirmDelete } from '../../app/ConfirmDelete.tsx';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { IconAction } from '../../app/IconAction.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { Pager } from '../../app/Pager.tsx';
import { SearchForm } from '../../app/SearchForm.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useDeleteList, useLists } from './api.ts';

const PAGE_SIZES = [10, 15, 25, 50, 100];

export default function DistributionListsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(15);
  const lists = useLists({ search, page, perPage });
  const [deleting, setDeleting] = useState<ListView | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('lists.title')}
        </Title>
        <Button data-tour="lists.create" onClick={() => navigate('/lists/new')}>
          {t('lists.create')}
        </Button>
      </Group>
      <SearchForm tour="lists.search" label={t('lists.search')} onSearch={(text) => (setSearch(text), setPage(1))} onClear={() => (setSearch(''), setPage(1))} width={360} />
      {lists.isPending ? (
        <PageLoader />
      ) : lists.isError ? (
        <ErrorPage error={lists.error} retry={() => void lists.refetch()} />
      ) : (
        <Table striped highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lists.name')}</Table.Th>
              <Table.Th data-tour="lists.rows">{t('lists.rows')}</Table.Th>
              <Table.Th data-tour="lists.recipients">{t('lists.recipients')}</Table.Th>
              <Table.Th>{t('lists.created')}</Table.Th>
              <Table.Th>{t('lists.createdBy')}</Table.Th>
              <Table.Th>{t('lists.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.data.lists.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>{search ? t('lists.noneFound', { name: search }) : t('lists.empty')}</Table.Td>
              </Table.Tr>
            )}
            {lists.data.lists.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/lists/${l.id}`}>
                    {l.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{l.contacts.toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{l.recipients.toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{formatDateTime(l.createdAt, i18n.language)}</Table.Td>
                <Table.Td>{l.createdBy ?? '—'}</Table.Td>
                <Table.Td>
                  <IconAction label={t('lists.delete', { name: l.name })} onClick={() => setDeleting(l)} icon={<IconTrash size={18} />} color="red" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager total={lists.data?.total ?? 0} page={page} perPage={perPage} sizes={PAGE_SIZES} onPage={setPage} onPerPage={(n) => (setPerPage(n), setPage(1))} />
      {deleting && <ConfirmDeleteList list={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function ConfirmDeleteList({ list, onClose }: { list: ListView; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteList();
  return (
    <ConfirmDelete
      title={t('lists.deleteTitle', { name: list.name })}
      body={t('lists.deleteBody', { count: list.contacts })}
      confirm={t('lists.deleteConfirm')}
      done={t('lists.deleted', { name: list.name })}
      run={() => remove.mutateAsync(list.id)}
      onClose={onClose}
    />
  );
}
