// The console server's cluster registry (GET /api/clusters).
import { useQuery } from '@tanstack/react-query';

export interface ClusterSummary {
  name: string;
  server: string;
  source: 'kubeconfig' | 'embedded' | 'in-cluster';
}

async function fetchClusters(): Promise<ClusterSummary[]> {
  const res = await fetch('/api/clusters', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const body = (await res.json()) as { clusters: ClusterSummary[] };
  return body.clusters;
}

export function useClusters() {
  return useQuery({ queryKey: ['clusters'], queryFn: fetchClusters, staleTime: 30_000 });
}
