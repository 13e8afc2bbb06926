import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TrafficAccountPatch, TrafficAccountView } from '../../../../src/contracts/accounts.ts';
import { api } from '../../lib/http.ts';

const KEY = ['traffic-accounts'] as const;

export function useTrafficAccounts() {
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await api<{ trafficAccounts: TrafficAccountView[] }>('GET', '/api/v1/traffic-accounts')).trafficAccounts,
  });
}

export function useChangeTrafficAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, patch }: { name: string; patch: TrafficAccountPatch }) => api<TrafficAccountView>('PATCH', `/api/v1/traffic-accounts/${encodeURIComponent(name)}`, patch),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
