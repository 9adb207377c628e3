// What one sync of a StatefulSet should do (semantics §4.2–§4.7; upstream
// stateful_set_control.go updateStatefulSet/processReplica/processCondemned). Pure: given the
// set, its claimed pods, its current/update revisions, the namespace's claims and the time, it
// returns the ordered actions and the status to report. podControl.ts carries the actions
// out; statefulSetController.ts ties the two together.
import type { KubeObject } from '../../types';
import { hasUnexpectedController, isClaimOwnerUpToDate, podClaimIsStale } from './claimRetention';
import {
  claimsFor, identityMatches, inOrdinalRange, isAvailable, isCreated, isFailed, isHealthy, isPending, isRunningAndReady,
  isSucceeded, isTerminating, newStatefulSetPod, ordinalOf, podRevision, replicasOf, setPodRevision, startOrdinal, storageMatches,
} from './podIdentity';
import { applyRevision } from './revisions';
import { computeStatus, type ComputedStatus } from './status';
import type { ControllerRevision, Pod, StatefulSet } from './types';

export type PodAction =
  /** DeleteStatefulPod. `rollingUpdate` deletions lower the reported currentReplicas (C-24). */
  | { type: 'deletePod'; pod: Pod; rollingUpdate?: boolean }
  /** CreateStatefulPod: missing claims, then the pod, then claim retention references. */
  | { type: 'createPod'; pod: Pod }
  /** createMissingPersistentVolumeClaims for a Pending pod (C-16). */
  | { type: 'createMissingClaims'; pod: Pod }
  /** UpdateStatefulPod: identity, storage and retention repair (C-18, I-4). */
  | { type: 'updatePod'; pod: Pod }
  /** UpdatePodClaimForRetentionPolicy for a condemned pod (C-33). */
  | { type: 'fixClaimRetention'; pod: Pod };

interface PlanPhase {
  name: 'replicas' | 'claims' | 'condemned' | 'update';
  /** One group per pod; a group's actions run in order. */
  groups: PodAction[][];
}

export interface SyncInput {
  set: StatefulSet;
  /** Pods claimed by the set (members matching its selector, C-6). */
  pods: Pod[];
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  collisionCount: number;
  /** The namespace's PersistentVolumeClaims by name. */
  claims: ReadonlyMap<string, KubeObject>;
  /** Wall-clock now; `speed` compresses minReadySeconds (runtime/clock.ts). */
  nowMs: number;
  speed?: number;
}

export interface SyncPlan {
  /** OrderedReady: groups run one by one and the first error ends the sync. Parallel: slow-start batches per phase. */
  monotonic: boolean;
  phases: PlanPhase[];
  /** The status to write when every action succeeds (before completeRollingUpdate). */
  status: ComputedStatus;
  /** Why a monotonic walk stopped, for logs and tests: `web-1: not running and ready`. */
  halt?: string;
  /** Pods by slot (`ordinal − start`), placeholders for missing ones, and condemned pods (descending). */
  replicas: Pod[];
  condemned: Pod[];
}

type Step = { actions: PodAction[]; stop: boolean; why?: string };

