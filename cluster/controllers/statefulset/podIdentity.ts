// Pod and claim identity of StatefulSet members (semantics §3, upstream stateful_set_utils.go):
// names, ordinals, labels, hostname/subdomain, claim volumes, and the pod predicates the
// control logic uses (running-and-ready, available, terminating, …).
import type { KubeObject } from '../../types';
import { newControllerRef } from '../runtime/objects';
import type { ClaimTemplate, Pod, StatefulSet, Volume } from './types';
import { POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL, STATEFULSET_API_VERSION, STATEFULSET_KIND } from './types';

const STATEFUL_POD_RE = /^(.*)-([0-9]+)$/;

/** I-1: parent name and ordinal parsed from a pod name; ordinal −1 when it does not parse (32-bit). */
function parentAndOrdinal(name: string | undefined): { parent: string; ordinal: number } {
  const m = STATEFUL_POD_RE.exec(name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: Number.isSafeInteger(n) && n <= 2147483647 ? n : -1 };
}

export const ordinalOf = (pod: KubeObject): number => parentAndOrdinal(pod.metadata.name).ordinal;

export const isMemberOf = (set: StatefulSet, pod: KubeObject): boolean =>
  parentAndOrdinal(pod.metadata.name).parent === set.metadata.name;

export const startOrdinal = (set: StatefulSet): number => set.spec.ordinals?.start ?? 0;
export const replicasOf = (set: StatefulSet): number => set.spec.replicas ?? 1;
const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + replicasOf(set) - 1;

export function inOrdinalRange(pod: KubeObject, set: StatefulSet): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

const claimName = (set: StatefulSet, template: ClaimTemplate, ordinal: number): string =>
  `${template.metadata.name}-${set.metadata.name}-${ordinal}`;

export const podRevision = (pod: KubeObject): string => pod.metadata.labels?.[REVISION_LABEL] ?? '';

/** I-5: the claims a pod of this ordinal needs, keyed by template name, in template order. */
export function claimsFor(set: StatefulSet, ordinal: number): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const claim = structuredClone(t) as KubeObject;
    const meta = { ...claim.metadata };
    delete meta.creationTimestamp;
    meta.name = claimName(set, t, ordinal);
    meta.namespace = set.metadata.namespace;
    meta.labels = { ...(meta.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
    if (Object.keys(meta.labels).length === 0) delete meta.labels;
    claim.metadata = meta;
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    delete claim.status;
    out.set(t.metadata.name ?? '', claim);
  }
  return out;
}

/** identityMatches (I-4). */
export function identityMatches(set: StatefulSet, pod: KubeObject): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name
  );
}

/** storageMatches (I-4): every claim template is mounted with this ordinal's claim name. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (set.spec.volumeClaimTemplates ?? []).every((t) => {
    const v = volumes.get(t.metadata.name ?? '');
    return v?.persistentVolumeClaim?.claimName === claimName(set, t, ordinal);
  });
}

/** updateIdentity: name, namespace, pod-name and pod-index labels. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
}

/** updateStorage (I-3): claim volumes first (template order), then the other volumes. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = claimsFor(set, ordinalOf(pod));
  const volumes: Volume[] = [...claims].map(([name, c]) => ({ name, persistentVolumeClaim: { claimName: c.metadata.name ?? '' } }));
  for (const v of pod.spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  pod.spec.volumes = volumes;
}

/** newStatefulSetPod (I-3): template copy + identity + storage. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const t = set.spec.template;
  const metadata: KubeObject['metadata'] = {
    name: podName(set, ordinal),
    generateName: `${set.metadata.name}-`,
    namespace: set.metadata.namespace,
    labels: { ...(t.metadata?.labels ?? {}) },
    ownerReferences: [newControllerRef(set, STATEFULSET_API_VERSION, STATEFULSET_KIND)],
  };
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length) metadata.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers?.length) metadata.finalizers = [...t.metadata.finalizers];
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(t.spec ?? {}) };
  updateIdentity(set, pod);
  // Set only at creation; pods are never updated to change them (I-3).
  pod.spec.hostname = pod.metadata.name;
  pod.spec.subdomain = set.spec.serviceName ?? '';
  if (!pod.spec.subdomain) delete pod.spec.subdomain;
  updateStorage(set, pod);
  return pod;
}

export function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_LABEL]: revision };
}

// ---- pod state predicates (stateful_set_utils.go, podutil) ----

const phaseOf = (pod: Pod): string => pod.status?.phase ?? '';
/** A pod we built but have not created yet has no phase (the API server sets Pending, P-1). */
export const isCreated = (pod: Pod): boolean => phaseOf(pod) !== '';
export const isPending = (pod: Pod): boolean => phaseOf(pod) === 'Pending';
export const isFailed = (pod: Pod): boolean => phaseOf(pod) === 'Failed';
export const isSucceeded = (pod: Pod): boolean => phaseOf(pod) === 'Succeeded';
export const isTerminating = (pod: Pod): boolean => !!pod.metadata.deletionTimestamp;

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export const isPodReady = (pod: Pod): boolean => readyCondition(pod)?.status === 'True';
export const isRunningAndReady = (pod: Pod): boolean => phaseOf(pod) === 'Running' && isPodReady(pod);
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod);

/**
 * podutil.IsPodAvailable: Ready, and with minReadySeconds > 0 the Ready condition's
 * lastTransitionTime + minReadySeconds is before now (S-3, C-17). minReadySeconds is simulated
 * time: at `speed` N it elapses N times faster than the wall clock the timestamps use.
 */
export function isAvailable(pod: Pod, minReadySeconds: number, nowMs: number, speed = 1): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const ltt = readyCondition(pod)?.lastTransitionTime;
  if (!ltt) return false;
  return Date.parse(ltt) + (minReadySeconds * 1000) / speed < nowMs;
}
