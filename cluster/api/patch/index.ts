// PATCH bodies (kube-api-contract.md 5.2-5.6): JSON patch, merge patch, strategic merge patch and
// server-side apply, plus managedFields bookkeeping for ordinary writes. Pure functions: the
// PATCH handler reads the stored object, calls these, then runs strategy/validation/storage.
import type { KubeObject } from '../../types';
import { newBadRequest, newInvalid, newUnsupportedMediaType, fieldErrors, type StatusError } from '../errors';
import { decodeObjectBody, type FieldValidation } from './decode';
import { goValue } from './goFormat';
import { applyJsonPatch, decodeJsonPatch } from './jsonPatch';
import { decodeManagedFields, encodeManagedFields, schemaOf, updateManagers, withoutManagedFields } from './managedFields';
import { applyMergePatch, decodeMergePatch } from './mergePatch';
import { rootType } from './mergeKeys';
import { apiVersionOfTarget, serverSideApply as ssa, type PatchTarget } from './serverSideApply';
import { SmpError, strategicMergePatch } from './strategicMerge';
import { genericInvalid } from './decode';
import type { Json } from './typed';

export type PatchContentType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

const PATCH_CONTENT_TYPES: readonly PatchContentType[] = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

export type { PatchTarget };
export { managerOrUserAgent } from './managedFields';

export interface PatchOptions {
  /** `fieldValidation` query parameter; absent means Warn upstream (strict decoding messages). */
  fieldValidation?: FieldValidation;
  /** for apply patches routed through applyPatch */
  manager?: string;
  force?: boolean;
  now?: string;
  subresource?: string;
}

/**
 * Applies a patch body (raw text) to `original`; throws StatusError with upstream codes and
 * messages: 400 for undecodable bodies and malformed directives, 422 for failing JSON-patch
 * operations, 409 for apply conflicts, 415 for other content types.
 */
export function applyPatch(
  contentType: PatchContentType | string,
  original: KubeObject,
  body: string,
  d: PatchTarget,
  opts: PatchOptions = {},
): KubeObject {
  const fv = opts.fieldValidation ?? 'Warn';
  let result: Record<string, unknown>;
  switch (contentType) {
    case 'application/json-patch+json':
      result = applyJsonPatch(original as Record<string, unknown>, decodeJsonPatch(body, fv));
      break;
    case 'application/merge-patch+json':
      result = applyMergePatch(original as Record<string, unknown>, decodeMergePatch(body, fv));
      break;
    case 'application/strategic-merge-patch+json': {
      const patch = decodeObjectBody(body, '');
      // The stored object names its own kind (a Scale for /scale); `d` only fills in when it does not.
      const typeName = original.kind ? rootType(original.apiVersion, original.kind) : rootType(apiVersionOfTarget(d), d.kind);
      try {
        result = strategicMergePatch(original as Record<string, unknown>, patch, typeName);
      } catch (e) {
        throw e instanceof SmpError ? smpStatus(e) : e;
      }
      break;
    }
    case 'application/apply-patch+yaml':
      return ssa(original, body, {
        manager: opts.manager ?? '',
        force: opts.force ?? false,
        d,
        now: opts.now ?? nowRFC3339(),
        subresource: opts.subresource,
      });
    default:
      throw newUnsupportedMediaType([...PATCH_CONTENT_TYPES]);
  }
  return checkDecodable(result, d);
}

/**
 * ValidatePatchOptions (apimachinery meta/v1/validation): apply needs a fieldManager, other patch
 * types must not carry `force`, and a fieldManager is at most 128 printable characters. Throws
 * 422 `PatchOptions.meta.k8s.io "" is invalid: ...` like upstream. `force` is the raw query value.
 */
