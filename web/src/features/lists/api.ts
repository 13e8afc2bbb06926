// Distribution lists over the management API: TanStack Query hooks over contracts/lists.ts.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ContactView, ImportStart, ImportView, ListView, PreviewView } from '../../../../src/contracts/lists.ts';
import type { Separator } from '../../../../src/domain/contacts.ts';
import { api } from '../../lib/http.ts';

export type Preview = Static<typeof PreviewView>;
export type Uploaded = { import: ImportView; preview: Preview };

const KEY = ['lists'] as const;
/** While an import runs its page asks every second (rows read, imported, rejected). */
const PROGRESS_POLL_MS = 1000;

export function useLists(q: { search: string; page: number; perPage: number }) {
  const params = new URLSearchParams({ page: String(q.page), perPage: String(q.perPage), ...(q.search ? { search: q.search } : {}) });
  return useQuery({ queryKey: [...KEY, q], queryFn: () => api<{ lists: ListView[]; total: number }>('GET', `/api/v1/lists?${params}`), placeholderData: keepPreviousData });
}

export function useList(id: number) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => api<ListView>('GET', `/api/v1/lists/${id}`) });
}

export function useContacts(id: number, q: { search: string; page: number; perPage: number }) {
  const params = new URLSearchParams({ page: String(q.page), perPage: String(q.perPage), ...(q.search ? { search: q.search } : {}) });
  return useQuery({
    queryKey: [...KEY, id, 'contacts', q],
    queryFn: () => api<{ contacts: ContactView[]; total: number }>('GET', `/api/v1/lists/${id}/contacts?${params}`),
    placeholderData: keepPreviousData,
  });
}

const running = (i: ImportView | undefined) => i?.status === 'queued' || i?.status === 'running';

/** The list's imports; asked again every second while the newest runs. */
export function useImports(id: number) {
  const client = useQueryClient();
  return useQuery({
    queryKey: [...KEY, id, 'imports'],
    queryFn: async () => {
      const r = await api<{ imports: ImportView[] }>('GET', `/api/v1/lists/${id}/imports`);
      // The list's counts and contacts move with the import.
      void client.invalidateQueries({ queryKey: [...KEY, id], exact: true });
      void client.invalidateQueries({ queryKey: [...KEY, id, 'contacts'] });
      return r.imports;
    },
    refetchInterval: (q) => (running(q.state.data?.[0]) ? PROGRESS_POLL_MS : false),
  });
}

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useCreateList = () => useInvalidating((name: string) => api<ListView>('POST', '/api/v1/lists', { name }));
export const useRenameList = () => useInvalidating(({ id, name }: { id: number; name: string }) => api<ListView>('PATCH', `/api/v1/lists/${id}`, { name }));
export const useDeleteList = () => useInvalidating((id: number) => api<null>('DELETE', `/api/v1/lists/${id}`));
export const useAddContact = () =>
  useInvalidating(({ id, phone, fields, defaultCountry }: { id: number; phone: string; fields: Record<string, string>; defaultCountry: string | null }) =>
    api<ContactView>('POST', `/api/v1/lists/${id}/contacts`, { phone, fields, defaultCountry }),
  );
export const useRemoveContact = () => useInvalidating(({ id, contactId }: { id: number; contactId: number }) => api<null>('DELETE', `/api/v1/lists/${id}/contacts/${contactId}`));

/** A file as it is (CSV or XLSX), or pasted text with its separator. */
export type Source = { file: File; separator: Separator | null } | { text: string; separator: Separator };

export function uploadTo(id: number, source: Source): Promise<Uploaded> {
  if ('text' in source) return api<Uploaded>('POST', `/api/v1/lists/${id}/imports/text`, { text: source.text, separator: source.separator });
  const params = new URLSearchParams({ fileName: source.file.name, ...(source.separator ? { separator: source.separator } : {}) });
  return api<Uploaded>('POST', `/api/v1/lists/${id}/imports?${params}`, source.file, { raw: { type: source.file.type || 'application/octet-stream' } });
}

export const useStartImport = () =>
  useInvalidating(({ id, importId, start }: { id: number; importId: number; start: Static<typeof ImportStart> }) => api<ImportView>('POST', `/api/v1/lists/${id}/imports/${importId}/start`, start));
