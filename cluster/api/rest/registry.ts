// The generic registry store: get / create / update / patch of any stored resource, with the
// upstream order of steps (decode → admission → defaulting → validation → precondition →
// commit). Delete, list and watch live in their own files and use this class.
import { randomUUID } from 'node:crypto';
import type { ResourceDescriptor } from '../../registry/resources';
import { strategyFor, type Strategy, type StrategyDeps } from '../../registry/strategy';
import type { Store, StoredRow } from '../../storage/store';
import type { UserInfo } from '../../auth/types';
import type { KubeObject } from '../../types';
import {
  OPTIMISTIC_LOCK_MESSAGE,
  fieldErrors,
  type FieldError,
  newAlreadyExists,
  newBadRequest,
  newConflict,
  newInvalid,
  newNotFound,
} from '../errors';
import { applyPatch, recordUpdateManagedFields, serverSideApply, type PatchContentType } from '../patch/index';
import { admitCreate, admitUpdate } from './admission';
import { storageView, type StorageView } from './views';
import { checkUnknownFields } from './fieldValidation';
import { clone, groupResource, hasSubresource, jsonEqual, kindKey, parse, randomSuffix, rfc3339, tracksGeneration, withTypeMeta } from './objects';
import type { WriteContext } from './types';
import { apiVersionOf } from '../../registry/resources';

export interface WriteResult {
  object: KubeObject;
  /** true when the write created the object (201). */
  created: boolean;
  /** The stored JSON text of `object` when it was written (saves serialising it again). */
  json?: string;
}

