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