export function planStatefulSetSync(input: SyncInput): SyncPlan {
  const { set, currentRevision, updateRevision, claims, nowMs } = input;
  const speed = input.speed ?? 1;
  const currentSet = applyRevision(set, currentRevision);
  const updateSet = applyRevision(set, updateRevision);
  const start = startOrdinal(set);
  const count = replicasOf(set);
  const minReady = set.spec.minReadySeconds ?? 0;

  // C-9: slots for in-range ordinals, condemned for the other valid ordinals.
  const replicas: (Pod | undefined)[] = new Array(Math.max(0, count)).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of input.pods) {
    if (inOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  for (let i = 0; i < replicas.length; i++) {
    if (!replicas[i]) replicas[i] = newVersionedPod(currentSet, updateSet, currentRevision, updateRevision, start + i);
  }
  const slots = replicas as Pod[];
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));

  // C-20: first unhealthy pod — replicas ascending, then condemned ascending.
  let firstUnhealthy: Pod | undefined = slots.find((p) => !isHealthy(p));
  if (!firstUnhealthy) firstUnhealthy = [...condemned].reverse().find((p) => !isHealthy(p));

  const status = computeStatus(set, currentRevision.metadata.name ?? '', updateRevision.metadata.name ?? '', input.collisionCount, [slots, condemned], nowMs, speed);
  const monotonic = set.spec.podManagementPolicy !== 'Parallel'; // C-12
  const plan: SyncPlan = { monotonic, phases: [], status, replicas: slots, condemned };
  if (set.metadata.deletionTimestamp) return plan; // C-11

  const claimsOf = (pod: Pod): { name: string; existing: KubeObject | undefined }[] =>
    [...claimsFor(set, ordinalOf(pod)).values()].map((c) => ({ name: c.metadata.name ?? '', existing: claims.get(c.metadata.name ?? '') }));

  const retentionMatches = (pod: Pod): boolean =>
    claimsOf(pod).every((c) => c.existing === undefined || isClaimOwnerUpToDate(c.existing, set, pod));

  // C-14…C-18 for one replica slot.
  const processReplica = (pod: Pod): Step => {
    if (isFailed(pod) || isSucceeded(pod)) {
      return { actions: isTerminating(pod) ? [] : [{ type: 'deletePod', pod }], stop: true, why: `phase ${pod.status?.phase}` };
    }
    if (!isCreated(pod)) {
      if (podClaimIsStale(set, pod, claimsOf(pod).map((c) => c.existing))) return { actions: [], stop: true, why: 'stale claim awaiting garbage collection' };
      // A freshly built pod matches identity, storage and (absent) claims: nothing more to do for it.
      return { actions: [{ type: 'createPod', pod }], stop: true, why: 'created' };
    }
    const actions: PodAction[] = [];
    if (isPending(pod)) {
      const needsClaims = claimsOf(pod).some(
        (c) => c.existing === undefined || !!c.existing.metadata.deletionTimestamp || !isClaimOwnerUpToDate(c.existing, set, pod) || hasUnexpectedController(c.existing, set, pod),
      );
      if (needsClaims) actions.push({ type: 'createMissingClaims', pod });
    }
    if (monotonic) {
      if (isTerminating(pod)) return { actions, stop: true, why: 'terminating' };
      if (!isRunningAndReady(pod)) return { actions, stop: true, why: 'not running and ready' };
      if (!isAvailable(pod, minReady, nowMs, speed)) return { actions, stop: true, why: 'not available' };
    }
    if (!(identityMatches(set, pod) && storageMatches(set, pod) && retentionMatches(pod))) actions.push({ type: 'updatePod', pod });
    return { actions, stop: false };
  };

  // C-21/C-22 for one condemned pod.
  const processCondemned = (pod: Pod): Step => {
    if (isTerminating(pod)) return { actions: [], stop: monotonic, why: 'terminating' };
    if (monotonic && pod !== firstUnhealthy) {
      if (!isRunningAndReady(pod)) return { actions: [], stop: true, why: 'not running and ready' };
      if (!isAvailable(pod, minReady, nowMs, speed)) return { actions: [], stop: true, why: 'not available' };
    }
    return { actions: [{ type: 'deletePod', pod }], stop: monotonic, why: 'deleted' };
  };

  const fixClaims = (pod: Pod): Step => ({ actions: retentionMatches(pod) ? [] : [{ type: 'fixClaimRetention', pod }], stop: false });

  // C-13: replicas, claim retention of condemned pods, condemned pods, then the update.
  const phases: [PlanPhase['name'], Pod[], (p: Pod) => Step][] = [
    ['replicas', slots, processReplica],
    ['claims', condemned, fixClaims],
    ['condemned', condemned, processCondemned],
  ];
  for (const [name, pods, fn] of phases) {
    const phase: PlanPhase = { name, groups: [] };
    plan.phases.push(phase);
    for (const pod of pods) {
      const step = fn(pod);
      // Parallel batches are over every pod (slowStartBatch), so keep empty groups there.
      if (step.actions.length || !monotonic) phase.groups.push(step.actions);
      if (step.stop && monotonic) {
        plan.halt = `${pod.metadata.name}: ${step.why}`;
        return plan;
      }
    }
  }

  if (set.spec.updateStrategy?.type === 'OnDelete') return plan; // C-23

  // C-24: highest ordinal first, down to the partition, one pod at a time.
  const update: PlanPhase = { name: 'update', groups: [] };
  plan.phases.push(update);
  const partition = set.spec.updateStrategy?.rollingUpdate ? (set.spec.updateStrategy.rollingUpdate.partition ?? 0) : 0;
  for (let target = slots.length - 1; target >= partition; target--) {
    const pod = slots[target];
    if (podRevision(pod) !== updateRevision.metadata.name && !isTerminating(pod)) {
      update.groups.push([{ type: 'deletePod', pod, rollingUpdate: true }]);
      plan.halt = `${pod.metadata.name}: replaced by rolling update`;
      return plan;
    }
    if (!isHealthy(pod)) {
      plan.halt = `${pod.metadata.name}: waiting for update to become healthy`;
      return plan;
    }
  }
  return plan;
}

/** newVersionedStatefulSetPod with the C-10 revision choice. */
function newVersionedPod(currentSet: StatefulSet, updateSet: StatefulSet, current: ControllerRevision, update: ControllerRevision, ordinal: number): Pod {
  const strategy = currentSet.spec.updateStrategy;
  const start = startOrdinal(currentSet);
  const useCurrent =
    (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    (strategy?.rollingUpdate === undefined
      ? ordinal < start + (currentSet.status?.currentReplicas ?? 0)
      : ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
  setPodRevision(pod, (useCurrent ? current : update).metadata.name ?? '');
  return pod;
}
