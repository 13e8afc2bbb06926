// The Settings page (seed: Settings tabs): General (name, email, phone verified by an SMS
// code), Password (change with the current one), Two-factor authentication (SMS or an
// authenticator app, recovery codes, off with the password unless the account requires it).

import { Alert, Avatar, Badge, Button, Code, FileInput, Group, Image, Modal, PasswordInput, Select, SimpleGrid, Stack, Switch, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { MeView, TotpSetupView } from '../../../../src/contracts/me.ts';
import { ErrorPage } from '../../app/ErrorPage.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { readImage } from '../../lib/image.ts';
import { NewPassword, newPasswordErrors, type NewPasswordValue } from '../session/NewPassword.tsx';
import { useChangeMe, useChangePassword, useDisableSecondFactor, useEnableSecondFactor, useMe, useSendPhoneCode, useSetAvatar, useStartTotp, useVerifyPhone } from './api.ts';
import { checkSender } from '../../../../src/domain/sender.ts';
import { chooseLanguage, LANGUAGES, worded } from '../../lib/i18n.ts';

const TABS = ['general', 'sms', 'password', 'two-factor'] as const;
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const ZONES = Intl.supportedValuesOf('timeZone');

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
          <Tabs.Tab value="general" data-tour="settings.general">
            {t('settings.general')}
          </Tabs.Tab>
          <Tabs.Tab value="sms" data-tour="settings.sms">
            {t('settings.smsTab')}
          </Tabs.Tab>
          <Tabs.Tab value="password" data-tour="settings.password">
            {t('settings.passwordTab')}
          </Tabs.Tab>
          <Tabs.Tab value="two-factor" data-tour="settings.twoFactor">
            {t('settings.twoFactorTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general" pt="md">
          <General me={me.data} />
        </Tabs.Panel>
        <Tabs.Panel value="sms" pt="md">
          <Sms me={me.data} />
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
  const rename = useChangeMe();
  const [language, setLanguage] = useState<string>(me.language ?? '');
  const [timeZone, setTimeZone] = useState<string>(me.timeZone ?? BROWSER_ZONE);
  const send = useSendPhoneCode();
  const verify = useVerifyPhone();
  const [name, setName] = useState(me.name);
  const [phone, setPhone] = useState(me.phone ?? '');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ name?: string; phone?: string; code?: string }>({});

  function saveName(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') return setErrors({ name: t('users.nameRequired') });
    const chosen = language === 'en' || language === 'de' ? language : null;
    rename.mutate(
      { name: name.trim(), language: chosen, timeZone },
      {
        onSuccess: () => {
          if (chosen) chooseLanguage(chosen);
          notifications.show({ color: 'green', message: t('settings.saved') });
        },
        onError: (err) => setErrors({ name: messageOf(err) }),
      },
    );
  }
  function sendCode(e: FormEvent) {
    e.preventDefault();
    send.mutate(phone, { onError: (err) => setErrors({ phone: messageOf(err) }) });
  }
  function confirm(e: FormEvent) {
    e.preventDefault();
    verify.mutate(code, { onSuccess: () => send.reset(), onError: (err) => setErrors({ code: messageOf(err) }) });
  }

  return (
    <Stack gap="xl">
      <form onSubmit={saveName} noValidate>
        <Stack>
          <TextInput label={t('settings.email')} value={me.email} readOnly />
          <TextInput label={t('settings.name')} value={name} onChange={(e) => (setName(e.currentTarget.value), setErrors({}))} error={errors.name} />
          <Select
            label={t('settings.language')}
            data={[{ value: '', label: t('settings.languageBrowser') }, ...LANGUAGES.map((l) => ({ value: l.code, label: l.label }))]}
            value={language}
            onChange={(v) => setLanguage(v ?? '')}
            allowDeselect={false}
          />
          <Select
            label={t('settings.timeZone')}
            description={t('settings.timeZoneHint', { zone: BROWSER_ZONE })}
            data={ZONES}
            value={timeZone}
            onChange={(v) => v && setTimeZone(v)}
            searchable
            allowDeselect={false}
          />
          <Group>
            <Button type="submit" loading={rename.isPending}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ProfileImage me={me} />
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
        onError: (err) => setErrors(err instanceof ApiFailure && err.field === 'currentPassword' ? { current: messageOf(err) } : { password: messageOf(err) }),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <PasswordInput
          label={t('settings.currentPassword')}
          value={current}
          onChange={(e) => (setCurrent(e.currentTarget.value), setErrors({}))}
          error={errors.current}
          autoComplete="current-password"
          visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
        />
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
  const fail = (err: unknown) => setError(messageOf(err));
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
              <PasswordInput
                label={t('settings.disablePassword')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
              />
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

function ProfileImage({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const set = useSetAvatar();
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  async function choose(file: File | null) {
    setError(null);
    if (!file) return;
    const image = await readImage(file);
    if ('problem' in image) return setError(image.problem);
    set.mutate(image.url, { onSuccess: () => (setVersion((v) => v + 1), notifications.show({ color: 'green', message: t('settings.imageSaved') })), onError: (e) => setError(messageOf(e)) });
  }
  return (
    <Group align="flex-end">
      <Avatar src={me.hasAvatar ? `/api/v1/me/avatar?v=${version}` : null} size="lg" radius="xl" alt={t('settings.image')} />
      <FileInput label={t('settings.image')} description={t('settings.imageHint')} accept="image/png,image/jpeg,image/webp" onChange={choose} error={error} clearable={false} w={320} />
      {me.hasAvatar && (
        <Button variant="subtle" color="red" onClick={() => set.mutate(null)}>
          {t('settings.removeImage')}
        </Button>
      )}
    </Group>
  );
}

function Sms({ me }: { me: MeView }) {
  const { t } = useTranslation();
  const change = useChangeMe();
  const [unicode, setUnicode] = useState(me.unicodeDetection);
  const [sender, setSender] = useState(me.defaultSender ?? '');
  const [error, setError] = useState<string | null>(null);
  function save(e: FormEvent) {
    e.preventDefault();
    const s = sender.trim();
    const check = s ? checkSender(s) : null;
    if (check && !check.ok) return setError(worded(check.reason, 'sender_invalid'));
    change.mutate(
      { unicodeDetection: unicode, defaultSender: s || null },
      { onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }), onError: (err) => setError(messageOf(err)) },
    );
  }
  return (
    <form onSubmit={save} noValidate>
      <Stack>
        <Switch label={t('settings.unicode')} description={t('settings.unicodeHint')} checked={unicode} onChange={(e) => setUnicode(e.currentTarget.checked)} />
        <TextInput
          label={t('settings.defaultSender')}
          description={t('settings.defaultSenderHint')}
          value={sender}
          onChange={(e) => (setSender(e.currentTarget.value), setError(null))}
          error={error}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
