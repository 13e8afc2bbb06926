import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserInvite, UserPatch, UserView } from '../../../../src/contracts/users.ts';
import { api } from '../../lib/http.ts';

const KEY = ['users'] as const;

export function useUsers(search: string) {
  return useQuery({
    queryKey: [...KEY, search],
    queryFn: async () => (await api<{ users: UserView[] }>('GET', `/api/v1/users${search ? `?search=${encodeURIComponent(search)}` : ''}`)).users,
  });
}

function useUserMutation<V>(fn: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useInviteUser = () => useUserMutation((body: UserInvite) => api<UserView>('POST', '/api/v1/users', body));
export const useChangeUser = () => useUserMutation(({ id, patch }: { id: number; patch: UserPatch }) => api<UserView>('PATCH', `/api/v1/users/${id}`, patch));
export const useDeleteUser = () => useUserMutation((id: number) => api<null>('DELETE', `/api/v1/users/${id}`));
export const useResendInvitation = () => useUserMutation((id: number) => api<null>('POST', `/api/v1/users/${id}/invitation`));

interface AccountSettings {
  name: string;
  requireSecondFactor: boolean;
}

/** The account's sign-in rule (the switch on the Users page; administrators). */
export function useAccountRule(enabled: boolean) {
  return useQuery({ queryKey: ['account'], queryFn: () => api<AccountSettings>('GET', '/api/v1/account'), enabled });
}

// The answer is the new settings: put in the cache before the change counts as done, so the
// switch never shows the old value between the two.
export function useChangeAccountRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (requireSecondFactor: boolean) => api<AccountSettings>('PATCH', '/api/v1/account', { requireSecondFactor }),
    onSuccess: (settings) => client.setQueryData(['account'], settings),
  });
}
