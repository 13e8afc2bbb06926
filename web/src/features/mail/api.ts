import { useInfiniteQuery } from '@tanstack/react-query';
import type { OutboxView } from '../../../../src/contracts/users.ts';
import { api } from '../../lib/http.ts';

interface OutboxPage {
  delivery: 'smtp' | 'outbox';
  mails: OutboxView[];
  nextCursor: number | null;
}

export function useOutbox() {
  return useInfiniteQuery({
    queryKey: ['mail-outbox'],
    queryFn: ({ pageParam }) => api<OutboxPage>('GET', `/api/v1/mail/outbox?limit=25${pageParam ? `&cursor=${pageParam}` : ''}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
