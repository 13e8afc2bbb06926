// The Traffic Accounts page (seed: Traffic Accounts): account name, display name (an
// administrator edits it with the pencil), account type, status; 10, 25 or 50 per page.

import { ActionIcon, Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrafficAccountView } from '../../../../src/contracts/accounts.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { Pager } from '../../app/Pager.tsx';
import { messageOf } from '../../lib/http.ts';
import { useSession } from '../session/api.ts';
import { useChangeTrafficAccount, useTrafficAccounts } from './api.ts';

const PAGE_SIZES = [10, 25, 50];
const DISPLAY_NAME_MAX = 64;

export default function TrafficAccountsPage() {
  const { t } = useTranslation();
  const accounts = useTrafficAccounts();
  const isAdmin = useSession().data?.user.role === 'administrator';
  const [perPage, setPerPage] = useState(10);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<TrafficAccountView | null>(null);

  if (accounts.isPending) return <PageLoader />;
  if (accounts.isError) return <ErrorPage error={accounts.error} retry={() => void accounts.refetch()} />;
  const all = accounts.data;
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  const shown = all.slice((Math.min(page, pages) - 1) * perPage, Math.min(page, pages) * perPage);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('trafficAccounts.title')}
      </Title>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th data-tour="trafficAccounts.name">{t('trafficAccounts.name')}</Table.Th>
            <Table.Th data-tour="trafficAccounts.displayName">{t('trafficAccounts.displayName')}</Table.Th>
            <Table.Th data-tour="trafficAccounts.type">{t('trafficAccounts.type')}</Table.Th>
            <Table.Th data-tour="trafficAccounts.status">{t('trafficAccounts.status')}</Table.Th>
            {isAdmin && <Table.Th data-tour="trafficAccounts.action">{t('trafficAccounts.action')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>{t('trafficAccounts.empty')}</Table.Td>
            </Table.Tr>
          )}
          {shown.map((a) => (
            <Table.Tr key={a.name}>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>{a.displayName}</Table.Td>
              <Table.Td>{t(`trafficAccounts.types.${a.type as 'api'}`, { defaultValue: a.type })}</Table.Td>
              <Table.Td>
                <Badge color={a.status === 'active' ? 'green' : 'gray'} variant="light">
                  {t(`trafficAccounts.statuses.${a.status as 'active'}`, { defaultValue: a.status })}
                </Badge>
              </Table.Td>
              {isAdmin && (
                <Table.Td>
                  <ActionIcon variant="subtle" aria-label={t('trafficAccounts.edit', { name: a.name })} onClick={() => setEditing(a)}>
                    <IconPencil size={18} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager tour="trafficAccounts.perPage" total={all.length} page={page} perPage={perPage} sizes={PAGE_SIZES} onPage={setPage} onPerPage={(n) => (setPerPage(n), setPage(1))} />
      {editing && <EditDisplayName account={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function EditDisplayName({ account, onClose }: { account: TrafficAccountView; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useChangeTrafficAccount();
  const [value, setValue] = useState(account.displayName);
  const [error, setError] = useState<string | null>(null);

  function save(e: FormEvent) {
    e.preventDefault();
    const problem = value.trim() === '' ? t('trafficAccounts.displayNameRequired') : value.trim().length > DISPLAY_NAME_MAX ? t('trafficAccounts.displayNameTooLong', { max: DISPLAY_NAME_MAX }) : null;
    setError(problem);
    if (problem) return;
    change.mutate(
      { name: account.name, patch: { displayName: value } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('trafficAccounts.saved') });
          onClose();
        },
        onError: (err) => setError(messageOf(err)),
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('trafficAccounts.editTitle', { name: account.name })}>
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput
            label={t('trafficAccounts.displayName')}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            {value.length}/{DISPLAY_NAME_MAX}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('trafficAccounts.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('trafficAccounts.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
