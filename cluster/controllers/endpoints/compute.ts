// Pure computation of a Service's Endpoints subsets and EndpointSlice endpoints from its pods
// (pkg/controller/endpoint, pkg/controller/endpointslice): ready pods as addresses, unready ones
// as notReadyAddresses (all ready with publishNotReadyAddresses), target ports resolved by name
// against the pod's container ports, `hostname` for pods whose subdomain is the service.
import type { KubeObject } from '../../types';
import type { PodSpec } from '../scheduler/podResources';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
  type?: string;
}

interface PodStatusLite {
  phase?: string;
  podIP?: string;
  conditions?: { type: string; status: string }[];
}

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace?: string; name?: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface Subset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export function selectsPod(svc: KubeObject, pod: KubeObject): boolean {
  const sel = (svc.spec as ServiceSpec | undefined)?.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

function isPodReady(pod: KubeObject): boolean {
  return ((pod.status as PodStatusLite | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** findPort: a numeric targetPort is used as is; a name is looked up in the containers' ports. */
function resolveTargetPort(pod: KubeObject, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const c of (pod.spec as PodSpec | undefined)?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  }
  return undefined;
}

function ipKey(ip: string): string {
  return ip
    .split('.')
    .map((p) => p.padStart(3, '0'))
    .join('.');
}

/** Whether the pod appears in endpoints at all (has an IP, not finished, not being deleted unless published). */
function podEligible(svc: KubeObject, pod: KubeObject, forSlices: boolean): boolean {
  const st = (pod.status ?? {}) as PodStatusLite;
  if (!st.podIP || st.phase === 'Succeeded' || st.phase === 'Failed') return false;
  if (pod.metadata.deletionTimestamp && !forSlices && !(svc.spec as ServiceSpec).publishNotReadyAddresses) return false;
  return true;
}

function endpointAddress(svc: KubeObject, pod: KubeObject): EndpointAddress {
  const spec = (pod.spec ?? {}) as PodSpec;
  // Field order as upstream serializes EndpointAddress: ip, hostname, nodeName, targetRef.
  const a: Partial<EndpointAddress> = { ip: (pod.status as PodStatusLite).podIP ?? '' };
  if (spec.hostname && spec.subdomain === svc.metadata.name) a.hostname = spec.hostname;
  if (spec.nodeName) a.nodeName = spec.nodeName;
  a.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return a as EndpointAddress;
}

/** Endpoints subsets, repacked: pods with the same resolved ports share a subset; addresses sorted by IP. */
export function computeSubsets(svc: KubeObject, pods: KubeObject[]): Subset[] {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    if (!selectsPod(svc, pod) || !podEligible(svc, pod, false)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of spec.ports ?? []) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    // Headless services without ports still list addresses (upstream keeps a port-less subset).
    if (!ports.length && (spec.ports ?? []).length) continue;
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    const addr = endpointAddress(svc, pod);
    if (isPodReady(pod) || spec.publishNotReadyAddresses) g.ready.push(addr);
    else g.notReady.push(addr);
  }
  const subsets: Subset[] = [];
  for (const g of groups.values()) {
    const s: Subset = {};
    if (g.ready.length) s.addresses = g.ready.sort((a, b) => ipKey(a.ip).localeCompare(ipKey(b.ip)));
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort((a, b) => ipKey(a.ip).localeCompare(ipKey(b.ip)));
    if (g.ports.length) s.ports = g.ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
    subsets.push(s);
  }
  return subsets;
}

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace?: string; name?: string; uid?: string };
  nodeName?: string;
  zone?: string;
}

/** One slice's endpoints and ports (the simulation keeps one slice per service). */
export function computeSlice(svc: KubeObject, pods: KubeObject[], zoneOf: (node: string) => string | undefined): { endpoints: SliceEndpoint[]; ports: EndpointPort[] } {
  const spec = (svc.spec ?? {}) as ServiceSpec;
  const endpoints: SliceEndpoint[] = [];
  let ports: EndpointPort[] | undefined;
  for (const pod of pods) {
    if (!selectsPod(svc, pod) || !podEligible(svc, pod, true)) continue;
    const resolved: EndpointPort[] = [];
    for (const sp of spec.ports ?? []) {
      const port = resolveTargetPort(pod, sp);
      if (port === undefined) continue;
      resolved.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    ports ??= resolved;
    const ready = isPodReady(pod);
    const terminating = !!pod.metadata.deletionTimestamp;
    const addr = endpointAddress(svc, pod);
    const ep: SliceEndpoint = {
      addresses: [addr.ip],
      conditions: { ready: (ready && !terminating) || !!spec.publishNotReadyAddresses, serving: ready, terminating },
      targetRef: addr.targetRef,
    };
    if (addr.hostname) ep.hostname = addr.hostname;
    if (addr.nodeName) {
      ep.nodeName = addr.nodeName;
      const z = zoneOf(addr.nodeName);
      if (z) ep.zone = z;
    }
    endpoints.push(ep);
  }
  endpoints.sort((a, b) => ipKey(a.addresses[0]).localeCompare(ipKey(b.addresses[0])));
  return { endpoints, ports: ports ?? [] };
}