/** Server-owned metadata a client may not set on create (O-1, O-5). */
const SERVER_META = ['uid', 'creationTimestamp', 'resourceVersion', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'] as const;

export class Registry {
  private readonly strategies = new Map<ResourceDescriptor, Strategy>();
  /** Cluster state some strategies need (Service IP allocation); set once by startCluster. */
  strategyDeps: StrategyDeps = {};
  /** A-7 escalation check for RBAC writes by a request's user; set by startCluster. */
  rbacWriteGuard?: (user: UserInfo, obj: KubeObject, old: KubeObject | undefined) => void;

  constructor(
    readonly store: Store,
    readonly now: () => Date = () => new Date(),
  ) {}

  private readonly smallKinds = new Map<string, KubeObject[]>();

  /**
   * All objects of a small, rarely written kind (namespaces, limit ranges, storage classes),
   * parsed once and dropped on every change of that kind; admission reads them on hot paths.
   */
  cachedList(d: ResourceDescriptor): KubeObject[] {
    const key = kindKey(d);
    let list = this.smallKinds.get(key);
    if (!list) {
      list = this.store.list(key).map((r) => parse(r.json));
      if (!this.smallKinds.has(key)) this.store.onWrite(key, () => this.smallKinds.delete(key));
      this.smallKinds.set(key, list);
    }
    return list;
  }

  strategy(d: ResourceDescriptor): Strategy {
    let s = this.strategies.get(d);
    if (!s) this.strategies.set(d, (s = strategyFor(d, this.strategyDeps)));
    return s;
  }

  row(d: ResourceDescriptor, namespace: string | undefined, name: string): StoredRow | undefined {
    return this.store.get(kindKey(d), d.namespaced ? (namespace ?? '') : '', name);
  }

  get(d: ResourceDescriptor, namespace: string | undefined, name: string): KubeObject {
    const row = this.row(d, namespace, name);
    if (!row) throw newNotFound(groupResource(d), name);
    const view = storageView(d);
    return view ? view.fromStorage(parse(row.json)) : parse(row.json);
  }

  tryGet(d: ResourceDescriptor, namespace: string | undefined, name: string): KubeObject | undefined {
    const row = this.row(d, namespace, name);
    if (!row) return undefined;
    const view = storageView(d);
    return view ? view.fromStorage(parse(row.json)) : parse(row.json);
  }

  /** Runs a write of a view resource (M-1) against its storage resource, converting both ways. */
  private viaView(view: StorageView, d: ResourceDescriptor, namespace: string | undefined, body: KubeObject, ctx: WriteContext, urlName: string | undefined, write: (storage: ResourceDescriptor, obj: KubeObject) => WriteResult): WriteResult {
    this.checkIdentity(d, namespace, body, urlName);
    checkUnknownFields(d, body, ctx);
    const res = write(view.storage, view.toStorage(withTypeMeta(d, body)));
    return { object: view.fromStorage(res.object), created: res.created };
  }

  /** Checks and normalises the body's identity against the URL (O-7, P-2). */
  private checkIdentity(d: ResourceDescriptor, namespace: string | undefined, obj: KubeObject, urlName?: string): void {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw newBadRequest('the request body is not a JSON object');
    if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
    if (obj.kind !== undefined && obj.kind !== d.kind) {
      throw newBadRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${d.kind})`);
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersionOf(d)) {
      throw newBadRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersionOf(d)})`);
    }
    const meta = obj.metadata;
    if (d.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace ?? meta.namespace;
    } else {
      delete meta.namespace;
    }
    if (urlName !== undefined && meta.name && meta.name !== urlName) {
      throw newBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${urlName})`);
    }
    if (urlName !== undefined && !meta.name) meta.name = urlName;
  }

  create(d: ResourceDescriptor, namespace: string | undefined, body: KubeObject, ctx: WriteContext, opts: { skipManagedFields?: boolean } = {}): WriteResult {
    const view = storageView(d);
    if (view) return this.viaView(view, d, namespace, body, ctx, undefined, (s, o) => this.create(s, namespace, o, ctx, opts));
    this.checkIdentity(d, namespace, body);
    checkUnknownFields(d, body, ctx);
    const obj = withTypeMeta(d, body);
    const meta = obj.metadata;
    if (!meta.name && !meta.generateName) {
      throw newInvalid(d.kind, d.group, '', [fieldErrors.required('metadata.name', 'name or generateName is required')]);
    }
    const keepManaged = opts.skipManagedFields ? meta.managedFields : undefined;
    for (const k of SERVER_META) delete (meta as Record<string, unknown>)[k];
    if (keepManaged) meta.managedFields = keepManaged;
    if (hasSubresource(d, 'status')) delete obj.status;
    const now = this.now();
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339(now);
    if (tracksGeneration(d)) meta.generation = 1;
    if (!meta.name) meta.name = this.generateName(d, meta.namespace, meta.generateName ?? '');
    const strategy = this.strategy(d);
    strategy.prepareForCreate(obj);
    admitCreate(this, d, obj, ctx);
    const errs = strategy.validate(obj);
    if (errs.length) throw newInvalid(d.kind, d.group, meta.name ?? '', errs);
    if (this.row(d, meta.namespace, meta.name!)) throw newAlreadyExists(groupResource(d), meta.name!);
    if (!opts.skipManagedFields) {
      recordUpdateManagedFields(undefined, obj, { manager: managerOf(ctx), now: meta.creationTimestamp, apiVersion: apiVersionOf(d) });
    }
    if (ctx.dryRun) return { object: obj, created: true };
    const ev = this.store.write(kindKey(d), 'ADDED', obj);
    return { object: obj, created: true, json: ev.json };
  }

  private generateName(d: ResourceDescriptor, namespace: string | undefined, prefix: string): string {
    // Retry on collision like upstream's name generator (O-7).
    for (let i = 0; i < 8; i++) {
      const name = prefix + randomSuffix();
      if (!this.row(d, namespace, name)) return name;
    }
    return prefix + randomSuffix();
  }

  /**
   * PUT of the main resource or a subresource ("status", "finalize"). `body.metadata.resourceVersion`
   * is a precondition when set (O-6).
   */
  update(d: ResourceDescriptor, namespace: string | undefined, name: string, body: KubeObject, ctx: WriteContext, subresource?: string): WriteResult {
    const view = storageView(d);
    if (view) return this.viaView(view, d, namespace, body, ctx, name, (s, o) => this.update(s, namespace, name, o, ctx, subresource));
    this.checkIdentity(d, namespace, body, name);
    checkUnknownFields(d, body, ctx);
    const row = this.row(d, namespace, name);
    if (!row) throw newNotFound(groupResource(d), name);
    if (subresource === 'finalize') {
      // namespaces/finalize takes only spec.finalizers from the body (M-5).
      const next = parse(row.json);
      next.spec = { ...((next.spec as object | undefined) ?? {}), finalizers: (body.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [] };
      if (body.metadata.resourceVersion) next.metadata.resourceVersion = body.metadata.resourceVersion;
      return this.updateFrom(d, row, next, ctx, { subresource });
    }
    return this.updateFrom(d, row, withTypeMeta(d, body), ctx, { subresource });
  }

  /** Common tail of update and patch: `obj` is the desired new state of the stored `row`. */
  updateFrom(
    d: ResourceDescriptor,
    row: StoredRow,
    obj: KubeObject,
    ctx: WriteContext,
    opts: { subresource?: string; skipManagedFields?: boolean },
  ): WriteResult {
    const old = parse(row.json);
    const meta = obj.metadata;
    const name = old.metadata.name!;
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw newConflict(groupResource(d), name, OPTIMISTIC_LOCK_MESSAGE);
    }
    // Identity and server-owned fields always come from the stored object.
    meta.name = old.metadata.name;
    meta.namespace = old.metadata.namespace;
    if (!d.namespaced) delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.resourceVersion = old.metadata.resourceVersion;
    setOrDelete(meta, 'generation', old.metadata.generation);
    setOrDelete(meta, 'deletionTimestamp', old.metadata.deletionTimestamp);
    setOrDelete(meta, 'deletionGracePeriodSeconds', old.metadata.deletionGracePeriodSeconds);
    if (!opts.skipManagedFields) setOrDelete(meta, 'managedFields', old.metadata.managedFields);
    delete meta.generateName;
    if (old.metadata.generateName) meta.generateName = old.metadata.generateName;

    const strategy = this.strategy(d);
    const sub = opts.subresource;
    let errs: FieldError[];
    if (sub === 'status') {
      strategy.prepareForStatusUpdate(obj, old);
      errs = strategy.validateStatusUpdate(obj, old);
    } else if (sub === 'finalize') {
      // namespaces/finalize changes spec.finalizers only; the caller built `obj` from the stored object (M-5).
      errs = [];
    } else {
      if (hasSubresource(d, 'status')) setOrDelete(obj, 'status', old.status);
      strategy.prepareForUpdate(obj, old);
      admitUpdate(this, d, obj, old, ctx, sub);
      errs = strategy.validateUpdate(obj, old);
    }
    // New finalizers on a deleting object: ValidateObjectMetaUpdate in the strategy reports them.
    if (errs.length) throw newInvalid(d.kind, d.group, name, errs);
    if (meta.finalizers && meta.finalizers.length === 0) delete meta.finalizers;

    // O-4: a write that changes nothing issues no resourceVersion and no event. An apply brings
    // its own managedFields: a new owner of unchanged fields is a change that must be stored.
    const unchanged = opts.skipManagedFields ? jsonEqual(obj, old) : jsonEqual(stripVolatile(obj), stripVolatile(old));
    if (unchanged) return { object: old, created: false };
    if (!opts.skipManagedFields) {
      recordUpdateManagedFields(old, obj, { manager: managerOf(ctx), subresource: sub === 'status' || sub === 'scale' ? sub : undefined, now: rfc3339(this.now()), apiVersion: apiVersionOf(d) });
    }
    if (ctx.dryRun) return { object: obj, created: false };
    // The last finalizer of a deleting object removes it (O-10), unless a graceful pod delete is still running.
    if (meta.deletionTimestamp && !meta.finalizers?.length && !(meta.deletionGracePeriodSeconds ?? 0) && !hasSpecFinalizers(d, obj)) {
      this.store.write(kindKey(d), 'DELETED', obj, row.json);
      return { object: obj, created: false };
    }
    const ev = this.store.write(kindKey(d), 'MODIFIED', obj, row.json);
    return { object: obj, created: false, json: ev.json };
  }

  /** PATCH of the main resource or the status subresource (P-7..P-21). */
  patch(
    d: ResourceDescriptor,
    namespace: string | undefined,
    name: string,
    contentType: PatchContentType,
    body: string,
    ctx: WriteContext,
    subresource?: string,
  ): WriteResult {
    const row = this.row(d, namespace, name);
    const view = storageView(d);
    if (view && contentType !== 'application/apply-patch+yaml') {
      if (!row) throw newNotFound(groupResource(d), name);
      const patched = applyPatch(contentType, view.fromStorage(parse(row.json)), body, d, { fieldValidation: ctx.fieldValidation });
      return this.viaView(view, d, namespace, patched, ctx, name, (s, o) => this.updateFrom(s, row, o, ctx, { subresource }));
    }
    if (contentType === 'application/apply-patch+yaml') {
      // The handler ran validatePatchOptions (422 without a fieldManager); in-process callers name one.
      const current = row ? (view ? view.fromStorage(parse(row.json)) : parse(row.json)) : undefined;
      const applied = serverSideApply(current, body, { manager: managerOf(ctx), force: !!ctx.force, d, now: rfc3339(this.now()), subresource });
      if (!row) {
        applied.metadata.name ??= name;
        if (applied.metadata.name !== name) {
          throw newBadRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
        }
        return this.create(d, namespace, applied, ctx, { skipManagedFields: true });
      }
      if (view) return this.viaView(view, d, namespace, applied, ctx, name, (s, o) => this.updateFrom(s, row, o, ctx, { subresource, skipManagedFields: true }));
      this.checkIdentity(d, namespace, applied, name);
      checkUnknownFields(d, applied, ctx);
      return this.updateFrom(d, row, withTypeMeta(d, applied), ctx, { subresource, skipManagedFields: true });
    }
    if (!row) throw newNotFound(groupResource(d), name);
    const current = parse(row.json);
    const patched = applyPatch(contentType, clone(current), body, d, { fieldValidation: ctx.fieldValidation });
    this.checkIdentity(d, namespace, patched, name);
    checkUnknownFields(d, patched, ctx);
    return this.updateFrom(d, row, withTypeMeta(d, patched), ctx, { subresource });
  }
}

function setOrDelete<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v === undefined) delete o[k];
  else o[k] = v;
}

/** managedFields timestamps must not turn a no-op into a write. */
function stripVolatile(o: KubeObject): KubeObject {
  const { managedFields: _m, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

/** Namespaces wait for spec.finalizers (M-5) before they disappear. */
function hasSpecFinalizers(d: ResourceDescriptor, obj: KubeObject): boolean {
  if (d.group !== '' || d.resource !== 'namespaces') return false;
  const spec = obj.spec as { finalizers?: string[] } | undefined;
  return !!spec?.finalizers?.length;
}

/** P-6: fieldManager, else derived from the User-Agent by the handler, else "unknown". */
function managerOf(ctx: WriteContext): string {
  return ctx.fieldManager || 'unknown';
}
