// One upstream watch shared by every subscriber with the same key (identity, cluster,
// resource, namespace, selectors). It lists once, keeps the current objects (so that a late
// subscriber can be brought up to date without another upstream request), remembers the last
// events by resourceVersion (so that a subscriber can be replayed from where its own list
// stopped), restarts a dropped stream from the last resourceVersion with back-off, and turns
// 410 Gone into `relist`. resourceVersions are compared only for equality (style.md).
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { requestOptions, upstreamJSON, type Upstream } from '../clusterRegistry';
import type { KubeObjectLike, WatchTarget } from '../../src/api/watchProtocol';

export interface Subscriber {
  id: string;
  /** Sends one serialized ServerMessage; the hub drops slow sockets itself. */
  send(message: string): void;
  /** The subscription ended from the hub's side (relist, error). */
  ended(): void;
}

interface Buffered {
  rv: string;
  json: string;
}

/** Replay window per key: enough for a subscriber whose list raced a burst of writes, bounded in bytes. */
const REPLAY_EVENTS = 1000;
const REPLAY_BYTES = 4 * 1024 * 1024;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000, 30000];

function collectionPath(t: WatchTarget): string {
  const gv = t.group ? `/apis/${encodeURIComponent(t.group)}/${encodeURIComponent(t.version)}` : `/api/${encodeURIComponent(t.version)}`;
  const ns = t.namespace ? `/namespaces/${encodeURIComponent(t.namespace)}` : '';
  return `${gv}${ns}/${encodeURIComponent(t.resource)}`;
}

function objectKey(o: KubeObjectLike): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

function eventsMessage(id: string, events: string[]): string {
  return `{"type":"events","id":${JSON.stringify(id)},"events":[${events.join(',')}]}`;
}

export class SharedWatch {
  private readonly subscribers = new Map<Subscriber, true>();
  private readonly pending: { sub: Subscriber; rv?: string }[] = [];
  private readonly objects = new Map<string, KubeObjectLike>();
  private buffer: Buffered[] = [];
  private bufferBytes = 0;
  /** The list's RV stays a replay marker until the buffer drops events from its start. */
  private listRV: string | undefined;
  private lastRV = '';
  private ready = false;
  private stopped = false;
  private request?: ClientRequest;
  private retryTimer?: NodeJS.Timeout;
  private attempt = 0;
  private itemKind = '';
  private itemApiVersion = '';

  constructor(
    readonly target: WatchTarget,
    private readonly upstream: Upstream,
    private readonly log: Logger,
    private readonly onEmpty: () => void,
  ) {
    void this.list();
  }

  get size(): number {
    return this.subscribers.size + this.pending.length;
  }

  add(sub: Subscriber, rv: string | undefined): void {
    if (!this.ready) {
      this.pending.push({ sub, rv });
      return;
    }
    this.attach(sub, rv);
  }

  remove(sub: Subscriber): void {
    this.subscribers.delete(sub);
    const i = this.pending.findIndex((p) => p.sub === sub);
    if (i >= 0) this.pending.splice(i, 1);
    if (this.size === 0) this.stop();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.request?.destroy();
    this.onEmpty();
  }

  /** Replays after the subscriber's resourceVersion when we saw it; otherwise one full `sync`. */
  private attach(sub: Subscriber, rv: string | undefined): void {
    this.subscribers.set(sub, true);
    if (rv !== undefined && rv !== '') {
      if (rv === this.lastRV) return;
      const i = this.buffer.findIndex((b) => b.rv === rv);
      if (i >= 0 || rv === this.listRV) {
        const after = this.buffer.slice(i + 1).map((b) => b.json);
        if (after.length) sub.send(eventsMessage(sub.id, after));
        return;
      }
    }
    const items = [...this.objects.values()];
    sub.send(JSON.stringify({ type: 'sync', id: sub.id, resourceVersion: this.lastRV, items }));
  }

  private broadcastEnd(message: (id: string) => string): void {
    const subs = [...this.subscribers.keys(), ...this.pending.map((p) => p.sub)];
    this.subscribers.clear();
    this.pending.length = 0;
    for (const s of subs) {
      s.send(message(s.id));
      s.ended();
    }
    this.stop();
  }

  private fail(code: number, reason: string | undefined, message: string): void {
    this.broadcastEnd((id) => JSON.stringify({ type: 'error', id, status: { code, reason, message } }));
  }

  private relist(): void {
    this.broadcastEnd((id) => JSON.stringify({ type: 'relist', id }));
  }

