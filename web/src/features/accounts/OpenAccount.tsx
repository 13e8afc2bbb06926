// For the operator's administrators: a dialog to open a customer's account, and the banner that
// says whose account they work in while they help, with the way back.

import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { messageOf } from '../../lib/http.ts';
import { useSession } from '../session/api.ts';
import { useAccounts, useOpenAccount, useReturnHome } from './api.ts';

export function OpenAccountDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession().data;
  const accounts = useAccounts(opened);
  const open = useOpenAccount();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const others = (accounts.data ?? []).filter((a) => a.name !== session?.user.account);

  const submit = () => {
    if (!choice) return setError(t('accounts.choose'));
    open.mutate(choice, {
      onSuccess: () => (onClose(), setChoice(null), navigate('/')),
      onError: (e) => setError(messageOf(e)),
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('accounts.openTitle')}>
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Stack>
          <Text size="sm">{t('accounts.openExplain')}</Text>
          <Select
            label={t('accounts.account')}
            placeholder={t('accounts.choose')}
            searchable
            data={others.map((a) => ({ value: a.name, label: t('accounts.option', { name: a.name, users: a.users, trafficAccounts: a.trafficAccounts }) }))}
            value={choice}
            onChange={(v) => (setChoice(v), setError(null))}
            error={error}
            nothingFoundMessage={t('accounts.none')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={open.isPending}>
              {t('accounts.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Shown on every page while the session works in another account. */
export function OpenedAccountBanner() {
  const { t } = useTranslation();
  const opened = useSession().data?.openedAccount;
  const back = useReturnHome();
  const navigate = useNavigate();
  if (!opened) return null;
  return (
    <Alert color="orange" icon={<IconLifebuoy size={20} />} mb="md" role="status" title={t('accounts.helping', { name: opened })}>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">{t('accounts.helpingExplain')}</Text>
        <Button size="xs" variant="white" color="orange" loading={back.isPending} onClick={() => back.mutate(undefined, { onSuccess: () => navigate('/') })}>
          {t('accounts.returnHome')}
        </Button>
      </Group>
    </Alert>
  );
}
