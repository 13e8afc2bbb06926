// The Settings page (seed: Settings tabs): General (name, email, phone verified by an SMS
// code), Password (change with the current one), Two-factor authentication (SMS or an
// authenticator app, recovery codes, off with the password unless the account requires it).

import { Alert, Badge, Button, Code, Group, Image, Modal, PasswordInput, SimpleGrid, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { MeView, TotpSetupView } from '../../../../src/contracts/me.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { ApiFailure } from '../../lib/http.ts';
import { NewPassword, newPasswordErrors, type NewPasswordValue } from '../session/NewPassword.tsx';
import { useChangePassword, useDisableSecondFactor, useEnableSecondFactor, useMe, useRename, useSendPhoneCode, useStartTotp, useVerifyPhone } from './api.ts';

const TABS = ['general', 'password', 'two-factor'] as const;
const message = (e: unknown) => (e instanceof ApiFailure ? e.message : String(e));

export default function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'general';
  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorPage error={me.error} retry={() => void me.refetch()} />;
  const required = me.data.accountRequiresSecondFactor && me.data.secondFactor === 'none';
  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      {required && (
        <Alert color="orange" role="alert">
          {t('settings.setupRequired')}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => setParams({ tab: v ?? 'general' }, { replace: true })}>
        <Tabs.List>
          <Tabs.Tab value="general">{t('settings.general')}</Tabs.Tab>
          <Tabs.Tab value="password">{t('settings.passwordTab')}</Tabs.Tab>
          <Tabs.Tab value="two-factor">{t('settings.twoFactorTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general" pt="md">
          <General me={me.data} />
        </Tabs.Panel>
        <Tabs.Panel value="password" pt="md">
          <Password />
        </Tabs.Panel>
        <Tabs.Panel value="two-factor" pt="md">
          <TwoFactor me={me.data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function General({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const rename = useRename();
  const send = useSendPhoneCode();
  const verify = useVerifyPhone();
  const [name, setName] = useState(me.name);
  const [phone, setPhone] = useState(me.phone ?? '');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ name?: string; phone?: string; code?: string }>({});

  function saveName(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return setErrors({ name: t('users.nameRequired') });
    rename.mutate(name.trim(), { onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }), onError: (err) => setErrors({ name: message(err) }) });
  }
  function sendCode(e: FormEvent) {
    e.preventDefault();
    send.mutate(phone, { onError: (err) => setErrors({ phone: message(err) }) });
  }
  function confirm(e: FormEvent) {
    e.preventDefault();
    verify.mutate(code, { onSuccess: () => send.reset(), onError: (err) => setErrors({ code: message(err) }) });
  }

  return (
    <Stack gap="xl">
      <form onSubmit={saveName} noValidate>
        <Stack>
          <TextInput label={t('settings.email')} value={me.email} readOnly />
          <TextInput label={t('settings.name')} value={name} onChange={(e) => (setName(e.currentTarget.value), setErrors({}))} error={errors.name} />
          <Group>
            <Button type="submit" loading={rename.isPending}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <form onSubmit={sendCode} noValidate>
        <Stack>
          <TextInput
            label={t('settings.phone')}
            description={t('settings.phoneHint')}
            value={phone}
            onChange={(e) => (setPhone(e.currentTarget.value), setErrors({}))}
            error={errors.phone}
            type="tel"
            autoComplete="tel"
            rightSectionWidth={120}
            rightSection={
              me.phone && phone.replace(/\s/g, '') === me.phone ? (
                <Badge color={me.phoneVerified ? 'green' : 'gray'} variant="light">
                  {me.phoneVerified ? t('settings.phoneVerified') : t('settings.phoneUnverified')}
                </Badge>
              ) : null
            }
          />
          <Group>
            <Button type="submit" variant="light" loading={send.isPending}>
              {t('settings.sendCode')}
            </Button>
          </Group>
        </Stack>
      </form>
      {send.isSuccess && (
        <form onSubmit={confirm} noValidate>
          <Stack>
            <Alert color="blue">{t('settings.codeSent', { to: send.data.sentTo })}</Alert>
            <TextInput label={t('settings.verifyCode')} value={code} onChange={(e) => (setCode(e.currentTarget.value), setErrors({}))} error={errors.code} autoComplete="one-time-code" autoFocus />
            <Group>
              <Button type="submit" loading={verify.isPending}>
                {t('settings.verify')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function Password() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPasswordValue>({ password: '', repeat: '' });
  const [errors, setErrors] = useState<{ current?: string; password?: string; repeat?: string }>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = { ...(current === '' ? { current: t('signIn.passwordRequired') } : {}), ...newPasswordErrors(value, t) };
    setErrors(found);
    if (Object.keys(found).length) return;
    change.mutate(
      { currentPassword: current, newPassword: value.password },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('settings.passwordChanged') });
          setCurrent('');
          setValue({ password: '', repeat: '' });
        },
        onError: (err) => setErrors(err instanceof ApiFailure && err.field === 'currentPassword' ? { current: err.message } : { password: message(err) }),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <PasswordInput label={t('settings.currentPassword')} value={current} onChange={(e) => (setCurrent(e.currentTarget.value), setErrors({}))} error={errors.current} autoComplete="current-password" visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }} />
        <NewPassword value={value} onChange={(v) => (setValue(v), setErrors({}))} errors={errors} autoFocus={false} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('settings.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TwoFactor({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const start = useStartTotp();
  const enable = useEnableSecondFactor();
  const disable = useDisableSecondFactor();
  const [setup, setSetup] = useState<TotpSetupView | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const fail = (err: unknown) => setError(message(err));
  const turnOn = (method: 'sms' | 'totp', c?: string) =>
    enable.mutate(
      { method, ...(c ? { code: c } : {}) },
      {
        onSuccess: (r) => {
          setRecovery(r.recoveryCodes);
          setSetup(null);
          setCode('');
        },
        onError: fail,
      },
    );

  return (
    <Stack>
      <Text>{t('settings.status', { state: t(`settings.states.${me.secondFactor as 'none'}`) })}</Text>
      {me.secondFactor !== 'none' && <Text size="sm">{t('settings.recoveryLeft', { count: me.recoveryCodesLeft })}</Text>}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        {me.secondFactor !== 'sms' && (
          <Button variant="light" disabled={!me.phoneVerified} onClick={() => (setError(null), turnOn('sms'))}>
            {t('settings.useSms')}
          </Button>
        )}
        {me.secondFactor !== 'totp' && !setup && (
          <Button variant="light" onClick={() => (setError(null), start.mutate(undefined, { onSuccess: setSetup, onError: fail }))} loading={start.isPending}>
            {t('settings.useApp')}
          </Button>
        )}
      </Group>
      {!me.phoneVerified && me.secondFactor !== 'sms' && (
        <Text size="sm" c="dimmed">
          {t('settings.smsNeedsPhone')}
        </Text>
      )}
      {setup && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            turnOn('totp', code.trim());
          }}
          noValidate
        >
          <Stack>
            <Text size="sm">{t('settings.scan')}</Text>
            <Image src={setup.qr} alt={t('settings.qr')} w={220} h={220} />
            <Text size="sm">
              {t('settings.key')}: <Code>{setup.secret}</Code>
            </Text>
            <TextInput label={t('settings.appCode')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="one-time-code" autoFocus />
            <Group>
              <Button type="submit" loading={enable.isPending}>
                {t('settings.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {me.secondFactor !== 'none' &&
        (me.accountRequiresSecondFactor ? (
          <Text size="sm" c="dimmed">
            {t('settings.requiredNote')}
          </Text>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setError(null);
              disable.mutate(password, { onSuccess: () => setPassword(''), onError: fail });
            }}
            noValidate
          >
            <Group align="flex-end">
              <PasswordInput label={t('settings.disablePassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }} />
              <Button type="submit" color="red" variant="light" loading={disable.isPending}>
                {t('settings.disable')}
              </Button>
            </Group>
          </form>
        ))}
      {recovery && (
        <Modal opened onClose={() => setRecovery(null)} title={t('settings.recoveryTitle')} closeOnClickOutside={false}>
          <Stack>
            <Text size="sm">{t('settings.recoveryBody')}</Text>
            <SimpleGrid cols={2} spacing="xs">
              {recovery.map((c) => (
                <Code key={c} fz="md">
                  {c}
                </Code>
              ))}
            </SimpleGrid>
            <Group justify="flex-end">
              <Button onClick={() => setRecovery(null)}>{t('settings.done')}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