  private async list(): Promise<void> {
    let res;
    try {
      const q = new URLSearchParams();
      if (this.target.labelSelector) q.set('labelSelector', this.target.labelSelector);
      if (this.target.fieldSelector) q.set('fieldSelector', this.target.fieldSelector);
      const qs = q.toString();
      res = await upstreamJSON(this.upstream, 'GET', collectionPath(this.target) + (qs ? `?${qs}` : ''), undefined, 60_000);
    } catch (e) {
      if (!this.stopped) this.retry(`list failed: ${(e as Error).message}`);
      return;
    }
    if (this.stopped) return;
    if (res.status !== 200) {
      const b = res.body as { code?: number; reason?: string; message?: string };
      return this.fail(res.status, b.reason, b.message ?? `HTTP ${res.status}`);
    }
    const body = res.body as { kind?: string; apiVersion?: string; metadata?: { resourceVersion?: string }; items?: KubeObjectLike[] };
    this.itemKind = (body.kind ?? '').replace(/List$/, '');
    this.itemApiVersion = body.apiVersion ?? '';
    this.objects.clear();
    for (const o of body.items ?? []) {
      // List items carry no kind/apiVersion upstream (L-1); watch events do (W-2). Make them alike.
      this.objects.set(objectKey(o), { kind: this.itemKind, apiVersion: this.itemApiVersion, ...o });
    }
    this.lastRV = this.listRV = body.metadata?.resourceVersion ?? '';
    this.buffer = [];
    this.bufferBytes = 0;
    this.ready = true;
    for (const p of this.pending.splice(0)) this.attach(p.sub, p.rv);
    this.watch();
  }

  private retry(why: string): void {
    const wait = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt++;
    this.log.warn({ cluster: this.target.cluster, resource: this.target.resource, why, retryInMs: wait }, 'upstream watch dropped');
    for (const s of this.subscribers.keys()) s.send(JSON.stringify({ type: 'reconnecting', id: s.id, retryInMs: wait }));
    this.retryTimer = setTimeout(() => (this.ready ? this.watch() : void this.list()), wait);
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    const q = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true', resourceVersion: this.lastRV });
    if (this.target.labelSelector) q.set('labelSelector', this.target.labelSelector);
    if (this.target.fieldSelector) q.set('fieldSelector', this.target.fieldSelector);
    let headers: Record<string, string>;
    try {
      headers = { ...(await this.upstream.authHeaders()), Accept: 'application/json' };
    } catch (e) {
      return this.retry(`credentials: ${(e as Error).message}`);
    }
    if (this.stopped) return;
    const mod = this.upstream.base.protocol === 'http:' ? http : https;
    const req = mod.request({ ...requestOptions(this.upstream, `${collectionPath(this.target)}?${q}`), method: 'GET', headers });
    this.request = req;
    req.on('response', (res) => {
      if (res.statusCode === 410) {
        res.resume();
        return this.relist();
      }
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let status: { reason?: string; message?: string } = {};
          try {
            status = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof status;
          } catch {
            // not a Status
          }
          if ((res.statusCode ?? 0) >= 500 || res.statusCode === 429) this.retry(`HTTP ${res.statusCode}`);
          else this.fail(res.statusCode ?? 0, status.reason, status.message ?? `HTTP ${res.statusCode}`);
        });
        return;
      }
      if (this.attempt > 0) {
        // Back after `reconnecting`: a bookmark at the last RV tells subscribers the watch is live again.
        const object = { kind: this.itemKind, apiVersion: this.itemApiVersion, metadata: { resourceVersion: this.lastRV } };
        this.fanOut([JSON.stringify({ type: 'BOOKMARK', object })]);
      }
      this.attempt = 0;
      res.setEncoding('utf8');
      let partial = '';
      res.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        this.onLines(lines);
      });
      res.on('error', () => undefined); // surfaces as an incomplete 'close' below
      res.on('close', () => {
        if (this.stopped || this.request !== req) return;
        // W-6: a clean end (timeout) → watch again from the last RV at once; a cut one → back-off.
        this.request = undefined;
        if (res.complete) void this.watch();
        else this.retry('connection lost');
      });
    });
    req.on('error', (err) => {
      if (this.stopped || this.request !== req) return;
      this.request = undefined;
      this.retry(err.message);
    });
    req.end();
  }

  private onLines(lines: string[]): void {
    const out: string[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      let ev: { type?: string; object?: KubeObjectLike & { code?: number; reason?: string; message?: string } };
      try {
        ev = JSON.parse(line) as typeof ev;
      } catch {
        continue; // W-2: clients ignore lines that do not parse
      }
      const obj = ev.object;
      if (!obj || !ev.type) continue;
      if (ev.type === 'ERROR') {
        if (out.length) this.fanOut(out.splice(0));
        this.request?.destroy();
        this.request = undefined;
        if (obj.code === 410) return this.relist();
        return this.fail(obj.code ?? 500, obj.reason, obj.message ?? 'watch error');
      }
      const rv = obj.metadata?.resourceVersion ?? '';
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.objects.set(objectKey(obj), obj);
      else if (ev.type === 'DELETED') this.objects.delete(objectKey(obj));
      this.lastRV = rv;
      this.buffer.push({ rv, json: line });
      this.bufferBytes += line.length;
      let drop = 0;
      while (this.buffer.length - drop > REPLAY_EVENTS || (this.bufferBytes > REPLAY_BYTES && drop < this.buffer.length - 1)) {
        this.bufferBytes -= this.buffer[drop].json.length;
        drop++;
      }
      if (drop) {
        this.buffer.splice(0, drop);
        this.listRV = undefined;
      }
      out.push(line);
    }
    if (out.length) this.fanOut(out);
  }

  private fanOut(lines: string[]): void {
    for (const s of this.subscribers.keys()) s.send(eventsMessage(s.id, lines));
  }
}
