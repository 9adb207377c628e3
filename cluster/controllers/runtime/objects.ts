// Small helpers over plain KubeObjects shared by every controller.
import type { KubeObject, OwnerReference, ResourceRef } from '../../types';
import { isStatusError } from '../../api/errors';

export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
export const PVCS: ResourceRef = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events' };
export const STATEFULSETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'statefulsets' };
export const CONTROLLER_REVISIONS: ResourceRef = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };

/** cache key `namespace/name` (just `name` for cluster-scoped objects), as client-go's MetaNamespaceKeyFunc. */
export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ''}` : (obj.metadata.name ?? '');
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

function errorCode(err: unknown): number | undefined {
  return isStatusError(err) ? err.code : undefined;
}

function errorReason(err: unknown): string | undefined {
  return isStatusError(err) ? err.status.reason : undefined;
}

export const isNotFound = (err: unknown): boolean => errorCode(err) === 404;
export const isAlreadyExists = (err: unknown): boolean => errorReason(err) === 'AlreadyExists';
export const isConflict = (err: unknown): boolean => errorCode(err) === 409 && errorReason(err) === 'Conflict';

/** Go's `%s` of an error: the Status message for API errors. */
export function errorText(err: unknown): string {
  if (isStatusError(err)) return err.status.message ?? err.message;
  return err instanceof Error ? err.message : String(err);
}
