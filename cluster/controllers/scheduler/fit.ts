// The scheduler's filter and score plugins as pure functions (pkg/scheduler/framework/plugins):
// NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, InterPodAffinity
// in the default profile's order, each node stopping at its first failing plugin; the FitError
// text (E-11) with reasons counted, sorted as strings and joined, plus the preemption part.
import type { KubeObject } from '../../types';
import { selectorMatcher } from '../runtime/labelSelector';
import {
  milli, podRequests, podSpecOf, type NodeSelectorRequirement, type NodeSelectorTerm, type PodAffinityTerm, type ResourceMap, type Toleration,
} from './podResources';

export interface NodeInfo {
  node: KubeObject;
  /** Pods bound to the node that still occupy it (not Succeeded/Failed). */
  pods: KubeObject[];
}

export interface FilterResult {
  reasons: string[];
  /** UnschedulableAndUnresolvable: preemption cannot help on this node. */
  unresolvable: boolean;
}

type Taint = { key: string; value?: string; effect: string };

interface NodeSpecLite {
  unschedulable?: boolean;
  taints?: Taint[];
}

const labelsOf = (o: KubeObject): Record<string, string> => o.metadata.labels ?? {};

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return (t.key ?? '') === taint.key && (t.value ?? '') === (taint.value ?? '');
}

function matchRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(value);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && Number(value) > Number(r.values?.[0]);
    case 'Lt':
      return has && Number(value) < Number(r.values?.[0]);
    default:
      return false;
  }
}

function matchNodeSelectorTerm(term: NodeSelectorTerm, node: KubeObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false; // an empty term matches nothing
  const labels = labelsOf(node);
  return exprs.every((r) => matchRequirement(r, labels[r.key])) && fields.every((r) => r.key === 'metadata.name' && matchRequirement(r, node.metadata.name));
}

/** nodeSelector AND required node affinity (any term). */
function matchesNodeAffinity(pod: KubeObject, node: KubeObject): boolean {
  const spec = podSpecOf(pod);
  const labels = labelsOf(node);
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => matchNodeSelectorTerm(t, node))) return false;
  return true;
}

function isActive(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** Milli-units requested by the pods already on the node, plus their count. */
function requestedOnNode(info: NodeInfo): ResourceMap {
  const sum: ResourceMap = { pods: 0 };
  for (const p of info.pods) {
    if (!isActive(p)) continue;
    for (const [k, v] of Object.entries(podRequests(podSpecOf(p)))) sum[k] = (sum[k] ?? 0) + v;
    sum.pods += 1000;
  }
  return sum;
}

function allocatableOf(node: KubeObject): ResourceMap {
  const alloc = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {}) as Record<string, string>;
  const out: ResourceMap = {};
  for (const [k, v] of Object.entries(alloc)) out[k] = milli(v);
  return out;
}

function termMatches(term: PodAffinityTerm, owner: KubeObject, other: KubeObject): boolean {
  const namespaces = term.namespaces?.length ? term.namespaces : term.namespaceSelector ? undefined : [owner.metadata.namespace];
  // namespaceSelector: {} selects every namespace; label-based selection is treated the same (simulation).
  if (namespaces && !namespaces.includes(other.metadata.namespace)) return false;
  const m = selectorMatcher(term.labelSelector ?? undefined);
  return m ? m(other.metadata.labels) : false;
}

interface AffinityIndex {
  nodes: Map<string, KubeObject>;
  /** Every active bound pod with its node. */
  pods: { pod: KubeObject; node: KubeObject }[];
}

function sameDomain(a: KubeObject, b: KubeObject, key: string): boolean {
  const va = labelsOf(a)[key];
  return va !== undefined && labelsOf(b)[key] === va;
}

