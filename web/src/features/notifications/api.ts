import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationSummary, NotificationView } from '../../../../src/contracts/notifications.ts';
import type { NotificationStatus } from '../../../../src/domain/notifications.ts';
import { api } from '../../lib/http.ts';

const KEY = ['notifications'] as const;
/** The bell asks at most this often (the issue: live, or polling ≤ 15 s). */
export const BELL_POLL_MS = 15_000;

export function useBell() {
  return useQuery({ queryKey: [...KEY, 'summary'], queryFn: () => api<NotificationSummary>('GET', '/api/v1/notifications/summary', undefined, { background: true }), refetchInterval: BELL_POLL_MS });
}

export interface NotificationQuery {
  search: string;
  statuses: string[];
  types: string[];
  tags: string[];
  page: number;
  perPage: number;
}

export function useNotifications(q: NotificationQuery) {
  const params = new URLSearchParams({ page: String(q.page), perPage: String(q.perPage) });
  if (q.search) params.set('search', q.search);
  if (q.statuses.length) params.set('status', q.statuses.join(','));
  if (q.types.length) params.set('type', q.types.join(','));
  if (q.tags.length) params.set('tag', q.tags.join(','));
  return useQuery({
    queryKey: [...KEY, 'page', params.toString()],
    queryFn: () => api<{ notifications: NotificationView[]; total: number; unread: number }>('GET', `/api/v1/notifications?${params}`),
    placeholderData: keepPreviousData,
  });
}

export function useMark() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (b: { ids?: number[]; all?: boolean; as: NotificationStatus }) => api<{ changed: number }>('POST', '/api/v1/notifications/mark', b),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