export function validatePatchOptions(contentType: string, opts: { fieldManager?: string; force?: string | null }): void {
  const errs = [];
  const fm = opts.fieldManager ?? '';
  if (contentType === 'application/apply-patch+yaml') {
    if (!fm) errs.push(fieldErrors.required('fieldManager', 'is required for apply patch'));
  } else if (opts.force !== undefined && opts.force !== null) {
    errs.push(fieldErrors.forbidden('force', 'may not be specified for non-apply patch'));
  }
  if (fm.length > 128) errs.push(fieldErrors.tooLong('fieldManager', 128));
  [...fm].forEach((ch, i) => {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      errs.push(fieldErrors.invalid('fieldManager', fm, `invalid character U+${cp.toString(16).toUpperCase().padStart(4, '0')} (at position ${i})`));
    }
  });
  if (errs.length) throw newInvalid('PatchOptions', 'meta.k8s.io', '', errs);
}

/** Server-side apply; `current` undefined means create. force -> take ownership. Updates managedFields. */
export function serverSideApply(
  current: KubeObject | undefined,
  body: string,
  opts: { manager: string; force: boolean; d: PatchTarget; now: string; subresource?: string },
): KubeObject {
  return ssa(current, body, opts);
}

/**
 * Records an Update operation in `updated.metadata.managedFields` for non-apply writes (create,
 * PUT, non-apply PATCH, /status, /scale): the writer owns what it added or changed, other managers
 * lose those fields and anything removed. Client-sent managedFields are ignored (O-5 [dec]).
 * Call it with the object as it will be stored (after defaulting) and `old` undefined on create.
 */
export function recordUpdateManagedFields(
  old: KubeObject | undefined,
  updated: KubeObject,
  opts: { manager: string; subresource?: string; now: string; apiVersion: string; hasStatusSubresource?: boolean },
): void {
  const managers = decodeManagedFields(old?.metadata?.managedFields);
  const hasStatus = opts.hasStatusSubresource ?? STATUS_KINDS.has(`${updated.apiVersion}/${updated.kind}`);
  const newJ = withoutManagedFields(updated) as Json;
  updateManagers(managers, withoutManagedFields(old), newJ, schemaOf(updated), {
    manager: opts.manager,
    subresource: opts.subresource,
    now: opts.now,
    apiVersion: opts.apiVersion,
    hasStatus,
  });
  if (!updated.metadata) updated.metadata = {};
  const entries = encodeManagedFields(managers);
  if (entries) updated.metadata.managedFields = entries;
  else delete updated.metadata.managedFields;
}

/** Served kinds with a status subresource (D-10, plus upstream's for the other workload kinds). */
const STATUS_KINDS = new Set([
  'v1/Pod',
  'v1/Service',
  'v1/PersistentVolumeClaim',
  'v1/PersistentVolume',
  'v1/Node',
  'v1/Namespace',
  'v1/ReplicationController',
  'v1/ResourceQuota',
  'apps/v1/StatefulSet',
  'apps/v1/Deployment',
  'apps/v1/ReplicaSet',
  'apps/v1/DaemonSet',
  'policy/v1/PodDisruptionBudget',
]);

function nowRFC3339(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** interpretStrategicMergePatchError; upstream answers 500 for the rest, Ordinal 400 (never a 500). */
function smpStatus(e: SmpError): StatusError {
  return e.kind === 'invalid' ? genericInvalid() : newBadRequest(e.message);
}

/**
 * The patched document must still decode into the kind (runtime.DecodeInto); otherwise upstream
 * answers 422 ` "" is invalid: patch: Invalid value: "<json>": <decode error>`.
 */
function checkDecodable(result: unknown, d: PatchTarget): KubeObject {
  const fail = (detail: string): never => {
    throw newInvalid('', '', '', [fieldErrors.invalid('patch', JSON.stringify(result), detail)]);
  };
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    fail(`json: cannot unmarshal ${Array.isArray(result) ? 'array' : typeof result} into Go value of type ${d.kind}`);
  }
  const obj = result as KubeObject;
  if (obj.metadata !== undefined && (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata))) {
    if (obj.metadata === null) obj.metadata = {};
    else fail(`json: cannot unmarshal ${Array.isArray(obj.metadata) ? 'array' : goKind(obj.metadata)} into Go struct field ${d.kind}.metadata of type v1.ObjectMeta`);
  }
  if (obj.metadata === undefined) obj.metadata = {};
  return obj;
}

function goKind(v: unknown): string {
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : goValue(v);
}
