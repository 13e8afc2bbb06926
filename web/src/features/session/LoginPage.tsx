// The login page (seed: Login): email and password, a field-level message for each, and the
// reason when the app came back here (the session ended, or 30 minutes without activity).

import { Alert, Anchor, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { CardPage } from './CardPage.tsx';
import { Logo } from '../branding/Brand.tsx';
import { SecondFactorStep } from './SecondFactorStep.tsx';
import type { SecondFactorNeeded } from '../../../../src/contracts/session.ts';
import { emailProblem } from '../../../../src/domain/email-address.ts';
import { ApiFailure, messageOf } from '../../lib/http.ts';
import { useSignIn } from './api.ts';

export type SignedOutReason = 'ended' | 'idle' | 'signedOut';

export function LoginPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { reason?: SignedOutReason; from?: string } | null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [needed, setNeeded] = useState<SecondFactorNeeded['secondFactor'] | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = {
      ...(email.trim() === '' ? { email: t('signIn.emailRequired') } : emailProblem(email.trim()) ? { email: t('signIn.emailInvalid') } : {}),
      ...(password === '' ? { password: t('signIn.passwordRequired') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: (answer) => ('secondFactor' in answer ? setNeeded(answer.secondFactor) : done()) });
  }

  const done = () => navigate(state?.from ?? '/', { replace: true });
  if (needed) {
    return (
      <CardPage>
        <SecondFactorStep
          needed={needed}
          onSignedIn={done}
          onRestart={() => {
            setNeeded(null);
            setPassword('');
            signIn.reset();
          }}
        />
      </CardPage>
    );
  }

  const failure = signIn.error instanceof ApiFailure ? signIn.error : null;
  return (
    <CardPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Logo size={40} />
          <Title order={1} size="h3">
            {t('signIn.title', { product: t('product') })}
          </Title>
          {state?.reason && !failure && <Alert color="blue">{t(`signIn.${state.reason}`)}</Alert>}
          {failure && (
            <Alert color="red" role="alert">
              {failure.status === 401 ? t('signIn.wrong') : messageOf(failure)}
            </Alert>
          )}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              setErrors(({ email: _, ...rest }) => rest);
            }}
            error={errors.email}
            autoFocus
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setErrors(({ password: _, ...rest }) => rest);
            }}
            error={errors.password}
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('links.forgotLink')}
          </Anchor>
        </Stack>
      </form>
    </CardPage>
  );
}
