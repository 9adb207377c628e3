// An in-memory ClusterClient for controller unit tests ONLY. It models just what controllers
// rely on: resourceVersions, optimistic concurrency, watch replay and 410 after compaction,
// uid/creationTimestamp/generateName, the status subresource, generation bumps and
// json/merge patches. It does no defaulting or validation; the real API server (cluster/api,
// cluster/registry) is exercised by the end-to-end tests.
import { applyPatch as applyJsonPatch, type Operation } from 'fast-json-patch';
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient, DeleteOptions, ListOptions, ListResult, PatchType, WatchEvent, WatchOptions, WriteOptions } from '../../client/types';
import { newAlreadyExists, newConflict, newNotFound, newResourceExpired, OPTIMISTIC_LOCK_MESSAGE, StatusError } from '../../api/errors';
import { rfc3339, type Clock } from '../runtime/clock';
import { objectKey } from '../runtime/objects';

type Reactor = (verb: string, ref: ResourceRef, obj: KubeObject | undefined, name: string) => StatusError | undefined;

interface Watcher {
  ref: ResourceRef;
  opts: WatchOptions;
  fn: (ev: WatchEvent) => void;
}

const rk = (ref: ResourceRef): string => `${ref.group}/${ref.resource}`;

export class FakeClusterClient implements ClusterClient {
  private readonly data = new Map<string, Map<string, KubeObject>>();
  private readonly log: { rv: number; resource: string; ev: WatchEvent }[] = [];
  private watchers: Watcher[] = [];
  private rv = 100;
  private uidSeq = 0;
  private compactedRv = 0;
  /** Every write, in order, for assertions: `create pods default/web-0`. */
  readonly actions: string[] = [];
  reactors: Reactor[] = [];
  /** graceful: pod DELETE sets deletionTimestamp (like a kubelet-managed pod) instead of removing. */
  podDeletion: 'immediate' | 'graceful' = 'immediate';

  constructor(private readonly clock: Clock) {}

  private bucket(ref: ResourceRef): Map<string, KubeObject> {
    let b = this.data.get(rk(ref));
    if (!b) this.data.set(rk(ref), (b = new Map()));
    return b;
  }

  private gr(ref: ResourceRef) {
    return { group: ref.group, resource: ref.resource };
  }

  private react(verb: string, ref: ResourceRef, obj: KubeObject | undefined, name: string): void {
    for (const r of this.reactors) {
      const err = r(verb, ref, obj, name);
      if (err) throw err;
    }
  }

  private emit(ref: ResourceRef, type: WatchEvent['type'], obj: KubeObject): void {
    const ev: WatchEvent = { type, object: structuredClone(obj) };
    this.log.push({ rv: Number(obj.metadata.resourceVersion), resource: rk(ref), ev });
    for (const w of this.watchers) {
      if (rk(w.ref) === rk(ref) && matches(obj, w.opts)) w.fn(structuredClone(ev));
    }
  }

  async get(ref: ResourceRef, namespace: string | undefined, name: string): Promise<KubeObject> {
    const obj = this.bucket(ref).get(namespace ? `${namespace}/${name}` : name);
    if (!obj) throw newNotFound(this.gr(ref), name);
    return structuredClone(obj);
  }

  async list(ref: ResourceRef, opts: ListOptions = {}): Promise<ListResult> {
    const items = [...this.bucket(ref).values()].filter((o) => matches(o, opts)).map((o) => structuredClone(o));
    return { items, resourceVersion: String(this.rv) };
  }

  watch(ref: ResourceRef, opts: WatchOptions, onEvent: (ev: WatchEvent) => void): () => void {
    const from = opts.resourceVersion ? Number(opts.resourceVersion) : undefined;
    if (from !== undefined && from < this.compactedRv) {
      const err = newResourceExpired(`too old resource version: ${from} (${this.compactedRv})`);
      queueMicrotask(() => onEvent({ type: 'ERROR', object: err.status as unknown as KubeObject }));
      return () => {};
    }
    const w: Watcher = { ref, opts, fn: onEvent };
    if (from === undefined) {
      for (const o of this.bucket(ref).values()) if (matches(o, opts)) onEvent({ type: 'ADDED', object: structuredClone(o) });
    } else {
      for (const e of this.log) if (e.rv > from && e.resource === rk(ref) && matches(e.ev.object, opts)) onEvent(structuredClone(e.ev));
    }
    this.watchers.push(w);
    return () => {
      this.watchers = this.watchers.filter((x) => x !== w);
    };
  }

  async create(ref: ResourceRef, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    void opts;
    const o = structuredClone(obj);
    o.metadata.namespace = namespace;
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = `${o.metadata.generateName}${(++this.uidSeq).toString(36).padStart(5, 'x')}`;
    const name = o.metadata.name ?? '';
    this.react('create', ref, o, name);
    const key = objectKey(o);
    if (this.bucket(ref).has(key)) throw newAlreadyExists(this.gr(ref), name);
    o.metadata.uid = `uid-${++this.uidSeq}`;
    o.metadata.creationTimestamp = rfc3339(this.clock.now());
    o.metadata.resourceVersion = String(++this.rv);
    if (o.spec !== undefined && ref.resource !== 'pods') o.metadata.generation = 1;
    if (ref.resource === 'pods') o.status = { phase: 'Pending' }; // P-1
    if (ref.resource === 'statefulsets') o.status = {};
    this.bucket(ref).set(key, o);
    this.actions.push(`create ${ref.resource} ${key}`);
    this.emit(ref, 'ADDED', o);
    return structuredClone(o);
  }

