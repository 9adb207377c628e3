// The simulated kubelet's view of one pod (sandbox, containers, probe counters) and the pure
// function that turns it into the PodStatus the API shows (P-3..P-8, P-10, P-14): conditions in
// upstream order, container statuses with state/lastState, phase, IPs.
import type { KubeObject } from '../../types';
import { rfc3339 } from '../runtime/clock';
import type { ContainerSpec } from '../scheduler/podResources';

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ContainerState {
  name: string;
  spec: ContainerSpec;
  init: boolean;
  /** restartable init container (sidecar). */
  sidecar: boolean;
  state: 'waiting' | 'running' | 'terminated';
  waitingReason?: string;
  waitingMessage?: string;
  startedAt?: number;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  containerID?: string;
  /** true once the runtime created it: image/imageID turn into the runtime's references. */
  created: boolean;
  imageRef?: string;
  imageID?: string;
  started: boolean;
  ready: boolean;
  /** consecutive crash count for the back-off (P-10). */
  crashes: number;
  pullFailures: number;
  probes: Record<'readiness' | 'liveness' | 'startup', { successes: number; failures: number; timer?: () => void; lastSlot?: number }>;
}

export interface PodState {
  uid: string;
  nodeName: string;
  hostIP: string;
  podIP?: string;
  startTime: number;
  sandboxReady: boolean;
  /** terminal result set by the kubelet (P-14, sim.ordinal/fail). */
  terminalPhase?: 'Succeeded' | 'Failed';
  reason?: string;
  message?: string;
  terminating: boolean;
  containers: ContainerState[];
  /** condition type → {status, since} so lastTransitionTime only moves on a flip (P-7). */
  transitions: Map<string, { status: string; at: number }>;
  disruption?: { reason: string; message: string; at: number };
}

export function newContainerState(spec: ContainerSpec, init: boolean, hasInit: boolean): ContainerState {
  const sidecar = init && spec.restartPolicy === 'Always';
  return {
    name: spec.name,
    spec,
    init,
    sidecar,
    state: 'waiting',
    waitingReason: init || hasInit ? 'PodInitializing' : 'ContainerCreating',
    restartCount: 0,
    created: false,
    started: false,
    ready: false,
    crashes: 0,
    pullFailures: 0,
    probes: { readiness: { successes: 0, failures: 0 }, liveness: { successes: 0, failures: 0 }, startup: { successes: 0, failures: 0 } },
  };
}

function terminatedJSON(t: Terminated): Record<string, unknown> {
  const o: Record<string, unknown> = { exitCode: t.exitCode };
  if (t.signal) o.signal = t.signal;
  o.reason = t.reason;
  if (t.message) o.message = t.message;
  o.startedAt = rfc3339(t.startedAt);
  o.finishedAt = rfc3339(t.finishedAt);
  o.containerID = t.containerID;
  return o;
}

