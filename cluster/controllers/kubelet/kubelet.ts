// The simulated kubelets of every node in one controller: pods bound to a known node get a
// PodWorker; the node's pod CIDR hands out pod IPs; each node has its image cache and its own
// event source (`kubelet`, host = node name, E-13..E-20).
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { SimContext } from '../gc/informerFactory';
import { rfc3339 } from '../runtime/clock';
import { EventRecorder } from '../runtime/eventRecorder';
import type { Informer } from '../runtime/informer';
import { PODS, PVCS, errorText } from '../runtime/objects';
import { NODES } from '../scheduler/scheduler';
import type { ContainerSpec, PodSpec } from '../scheduler/podResources';
import { PodWorker, type KubeletHost } from './podWorker';

const HEARTBEAT_MS = 5 * 60_000;

export const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS: ResourceRef = { group: '', version: 'v1', resource: 'secrets' };

/** 10.244.<n>.0/24 for the n-th node by name (1-based) unless the node names its podCIDR. */
function podCIDRBase(node: KubeObject, index: number): string {
  const cidr = (node.spec as { podCIDR?: string } | undefined)?.podCIDR;
  if (cidr && /^\d+\.\d+\.\d+\.0\/24$/.test(cidr)) return cidr.slice(0, cidr.lastIndexOf('.'));
  return `10.244.${index + 1}`;
}

type EnvSource = { configMapKeyRef?: { name: string; key: string; optional?: boolean }; secretKeyRef?: { name: string; key: string; optional?: boolean } };

export class Kubelet implements KubeletHost {
  readonly clock;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly claims: Informer;
  private readonly configMaps: Informer;
  private readonly secrets: Informer;
  readonly workers = new Map<string, PodWorker>();
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly images = new Map<string, Set<string>>();
  private readonly usedIPs = new Map<string, Set<string>>();
  private running = false;
  private cancelHeartbeat: () => void = () => {};

  constructor(
    readonly client: ClusterClient,
    private readonly ctx: SimContext,
  ) {
    this.clock = ctx.clock;
    this.pods = ctx.informers.for(PODS);
    this.nodes = ctx.informers.for(NODES);
    this.claims = ctx.informers.for(PVCS);
    this.configMaps = ctx.informers.for(CONFIGMAPS);
    this.secrets = ctx.informers.for(SECRETS);
    this.pods.addHandlers({
      onAdd: (p) => this.onPod(p),
      onUpdate: (_o, p) => this.onPod(p),
      onDelete: (p) => this.onPodDeleted(p),
    });
    this.claims.addHandlers({ onUpdate: (_o, c) => this.kickNamespace(c), onAdd: (c) => this.kickNamespace(c) });
    this.configMaps.addHandlers({ onAdd: (c) => this.kickNamespace(c), onUpdate: (_o, c) => this.kickNamespace(c) });
    this.secrets.addHandlers({ onAdd: (c) => this.kickNamespace(c), onUpdate: (_o, c) => this.kickNamespace(c) });
    this.nodes.addHandlers({ onAdd: () => this.running && this.adoptAll() });
  }

  log(msg: string): void {
    this.ctx.log(msg);
  }

  /** Starts pod workers; call once the informers have synced. */
  run(): void {
    this.running = true;
    this.adoptAll();
    this.heartbeat();
  }

  /** Node status heartbeat (nodeStatusReportFrequency, 5 simulated minutes): conditions' lastHeartbeatTime. */
  private heartbeat(): void {
    if (!this.running) return;
    const now = rfc3339(this.clock.now());
    for (const n of this.nodes.list()) {
      const conditions = ((n.status as { conditions?: { type: string }[] } | undefined)?.conditions ?? []).map((c) => ({ type: c.type, lastHeartbeatTime: now }));
      if (!conditions.length) continue;
      void this.client
        .patch(NODES, undefined, n.metadata.name ?? '', 'strategic', { status: { conditions } }, { subresource: 'status' })
        .catch((e: unknown) => this.log(`node ${n.metadata.name} heartbeat: ${errorText(e)}`));
    }
    this.cancelHeartbeat = this.clock.setTimer(() => this.heartbeat(), HEARTBEAT_MS);
  }

  stop(): void {
    this.cancelHeartbeat();
    this.running = false;
    for (const w of this.workers.values()) w.dispose();
    this.workers.clear();
  }

