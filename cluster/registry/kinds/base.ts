// The common shape of every registry strategy (pkg/registry/*/strategy.go): a kind file only
// states what differs — its name rule, defaults, validation, status shape — and `makeStrategy`
// supplies ObjectMeta validation, status reset/copy, generation bumps and decode errors.
import { newBadRequest, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { DecodeError, deepClone } from '../defaults/json';
import { nameIsDNSSubdomain, type NameValidator } from '../validation/names';
import { semanticEqual, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';

export interface Strategy {
  /** Defaulting (semantics §1) and server-set fields on create (status reset etc.). Mutates obj. */
  prepareForCreate(obj: KubeObject): void;
  /** On a main-resource update: keep old status, bump metadata.generation on spec change, defaulting. */
  prepareForUpdate(obj: KubeObject, old: KubeObject): void;
  validate(obj: KubeObject): FieldError[];
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[];
  /** status subresource: result keeps old spec/metadata except status (Kubernetes status strategy) */
  prepareForStatusUpdate(obj: KubeObject, old: KubeObject): void;
  validateStatusUpdate(obj: KubeObject, old: KubeObject): FieldError[];
}

/**
 * Allocates Service cluster IPs (10.96.0.0/12) and node ports (30000-32767). It needs the set of
 * existing Services, which only the store has; `newServiceAllocator` in kinds/service.ts builds
 * one from a list callback. Errors are thrown as StatusError 422 with upstream's messages.
 */
export interface ServiceAllocator {
  allocateClusterIP(svc: KubeObject, requested: string | undefined): string;
  allocateNodePort(svc: KubeObject, requested: number | undefined): number;
}

/** Cluster state a few strategies need; the store supplies it (see ServiceAllocator in kinds/service.ts). */
export interface StrategyDeps {
  serviceAllocator?: ServiceAllocator;
  /** Source of randomness for generated suffixes (kube-api-access-xxxxx); defaults to Math.random. */
  random?: () => number;
}

export interface KindOptions {
  /** metadata.name rule; DNS-1123 subdomain unless the kind says otherwise. */
  nameValidator?: NameValidator;
  /** Bump metadata.generation when anything outside metadata/status changes (O-3). */
  tracksGeneration?: boolean;
  /** Replaces `status` on create; undefined keeps what the client sent (e.g. Nodes). */
  emptyStatus?: (obj: KubeObject) => unknown;
  /** The main resource ignores `.status` writes (kinds with a status subresource). */
  statusSubresource?: boolean;
  /** Defaulting, run on every create and update before validation. */
  defaults?: (obj: KubeObject) => void;
  prepareCreate?: (obj: KubeObject) => void;
  prepareUpdate?: (obj: KubeObject, old: KubeObject) => void;
  /** Kind-specific validation (ObjectMeta is already covered). */
  validate?: (obj: KubeObject) => FieldError[];
  /** Kind-specific update validation; runs after validate(obj) unless `updateReplacesValidate`. */
  validateUpdate?: (obj: KubeObject, old: KubeObject) => FieldError[];
  /** StatefulSet does not revalidate its name on update: its update check replaces the create check. */
  updateReplacesValidate?: boolean;
  validateStatus?: (obj: KubeObject, old: KubeObject) => FieldError[];
  /** Status fields Go always serializes (non-omitempty counters), filled on status writes. */
  defaultStatus?: (obj: KubeObject) => void;
}

const STATUS_KEPT_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const;

function nonMetaFields(obj: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') out[k] = v;
  return out;
}

export function makeStrategy(d: ResourceDescriptor, opts: KindOptions): Strategy {
  const nameFn = opts.nameValidator ?? nameIsDNSSubdomain;
  const hasStatus = opts.statusSubresource ?? d.subresources.some((s) => s.name === 'status');

  const decoding = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      if (e instanceof DecodeError) {
        throw newBadRequest(`${d.kind} in version "${d.version}" cannot be handled as a ${d.kind}: ${e.message}`);
      }
      throw e;
    }
  };

  return {
    prepareForCreate(obj) {
      if (!obj.metadata) obj.metadata = {};
      decoding(() => {
        if (opts.emptyStatus) obj.status = opts.emptyStatus(obj);
        opts.defaults?.(obj);
        opts.prepareCreate?.(obj);
      });
      if (opts.emptyStatus && obj.status === undefined) delete obj.status;
    },
    prepareForUpdate(obj, old) {
      if (!obj.metadata) obj.metadata = {};
      decoding(() => {
        if (hasStatus) {
          if (old.status === undefined) delete obj.status;
          else obj.status = deepClone(old.status);
        }
        opts.defaults?.(obj);
        opts.prepareUpdate?.(obj, old);
      });
      if (opts.tracksGeneration) {
        const oldGen = old.metadata?.generation ?? 0;
        obj.metadata.generation = semanticEqual(nonMetaFields(obj), nonMetaFields(old)) ? oldGen : oldGen + 1;
      }
    },
    validate(obj) {
      return [...validateObjectMeta(obj.metadata, d.namespaced, nameFn), ...(opts.validate?.(obj) ?? [])];
    },
    validateUpdate(obj, old) {
      const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
      if (!opts.updateReplacesValidate) errs.push(...(opts.validate?.(obj) ?? []));
      errs.push(...(opts.validateUpdate?.(obj, old) ?? []));
      return errs;
    },
    prepareForStatusUpdate(obj, old) {
      if (!obj.metadata) obj.metadata = {};
      // S-1 / D-27: only .status changes; spec and owner-facing metadata come from the stored object.
      for (const k of Object.keys(obj)) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') delete obj[k];
      Object.assign(obj, deepClone(nonMetaFields(old)));
      for (const k of STATUS_KEPT_METADATA) {
        if (old.metadata?.[k] === undefined) delete obj.metadata[k];
        else (obj.metadata as Record<string, unknown>)[k] = deepClone(old.metadata[k]);
      }
      if (old.metadata?.generation !== undefined) obj.metadata.generation = old.metadata.generation;
      decoding(() => opts.defaultStatus?.(obj));
    },
    validateStatusUpdate(obj, old) {
      return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...(opts.validateStatus?.(obj, old) ?? [])];
    },
  };
}

/** Shorthand used by kind files for `obj.spec` as a JSON object (created if absent). */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const s = obj.spec;
  if (s !== null && typeof s === 'object' && !Array.isArray(s)) return s as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  obj.spec = created;
  return created;
}
