// pods/log for the simulated kubelet (S-7..S-9): which container instance a request reads
// (current, or the previous one with `previous=true`; a container waiting after a crash shows its
// last run, like the kubelet), the filters sinceSeconds/sinceTime/tailLines/limitBytes/timestamps,
// and `follow` as a subscription that ends when the container stops or the pod goes away.
import type { KubeObject } from '../../types';
import { newBadRequest } from '../../api/errors';
import type { PodSpec } from '../scheduler/podResources';
import { formatTimestamp, generateLines, type ContainerInstance, type LogLine } from './generate';

export interface LogOptions {
  container: string;
  previous?: boolean;
  follow?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 */
  sinceTime?: string;
  limitBytes?: number;
}

interface TerminatedJSON {
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}

interface ContainerStatusJSON {
  name: string;
  restartCount?: number;
  containerID?: string;
  state?: { running?: { startedAt?: string }; terminated?: TerminatedJSON; waiting?: { reason?: string } };
  lastState?: { terminated?: TerminatedJSON };
}

function statusOf(pod: KubeObject, name: string): ContainerStatusJSON | undefined {
  const st = (pod.status ?? {}) as { containerStatuses?: ContainerStatusJSON[]; initContainerStatuses?: ContainerStatusJSON[] };
  return [...(st.containerStatuses ?? []), ...(st.initContainerStatuses ?? [])].find((c) => c.name === name);
}

function specOf(pod: KubeObject, name: string) {
  const spec = (pod.spec ?? { containers: [] }) as PodSpec;
  return [...spec.containers, ...(spec.initContainers ?? [])].find((c) => c.name === name) ?? { name };
}

/** The instance a request reads; throws the upstream 400s (S-9). */
export function instanceFor(pod: KubeObject, opts: LogOptions, speed: number): ContainerInstance & { containerID: string } {
  const podName = pod.metadata.name ?? '';
  if (!(pod.spec as PodSpec | undefined)?.nodeName) throw newBadRequest(`pod ${podName} does not have a host assigned`);
  const cs = statusOf(pod, opts.container);
  const base = { podUid: pod.metadata.uid ?? '', podIP: (pod.status as { podIP?: string } | undefined)?.podIP ?? '10.244.0.2', container: specOf(pod, opts.container), speed };
  const fromTerminated = (t: TerminatedJSON, restartCount: number) => ({
    ...base,
    restartCount,
    startedAt: Date.parse(t.startedAt ?? '') || 0,
    // Status times have whole seconds: a run that ended within the second it started would
    // otherwise have an empty [startedAt, finishedAt] window and lose its lines.
    finishedAt: (Date.parse(t.finishedAt ?? '') || 0) + 999,
    exitCode: t.exitCode,
    containerID: t.containerID ?? '',
  });
  const restarts = cs?.restartCount ?? 0;
  if (opts.previous) {
    const last = cs?.lastState?.terminated;
    if (!last) throw newBadRequest(`previous terminated container "${opts.container}" in pod "${podName}" not found`);
    return fromTerminated(last, Math.max(0, restarts - 1));
  }
  if (cs?.state?.running) return { ...base, restartCount: restarts, startedAt: Date.parse(cs.state.running.startedAt ?? '') || 0, containerID: cs.containerID ?? '' };
  if (cs?.state?.terminated) return fromTerminated(cs.state.terminated, restarts);
  if (cs?.lastState?.terminated) return fromTerminated(cs.lastState.terminated, Math.max(0, restarts - 1));
  // kubelet validateContainerLogStatus wording for the common pending failures.
  const reason = cs?.state?.waiting?.reason ?? 'ContainerCreating';
  const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
  throw newBadRequest(`container "${opts.container}" in pod "${podName}" is waiting to start: ${why}`);
}

function render(lines: LogLine[], timestamps: boolean): string[] {
  return lines.map((l) => (timestamps ? `${formatTimestamp(l)} ${l.text}\n` : `${l.text}\n`));
}

function sinceOf(opts: LogOptions, now: number): number {
  if (opts.sinceSeconds !== undefined) return now - opts.sinceSeconds * 1000;
  if (opts.sinceTime) return Date.parse(opts.sinceTime) || 0;
  return 0;
}

function limit(chunks: string[], limitBytes: number | undefined): string[] {
  if (limitBytes === undefined) return chunks;
  const out: string[] = [];
  let left = limitBytes;
  for (const c of chunks) {
    if (left <= 0) break;
    const b = Buffer.from(c);
    if (b.length <= left) {
      out.push(c);
      left -= b.length;
    } else {
      out.push(b.subarray(0, left).toString());
      left = 0;
    }
  }
  return out;
}

/** The log text for a non-follow request. */
export function readLogs(pod: KubeObject, opts: LogOptions, now: number, speed: number): string {
  const inst = instanceFor(pod, opts, speed);
  let lines = generateLines(inst, Math.max(inst.startedAt, sinceOf(opts, now)), now);
  if (opts.tailLines !== undefined) lines = opts.tailLines > 0 ? lines.slice(-opts.tailLines) : [];
  return limit(render(lines, !!opts.timestamps), opts.limitBytes).join('');
}

export interface FollowDeps {
  now(): number;
  speed: number;
  getPod(): KubeObject | undefined;
  every(fn: () => void, ms: number): () => void;
}

/**
 * Lines produced after `since` (wall ms) by the instance `pod` shows now, delivered as they
 * appear until the instance ends (its last lines included) or the pod goes away.
 */
export function followNewLines(pod: KubeObject, container: string, since: number, deps: FollowDeps, onLine: (l: LogLine) => void, onEnd: () => void): () => void {
  const inst = instanceFor(pod, { container }, deps.speed);
  let last = since;
  let done = false;
  let cancel: () => void = () => {};
  const stop = () => {
    if (done) return;
    done = true;
    cancel();
  };
  const tick = () => {
    if (done) return;
    const now = deps.now();
    const cur = deps.getPod();
    let ended = !cur || cur.metadata.uid !== pod.metadata.uid || inst.finishedAt !== undefined;
    let until = now;
    if (!ended && cur) {
      const cs = statusOf(cur, container);
      if (cs?.containerID !== inst.containerID || !cs?.state?.running) {
        ended = true;
        const t = cs?.state?.terminated ?? cs?.lastState?.terminated;
        if (t?.containerID === inst.containerID && t.finishedAt) {
          inst.finishedAt = Date.parse(t.finishedAt);
          inst.exitCode = t.exitCode;
          until = Math.max(now, inst.finishedAt);
        }
      }
    }
    for (const l of generateLines(inst, last + 1, until)) onLine(l);
    last = until;
    if (ended) {
      stop();
      onEnd();
    }
  };
  cancel = deps.every(tick, 500);
  return stop;
}
