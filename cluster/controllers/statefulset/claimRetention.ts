// PersistentVolumeClaim retention owner references (semantics C-31…C-33, upstream
// stateful_set_utils.go isClaimOwnerUpToDate / updateClaimOwnerRefForSetAndPod /
// hasUnexpectedController / hasStaleOwnerRef). Pure functions over plain objects.
import type { KubeObject, OwnerReference } from '../../types';
import { newControllerRef } from '../runtime/objects';
import { inOrdinalRange } from './podIdentity';
import type { StatefulSet } from './types';
import { STATEFULSET_API_VERSION, STATEFULSET_KIND } from './types';

const RETAIN = 'Retain';
const DELETE = 'Delete';

function retentionPolicy(set: StatefulSet): { whenDeleted: string; whenScaled: string } {
  const p = set.spec.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted || RETAIN, whenScaled: p?.whenScaled || RETAIN };
}

const isRetainRetain = (set: StatefulSet): boolean => {
  const p = retentionPolicy(set);
  return p.whenDeleted === RETAIN && p.whenScaled === RETAIN;
};

type Owner = { obj: KubeObject; apiVersion: string; kind: string };
const setOwner = (set: StatefulSet): Owner => ({ obj: set, apiVersion: STATEFULSET_API_VERSION, kind: STATEFULSET_KIND });
const podOwner = (pod: KubeObject): Owner => ({ obj: pod, apiVersion: 'v1', kind: 'Pod' });

/** matchesRef: same name and GVK (the UID may differ: a stale reference). */
function matchesRef(ref: OwnerReference, o: Owner): boolean {
  return ref.apiVersion === o.apiVersion && ref.kind === o.kind && ref.name === o.obj.metadata.name;
}

function hasOwnerRef(target: KubeObject, owner: KubeObject): boolean {
  return (target.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid);
}

/** A reference to an object of that name and kind but another UID (C-15, C-33). */
function hasStaleOwnerRef(target: KubeObject, owner: KubeObject, apiVersion: string, kind: string): boolean {
  const ref = (target.metadata.ownerReferences ?? []).find((r) => matchesRef(r, { obj: owner, apiVersion, kind }));
  return ref !== undefined && ref.uid !== owner.metadata.uid;
}

/** C-33: under a non Retain/Retain policy, a controller other than our set or pod. */
export function hasUnexpectedController(claim: KubeObject, set: StatefulSet, pod: KubeObject): boolean {
  if (isRetainRetain(set)) return false;
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, setOwner(set))) {
      if (ref.uid !== set.metadata.uid) return true;
      continue;
    }
    if (matchesRef(ref, podOwner(pod))) {
      if (ref.uid !== pod.metadata.uid) return true;
      continue;
    }
    if (ref.controller === true) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: KubeObject, set: StatefulSet, pod: KubeObject): boolean {
  return (claim.metadata.ownerReferences ?? []).some(
    (r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && r.controller !== true,
  );
}

/** isClaimOwnerUpToDate: whether the claim's references already agree with the C-31 table. */
export function isClaimOwnerUpToDate(claim: KubeObject, set: StatefulSet, pod: KubeObject): boolean {
  if (hasStaleOwnerRef(claim, set, STATEFULSET_API_VERSION, STATEFULSET_KIND) || hasStaleOwnerRef(claim, pod, 'v1', 'Pod')) {
    return true; // managed by a previous incarnation: leave it to the garbage collector
  }
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const p = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === RETAIN && p.whenDeleted === DELETE) return hasOwnerRef(claim, set) && !hasOwnerRef(claim, pod);
  if (p.whenScaled === DELETE && p.whenDeleted === RETAIN) return !hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  if (p.whenScaled === DELETE && p.whenDeleted === DELETE) {
    return scaledDown !== hasOwnerRef(claim, set) && scaledDown === hasOwnerRef(claim, pod);
  }
  return !hasOwnerRef(claim, set) && !hasOwnerRef(claim, pod); // Retain/Retain (and unknown values)
}

/** updateClaimOwnerRefForSetAndPod: the claim's ownerReferences after applying the table. */
export function desiredClaimOwnerRefs(claim: KubeObject, set: StatefulSet, pod: KubeObject): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata.ownerReferences ?? []).filter((r) => !matchesRef(r, setOwner(set)) && !matchesRef(r, podOwner(pod)));
  if (unexpected) return refs;
  const add = (o: Owner) => {
    if (!refs.some((r) => r.uid === o.obj.metadata.uid)) refs = [...refs, newControllerRef(o.obj, o.apiVersion, o.kind)];
  };
  const p = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === RETAIN && p.whenDeleted === DELETE) add(setOwner(set));
  else if (p.whenScaled === DELETE && p.whenDeleted === RETAIN) {
    if (scaledDown) add(podOwner(pod));
  } else if (p.whenScaled === DELETE && p.whenDeleted === DELETE) {
    add(scaledDown ? podOwner(pod) : setOwner(set));
  }
  return refs;
}

/** PodClaimIsStale (C-15): under whenScaled Delete, a claim still owned by an older pod of that name. */
export function podClaimIsStale(set: StatefulSet, pod: KubeObject, claims: (KubeObject | undefined)[]): boolean {
  if (retentionPolicy(set).whenScaled === RETAIN) return false;
  return claims.some((c) => c !== undefined && hasStaleOwnerRef(c, pod, 'v1', 'Pod'));
}
