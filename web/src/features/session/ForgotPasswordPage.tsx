// Forgot password (seed: Login's note): the email, Send, and the same answer whether the email
// is known or not.

import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { emailProblem } from '../../../../src/domain/email-address.ts';
import { api, ApiFailure, messageOf } from '../../lib/http.ts';
import { CardPage } from './CardPage.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({ mutationFn: (address: string) => api<{ message: string }>('POST', '/api/v1/password-reset', { email: address }) });

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = email.trim() === '' ? t('signIn.emailRequired') : emailProblem(email.trim()) ? t('signIn.emailInvalid') : null;
    setError(problem);
    if (!problem) send.mutate(email.trim());
  }

  return (
    <CardPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            {t('links.forgotTitle')}
          </Title>
          {send.isSuccess ? (
            <Alert color="green" role="status">
              {send.data.message}
            </Alert>
          ) : (
            <>
              <Text size="sm">{t('links.forgotIntro')}</Text>
              {send.error instanceof ApiFailure && (
                <Alert color="red" role="alert">
                  {messageOf(send.error)}
                </Alert>
              )}
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => {
                  setEmail(e.currentTarget.value);
                  setError(null);
                }}
                error={error}
                autoFocus
              />
              <Button type="submit" loading={send.isPending}>
                {t('links.forgotSubmit')}
              </Button>
            </>
          )}
          <Anchor component={Link} to="/login" size="sm">
            {t('links.backToSignIn')}
          </Anchor>
        </Stack>
      </form>
    </CardPage>
  );
}
