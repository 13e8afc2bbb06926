// The seed's Invite user panel, also used to edit: name, email, permissions (a role, or custom
// ones), traffic accounts. Checked in the form as the server checks it; what the server still
// refuses is shown on its field.

import { Button, Checkbox, Drawer, Group, MultiSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../src/contracts/users.ts';
import { emailProblem } from '../../../../src/domain/email-address.ts';
import { extrasFor, PERMISSIONS, PERSON_ROLES, ROLE_PERMISSIONS, type Permission, type PersonRole } from '../../../../src/domain/permissions.ts';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { useTrafficAccounts } from '../traffic-accounts/api.ts';
import { useChangeUser, useInviteUser } from './api.ts';

type Field = 'name' | 'email' | 'role' | 'permissions' | 'trafficAccounts';
const NAME_MAX = 100;

export function UserPanel({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const change = useChangeUser();
  const accounts = useTrafficAccounts();
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<PersonRole>((user?.role as PersonRole) ?? 'campaign_manager');
  const [extras, setExtras] = useState<Permission[]>((user?.extraPermissions as Permission[]) ?? []);
  const [trafficAccounts, setTrafficAccounts] = useState<string[]>(user?.trafficAccounts ?? []);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const takesExtras = role === 'custom' || role === 'user_manager';
  /** A field's message goes once the person changes the field. */
  const edited =
    <T,>(field: Field, set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setErrors(({ [field]: _, ...rest }) => rest);
    };
  const preset = new Set(ROLE_PERMISSIONS[role]);

  function check(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (name.trim() === '') found.name = t('users.nameRequired');
    else if (name.trim().length > NAME_MAX) found.name = t('users.nameTooLong', { max: NAME_MAX });
    if (!user && email.trim() === '') found.email = t('signIn.emailRequired');
    else if (!user && emailProblem(email.trim())) found.email = t('signIn.emailInvalid');
    return found;
  }

  function save(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    const permissions = extrasFor(role, extras);
    const done = (message: string) => {
      notifications.show({ color: 'green', message });
      onClose();
    };
    const failed = (err: Error) => {
      const field = err instanceof ApiFailure && err.field && ['name', 'email', 'role', 'permissions', 'trafficAccounts'].includes(err.field) ? (err.field as Field) : 'name';
      setErrors({ [field]: messageOf(err) });
    };
    if (user) {
      change.mutate({ id: user.id, patch: { name: name.trim(), role, permissions, trafficAccounts } }, { onSuccess: () => done(t('users.saved')), onError: failed });
    } else {
      invite.mutate(
        { name: name.trim(), email: email.trim(), role, permissions, trafficAccounts },
        { onSuccess: () => done(t('users.invited', { email: email.trim().toLowerCase() })), onError: failed },
      );
    }
  }

  return (
    <Drawer opened onClose={onClose} position="right" size="md" title={user ? t('users.editTitle', { name: user.name }) : t('users.inviteTitle')}>
      <form onSubmit={save} noValidate>
        <Stack>
          <TextInput label={t('users.name')} value={name} onChange={(e) => edited('name', setName)(e.currentTarget.value)} error={errors.name} data-autofocus />
          <TextInput label={t('users.email')} type="email" value={email} onChange={(e) => edited('email', setEmail)(e.currentTarget.value)} error={errors.email} disabled={!!user} />
          <Select
            label={t('users.role')}
            data={PERSON_ROLES.map((r) => ({ value: r, label: t(`users.roles.${r}`) }))}
            value={role}
            onChange={(v) => v && edited('role', setRole)(v as PersonRole)}
            allowDeselect={false}
            description={t(`users.roleHelp.${role}`)}
            error={errors.role}
          />
          {takesExtras && (
            <Checkbox.Group
              label={t('users.permissions')}
              description={t('users.permissionsHint')}
              value={[...extras, ...preset]}
              onChange={(v) => edited('permissions', setExtras)(v as Permission[])}
              error={errors.permissions}
            >
              <SimpleGrid cols={2} mt="xs" spacing="xs">
                {PERMISSIONS.map((p) => (
                  <Checkbox key={p} value={p} label={t(`users.permissionNames.${p}`)} disabled={preset.has(p)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
          <MultiSelect
            label={t('users.trafficAccounts')}
            description={t('users.trafficAccountsHint')}
            data={(accounts.data ?? []).map((a) => ({ value: a.name, label: `${a.displayName} (${a.name})` }))}
            value={trafficAccounts}
            onChange={edited('trafficAccounts', setTrafficAccounts)}
            error={errors.trafficAccounts}
            searchable
          />
          {!takesExtras && (
            <Text size="xs" c="dimmed">
              {ROLE_PERMISSIONS[role].map((p) => t(`users.permissionNames.${p}`)).join(' · ')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('users.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending || change.isPending}>
              {user ? t('users.save') : t('users.invite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
