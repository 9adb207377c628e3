// metrics.k8s.io/v1beta1 PodMetrics/NodeMetrics (M-3) and the kubelet stats summary (M-4) from the
// pod and node caches: computed per request from usage.ts, nothing kept in between.
import type { MetricsSource } from '../../api/handlers/virtual';
import type { NodeStatsSource } from '../../api/server';
import type { KubeObject } from '../../types';
import { rfc3339, type Clock } from '../runtime/clock';
import type { Informer } from '../runtime/informer';
import type { PodSpec } from '../scheduler/podResources';
import { containerUsage, cpuCoreNanoSeconds, cpuQuantity, memoryQuantity, networkCounters, type Usage } from './usage';

const SYSTEM_CPU_MILLI = 180; // kubelet, runtime and system daemons
const SYSTEM_MEMORY = 1.1 * 1024 * 1024 * 1024;

interface RunningContainer {
  name: string;
  startedAt: number;
  usage: Usage;
}

/** Containers of a pod that run now with their usage; empty when the pod has no metrics. */
function runningContainers(pod: KubeObject, now: number, speed: number): RunningContainer[] {
  const spec = (pod.spec ?? { containers: [] }) as PodSpec;
  const st = (pod.status ?? {}) as { phase?: string; containerStatuses?: { name: string; state?: { running?: { startedAt?: string } } }[] };
  if (st.phase !== 'Running') return [];
  const out: RunningContainer[] = [];
  for (const cs of st.containerStatuses ?? []) {
    const startedAt = Date.parse(cs.state?.running?.startedAt ?? '');
    const c = spec.containers.find((x) => x.name === cs.name);
    if (!c || !startedAt) continue;
    out.push({ name: cs.name, startedAt, usage: containerUsage(pod.metadata.uid ?? '', c, startedAt, now, speed) });
  }
  return out;
}

export function podMetricsObject(pod: KubeObject, now: number, speed: number): KubeObject | undefined {
  const cs = runningContainers(pod, now, speed);
  if (!cs.length) return undefined;
  const meta: KubeObject['metadata'] = { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: rfc3339(now) };
  if (pod.metadata.labels) meta.labels = pod.metadata.labels;
  return {
    metadata: meta,
    timestamp: rfc3339(now - 10_000),
    window: '15.137s',
    containers: cs.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.usage.cpuMilli), memory: memoryQuantity(c.usage.memoryBytes) } })),
  };
}

function nodeUsage(pods: KubeObject[], now: number, speed: number): Usage {
  let cpu = SYSTEM_CPU_MILLI;
  let mem = SYSTEM_MEMORY;
  for (const p of pods) for (const c of runningContainers(p, now, speed)) {
    cpu += c.usage.cpuMilli;
    mem += c.usage.memoryBytes;
  }
  return { cpuMilli: cpu, memoryBytes: mem };
}

export class SimMetrics implements MetricsSource, NodeStatsSource {
  constructor(
    private readonly clock: Clock,
    private readonly pods: Informer,
    private readonly nodes: Informer,
  ) {}

  private podsOn(node: string): KubeObject[] {
    return this.pods.list().filter((p) => (p.spec as PodSpec | undefined)?.nodeName === node);
  }

  podMetrics(namespace: string | undefined): KubeObject[] {
    const now = this.clock.now();
    return this.pods
      .list(namespace)
      .map((p) => podMetricsObject(p, now, this.clock.speed))
      .filter((m): m is KubeObject => !!m)
      .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  }

  nodeMetrics(): KubeObject[] {
    const now = this.clock.now();
    return this.nodes
      .list()
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
      .map((n) => {
        const u = nodeUsage(this.podsOn(n.metadata.name ?? ''), now, this.clock.speed);
        const meta: KubeObject['metadata'] = { name: n.metadata.name, creationTimestamp: rfc3339(now) };
        if (n.metadata.labels) meta.labels = n.metadata.labels;
        return { metadata: meta, timestamp: rfc3339(now - 10_000), window: '20.05s', usage: { cpu: cpuQuantity(u.cpuMilli), memory: memoryQuantity(u.memoryBytes) } };
      });
  }

