// The toolbar on every page (seed: Toolbar): the More menu (help, API docs, version), the
// language, and the user menu with sign-out. The tooltips tour and the notifications bell
// join it with their features.

import { ActionIcon, Avatar, Group, Menu, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconDots, IconInfoSquareRounded, IconLanguage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSaveLanguage, useSession, useSignOut } from '../features/session/api.ts';
import { chooseLanguage, LANGUAGES } from '../lib/i18n.ts';
import { Bell } from '../features/notifications/Bell.tsx';
import { OpenAccountDialog } from '../features/accounts/OpenAccount.tsx';
import { useDisclosure } from '@mantine/hooks';

export function Toolbar({ onTour }: { onTour: () => void }) {
  const { t, i18n } = useTranslation();
  const [choosingAccount, { open: openAccountDialog, close: closeAccountDialog }] = useDisclosure();
  const session = useSession().data;
  const signOut = useSignOut();
  const saveLanguage = useSaveLanguage();
  const navigate = useNavigate();
  const initials = (session?.user.name ?? '?')
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <Group gap="xs" wrap="nowrap" role="toolbar" aria-label={t('toolbar.label')}>
      {session?.user.operator && <OpenAccountDialog opened={choosingAccount} onClose={closeAccountDialog} />}
      <Tooltip label={t('tour.open')}>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('tour.open')} onClick={onTour}>
          <IconInfoSquareRounded size={20} />
        </ActionIcon>
      </Tooltip>
      <Bell />
      <IconMenu label={t('toolbar.language')} icon={<IconLanguage size={20} />}>
        {LANGUAGES.map((l) => (
          <Menu.Item key={l.code} onClick={() => (chooseLanguage(l.code), session && saveLanguage.mutate(l.code))} fw={i18n.language === l.code ? 700 : 400} lang={l.code}>
            {l.label}
          </Menu.Item>
        ))}
      </IconMenu>
      <IconMenu label={t('toolbar.more')} icon={<IconDots size={20} />}>
        <Menu.Item onClick={() => navigate('/help')}>{t('toolbar.help')}</Menu.Item>
        <Menu.Item component="a" href="/docs" target="_blank">
          {t('toolbar.apiDocs')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('toolbar.version', { version: __PETREL_VERSION__ })}</Menu.Label>
      </IconMenu>
      <Menu position="bottom-end">
        <Menu.Target>
          <UnstyledButton aria-label={t('toolbar.userMenu')}>
            <Avatar radius="xl" size="md" color="violet">
              {initials}
            </Avatar>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark">
              {session?.user.name}
            </Text>
            <Text size="xs">{session?.user.email}</Text>
            <Text size="xs">{session?.openedAccount ?? session?.user.account}</Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item onClick={() => navigate('/settings')}>{t('settings.open')}</Menu.Item>
          {session?.user.operator && <Menu.Item onClick={openAccountDialog}>{t('accounts.openMenu')}</Menu.Item>}
          <Menu.Item onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true, state: { reason: 'signedOut' } }) })}>{t('toolbar.signOut')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

/** A toolbar button that opens a menu. */
function IconMenu({ label, icon, children }: { label: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label}>
          {icon}
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
