// Pod rows of the Resource Status tab (console-spec.md §3.3): status with reason, ready
// containers, restarts, revision tag, per-Pod usage from metrics.k8s.io.
import { ordinalOf } from '../../../k8s/statefulSetStatus';
import { parseQuantity } from '../../../k8s/format';
import type { ContainerStatus, Pod, PodMetrics } from '../../../k8s/types';

export interface PodRow {
  name: string;
  ordinal: number;
  phase: string;
  reason?: string;
  ready: number;
  total: number;
  revision?: string;
  updated: boolean;
  node?: string;
  podIP?: string;
  restarts: number;
  created?: string;
  terminating: boolean;
  pod: Pod;
}

/** kubectl's STATUS column logic, reduced: a waiting/terminated reason wins over the phase. */
export function podReason(pod: Pod): string | undefined {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const init = pod.status?.initContainerStatuses ?? [];
  for (const c of init) {
    const r = c.state?.waiting?.reason ?? (c.state?.terminated && c.state.terminated.exitCode !== 0 ? c.state.terminated.reason : undefined);
    if (r && r !== 'PodInitializing') return `Init:${r}`;
  }
  for (const c of pod.status?.containerStatuses ?? []) {
    const r = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (r) return r;
  }
  return pod.status?.reason;
}

export function toPodRow(pod: Pod, updateRevision: string | undefined): PodRow {
  const cs: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  const revision = pod.metadata.labels?.['controller-revision-hash'];
  return {
    name: pod.metadata.name,
    ordinal: ordinalOf(pod),
    phase: pod.status?.phase ?? 'Pending',
    reason: podReason(pod),
    ready: cs.filter((c) => c.ready).length,
    total: pod.spec?.containers.length ?? cs.length,
    revision,
    updated: !!revision && revision === updateRevision,
    node: pod.spec?.nodeName,
    podIP: pod.status?.podIP,
    restarts: [...cs, ...(pod.status?.initContainerStatuses ?? [])].reduce((n, c) => n + (c.restartCount ?? 0), 0),
    created: pod.metadata.creationTimestamp,
    terminating: !!pod.metadata.deletionTimestamp,
    pod,
  };
}

/** Sorted by ordinal ascending [002]. */
export function podRows(pods: readonly Pod[], updateRevision: string | undefined): PodRow[] {
  return pods.map((p) => toPodRow(p, updateRevision)).sort((a, b) => a.ordinal - b.ordinal || a.name.localeCompare(b.name));
}

/** `web-7c9d8f` → `7c9d8f`; revisions are shown by their hash suffix. */
export function shortRevision(rev: string | undefined, stsName: string): string {
  if (!rev) return '—';
  return rev.startsWith(`${stsName}-`) ? rev.slice(stsName.length + 1) : rev;
}

export interface Usage {
  cpu: number;
  memory: number;
}

export function usageByPod(metrics: readonly PodMetrics[]): Map<string, Usage> {
  const out = new Map<string, Usage>();
  for (const m of metrics) {
    let cpu = 0;
    let memory = 0;
    for (const c of m.containers ?? []) {
      cpu += parseQuantity(c.usage?.cpu) || 0;
      memory += parseQuantity(c.usage?.memory) || 0;
    }
    out.set(m.metadata.name, { cpu, memory });
  }
  return out;
}
