// The second step of signing in: the code sent by SMS or shown by the authenticator app, or a
// recovery code. Used after the password and after a link that set one.

import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondFactorNeeded, SessionView } from '../../../../src/contracts/session.ts';
import { api, ApiFailure, messageOf } from '../../lib/http.ts';
import { acceptSession } from './api.ts';

export function SecondFactorStep({ needed, onSignedIn, onRestart }: { needed: SecondFactorNeeded['secondFactor']; onSignedIn: () => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: (c: string) => api<SessionView>('POST', '/api/v1/session/second-factor', { challenge: needed.challenge, code: c }),
    onSuccess: (s) => {
      acceptSession(client, s);
      onSignedIn();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (code.trim() === '') return setError(t('secondFactor.codeRequired'));
    setError(null);
    answer.mutate(code.trim());
  }

  const failure = answer.error instanceof ApiFailure ? answer.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1} size="h3">
          {t('secondFactor.title')}
        </Title>
        <Text>{needed.method === 'sms' ? t('secondFactor.smsPrompt', { to: needed.sentTo }) : t('secondFactor.totpPrompt')}</Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure.status === 401 ? t('secondFactor.wrong') : messageOf(failure)}
          </Alert>
        )}
        <TextInput
          label={t('secondFactor.code')}
          value={code}
          onChange={(e) => {
            setCode(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          description={t('secondFactor.recoveryHint')}
        />
        <Button type="submit" loading={answer.isPending}>
          {t('secondFactor.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onRestart}>
          {t('secondFactor.restart')}
        </Anchor>
      </Stack>
    </form>
  );
}
