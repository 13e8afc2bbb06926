// The pages behind the links in mail: accept an invitation, reset a password. Both greet the
// person the link is for, let them choose a password under the rule, and sign them in.

import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { SecondFactorNeeded, SignInAnswer } from '../../../../src/contracts/session.ts';
import { SecondFactorStep } from './SecondFactorStep.tsx';
import { PageLoader } from '../../app/PageLoader.tsx';
import { api, ApiFailure, messageOf } from '../../lib/http.ts';
import { acceptSession } from './api.ts';
import { CardPage } from './CardPage.tsx';
import { NewPassword, newPasswordErrors, type NewPasswordValue } from './NewPassword.tsx';

const ENDPOINTS = {
  invitation: { preview: '/api/v1/invitation', redeem: '/api/v1/invitation' },
  reset: { preview: '/api/v1/password-reset', redeem: '/api/v1/password-reset/complete' },
} as const;

export function LinkPage({ purpose }: { purpose: 'invitation' | 'reset' }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const client = useQueryClient();
  const endpoints = ENDPOINTS[purpose];
  const who = useQuery({
    queryKey: ['link', purpose, token],
    queryFn: () => api<{ email: string; name: string; account: string }>('GET', `${endpoints.preview}?token=${encodeURIComponent(token)}`),
    enabled: token !== '',
    retry: false,
  });
  const redeem = useMutation({
    mutationFn: (password: string) => api<SignInAnswer>('POST', endpoints.redeem, { token, password }),
    onSuccess: (answer) => {
      if ('secondFactor' in answer) return setNeeded(answer.secondFactor);
      acceptSession(client, answer);
      navigate('/', { replace: true });
    },
  });
  const [value, setValue] = useState<NewPasswordValue>({ password: '', repeat: '' });
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [needed, setNeeded] = useState<SecondFactorNeeded['secondFactor'] | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = newPasswordErrors(value, t);
    setErrors(found);
    if (!found.password && !found.repeat) redeem.mutate(value.password);
  }

  if (token && who.isPending) return <PageLoader />;
  if (needed) {
    return (
      <CardPage>
        <SecondFactorStep needed={needed} onSignedIn={() => navigate('/', { replace: true })} onRestart={() => navigate('/login', { replace: true })} />
      </CardPage>
    );
  }
  const broken = !token || who.isError || (redeem.error instanceof ApiFailure && redeem.error.field === 'token');
  const serverError = redeem.error instanceof ApiFailure && redeem.error.field !== 'token' ? redeem.error : null;
  return (
    <CardPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            {purpose === 'invitation' ? t('links.invitationTitle', { product: t('product') }) : t('links.resetTitle')}
          </Title>
          {broken ? (
            <Alert color="red" role="alert">
              {t('links.broken')}
            </Alert>
          ) : (
            <>
              <Text>{purpose === 'invitation' ? t('links.invitationIntro', who.data!) : t('links.resetIntro', who.data!)}</Text>
              {serverError && (
                <Alert color="red" role="alert">
                  {messageOf(serverError)}
                </Alert>
              )}
              <NewPassword
                value={value}
                onChange={(v) => {
                  setValue(v);
                  setErrors({});
                }}
                errors={errors}
              />
              <Button type="submit" loading={redeem.isPending}>
                {purpose === 'invitation' ? t('links.invitationSubmit') : t('links.resetSubmit')}
              </Button>
            </>
          )}
          <Anchor component={Link} to={broken && purpose === 'reset' ? '/forgot-password' : '/login'} size="sm">
            {broken && purpose === 'reset' ? t('links.forgotTitle') : t('links.backToSignIn')}
          </Anchor>
        </Stack>
      </form>
    </CardPage>
  );
}
