import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BrandingView } from '../../../../src/contracts/branding.ts';
import { DEFAULT_COLOR, DEFAULT_PRODUCT } from '../../../../src/domain/branding.ts';
import { api } from '../../lib/http.ts';

const KEY = ['branding'] as const;
export const PETRELS_OWN: BrandingView = { productName: DEFAULT_PRODUCT, primaryColor: DEFAULT_COLOR, hasLogo: false };

/** The platform's white-label (anyone may read it: the login page shows it). */
export function useBranding() {
  return useQuery({ queryKey: KEY, queryFn: () => api<BrandingView>('GET', '/api/v1/branding'), staleTime: 60_000 });
}

export function useChangeBranding() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: { productName?: string | null; primaryColor?: string | null; logo?: string | null }) => api<BrandingView>('PATCH', '/api/v1/branding', patch),
    onSuccess: (b) => client.setQueryData(KEY, b),
  });
}
