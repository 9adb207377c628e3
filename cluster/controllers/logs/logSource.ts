// The PodLogSource the API server's pods/log handler calls (S-7, S-8): parses the query, answers
// 200 text/plain with the generated log, or streams it for follow=true until the container stops,
// the pod goes away or the client disconnects.
import type { PodLogSource } from '../../api/handlers/podSubresources';
import type { ApiRequest } from '../../api/server';
import { newBadRequest } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { Clock } from '../runtime/clock';
import { followLogs, readLogs, type LogOptions } from './podLogs';

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw newBadRequest(`invalid value for ${name}: ${v}`);
  return n;
}

function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  return v === 'true' || v === '1';
}

/** PodLogOptions from the query string (validation messages as ValidatePodLogOptions). */
export function logOptionsFromQuery(container: string, q: URLSearchParams): LogOptions {
  const opts: LogOptions = {
    container,
    previous: boolParam(q, 'previous'),
    follow: boolParam(q, 'follow'),
    timestamps: boolParam(q, 'timestamps'),
    tailLines: intParam(q, 'tailLines'),
    sinceSeconds: intParam(q, 'sinceSeconds'),
    limitBytes: intParam(q, 'limitBytes'),
    sinceTime: q.get('sinceTime') ?? undefined,
  };
  if (opts.tailLines !== undefined && opts.tailLines < 0) throw newBadRequest('tailLines: Invalid value: ' + opts.tailLines + ': must be greater than or equal to 0');
  if (opts.limitBytes !== undefined && opts.limitBytes < 1) throw newBadRequest('limitBytes: Invalid value: ' + opts.limitBytes + ': must be greater than 0');
  if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 1) throw newBadRequest('sinceSeconds: Invalid value: ' + opts.sinceSeconds + ': must be greater than 0');
  if (opts.sinceSeconds !== undefined && opts.sinceTime) throw newBadRequest('at most one of `sinceTime` or `sinceSeconds` may be specified');
  return opts;
}

export class SimPodLogSource implements PodLogSource {
  constructor(
    private readonly clock: Clock,
    /** The pod as the informer cache has it now (for follow). */
    private readonly getPod: (namespace: string, name: string) => KubeObject | undefined,
  ) {}

  serve(pod: KubeObject, container: string, query: URLSearchParams, r: ApiRequest): void {
    const opts = logOptionsFromQuery(container, query);
    if (!opts.follow) {
      const body = readLogs(pod, opts, this.clock.now(), this.clock.speed);
      r.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
      r.res.end(body);
      return;
    }
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    let started = false;
    const handle = followLogs(
      pod,
      opts,
      {
        now: () => this.clock.now(),
        speed: this.clock.speed,
        getPod: () => this.getPod(ns, name),
        every: (fn, ms) => {
          const t = setInterval(fn, ms);
          t.unref?.();
          return () => clearInterval(t);
        },
      },
      (chunk) => {
        if (!started) {
          started = true;
          r.res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
        }
        r.res.write(chunk);
      },
      () => {
        if (!started) r.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 0 });
        r.res.end();
      },
    );
    if (!started && !r.res.writableEnded) {
      started = true;
      r.res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
      r.res.flushHeaders();
    }
    r.res.on('close', () => handle.stop());
  }
}
