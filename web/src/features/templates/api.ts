// Message templates over the management API: TanStack Query hooks over contracts/templates.ts.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TemplateView } from '../../../../src/contracts/templates.ts';
import { api } from '../../lib/http.ts';

const KEY = ['templates'] as const;

export function useTemplates(q: { search: string; page: number; perPage: number }) {
  const params = new URLSearchParams({ page: String(q.page), perPage: String(q.perPage), ...(q.search ? { search: q.search } : {}) });
  return useQuery({ queryKey: [...KEY, q], queryFn: () => api<{ templates: TemplateView[]; total: number }>('GET', `/api/v1/templates?${params}`), placeholderData: keepPreviousData });
}

function useChanging<A, R>(fn: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useSaveTemplate = () =>
  useChanging(({ id, name, text }: { id: number | null; name: string; text: string }) =>
    id === null ? api<TemplateView>('POST', '/api/v1/templates', { name, text }) : api<TemplateView>('PATCH', `/api/v1/templates/${id}`, { name, text }),
  );
export const useDeleteTemplate = () => useChanging((id: number) => api<null>('DELETE', `/api/v1/templates/${id}`));