function interPodAffinity(pod: KubeObject, node: KubeObject, idx: AffinityIndex): FilterResult | undefined {
  // Existing pods' required anti-affinity that the incoming pod matches.
  for (const { pod: other, node: otherNode } of idx.pods) {
    for (const t of podSpecOf(other).affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (termMatches(t, other, pod) && sameDomain(node, otherNode, t.topologyKey)) {
        return { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], unresolvable: false };
      }
    }
  }
  const aff = podSpecOf(pod).affinity;
  const affinityTerms = aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (affinityTerms.length) {
    const satisfied = affinityTerms.every((t) => idx.pods.some(({ pod: o, node: n }) => termMatches(t, pod, o) && sameDomain(node, n, t.topologyKey)));
    if (!satisfied) {
      // The first pod of a group that selects itself may go anywhere the topology key exists.
      const anyMatch = affinityTerms.some((t) => idx.pods.some(({ pod: o }) => termMatches(t, pod, o)));
      const selfMatch = affinityTerms.every((t) => termMatches(t, pod, pod) && labelsOf(node)[t.topologyKey] !== undefined);
      if (anyMatch || !selfMatch) return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true };
    }
  }
  for (const t of aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (idx.pods.some(({ pod: o, node: n }) => o.metadata.uid !== pod.metadata.uid && termMatches(t, pod, o) && sameDomain(node, n, t.topologyKey))) {
      return { reasons: ["node(s) didn't match pod anti-affinity rules"], unresolvable: false };
    }
  }
  return undefined;
}

const RESOURCE_ORDER = ['cpu', 'memory', 'ephemeral-storage'];

function resourceFit(pod: KubeObject, info: NodeInfo): FilterResult | undefined {
  const req = podRequests(podSpecOf(pod));
  const alloc = allocatableOf(info.node);
  const used = requestedOnNode(info);
  const reasons: string[] = [];
  let unresolvable = false;
  if ((used.pods ?? 0) + 1000 > (alloc.pods ?? 110_000)) reasons.push('Too many pods');
  const names = Object.keys(req).sort((a, b) => {
    const ia = RESOURCE_ORDER.indexOf(a);
    const ib = RESOURCE_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  for (const r of names) {
    const want = req[r];
    if (!want || r === 'pods') continue;
    const have = alloc[r] ?? 0;
    if (want > have - (used[r] ?? 0)) {
      reasons.push(`Insufficient ${r}`);
      if (want > have) unresolvable = true; // cannot fit even on an empty node (1.32 fit.go)
    }
  }
  return reasons.length ? { reasons, unresolvable } : undefined;
}

function hostPorts(pod: KubeObject, info: NodeInfo): FilterResult | undefined {
  const want = new Set<string>();
  for (const c of podSpecOf(pod).containers ?? []) for (const p of c.ports ?? []) if (p.hostPort) want.add(`${p.protocol ?? 'TCP'}/${p.hostPort}`);
  if (!want.size) return undefined;
  for (const o of info.pods) {
    if (!isActive(o)) continue;
    for (const c of podSpecOf(o).containers ?? []) {
      for (const p of c.ports ?? []) {
        if (p.hostPort && want.has(`${p.protocol ?? 'TCP'}/${p.hostPort}`)) {
          return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
        }
      }
    }
  }
  return undefined;
}

/** Runs the filters for one node; undefined = the pod fits. */
function filterNode(pod: KubeObject, info: NodeInfo, idx: AffinityIndex): FilterResult | undefined {
  const node = info.node;
  const spec = (node.spec ?? {}) as NodeSpecLite;
  const tolerations = podSpecOf(pod).tolerations ?? [];
  if (spec.unschedulable) {
    const unsched: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
    if (!tolerations.some((t) => tolerates(t, unsched))) return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  }
  const taint = (spec.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => tolerates(tol, t)));
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], unresolvable: true };
  if (!matchesNodeAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  return hostPorts(pod, info) ?? resourceFit(pod, info) ?? interPodAffinity(pod, node, idx);
}

function buildAffinityIndex(infos: NodeInfo[]): AffinityIndex {
  const nodes = new Map(infos.map((i) => [i.node.metadata.name ?? '', i.node]));
  const pods = infos.flatMap((i) => i.pods.filter(isActive).map((pod) => ({ pod, node: i.node })));
  return { nodes, pods };
}

