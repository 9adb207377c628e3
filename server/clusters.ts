// Cluster registry: which Kubernetes API servers this console can reach.
// Sources: contexts of --kubeconfig (parsed by @kubernetes/client-node, never by hand) and the
// embedded cluster (through its own kubeconfig); --in-cluster arrives with the console-server issue.
import type { FastifyInstance } from 'fastify';
import { KubeConfig } from '@kubernetes/client-node';

export interface ClusterSummary {
  name: string;
  server: string;
  source: 'kubeconfig' | 'embedded' | 'in-cluster';
}

export function clustersFromKubeconfig(file: string, contexts: string[]): ClusterSummary[] {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const wanted = contexts.length ? contexts : kc.getContexts().map((c) => c.name);
  return wanted.map((name) => {
    const ctx = kc.getContextObject(name);
    if (!ctx) throw new Error(`context "${name}" not found in ${file}`);
    const cluster = kc.getCluster(ctx.cluster);
    return { name, server: cluster?.server ?? '', source: 'kubeconfig' as const };
  });
}

export const EMBEDDED_CLUSTER_NAME = 'ordinal';

export function registerClusterRoutes(
  app: FastifyInstance,
  opts: { kubeconfig?: string; contexts: string[]; embedded: boolean },
): void {
  let clusters = opts.kubeconfig ? clustersFromKubeconfig(opts.kubeconfig, opts.contexts) : [];
  if (opts.embedded) clusters = clusters.map((c) => ({ ...c, name: EMBEDDED_CLUSTER_NAME, source: 'embedded' as const }));
  app.get('/api/clusters', async () => ({ clusters }));
}
