// Who is signed in, signing in and out: TanStack Query over /api/v1/session.

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionView, SignIn, SignInAnswer } from '../../../../src/contracts/session.ts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { api, ApiFailure, setCsrfToken, startSigningOut } from '../../lib/http.ts';

export const SESSION_KEY = ['session'] as const;

/** A session the server just gave (sign-in, its second step, a link that set a password): ours from now. */
export function acceptSession(client: QueryClient, s: SessionView): void {
  setCsrfToken(s.csrfToken);
  client.setQueryData(SESSION_KEY, s);
}

/** The session, or null when nobody is signed in. */
async function readSession(): Promise<SessionView | null> {
  try {
    const s = await api<SessionView>('GET', '/api/v1/session');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: readSession, staleTime: Infinity, retry: false });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SignIn) => api<SignInAnswer>('POST', '/api/v1/session', body),
    onSuccess: (answer) => {
      if (!('secondFactor' in answer)) acceptSession(client, answer);
    },
  });
}

/** Ends the session on the server (when it is still open) and forgets everything cached. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      startSigningOut();
      await api<null>('DELETE', '/api/v1/session').catch((e: unknown) => {
        if (!(e instanceof ApiFailure && e.status === 401)) throw e;
      });
    },
    onSettled: () => forgetSession(client),
  });
}

export function forgetSession(client: ReturnType<typeof useQueryClient>): void {
  setCsrfToken(null);
  client.clear();
  client.setQueryData(SESSION_KEY, null);
}

/** A formatter of dates for this person: their language, and their zone (else the browser's). */
export function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const zone = useSession().data?.user.timeZone ?? undefined;
  return (iso) => formatDateTime(iso, i18n.language, zone);
}

/** The language chosen in the toolbar is the person's setting too, kept on the server. */
export function useSaveLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: 'en' | 'de') => api('PATCH', '/api/v1/me', { language }),
    onSuccess: () => client.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}
