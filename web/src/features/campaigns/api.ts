// Campaigns over the management API: TanStack Query hooks over contracts/campaigns.ts.

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { CampaignEstimate, CampaignPatch, CampaignPreview, CampaignView } from '../../../../src/contracts/campaigns.ts';
import { api } from '../../lib/http.ts';

export type Preview = Static<typeof CampaignPreview>;
const KEY = ['campaigns'] as const;

export function useCampaigns(q: { search: string; statuses: string[]; page: number; perPage: number }) {
  const params = new URLSearchParams({ page: String(q.page), perPage: String(q.perPage), ...(q.search ? { search: q.search } : {}), ...(q.statuses.length ? { status: q.statuses.join(',') } : {}) });
  return useQuery({ queryKey: [...KEY, q], queryFn: () => api<{ campaigns: CampaignView[]; total: number }>('GET', `/api/v1/campaigns?${params}`), placeholderData: keepPreviousData });
}

export function useCampaign(id: number | null) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => api<CampaignView>('GET', `/api/v1/campaigns/${id}`), enabled: id !== null });
}

/** The message being written, as recipient n gets it (asked again as the text or n change). */
export function usePreview(id: number | null, text: string, n: number) {
  return useQuery({
    queryKey: [...KEY, id, 'preview', text, n],
    queryFn: () => api<Preview>('POST', `/api/v1/campaigns/${id}/preview?recipient=${n}`, { text }),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

/** The estimated cost of the message being written on the traffic account being chosen. */
export function useEstimate(id: number | null, text: string, trafficAccountId: number | null) {
  return useQuery({
    queryKey: [...KEY, id, 'estimate', text, trafficAccountId],
    queryFn: () => api<Static<typeof CampaignEstimate>>('POST', `/api/v1/campaigns/${id}/estimate`, { text, trafficAccountId }),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

function useChanging<A, R>(fn: (a: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useSaveCampaign = () =>
  useChanging(({ id, fields }: { id: number | null; fields: Static<typeof CampaignPatch> & { name: string } }) =>
    id === null ? api<CampaignView>('POST', '/api/v1/campaigns', fields) : api<CampaignView>('PATCH', `/api/v1/campaigns/${id}`, fields),
  );
export const useCloneCampaign = () => useChanging(({ id, name }: { id: number; name: string }) => api<CampaignView>('POST', `/api/v1/campaigns/${id}/clone`, { name }));
export const useDeleteCampaign = () => useChanging((id: number) => api<null>('DELETE', `/api/v1/campaigns/${id}`));