  /** GET /api/v1/nodes/<node>/proxy/stats/summary (M-4); undefined for an unknown node. */
  summary(nodeName: string): object | undefined {
    const node = this.nodes.get(undefined, nodeName);
    if (!node) return undefined;
    const now = this.clock.now();
    const speed = this.clock.speed;
    const ts = rfc3339(now);
    const nodeStart = Date.parse(node.metadata.creationTimestamp ?? '') || now;
    const alloc = (node.status as { capacity?: Record<string, string> } | undefined)?.capacity ?? {};
    const capacityBytes = /Gi$/.test(alloc.memory ?? '') ? parseInt(alloc.memory!, 10) * 1024 ** 3 : 32 * 1024 ** 3;
    const pods = this.podsOn(nodeName);
    const nu = nodeUsage(pods, now, speed);
    const podStats = pods
      .map((p) => {
        const cs = runningContainers(p, now, speed);
        if (!cs.length) return undefined;
        const start = Date.parse((p.status as { startTime?: string } | undefined)?.startTime ?? '') || cs[0].startedAt;
        const net = networkCounters(p.metadata.uid ?? '', start, now, speed);
        const cpu = cs.reduce((a, c) => a + c.usage.cpuMilli, 0);
        const mem = cs.reduce((a, c) => a + c.usage.memoryBytes, 0);
        const iface = { name: 'eth0', ...net, rxErrors: 0, txErrors: 0 };
        const volumes = ((p.spec as PodSpec).volumes ?? [])
          .filter((v) => v.persistentVolumeClaim)
          .map((v) => {
            const cap = 1024 ** 3;
            const used = Math.round(cap * (0.05 + 0.1 * ((net.rxBytes % 997) / 997)));
            return { time: ts, availableBytes: cap - used, capacityBytes: cap, usedBytes: used, name: v.name, pvcRef: { name: v.persistentVolumeClaim!.claimName, namespace: p.metadata.namespace } };
          });
        return {
          podRef: { name: p.metadata.name, namespace: p.metadata.namespace, uid: p.metadata.uid },
          startTime: rfc3339(start),
          containers: cs.map((c) => ({
            name: c.name,
            startTime: rfc3339(c.startedAt),
            cpu: { time: ts, usageNanoCores: Math.round(c.usage.cpuMilli * 1e6), usageCoreNanoSeconds: cpuCoreNanoSeconds(c.usage, c.startedAt, now, speed) },
            memory: { time: ts, workingSetBytes: c.usage.memoryBytes, usageBytes: Math.round(c.usage.memoryBytes * 1.1) },
          })),
          cpu: { time: ts, usageNanoCores: Math.round(cpu * 1e6), usageCoreNanoSeconds: cs.reduce((a, c) => a + cpuCoreNanoSeconds(c.usage, c.startedAt, now, speed), 0) },
          memory: { time: ts, workingSetBytes: mem, usageBytes: Math.round(mem * 1.1) },
          network: { time: ts, ...iface, interfaces: [iface] },
          volume: volumes,
        };
      })
      .filter((x) => !!x);
    const totals = podStats.reduce((a, p) => ({ rx: a.rx + p.network.rxBytes, tx: a.tx + p.network.txBytes }), { rx: 0, tx: 0 });
    const nodeNet = networkCounters(`node/${nodeName}`, nodeStart, now, speed, 0.2);
    const nodeIface = { name: 'eth0', rxBytes: nodeNet.rxBytes + totals.rx, rxErrors: 0, txBytes: nodeNet.txBytes + totals.tx, txErrors: 0 };
    return {
      node: {
        nodeName,
        startTime: rfc3339(nodeStart),
        cpu: { time: ts, usageNanoCores: Math.round(nu.cpuMilli * 1e6), usageCoreNanoSeconds: cpuCoreNanoSeconds(nu, nodeStart, now, speed) },
        memory: { time: ts, availableBytes: Math.max(0, capacityBytes - nu.memoryBytes), usageBytes: Math.round(nu.memoryBytes * 1.2), workingSetBytes: nu.memoryBytes },
        network: { time: ts, ...nodeIface, interfaces: [nodeIface] },
      },
      pods: podStats,
    };
  }
}
