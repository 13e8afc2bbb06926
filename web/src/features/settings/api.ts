import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeView, TotpSetupView } from '../../../../src/contracts/me.ts';
import { api } from '../../lib/http.ts';
import { SESSION_KEY } from '../session/api.ts';

const KEY = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: KEY, queryFn: () => api<MeView>('GET', '/api/v1/me') });
}

/** A change to my settings: the settings and the session (its name, its 2FA state) are read again. */
function useMeMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: KEY }), client.invalidateQueries({ queryKey: SESSION_KEY })]),
  });
}

export type MeChange = Partial<Pick<MeView, 'name' | 'language' | 'timeZone' | 'unicodeDetection' | 'defaultSender'>>;
export const useChangeMe = () => useMeMutation((change: MeChange) => api<MeView>('PATCH', '/api/v1/me', change));
export const useSetAvatar = () => useMeMutation((image: string | null) => (image ? api<null>('PUT', '/api/v1/me/avatar', { image }) : api<null>('DELETE', '/api/v1/me/avatar')));
export const useSendPhoneCode = () => useMeMutation((phone: string) => api<{ phone: string; sentTo: string }>('POST', '/api/v1/me/phone', { phone }));
export const useVerifyPhone = () => useMeMutation((code: string) => api<MeView>('POST', '/api/v1/me/phone/verify', { code }));
export const useChangePassword = () => useMeMutation((b: { currentPassword: string; newPassword: string }) => api<null>('POST', '/api/v1/me/password', b));
export const useStartTotp = () => useMeMutation(() => api<TotpSetupView>('POST', '/api/v1/me/second-factor/totp'));
export const useEnableSecondFactor = () => useMeMutation((b: { method: 'sms' | 'totp'; code?: string }) => api<{ recoveryCodes: string[] }>('POST', '/api/v1/me/second-factor', b));
export const useDisableSecondFactor = () => useMeMutation((password: string) => api<null>('POST', '/api/v1/me/second-factor/disable', { password }));