  async update(ref: ResourceRef, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    const name = obj.metadata.name ?? '';
    const key = namespace ? `${namespace}/${name}` : name;
    const old = this.bucket(ref).get(key);
    this.react(opts.subresource ? `update/${opts.subresource}` : 'update', ref, obj, name);
    if (!old) throw newNotFound(this.gr(ref), name);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw newConflict(this.gr(ref), name, OPTIMISTIC_LOCK_MESSAGE);
    }
    const o = structuredClone(obj);
    if (opts.subresource === 'status') {
      const status = o.status;
      Object.assign(o, structuredClone(old), { status });
      o.metadata = structuredClone(old.metadata);
    } else {
      if ('status' in old) o.status = structuredClone(old.status);
      o.metadata.uid = old.metadata.uid;
      o.metadata.creationTimestamp = old.metadata.creationTimestamp;
      o.metadata.generation = old.metadata.generation;
      if (old.metadata.generation !== undefined && JSON.stringify(old.spec) !== JSON.stringify(o.spec)) {
        o.metadata.generation = old.metadata.generation + 1;
      }
    }
    return this.store(ref, key, o, opts.subresource ? `update ${ref.resource}/${opts.subresource} ${key}` : `update ${ref.resource} ${key}`);
  }

  async patch(ref: ResourceRef, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions = {}): Promise<KubeObject> {
    const key = namespace ? `${namespace}/${name}` : name;
    const old = this.bucket(ref).get(key);
    this.react('patch', ref, undefined, name);
    if (!old) throw newNotFound(this.gr(ref), name);
    let next: KubeObject;
    if (type === 'json') {
      try {
        next = applyJsonPatch(structuredClone(old), patch as Operation[], true, false).newDocument;
      } catch (e) {
        throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(e), reason: 'Invalid', code: 422 });
      }
    } else {
      next = mergePatch(structuredClone(old), patch) as KubeObject;
    }
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (opts.subresource !== 'status' && old.metadata.generation !== undefined && JSON.stringify(old.spec) !== JSON.stringify(next.spec)) {
      next.metadata.generation = old.metadata.generation + 1;
    }
    return this.store(ref, key, next, `patch ${ref.resource} ${key}`);
  }

  async delete(ref: ResourceRef, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject | undefined> {
    const key = namespace ? `${namespace}/${name}` : name;
    const old = this.bucket(ref).get(key);
    this.react('delete', ref, old, name);
    if (!old) throw newNotFound(this.gr(ref), name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== old.metadata.uid) {
      throw newConflict(this.gr(ref), name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    this.actions.push(`delete ${ref.resource} ${key}`);
    // P-13: only a running pod is deleted gracefully; terminal-phase pods go at once.
    const phase = (old.status as { phase?: string } | undefined)?.phase;
    const terminal = phase === 'Failed' || phase === 'Succeeded';
    if (ref.resource === 'pods' && this.podDeletion === 'graceful' && !old.metadata.deletionTimestamp && !terminal) {
      const o = structuredClone(old);
      o.metadata.deletionTimestamp = rfc3339(this.clock.now() + 30_000);
      o.metadata.deletionGracePeriodSeconds = 30;
      return this.store(ref, key, o, undefined);
    }
    return this.remove(ref, namespace, name);
  }

  // ---- test helpers (not part of ClusterClient) ----

  /** Removes an object for good (the kubelet finishing a graceful deletion, the GC, …). */
  remove(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = namespace ? `${namespace}/${name}` : name;
    const old = this.bucket(ref).get(key);
    if (!old) return undefined;
    this.bucket(ref).delete(key);
    const gone = structuredClone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit(ref, 'DELETED', gone);
    return gone;
  }

  /** Direct write bypassing reactors and the action log (the kubelet setting pod status). */
  mutate(ref: ResourceRef, namespace: string | undefined, name: string, fn: (o: KubeObject) => void): KubeObject {
    const key = namespace ? `${namespace}/${name}` : name;
    const old = this.bucket(ref).get(key);
    if (!old) throw newNotFound(this.gr(ref), name);
    const o = structuredClone(old);
    fn(o);
    return this.store(ref, key, o, undefined);
  }

  peek(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.bucket(ref).get(namespace ? `${namespace}/${name}` : name);
    return o && structuredClone(o);
  }

  all(ref: ResourceRef): KubeObject[] {
    return [...this.bucket(ref).values()].map((o) => structuredClone(o));
  }

  /** Forgets history up to now: watches resuming from an older resourceVersion get 410. */
  compact(): void {
    this.compactedRv = this.rv;
    this.log.length = 0;
  }

  /** Ends every open watch with an ERROR event carrying `status` (e.g. 410 Expired). */
  breakWatches(err: StatusError): void {
    const ws = this.watchers;
    this.watchers = [];
    for (const w of ws) w.fn({ type: 'ERROR', object: err.status as unknown as KubeObject });
  }

  private store(ref: ResourceRef, key: string, o: KubeObject, action: string | undefined): KubeObject {
    o.metadata.resourceVersion = String(++this.rv);
    this.bucket(ref).set(key, o);
    if (action) this.actions.push(action);
    this.emit(ref, 'MODIFIED', o);
    return structuredClone(o);
  }
}

function matches(o: KubeObject, opts: ListOptions): boolean {
  if (opts.namespace && o.metadata.namespace !== opts.namespace) return false;
  if (opts.labelSelector) {
    for (const part of opts.labelSelector.split(',')) {
      const [k, v] = part.split('=');
      if ((o.metadata.labels ?? {})[k] !== v) return false;
    }
  }
  if (opts.fieldSelector) {
    for (const part of opts.fieldSelector.split(',')) {
      const [k, v] = part.split('=');
      if (k === 'metadata.name' && o.metadata.name !== v) return false;
      if (k === 'metadata.namespace' && o.metadata.namespace !== v) return false;
    }
  }
  return true;
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
