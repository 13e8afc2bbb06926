// The operator's administrators open a customer's account to help (issue #15): the accounts
// they may open, and the session's move into one and back.

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AccountView } from '../../../../src/contracts/accounts.ts';
import type { SessionView } from '../../../../src/contracts/session.ts';
import { api } from '../../lib/http.ts';
import { acceptSession } from '../session/api.ts';

export function useAccounts(enabled: boolean) {
  return useQuery({
    queryKey: ['accounts'],
    queryFn: async () => (await api<{ accounts: AccountView[] }>('GET', '/api/v1/accounts')).accounts,
    enabled,
  });
}

/** Everything cached belonged to the account the session worked in: forget it all. */
function moved(client: QueryClient, s: SessionView): void {
  client.clear();
  acceptSession(client, s);
}

export function useOpenAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (account: string) => api<SessionView>('PUT', '/api/v1/session/account', { account }),
    onSuccess: (s) => moved(client, s),
  });
}

export function useReturnHome() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<SessionView>('DELETE', '/api/v1/session/account'),
    onSuccess: (s) => moved(client, s),
  });
}
