// A shared informer (client-go tools/cache): LIST, then WATCH from the list's resourceVersion,
// keeping an in-memory cache indexed by namespace/name and by owner UID. Controllers read only
// from this cache and react to its add/update/delete notifications; they never poll.
// A watch ERROR with 410 Gone/Expired means our resourceVersion was compacted: re-list and
// emit the difference as notifications (client-go's Replace). Other errors restart the watch
// from the last seen resourceVersion after a short delay.
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient, ListOptions, WatchEvent } from '../../client/types';
import type { Clock } from './clock';
import { objectKey } from './objects';

export interface InformerHandlers {
  onAdd?(obj: KubeObject): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  onDelete?(obj: KubeObject): void;
}

const RETRY_MS = 1000;

export class Informer {
  private readonly store = new Map<string, KubeObject>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly handlers: InformerHandlers[] = [];
  private resourceVersion = '';
  private stopWatch: (() => void) | undefined;
  private cancelRetry: (() => void) | undefined;
  private stopped = false;
  private synced = false;
  private generation = 0; // ignores events from a watch we already abandoned
  private syncedWaiters: (() => void)[] = [];
  relists = 0;

  constructor(
    private readonly client: ClusterClient,
    readonly ref: ResourceRef,
    private readonly clock: Clock,
    private readonly opts: ListOptions = {},
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Like client-go, a handler added after the initial list first gets an add for every cached object. */
  addHandlers(h: InformerHandlers): void {
    this.handlers.push(h);
    if (this.synced) for (const obj of this.store.values()) this.call(() => h.onAdd?.(obj));
  }

  /** A throwing handler must not stop the cache from following the watch. */
  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err);
    }
  }

  /** Lists and starts watching; resolves once the cache holds the initial list. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.cancelRetry?.();
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves once the initial list is in the cache (for informers started by someone else). */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncedWaiters.push(resolve));
  }

  lastResourceVersion(): string {
    return this.resourceVersion;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(namespace ? `${namespace}/${name}` : name);
  }

  /** All cached objects, or those of one namespace. */
  list(namespace?: string): KubeObject[] {
    if (namespace === undefined) return [...this.store.values()];
    return [...(this.byNamespace.get(namespace) ?? [])].map((k) => this.store.get(k) as KubeObject);
  }

  /** Objects having an ownerReference (controller or not) with this UID. */
  listByOwner(uid: string): KubeObject[] {
    return [...(this.byOwner.get(uid) ?? [])].map((k) => this.store.get(k) as KubeObject);
  }

  private async relist(): Promise<void> {
    const gen = ++this.generation;
    this.stopWatch?.();
    this.stopWatch = undefined;
    let items: KubeObject[];
    try {
      const res = await this.client.list(this.ref, this.opts);
      items = res.items;
      if (gen !== this.generation || this.stopped) return;
      this.resourceVersion = res.resourceVersion;
    } catch (err) {
      this.onError(err);
      if (!this.synced) throw err;
      this.scheduleRetry(() => this.relist());
      return;
    }
    this.relists++;
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(objectKey(item));
      this.upsert(item);
    }
    for (const [key, old] of [...this.store]) {
      if (!seen.has(key)) this.remove(old);
    }
    this.synced = true;
    for (const w of this.syncedWaiters.splice(0)) w();
    this.startWatch(gen);
  }

  private startWatch(gen: number): void {
    if (this.stopped) return;
    const opts = { ...this.opts, resourceVersion: this.resourceVersion };
    try {
      this.stopWatch = this.client.watch(this.ref, opts, (ev) => {
        if (gen === this.generation) this.handle(ev, gen);
      });
    } catch (err) {
      // A watch the server refuses outright: start over from a fresh list a bit later.
      this.onError(err);
      this.scheduleRetry(() => this.relist());
    }
  }

  private handle(ev: WatchEvent, gen: number): void {
    const rv = ev.object.metadata?.resourceVersion;
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.upsert(ev.object);
        break;
      case 'DELETED':
        this.remove(ev.object);
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        const code = (ev.object as { code?: number }).code;
        this.onError(ev.object);
        this.generation++;
        this.stopWatch?.();
        this.stopWatch = undefined;
        // 410: our resourceVersion is too old to resume from; start over with a fresh list.
        if (code === 410) void this.relist().catch((e: unknown) => this.onError(e));
        else this.scheduleRetry(() => this.startWatch(this.generation));
        return;
      }
    }
    if (rv && gen === this.generation) this.resourceVersion = rv;
  }

  private scheduleRetry(fn: () => void | Promise<void>): void {
    if (this.stopped) return;
    this.cancelRetry?.();
    this.cancelRetry = this.clock.setTimer(() => {
      if (!this.stopped) void Promise.resolve(fn()).catch((e: unknown) => this.onError(e));
    }, RETRY_MS * this.clock.speed);
  }

  private upsert(obj: KubeObject): void {
    const key = objectKey(obj);
    const old = this.store.get(key);
    if (old) this.unindex(key, old);
    this.store.set(key, obj);
    this.index(key, obj);
    for (const h of this.handlers) this.call(() => (old ? h.onUpdate?.(old, obj) : h.onAdd?.(obj)));
  }

  private remove(obj: KubeObject): void {
    const key = objectKey(obj);
    const old = this.store.get(key);
    if (!old) return;
    this.unindex(key, old);
    this.store.delete(key);
    // Hand out the final state the server reported, like client-go's DeleteFunc.
    for (const h of this.handlers) this.call(() => h.onDelete?.(obj.metadata?.uid ? obj : old));
  }

  private index(key: string, obj: KubeObject): void {
    addTo(this.byNamespace, obj.metadata.namespace ?? '', key);
    for (const r of obj.metadata.ownerReferences ?? []) addTo(this.byOwner, r.uid, key);
  }

  private unindex(key: string, obj: KubeObject): void {
    removeFrom(this.byNamespace, obj.metadata.namespace ?? '', key);
    for (const r of obj.metadata.ownerReferences ?? []) removeFrom(this.byOwner, r.uid, key);
  }
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(k);
}
