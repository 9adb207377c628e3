// StatefulSet status (semantics §5): counts from the pods, completeRollingUpdate (S-10), the
// "is a write needed" test (S-11) and the serialized shape (S-12).
import { isAvailable, isCreated, isRunningAndReady, isTerminating, podRevision, replicasOf } from './podIdentity';
import type { Pod, StatefulSet, StatefulSetStatus } from './types';

export interface ComputedStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  availableReplicas: number;
}

/** updateStatus/computeReplicaStatus (S-1…S-5) over pod lists (not-yet-created pods count nowhere). */
export function computeStatus(
  set: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  collisionCount: number,
  podLists: Pod[][],
  nowMs: number,
  speed = 1,
): ComputedStatus {
  const s: ComputedStatus = {
    observedGeneration: set.metadata.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    currentRevision,
    updateRevision,
    collisionCount,
    availableReplicas: 0,
  };
  const minReady = set.spec.minReadySeconds ?? 0;
  for (const list of podLists) {
    for (const pod of list) {
      if (isCreated(pod)) s.replicas++;
      if (isRunningAndReady(pod)) {
        s.readyReplicas++;
        if (isAvailable(pod, minReady, nowMs, speed)) s.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = podRevision(pod);
        if (rev === currentRevision) s.currentReplicas++;
        if (rev === updateRevision) s.updatedReplicas++;
      }
    }
  }
  return s;
}

/** S-10: a finished RollingUpdate makes the update revision current. Mutates `status`. */
export function completeRollingUpdate(set: StatefulSet, status: ComputedStatus): void {
  const want = replicasOf(set);
  if (
    (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    status.updatedReplicas === want &&
    status.readyReplicas === want &&
    status.replicas === want
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** S-11 (inconsistentStatus): write only when something kubectl watches changed. */
export function statusNeedsWrite(set: StatefulSet, s: ComputedStatus): boolean {
  const old = set.status ?? {};
  return (
    s.observedGeneration > (old.observedGeneration ?? 0) ||
    s.replicas !== (old.replicas ?? 0) ||
    s.currentReplicas !== (old.currentReplicas ?? 0) ||
    s.readyReplicas !== (old.readyReplicas ?? 0) ||
    s.updatedReplicas !== (old.updatedReplicas ?? 0) ||
    s.currentRevision !== (old.currentRevision ?? '') ||
    s.availableReplicas !== (old.availableReplicas ?? 0) ||
    s.updateRevision !== (old.updateRevision ?? '')
  );
}

/**
 * S-12: Go struct order, zero/empty omitted except replicas, availableReplicas and the
 * collisionCount pointer. A controller write replaces the whole status (conditions go, S-9).
 */
export function toStatusObject(s: ComputedStatus): StatefulSetStatus {
  const out: StatefulSetStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  out.replicas = s.replicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  out.collisionCount = s.collisionCount;
  out.availableReplicas = s.availableReplicas;
  return out;
}