function containerStatusJSON(c: ContainerState): Record<string, unknown> {
  let state: Record<string, unknown>;
  if (c.state === 'running') state = { running: { startedAt: rfc3339(c.startedAt ?? 0) } };
  else if (c.state === 'terminated' && c.terminated) state = { terminated: terminatedJSON(c.terminated) };
  else {
    const w: Record<string, unknown> = { reason: c.waitingReason ?? 'ContainerCreating' };
    if (c.waitingMessage) w.message = c.waitingMessage;
    state = { waiting: w };
  }
  const out: Record<string, unknown> = {
    name: c.name,
    state,
    lastState: c.lastTerminated ? { terminated: terminatedJSON(c.lastTerminated) } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.created && c.imageRef ? c.imageRef : (c.spec.image ?? ''),
    imageID: c.created && c.imageID ? c.imageID : '',
  };
  if (c.containerID) out.containerID = c.containerID;
  out.started = c.started;
  const mounts = c.spec.volumeMounts ?? [];
  if (mounts.length && c.created) {
    out.volumeMounts = mounts.map((m) => ({ name: m.name, mountPath: m.mountPath, ...((m as { readOnly?: boolean }).readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
  }
  return out;
}

/** Pod phase from container states (kubelet getPhase), for restartPolicy Always/OnFailure/Never. */
export function podPhase(s: PodState, restartPolicy: string): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  if (s.terminalPhase) return s.terminalPhase;
  const inits = s.containers.filter((c) => c.init && !c.sidecar);
  if (inits.some((c) => !(c.state === 'terminated' && c.terminated?.exitCode === 0))) {
    const failed = inits.some((c) => c.state === 'terminated' && c.terminated!.exitCode !== 0);
    return failed && restartPolicy === 'Never' ? 'Failed' : 'Pending';
  }
  const apps = s.containers.filter((c) => !c.init);
  let pending = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of apps) {
    if (c.state === 'running') running++;
    else if (c.state === 'terminated') {
      stopped++;
      if (c.terminated?.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else pending++;
  }
  if (pending > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return restartPolicy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

type Condition = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; reason?: string; message?: string; observedGeneration?: number };

function condition(s: PodState, type: string, ok: boolean, now: number, reason?: string, message?: string): Condition {
  const status = ok ? 'True' : 'False';
  const prev = s.transitions.get(type);
  if (!prev || prev.status !== status) s.transitions.set(type, { status, at: now });
  const c: Condition = { type, status, lastProbeTime: null, lastTransitionTime: rfc3339(s.transitions.get(type)!.at) };
  if (!ok && reason) c.reason = reason;
  if (!ok && message) c.message = message;
  return c;
}

/**
 * The PodStatus for the current state. `current` is the pod as stored: conditions the kubelet
 * does not own (PodScheduled, DisruptionTarget, readiness gates) and qosClass are carried over.
 */
export function buildPodStatus(s: PodState, current: KubeObject, now: number): Record<string, unknown> {
  const spec = (current.spec ?? {}) as { restartPolicy?: string; readinessGates?: { conditionType: string }[] };
  const prevStatus = (current.status ?? {}) as { qosClass?: string; conditions?: Condition[] };
  const phase = podPhase(s, spec.restartPolicy ?? 'Always');
  const apps = s.containers.filter((c) => !c.init);
  const inits = s.containers.filter((c) => c.init);
  const incompleteInit = inits.filter((c) => (c.sidecar ? !c.started : !(c.state === 'terminated' && c.terminated?.exitCode === 0)));
  const initialized = incompleteInit.length === 0 || phase === 'Succeeded';
  const unready = [...inits.filter((c) => c.sidecar), ...apps].filter((c) => !c.ready).map((c) => c.name);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const containersReady = unready.length === 0 && !terminal;
  const conditions: Condition[] = [];
  conditions.push(condition(s, 'PodReadyToStartContainers', s.sandboxReady && !terminal, now));
  conditions.push(
    initialized
      ? condition(s, 'Initialized', true, now)
      : condition(s, 'Initialized', false, now, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.map((c) => c.name).join(' ')}]`),
  );
  const notReadyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMsg = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  conditions.push(condition(s, 'Ready', containersReady, now, notReadyReason, notReadyMsg));
  conditions.push(condition(s, 'ContainersReady', containersReady, now, notReadyReason, notReadyMsg));
  // The kubelet itself reports PodScheduled=True (generateAPIPodStatus), keeping the binder's time.
  const scheduled = (prevStatus.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'True');
  conditions.push(scheduled ?? condition(s, 'PodScheduled', true, now));
  const owned = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'DisruptionTarget', 'PodScheduled']);
  for (const c of prevStatus.conditions ?? []) if (!owned.has(c.type)) conditions.push(c);
  if (s.disruption) {
    conditions.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(s.disruption.at), reason: s.disruption.reason, message: s.disruption.message });
  }
  const status: Record<string, unknown> = { phase, conditions };
  if (s.message) status.message = s.message;
  if (s.reason) status.reason = s.reason;
  status.hostIP = s.hostIP;
  status.hostIPs = [{ ip: s.hostIP }];
  if (s.podIP) {
    status.podIP = s.podIP;
    status.podIPs = [{ ip: s.podIP }];
  }
  status.startTime = rfc3339(s.startTime);
  if (inits.length) status.initContainerStatuses = inits.map(containerStatusJSON);
  status.containerStatuses = apps.map(containerStatusJSON);
  if (prevStatus.qosClass) status.qosClass = prevStatus.qosClass;
  return status;
}