  async flush(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.flushed()));
    await Promise.all([...this.recorders.values()].map((r) => r.flush()));
  }

  private adoptAll(): void {
    // Reserve every IP already handed out before a worker asks for a new one.
    for (const p of this.pods.list()) {
      const ip = (p.status as { podIP?: string } | undefined)?.podIP;
      const node = (p.spec as PodSpec | undefined)?.nodeName;
      if (ip && node) this.ipsOf(node).add(ip);
    }
    for (const p of this.pods.list()) this.onPod(p);
  }

  private onPod(pod: KubeObject): void {
    if (!this.running) return;
    const uid = pod.metadata.uid ?? '';
    const spec = (pod.spec ?? {}) as PodSpec;
    const existing = this.workers.get(uid);
    if (existing) return existing.update(pod);
    if (!spec.nodeName) return;
    const node = this.nodes.get(undefined, spec.nodeName);
    if (!node) {
      // Bound to a node that does not exist: nobody runs it. A delete of such a pod can never be
      // confirmed by a kubelet, so finish it like the pod garbage collector does (force delete).
      if (pod.metadata.deletionTimestamp) {
        void this.client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid } }).catch((e: unknown) => this.log(`force delete ${pod.metadata.name}: ${errorText(e)}`));
      }
      return;
    }
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if ((phase === 'Succeeded' || phase === 'Failed') && !pod.metadata.deletionTimestamp) return;
    const hostIP = ((node.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '10.0.0.1';
    const w = new PodWorker(this, pod, hostIP);
    this.workers.set(uid, w);
    w.begin();
  }

  private onPodDeleted(pod: KubeObject): void {
    const w = this.workers.get(pod.metadata.uid ?? '');
    if (!w) return;
    w.dispose();
    this.workers.delete(pod.metadata.uid ?? '');
  }

  private kickNamespace(obj: KubeObject): void {
    if (!this.running) return;
    const ns = obj.metadata.namespace;
    for (const p of this.pods.list(ns)) this.workers.get(p.metadata.uid ?? '')?.dependenciesChanged();
  }

  // ---- KubeletHost ----

  recorder(node: string): EventRecorder {
    let r = this.recorders.get(node);
    if (!r) this.recorders.set(node, (r = new EventRecorder(this.client, this.clock, { component: 'kubelet', host: node }, (e) => this.log(errorText(e)))));
    return r;
  }

  imagePresent(node: string, image: string): boolean {
    return this.images.get(node)?.has(image) ?? false;
  }

  markImagePresent(node: string, image: string): void {
    let s = this.images.get(node);
    if (!s) this.images.set(node, (s = new Set()));
    s.add(image);
  }

  private ipsOf(node: string): Set<string> {
    let s = this.usedIPs.get(node);
    if (!s) this.usedIPs.set(node, (s = new Set()));
    return s;
  }

  allocateIP(node: string): string {
    const names = this.nodes.list().map((n) => n.metadata.name ?? '').sort();
    const n = this.nodes.get(undefined, node);
    const base = n ? podCIDRBase(n, Math.max(0, names.indexOf(node))) : '10.244.0';
    const used = this.ipsOf(node);
    // A /24 per node holds 253 pods; simulated nodes may run more, so further addresses continue
    // in the next /16 (10.245.<n>.x, …) — a simulation-only widening of the node's pod CIDR.
    const [a, b, c] = base.split('.').map(Number);
    for (let i = 0; i < 253 * 40; i++) {
      const ip = `${a}.${b + Math.floor(i / 253)}.${c}.${2 + (i % 253)}`;
      if (!used.has(ip)) {
        used.add(ip);
        return ip;
      }
    }
    return `${base}.254`;
  }

  releaseIP(node: string, ip: string): void {
    this.usedIPs.get(node)?.delete(ip);
  }

  configError(pod: KubeObject, c: ContainerSpec): string | undefined {
    const ns = pod.metadata.namespace;
    for (const e of (c.env ?? []) as { valueFrom?: EnvSource }[]) {
      const cm = e.valueFrom?.configMapKeyRef;
      if (cm && !cm.optional) {
        const obj = this.configMaps.get(ns, cm.name);
        if (!obj) return `configmap "${cm.name}" not found`;
        if (!((obj.data as Record<string, string> | undefined)?.[cm.key] !== undefined || (obj.binaryData as Record<string, string> | undefined)?.[cm.key] !== undefined)) {
          return `couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`;
        }
      }
      const sec = e.valueFrom?.secretKeyRef;
      if (sec && !sec.optional) {
        const obj = this.secrets.get(ns, sec.name);
        if (!obj) return `secret "${sec.name}" not found`;
        if ((obj.data as Record<string, string> | undefined)?.[sec.key] === undefined && (obj.stringData as Record<string, string> | undefined)?.[sec.key] === undefined) {
          return `couldn't find key ${sec.key} in Secret ${ns}/${sec.name}`;
        }
      }
    }
    for (const e of (c.envFrom ?? []) as { configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[]) {
      if (e.configMapRef && !e.configMapRef.optional && !this.configMaps.get(ns, e.configMapRef.name)) return `configmap "${e.configMapRef.name}" not found`;
      if (e.secretRef && !e.secretRef.optional && !this.secrets.get(ns, e.secretRef.name)) return `secret "${e.secretRef.name}" not found`;
    }
    return undefined;
  }

  volumesReady(pod: KubeObject): boolean {
    for (const v of ((pod.spec as PodSpec).volumes ?? [])) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (!claim) continue;
      const pvc = this.claims.get(pod.metadata.namespace, claim);
      if ((pvc?.status as { phase?: string } | undefined)?.phase !== 'Bound') return false;
    }
    return true;
  }
}

export function start(client: ClusterClient, ctx: SimContext): Kubelet {
  return new Kubelet(client, ctx);
}
