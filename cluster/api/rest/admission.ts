// Built-in admission the generic store runs on writes (upstream plugins NamespaceLifecycle,
// ServiceAccount, LimitRanger, DefaultStorageClass) plus the namespace invariants of M-5.
import { admitPodWithLimitRanges } from '../../registry/admission/limitRange';
import { findResource, type ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { newForbidden, newNotFound } from '../errors';
import { groupResource } from './objects';
import type { Registry } from './registry';
import type { WriteContext } from './types';

const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';
const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

function isCore(d: ResourceDescriptor, resource: string): boolean {
  return d.group === '' && d.resource === resource;
}

function core(resource: string): ResourceDescriptor | undefined {
  return findResource('', 'v1', resource);
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function admitCreate(reg: Registry, d: ResourceDescriptor, obj: KubeObject, ctx: WriteContext): void {
  if (d.namespaced) checkNamespace(reg, d, obj);
  if (d.group === RBAC_GROUP && ctx.user) reg.rbacWriteGuard?.(ctx.user, obj, undefined);
  if (isCore(d, 'namespaces')) namespaceInvariants(obj);
  if (isCore(d, 'pods')) {
    // ServiceAccount/toleration defaults are part of the pod strategy (registry/admission/podAdmission).
    const lr = core('limitranges');
    if (lr) {
      const ranges = reg.cachedList(lr).filter((r) => r.metadata.namespace === obj.metadata.namespace);
      if (ranges.length) admitPodWithLimitRanges(obj, ranges);
    }
  }
  if (isCore(d, 'persistentvolumeclaims')) defaultStorageClass(reg, obj);
}

export function admitUpdate(reg: Registry, d: ResourceDescriptor, obj: KubeObject, old: KubeObject, ctx: WriteContext, _sub?: string): void {
  if (d.group === RBAC_GROUP && ctx.user) reg.rbacWriteGuard?.(ctx.user, obj, old);
  if (isCore(d, 'namespaces')) {
    namespaceInvariants(obj);
    // Phase is server-owned; a main-resource update cannot revive a terminating namespace.
    if (old.metadata.deletionTimestamp) (obj.status as { phase?: string }).phase = 'Terminating';
  }
}

/** NamespaceLifecycle: content only goes into existing, non-terminating namespaces (O-7). */
function checkNamespace(reg: Registry, d: ResourceDescriptor, obj: KubeObject): void {
  const nsd = core('namespaces');
  const ns = obj.metadata.namespace ?? '';
  if (!nsd) return;
  const nsObj = reg.cachedList(nsd).find((n) => n.metadata.name === ns);
  if (!nsObj) throw newNotFound({ group: '', resource: 'namespaces' }, ns);
  if (nsObj.metadata.deletionTimestamp) {
    const err = newForbidden(groupResource(d), obj.metadata.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`);
    err.status.details = {
      ...err.status.details,
      causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }],
    };
    throw err;
  }
}

/** M-5: label kubernetes.io/metadata.name, spec.finalizers ["kubernetes"], phase Active. */
function namespaceInvariants(obj: KubeObject): void {
  const meta = obj.metadata;
  meta.labels = { ...(meta.labels ?? {}), [NAMESPACE_LABEL]: meta.name ?? '' };
  const spec = (obj.spec ??= {}) as { finalizers?: string[] };
  if (!meta.resourceVersion && spec.finalizers === undefined) spec.finalizers = ['kubernetes'];
  const status = (obj.status ??= {}) as { phase?: string };
  status.phase ??= 'Active';
}

/** DefaultStorageClass: a PVC without storageClassName gets the default class (M-6). */
function defaultStorageClass(reg: Registry, obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as { storageClassName?: string | null };
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  const scd = findResource('storage.k8s.io', 'v1', 'storageclasses');
  if (!scd) return;
  const def = reg
    .cachedList(scd)
    .find((sc) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  if (def) spec.storageClassName = def.metadata.name;
}
