// Resource arithmetic shared by the scheduler, the kubelet simulation and metrics: a pod's
// effective requests (upstream resourcehelper.PodRequests: max(sum of app containers plus
// restartable init containers, largest init container) + overhead) as milli-units.
import { parseQuantity, quantityMilliValue } from '../../registry/validation/quantity';
import type { KubeObject } from '../../types';

export type ResourceMap = Record<string, number>; // resource name → milli-units

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort: number; hostPort?: number; protocol?: string; name?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  restartPolicy?: string;
  imagePullPolicy?: string;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { postStart?: unknown; preStop?: unknown };
  env?: unknown[];
  envFrom?: unknown[];
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string; host?: string };
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  overhead?: Record<string, string>;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  hostname?: string;
  subdomain?: string;
  schedulerName?: string;
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string; optional?: boolean }; secret?: { secretName: string; optional?: boolean } }[];
  priority?: number;
  preemptionPolicy?: string;
  schedulingGates?: { name: string }[];
  hostNetwork?: boolean;
  activeDeadlineSeconds?: number;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface PodAffinityTerm {
  labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | null;
  namespaces?: string[];
  namespaceSelector?: { matchLabels?: Record<string, string> } | null;
  topologyKey: string;
}

interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
  };
  podAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[];
  };
  podAntiAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[];
  };
}

export function podSpecOf(pod: KubeObject): PodSpec {
  return (pod.spec ?? { containers: [] }) as PodSpec;
}

export function milli(q: unknown): number {
  if (q === undefined || q === null) return 0;
  try {
    return quantityMilliValue(parseQuantity(String(q)));
  } catch {
    return 0;
  }
}

function add(into: ResourceMap, list: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) into[k] = (into[k] ?? 0) + milli(v);
}

function maxInto(into: ResourceMap, list: ResourceMap): void {
  for (const [k, v] of Object.entries(list)) into[k] = Math.max(into[k] ?? 0, v);
}

const requestCache = new WeakMap<PodSpec, ResourceMap>();

/** Effective pod requests in milli-units (cpu in millicores, memory in milli-bytes); memoized per
 * spec object, which informer caches never mutate. */
export function podRequests(spec: PodSpec): ResourceMap {
  let r = requestCache.get(spec);
  if (!r) requestCache.set(spec, (r = computePodRequests(spec)));
  return r;
}

function computePodRequests(spec: PodSpec): ResourceMap {
  const sum: ResourceMap = {};
  for (const c of spec.containers ?? []) add(sum, c.resources?.requests);
  const initMax: ResourceMap = {};
  const sidecars: ResourceMap = {};
  for (const c of spec.initContainers ?? []) {
    const r: ResourceMap = {};
    add(r, c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      add(sidecars, c.resources?.requests);
      continue;
    }
    // A regular init container runs beside the sidecars started before it.
    for (const [k, v] of Object.entries(sidecars)) r[k] = (r[k] ?? 0) + v;
    maxInto(initMax, r);
  }
  for (const [k, v] of Object.entries(sidecars)) sum[k] = (sum[k] ?? 0) + v;
  maxInto(sum, initMax);
  add(sum, spec.overhead);
  return sum;
}

/** Container limits (milli), for metrics that must stay below them. */
export function containerLimits(c: ContainerSpec): ResourceMap {
  const r: ResourceMap = {};
  add(r, c.resources?.limits);
  return r;
}

export function containerRequests(c: ContainerSpec): ResourceMap {
  const r: ResourceMap = {};
  add(r, c.resources?.requests);
  return r;
}
