// Every page after sign-in: the left menu, the toolbar on top, the page in the middle. The
// shell also ends the session when the person is idle or the server says it ended.

import { AppShell, Burger, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { Tour } from './Tour.tsx';
import { Logo } from '../features/branding/Brand.tsx';
import { TOURS } from './tour.ts';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation, useNavigate } from 'react-router';
import { forgetSession, useSession, useSignOut } from '../features/session/api.ts';
import { IdleLogout } from '../features/session/IdleLogout.tsx';
import { signingOut, whenSessionEnds } from '../lib/http.ts';
import { chooseLanguage } from '../lib/i18n.ts';
import { builtMenu } from './menu.ts';
import { PageLoader } from './PageLoader.tsx';
import { Toolbar } from './Toolbar.tsx';
import { OpenedAccountBanner } from '../features/accounts/OpenAccount.tsx';

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signOut = useSignOut();
  const session = useSession().data;

  useEffect(() => {
    whenSessionEnds(() => {
      if (signingOut()) return; // a poll that lost the race with our own sign-out
      forgetSession(client);
      navigate('/login', { replace: true, state: { reason: 'ended' } });
    });
    return () => whenSessionEnds(() => {});
  }, [client, navigate]);

  // The person's chosen language, when the session brings it (at sign-in, or after a change).
  const language = session?.user.language;
  useEffect(() => {
    if (language === 'en' || language === 'de') chooseLanguage(language);
  }, [language]);

  const location = useLocation();
  const [touring, setTouring] = useState<string | null>(null);
  const startTour = useCallback(() => {
    if (TOURS[location.pathname]) setTouring(location.pathname);
    else notifications.show({ message: t('tour.none') });
  }, [location.pathname, t]);
  const endTour = useCallback(() => setTouring(null), []);

  const onIdle = useCallback(() => {
    signOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true, state: { reason: 'idle' } }) });
  }, [signOut, navigate]);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <IdleLogout onIdle={onIdle} />
      {touring === location.pathname && <Tour key={touring} path={touring} onExit={endTour} />}
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('toolbar.toggleMenu')} />
            <Logo size={28} />
            <Title order={2} size="h4">
              {t('product')}
            </Title>
          </Group>
          <Toolbar onTour={startTour} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('menu.label')}>
        <ScrollArea>
          {builtMenu(session?.user.permissions ?? [], session?.user.operator).map((section) => (
            <div key={section.label ?? 'top'}>
              {section.label && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                  {t(`menu.${section.label}`)}
                </Text>
              )}
              {section.entries.map((e) => (
                <NavLink key={e.label} component={RouterLink} to={e.path!} label={t(`menu.${e.label}`)} onClick={() => opened && toggle()} />
              ))}
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <OpenedAccountBanner />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