function histogram(counts: Map<string, number>): string {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

/**
 * FitError.Error() followed by the default preemption plugin's PostFilter message. Preemption
 * finds no victims because simulated pods all share priority 0.
 */
export function fitErrorMessage(numNodes: number, statuses: Map<string, FilterResult>, preFilterMsg?: string, preemptionNever = false): string {
  if (numNodes === 0) return 'no nodes available to schedule pods';
  let msg = `0/${numNodes} nodes are available:`;
  const post = new Map<string, number>();
  if (preFilterMsg) {
    msg += ` ${preFilterMsg}.`;
    post.set('Preemption is not helpful for scheduling', numNodes);
  } else {
    const reasons = new Map<string, number>();
    for (const st of statuses.values()) {
      for (const r of st.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
      const p = st.unresolvable ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod';
      post.set(p, (post.get(p) ?? 0) + 1);
    }
    if (reasons.size) msg += ` ${histogram(reasons)}.`;
  }
  // PodEligibleToPreemptOthers: its message already ends in a period, and FitError adds one.
  if (preemptionNever) msg += ' preemption: not eligible due to preemptionPolicy=Never..';
  else if (post.size) msg += ` preemption: 0/${numNodes} nodes are available: ${histogram(post)}.`;
  return msg;
}

// ---- scoring (default profile weights) ----

function leastAllocated(pod: KubeObject, info: NodeInfo): number {
  const req = podRequests(podSpecOf(pod));
  const alloc = allocatableOf(info.node);
  const used = requestedOnNode(info);
  let total = 0;
  for (const r of ['cpu', 'memory']) {
    // Non-zero defaults for best-effort pods (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest).
    const want = req[r] || (r === 'cpu' ? 100 : 200 * 1024 * 1024 * 1000);
    const cap = alloc[r] ?? 0;
    const free = cap - (used[r] ?? 0) - want;
    total += cap > 0 && free > 0 ? (free * 100) / cap : 0;
  }
  return total / 2;
}

function preferredNodeAffinity(pod: KubeObject, node: KubeObject): number {
  let s = 0;
  for (const p of podSpecOf(pod).affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (matchNodeSelectorTerm(p.preference, node)) s += p.weight;
  }
  return s;
}

function preferredPodAffinity(pod: KubeObject, node: KubeObject, idx: AffinityIndex): number {
  const aff = podSpecOf(pod).affinity;
  let s = 0;
  for (const { weight, podAffinityTerm: t } of aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    for (const { pod: o, node: n } of idx.pods) if (termMatches(t, pod, o) && sameDomain(node, n, t.topologyKey)) s += weight;
  }
  for (const { weight, podAffinityTerm: t } of aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    for (const { pod: o, node: n } of idx.pods) if (termMatches(t, pod, o) && sameDomain(node, n, t.topologyKey)) s -= weight;
  }
  return s;
}

/** Pods of the same controller already in the node's zone and on the node (default topology spreading). */
function spreadPenalty(pod: KubeObject, node: KubeObject, idx: AffinityIndex): number {
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
  if (!owner) return 0;
  let n = 0;
  for (const { pod: o, node: on } of idx.pods) {
    if (o.metadata.ownerReferences?.some((r) => r.uid === owner)) {
      if (on.metadata.name === node.metadata.name) n += 3;
      else if (sameDomain(node, on, 'topology.kubernetes.io/zone')) n += 1;
    }
  }
  return n;
}

function preferNoScheduleTaints(pod: KubeObject, node: KubeObject): number {
  const tolerations = podSpecOf(pod).tolerations ?? [];
  return ((node.spec as NodeSpecLite | undefined)?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerations.some((x) => tolerates(x, t))).length;
}

function scoreNode(pod: KubeObject, info: NodeInfo, idx: AffinityIndex): number {
  return (
    leastAllocated(pod, info) +
    2 * preferredNodeAffinity(pod, info.node) +
    2 * preferredPodAffinity(pod, info.node, idx) -
    30 * preferNoScheduleTaints(pod, info.node) -
    20 * spreadPenalty(pod, info.node, idx)
  );
}

export type ScheduleResult = { node: string } | { error: string; statuses: Map<string, FilterResult> };

/** One scheduling cycle over a snapshot: the best feasible node, or the FailedScheduling text. */
export function schedulePod(pod: KubeObject, infos: NodeInfo[], preFilterMsg?: string): ScheduleResult {
  const statuses = new Map<string, FilterResult>();
  const never = podSpecOf(pod).preemptionPolicy === 'Never';
  if (preFilterMsg || infos.length === 0) return { error: fitErrorMessage(infos.length, statuses, preFilterMsg, never), statuses };
  const idx = buildAffinityIndex(infos);
  let best: { name: string; score: number } | undefined;
  for (const info of [...infos].sort((a, b) => (a.node.metadata.name ?? '').localeCompare(b.node.metadata.name ?? ''))) {
    const st = filterNode(pod, info, idx);
    const name = info.node.metadata.name ?? '';
    if (st) {
      statuses.set(name, st);
      continue;
    }
    const score = scoreNode(pod, info, idx);
    if (!best || score > best.score) best = { name, score };
  }
  if (best) return { node: best.name };
  return { error: fitErrorMessage(infos.length, statuses, undefined, never), statuses };
}
