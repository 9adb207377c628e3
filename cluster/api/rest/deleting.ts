// DELETE of one object and of a collection (O-10, O-11, O-12, M-5).
import type { ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { newBadRequest, newConflict, newForbidden, newInvalid, fieldErrors, newNotFound, type Status } from '../errors';
import { storageView } from './views';
import { groupResource, kindKey, parse, rfc3339 } from './objects';
import type { Registry } from './registry';
import type { DeleteRequest, WriteContext } from './types';

export interface DeleteResult {
  /** The object as it is after the call (deleting: still stored; deleted: last state). */
  object: KubeObject;
  /** true when the object is gone from the store (or would be, for a dry run). */
  removed: boolean;
}

const UNDELETABLE_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

function isCore(d: ResourceDescriptor, resource: string): boolean {
  return d.group === '' && d.resource === resource;
}

/** Pods get a grace period unless they never ran anywhere or already finished (upstream pod strategy). */
function gracePeriod(d: ResourceDescriptor, obj: KubeObject, opts: DeleteRequest): number {
  if (!isCore(d, 'pods')) return 0;
  const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const g = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, g);
}

function checkPreconditions(d: ResourceDescriptor, obj: KubeObject, opts: DeleteRequest): void {
  const p = opts.preconditions;
  const name = obj.metadata.name ?? '';
  if (p?.uid && p.uid !== obj.metadata.uid) {
    throw newConflict(groupResource(d), name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    throw newConflict(
      groupResource(d),
      name,
      `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in meta: ${obj.metadata.resourceVersion}`,
    );
  }
}

const POLICIES = ['Background', 'Foreground', 'Orphan'];

export function deleteObject(reg: Registry, d: ResourceDescriptor, namespace: string | undefined, name: string, opts: DeleteRequest, ctx: WriteContext): DeleteResult {
  const view = storageView(d);
  if (view) {
    const r = deleteObject(reg, view.storage, namespace, name, opts, ctx);
    return { object: view.fromStorage(r.object), removed: r.removed };
  }
  if (opts.propagationPolicy !== undefined && !POLICIES.includes(opts.propagationPolicy)) {
    throw newInvalid('DeleteOptions', 'meta.k8s.io', '', [fieldErrors.notSupported('propagationPolicy', opts.propagationPolicy, POLICIES)]);
  }
  if (opts.gracePeriodSeconds !== undefined && !Number.isInteger(opts.gracePeriodSeconds)) {
    throw newBadRequest('gracePeriodSeconds must be an integer');
  }
  const row = reg.row(d, namespace, name);
  if (!row) throw newNotFound(groupResource(d), name);
  const obj = parse(row.json);
  checkPreconditions(d, obj, opts);
  if (isCore(d, 'namespaces') && UNDELETABLE_NAMESPACES.has(name)) {
    throw newForbidden(groupResource(d), name, 'this namespace may not be deleted');
  }
  const meta = obj.metadata;
  const finalizers = [...(meta.finalizers ?? [])];
  const addFinalizer = (f: string): void => {
    if (!finalizers.includes(f)) finalizers.push(f);
  };
  // O-11: the API records the propagation policy as a finalizer; the garbage collector acts on it.
  if (opts.propagationPolicy === 'Orphan') addFinalizer('orphan');
  if (opts.propagationPolicy === 'Foreground') addFinalizer('foregroundDeletion');
  const grace = gracePeriod(d, obj, opts);
  const namespaceWaits = isCore(d, 'namespaces') && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) > 0;

  if (meta.deletionTimestamp) {
    // Already terminating: a shorter grace period (0 for a forced pod delete) may finish it.
    const currentGrace = meta.deletionGracePeriodSeconds ?? 0;
    if (finalizers.length === 0 && !namespaceWaits && grace === 0 && currentGrace > 0) return remove(reg, d, obj, row.json, ctx);
    if (finalizers.length !== (meta.finalizers ?? []).length) {
      meta.finalizers = finalizers;
      return keep(reg, d, obj, row.json, ctx);
    }
    return { object: obj, removed: false };
  }
  if (finalizers.length === 0 && grace === 0 && !namespaceWaits) return remove(reg, d, obj, row.json, ctx);

  const now = new Date(reg.now().getTime() + grace * 1000);
  meta.deletionTimestamp = rfc3339(now);
  meta.deletionGracePeriodSeconds = grace;
  if (finalizers.length) meta.finalizers = finalizers;
  // O-3: setting deletionTimestamp bumps a non-zero generation.
  if (meta.generation) meta.generation += 1;
  if (isCore(d, 'namespaces')) ((obj.status ??= {}) as { phase?: string }).phase = 'Terminating';
  return keep(reg, d, obj, row.json, ctx);
}

function keep(reg: Registry, d: ResourceDescriptor, obj: KubeObject, prevJson: string, ctx: WriteContext): DeleteResult {
  if (!ctx.dryRun) reg.store.write(kindKey(d), 'MODIFIED', obj, prevJson);
  return { object: obj, removed: false };
}

function remove(reg: Registry, d: ResourceDescriptor, obj: KubeObject, prevJson: string, ctx: WriteContext): DeleteResult {
  if (!ctx.dryRun) reg.store.write(kindKey(d), 'DELETED', obj, prevJson);
  return { object: obj, removed: true };
}

/** The 200 body of a delete (O-10): the object for pods and for objects kept, else a Success Status. */
export function deleteResponse(d: ResourceDescriptor, r: DeleteResult): KubeObject | Status {
  if (!r.removed || isCore(d, 'pods')) return r.object;
  const details = { name: r.object.metadata.name, group: d.group || undefined, kind: d.resource, uid: r.object.metadata.uid };
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}
