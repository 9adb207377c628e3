// pods/log (S-7..S-9): the API side of logs — parameters, upstream error messages, tail/since/
// limitBytes/timestamps and follow streaming. The lines themselves come from the kubelet
// simulation through a PodLogSource.
import type { KubeObject } from '../../types';
import { newBadRequest } from '../errors';
import { kindKey } from '../rest/objects';
import type { ApiContext, ApiRequest } from '../server';
import { findResource } from '../../registry/resources';

export interface LogLine {
  /** RFC 3339 with nanoseconds, e.g. 2026-11-23T10:00:00.123456789Z (the `timestamps=true` prefix). */
  time: string;
  /** The line without its trailing newline. */
  text: string;
}

/** Log lines of simulated containers; the kubelet simulation implements it. */
export interface PodLogSource {
  /** Lines written so far, oldest first; `previous` = the last terminated instance of the container. */
  lines(pod: KubeObject, container: string, previous: boolean): LogLine[];
  /** Calls `onLine` for every new line until the returned function is called; `onEnd` when the container stops. */
  follow(pod: KubeObject, container: string, onLine: (line: LogLine) => void, onEnd: () => void): () => void;
}

interface ContainerStatus {
  name: string;
  state?: { waiting?: { reason?: string } };
  lastState?: { terminated?: unknown };
}

function bool(q: URLSearchParams, k: string): boolean {
  const v = q.get(k);
  return v === 'true' || v === '1';
}

function positiveInt(q: URLSearchParams, k: string, min: number): number | undefined {
  const v = q.get(k);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v) || Number(v) < min) throw newBadRequest(`${k}: Invalid value: ${v}: must be greater than or equal to ${min}`);
  return Number(v);
}

/** S-9 checks that depend on the pod's state (upstream LogLocation and the kubelet). */
function checkState(pod: KubeObject, container: string, previous: boolean): void {
  const name = pod.metadata.name;
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  if (!spec.nodeName) throw newBadRequest(`pod ${name} does not have a host assigned`);
  const status = (pod.status ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
  const cs = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])].find((c) => c.name === container);
  if (previous) {
    if (!cs?.lastState?.terminated) throw newBadRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    return;
  }
  const waiting = cs ? cs.state?.waiting : { reason: 'ContainerCreating' };
  if (waiting) throw newBadRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting.reason ?? 'ContainerCreating'}`);
}

export function servePodLogs(ctx: ApiContext, r: ApiRequest, pod: KubeObject, container: string): void {
  const q = r.query;
  const previous = bool(q, 'previous');
  const follow = bool(q, 'follow') && !previous;
  const timestamps = bool(q, 'timestamps');
  const tailLines = positiveInt(q, 'tailLines', 0);
  const sinceSeconds = positiveInt(q, 'sinceSeconds', 1);
  const limitBytes = positiveInt(q, 'limitBytes', 1);
  const sinceTimeText = q.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTimeText) throw newBadRequest('at most one of `sinceTime` or `sinceSeconds` may be specified');
  let since: number | undefined;
  if (sinceTimeText) {
    since = Date.parse(sinceTimeText);
    if (Number.isNaN(since)) throw newBadRequest(`sinceTime: Invalid value: "${sinceTimeText}": must be an RFC 3339 time`);
  } else if (sinceSeconds !== undefined) since = Date.now() - sinceSeconds * 1000;
  checkState(pod, container, previous);

  const src = ctx.podLogs;
  let lines = src ? src.lines(pod, container, previous) : [];
  if (since !== undefined) lines = lines.filter((l) => Date.parse(l.time) >= since!);
  if (tailLines !== undefined) lines = tailLines === 0 ? [] : lines.slice(-tailLines);
  const format = (l: LogLine): string => `${timestamps ? `${l.time} ` : ''}${l.text}\n`;
  let budget = limitBytes ?? Infinity;
  const take = (text: string): string => {
    if (budget === Infinity) return text;
    const buf = Buffer.from(text);
    const out = buf.subarray(0, Math.max(0, budget)).toString();
    budget -= buf.length;
    return out;
  };
  const initial = take(lines.map(format).join(''));
  const res = r.res;
  if (!follow || !src || budget <= 0) {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(initial) });
    res.end(initial);
    return;
  }
  // S-8: follow streams each new line at once until the container stops, the pod goes away,
  // the byte limit is reached or the client disconnects.
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  if (initial) res.write(initial);
  let done = false;
  const podKey = kindKey(findResource('', 'v1', 'pods')!);
  const finish = (): void => {
    if (done) return;
    done = true;
    stopFollow();
    stopPodWatch();
    ctx.watches.delete(finish);
    res.end();
  };
  const stopPodWatch = ctx.registry.store.subscribe(podKey, (ev) => {
    if (ev.namespace === pod.metadata.namespace && ev.name === pod.metadata.name && ev.type === 'DELETED') setImmediate(finish);
  });
  const stopFollow = src.follow(
    pod,
    container,
    (l) => {
      if (done) return;
      res.write(take(format(l)));
      if (budget <= 0) setImmediate(finish);
    },
    () => setImmediate(finish),
  );
  ctx.watches.add(finish);
  res.on('close', finish);
}
