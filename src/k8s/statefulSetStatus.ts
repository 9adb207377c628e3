// The one shared StatefulSet state function (console-spec.md §2.3). Rules are checked in
// order; the first match wins. Pure: list, detail and tests all call it.
import type { KubeEvent, Pod, StatefulSet } from './types';

export type StatefulSetState = 'Deleting' | 'Error' | 'Stopped' | 'Scaling' | 'Updating' | 'Running';

/** Sort order of states for the Status column (most urgent first). */
export const STATE_ORDER: readonly StatefulSetState[] = ['Error', 'Deleting', 'Scaling', 'Updating', 'Stopped', 'Running'];

export interface StatefulSetStatusView {
  state: StatefulSetState;
  /** Reason text (English, as in the spec); the UI translates the state, not Kubernetes' messages. */
  reason?: string;
  /** Extra badges on Running: partitioned / OnDelete pending. */
  badges: string[];
}

const POD_PROBLEM_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

const UNSCHEDULABLE_GRACE_MS = 60_000;

/** "<reason>" of the first container problem of a pod, or undefined when it has none. */
function podProblem(pod: Pod, now: number): string | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const cs of statuses) {
    const reason = cs.state?.waiting?.reason;
    if (reason && POD_PROBLEM_REASONS.has(reason)) return reason;
  }
  if (pod.status?.phase === 'Failed') return pod.status.reason ?? 'Failed';
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    const since = scheduled.lastTransitionTime ? Date.parse(scheduled.lastTransitionTime) : now;
    if (now - since >= UNSCHEDULABLE_GRACE_MS) return 'Unschedulable';
  }
  return undefined;
}

function eventTime(e: KubeEvent): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

/** A FailedCreate warning from the controller newer than its latest SuccessfulCreate. */
function controllerProblem(events: KubeEvent[]): string | undefined {
  let failed: KubeEvent | undefined;
  let lastSuccess = -Infinity;
  for (const e of events) {
    const component = e.source?.component ?? e.reportingComponent;
    if (component !== 'statefulset-controller') continue;
    if (e.reason === 'SuccessfulCreate') lastSuccess = Math.max(lastSuccess, eventTime(e));
    if (e.reason === 'FailedCreate' && e.type === 'Warning' && (!failed || eventTime(e) > eventTime(failed))) failed = e;
  }
  if (failed && eventTime(failed) > lastSuccess) return `FailedCreate: ${failed.message ?? ''}`;
  return undefined;
}

export function statefulSetStatus(
  sts: StatefulSet,
  pods: Pod[] = [],
  events: KubeEvent[] = [],
  now: number = Date.now(),
): StatefulSetStatusView {
  const desired = sts.spec.replicas ?? 1;
  const st = sts.status ?? {};
  const replicas = st.replicas ?? 0;
  const ready = st.readyReplicas ?? 0;
  const updated = st.updatedReplicas ?? 0;
  const strategy = sts.spec.updateStrategy?.type ?? 'RollingUpdate';
  const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;

  if (sts.metadata.deletionTimestamp) return { state: 'Deleting', reason: 'Deleting', badges: [] };

  for (const pod of [...pods].sort(byOrdinal)) {
    const problem = podProblem(pod, now);
    if (problem) return { state: 'Error', reason: `${problem} on ${pod.metadata.name}`, badges: [] };
  }
  if (replicas < desired) {
    const problem = controllerProblem(events);
    if (problem) return { state: 'Error', reason: problem, badges: [] };
  }

  if (desired === 0 && replicas === 0) return { state: 'Stopped', badges: [] };
  if (replicas !== desired) return { state: 'Scaling', reason: `Scaling ${replicas} → ${desired}`, badges: [] };

  if ((st.observedGeneration ?? 0) < (sts.metadata.generation ?? 0)) {
    return { state: 'Updating', reason: 'Waiting for the controller', badges: [] };
  }
  if (strategy === 'RollingUpdate') {
    const target = Math.max(desired - partition, 0);
    const revisionsDiffer = partition === 0 && st.currentRevision !== st.updateRevision;
    if (updated < target || revisionsDiffer) {
      return { state: 'Updating', reason: `Updating ${updated}/${target} Pods`, badges: [] };
    }
  }
  const minReady = sts.spec.minReadySeconds ?? 0;
  if (ready < desired || (minReady > 0 && (st.availableReplicas ?? 0) < desired)) {
    return { state: 'Updating', reason: `${ready}/${desired} Pods ready`, badges: [] };
  }

  return { state: 'Running', badges: runningBadges(sts, pods) };
}

function runningBadges(sts: StatefulSet, pods: Pod[]): string[] {
  const updateRevision = sts.status?.updateRevision;
  const strategy = sts.spec.updateStrategy?.type ?? 'RollingUpdate';
  const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const revisionOf = (p: Pod) => p.metadata.labels?.['controller-revision-hash'];
  if (strategy === 'RollingUpdate' && partition > 0) {
    const old = pods.filter((p) => ordinalOf(p) < partition && revisionOf(p) !== updateRevision).length;
    return [`Partitioned · ${old} on old revision`];
  }
  if (strategy === 'OnDelete') {
    const pending = pods.filter((p) => revisionOf(p) !== updateRevision).length;
    if (pending > 0) return [`OnDelete · ${pending} pending`];
  }
  return [];
}

/** The pod's ordinal from its `apps.kubernetes.io/pod-index` label, else from its name suffix. */
export function ordinalOf(pod: Pod): number {
  const label = pod.metadata.labels?.['apps.kubernetes.io/pod-index'];
  if (label !== undefined && /^\d+$/.test(label)) return Number(label);
  const m = /-(\d+)$/.exec(pod.metadata.name);
  return m ? Number(m[1]) : -1;
}

function byOrdinal(a: Pod, b: Pod): number {
  return ordinalOf(a) - ordinalOf(b);
}
