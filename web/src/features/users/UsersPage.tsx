// The Users page (seed: Users): search by name, Invite user, and per user the name, email,
// preset (role), status (Active, Pending, Inactive) and the actions: edit, pause or unpause,
// delete with confirmation, and for a pending user the invitation sent again.

import { Badge, Button, Group, Modal, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconPencil, IconPlayerPause, IconPlayerPlay, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../src/contracts/users.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { IconAction } from '../../app/IconAction.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { messageOf } from '../../lib/http.ts';
import { useSession } from '../session/api.ts';
import { useAccountRule, useChangeAccountRule, useChangeUser, useDeleteUser, useResendInvitation, useUsers } from './api.ts';
import { UserPanel } from './UserPanel.tsx';

const STATUS_COLOR: Record<string, string> = { active: 'green', pending: 'yellow', inactive: 'gray' };

export default function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const users = useUsers(debounced);
  const me = useSession().data?.user.email;
  const change = useChangeUser();
  const resend = useResendInvitation();
  const [panel, setPanel] = useState<{ user: UserView | null } | null>(null);
  const [deleting, setDeleting] = useState<UserView | null>(null);
  const fail = (e: Error) => notifications.show({ color: 'red', message: messageOf(e) });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('users.title')}
        </Title>
        <Button data-tour="users.invite" onClick={() => setPanel({ user: null })}>
          {t('users.invite')}
        </Button>
      </Group>
      <AccountRule />
      <TextInput data-tour="users.search" label={t('users.search')} leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} type="search" />
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <ErrorPage error={users.error} retry={() => void users.refetch()} />
      ) : (
        <Table striped highlightOnHover withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('users.email')}</Table.Th>
              <Table.Th data-tour="users.presets">{t('users.presets')}</Table.Th>
              <Table.Th data-tour="users.status">{t('users.status')}</Table.Th>
              <Table.Th data-tour="users.twoFactor">{t('users.twoFactor')}</Table.Th>
              <Table.Th data-tour="users.action">{t('users.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>{t('users.empty')}</Table.Td>
              </Table.Tr>
            )}
            {users.data.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  {u.name}
                  {u.email === me && (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      ({t('users.you')})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`users.roles.${u.role as 'analyst'}`)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[u.status]} variant="light">
                    {t(`users.statuses.${u.status as 'active'}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`users.twoFactorStates.${u.secondFactor as 'none'}`)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <IconAction label={t('users.edit', { name: u.name })} onClick={() => setPanel({ user: u })} icon={<IconPencil size={18} />} />
                    {u.status === 'pending' ? (
                      <IconAction
                        label={t('users.resend', { name: u.name })}
                        onClick={() => resend.mutate(u.id, { onSuccess: () => notifications.show({ color: 'green', message: t('users.resent', { email: u.email }) }), onError: fail })}
                        icon={<IconMailForward size={18} />}
                      />
                    ) : (
                      u.email !== me && (
                        <IconAction
                          label={u.status === 'active' ? t('users.pause', { name: u.name }) : t('users.unpause', { name: u.name })}
                          onClick={() => change.mutate({ id: u.id, patch: { status: u.status === 'active' ? 'inactive' : 'active' } }, { onError: fail })}
                          icon={u.status === 'active' ? <IconPlayerPause size={18} /> : <IconPlayerPlay size={18} />}
                        />
                      )
                    )}
                    {u.email !== me && <IconAction label={t('users.delete', { name: u.name })} onClick={() => setDeleting(u)} icon={<IconTrash size={18} />} color="red" />}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {panel && <UserPanel user={panel.user} onClose={() => setPanel(null)} />}
      {deleting && <ConfirmDelete user={deleting} onClose={() => setDeleting(null)} onError={fail} />}
    </Stack>
  );
}

function ConfirmDelete({ user, onClose, onError }: { user: UserView; onClose: () => void; onError: (e: Error) => void }) {
  const { t } = useTranslation();
  const remove = useDeleteUser();
  return (
    <Modal opened onClose={onClose} title={t('users.deleteTitle', { name: user.name })}>
      <Stack>
        <Text>{t('users.deleteBody', { email: user.email })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('users.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(user.id, {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('users.deleted', { name: user.name }) });
                  onClose();
                },
                onError: (e) => {
                  onError(e);
                  onClose();
                },
              })
            }
          >
            {t('users.ok')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The account's rule that everyone signs in with a second factor (administrators). */
function AccountRule() {
  const { t } = useTranslation();
  const isAdmin = useSession().data?.user.role === 'administrator';
  const account = useAccountRule(isAdmin);
  const change = useChangeAccountRule();
  if (!isAdmin || !account.data) return null;
  // While the change is on its way the switch shows it; the server's answer then holds.
  const checked = change.isPending ? change.variables : account.data.requireSecondFactor;
  return <Switch data-tour="users.rule" label={t('settings.accountRule')} checked={checked} onChange={(e) => change.mutate(e.currentTarget.checked)} />;
}
