// metadata.managedFields bookkeeping (O-5, P-6, P-21 items 5-6): decoding entries into field sets
// per manager identity, the Update operation of k8s.io/apimachinery/pkg/util/managedfields
// (compare old/new, take changed fields from others), encoding and sorting entries, and the
// User-Agent fallback for the manager name.
import type { KubeObject, ManagedFieldsEntry } from '../../types';
import { FieldSet, fieldPE, type Path } from './fieldpath';
import { rootType, type NodeSchema } from './mergeKeys';
import { compare, isObj, type Json } from './typed';
import { ZERO_VALUES } from './zeroValues';

/** validation.FieldManagerMaxLength */
const FIELD_MANAGER_MAX_LENGTH = 128;
/** DefaultMaxUpdateManagers: older Update managers are folded into "ancient-changes". */
const MAX_UPDATE_MANAGERS = 10;

/**
 * managerOrUserAgent (handlers/create.go): the `fieldManager` query parameter when given, else the
 * User-Agent up to its first "/" (printable characters only, at most 128 bytes):
 * `kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07` -> `kubectl`,
 * `kube-controller-manager/v1.32.4 ...` -> `kube-controller-manager`. kubectl itself names most
 * writes (`kubectl-client-side-apply`, `kubectl-edit`, `kubectl-patch`, ...), so the fallback
 * only shows for clients that send none (kubectl scale / rollout undo / cordon, client-node).
 */
export function managerOrUserAgent(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  const head = (userAgent ?? '').split('/')[0];
  let out = '';
  for (const ch of head) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) continue;
    if (Buffer.byteLength(out + ch) > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
  }
  return out;
}

export interface ManagerId {
  manager: string;
  operation: 'Apply' | 'Update';
  /** empty for Apply identities (BuildManagerIdentifier drops it) */
  apiVersion: string;
  subresource: string;
}

interface ManagerState {
  id: ManagerId;
  set: FieldSet;
  apiVersion: string;
  time?: string;
}

export function idKey(id: ManagerId): string {
  return JSON.stringify([id.manager, id.operation, id.operation === 'Apply' ? '' : id.apiVersion, id.subresource]);
}

export type Managers = Map<string, ManagerState>;

export function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): Managers {
  const m: Managers = new Map();
  for (const e of entries ?? []) {
    if (!e || typeof e !== 'object' || e.fieldsType !== 'FieldsV1') continue;
    const id: ManagerId = {
      manager: e.manager ?? '',
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: e.apiVersion ?? '',
      subresource: e.subresource ?? '',
    };
    m.set(idKey(id), { id, set: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}), apiVersion: e.apiVersion ?? '', time: e.time });
  }
  return m;
}

/** encodeManagedFields + sortEncodedManagedFields; undefined when nobody manages anything. */
export function encodeManagedFields(m: Managers): ManagedFieldsEntry[] | undefined {
  const entries: ManagedFieldsEntry[] = [];
  for (const s of m.values()) {
    if (s.set.empty()) continue;
    const e: ManagedFieldsEntry = { manager: s.id.manager, operation: s.id.operation, apiVersion: s.apiVersion };
    if (s.time) e.time = s.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = s.set.toFieldsV1();
    if (s.id.subresource) e.subresource = s.id.subresource;
    entries.push(e);
  }
  if (entries.length === 0) return undefined;
  const secs = (t?: string): number => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  entries.sort(
    (p, q) =>
      cmp(p.operation!, q.operation!) ||
      secs(p.time) - secs(q.time) ||
      cmp(p.manager!, q.manager!) ||
      cmp(p.apiVersion!, q.apiVersion!) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return entries;
}

/** stripMetaManager: fields no manager may own. */
const STRIPPED: Path[] = [
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map(
    (f) => ['f:metadata', fieldPE(f)],
  ),
];

export function stripMeta(s: FieldSet): FieldSet {
  return s.difference(FieldSet.of(STRIPPED));
}

/**
 * Reset fields (IgnoreFilter): writes to the main resource never own `status` of kinds that have a
 * status subresource, and status writes never own `spec`.
 */
export function ignoreFiltered(s: FieldSet, hasStatus: boolean, subresource: string | undefined): FieldSet {
  if (!hasStatus) return s;
  if (subresource === 'status') return s.withoutPrefix(['f:spec']);
  if (!subresource) return s.withoutPrefix(['f:status']);
  return s;
}

/** creater.New(kind) as unstructured: what a created object is compared against. */
export function zeroValueOf(obj: Json): Json {
  const o = isObj(obj) ? obj : {};
  const z = ZERO_VALUES[`${String(o.apiVersion ?? '')}/${String(o.kind ?? '')}`];
  return z === undefined ? {} : (structuredClone(z) as Json);
}

export function schemaOf(obj: { apiVersion?: unknown; kind?: unknown }): NodeSchema {
  return { typeName: rootType(String(obj.apiVersion ?? ''), String(obj.kind ?? '')) };
}

/** The object as the field manager compares it: without managedFields. */
export function withoutManagedFields(o: KubeObject | undefined): Json | undefined {
  if (!o) return undefined;
  // Shallow: callers only read the result (compare) or merge into fresh objects.
  const copy = { ...o, metadata: { ...o.metadata } } as KubeObject;
  delete copy.metadata.managedFields;
  return copy as unknown as Json;
}

export interface UpdateOptions {
  manager: string;
  subresource?: string;
  now: string;
  apiVersion: string;
  hasStatus: boolean;
}

/**
 * FieldManager.Update for one write: other managers lose what changed or disappeared, the writer
 * (operation Update) gains what it added or modified. Mutates and returns `managers`.
 */
export function updateManagers(
  managers: Managers,
  oldObj: Json | undefined,
  newObj: Json,
  schema: NodeSchema,
  opts: UpdateOptions,
): Managers {
  const c = compare(oldObj ?? zeroValueOf(newObj), newObj, schema);
  const changed = ignoreFiltered(c.modified.union(c.added), opts.hasStatus, opts.subresource);
  const removed = ignoreFiltered(c.removed, opts.hasStatus, opts.subresource);
  for (const s of managers.values()) s.set = s.set.difference(changed).difference(removed);
  const id: ManagerId = { manager: opts.manager || 'unknown', operation: 'Update', apiVersion: opts.apiVersion, subresource: opts.subresource ?? '' };
  const key = idKey(id);
  const own = stripMeta(changed);
  const prev = managers.get(key);
  if (!own.empty()) {
    managers.set(key, { id, set: prev ? prev.set.union(own) : own, apiVersion: opts.apiVersion, time: opts.now });
  }
  for (const [k, s] of managers) if (s.set.empty()) managers.delete(k);
  capUpdateManagers(managers);
  return managers;
}

function capUpdateManagers(managers: Managers): void {
  const updaters = [...managers.entries()].filter(([, s]) => s.id.operation === 'Update');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const secs = (t?: string): number => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  updaters.sort(([ka, a], [kb, b]) => secs(a.time) - secs(b.time) || (ka < kb ? -1 : ka > kb ? 1 : 0));
  let length = updaters.length;
  const firstByVersion = new Map<string, string>();
  for (const [key, s] of updaters) {
    if (length <= MAX_UPDATE_MANAGERS) break;
    const bucketId: ManagerId = { manager: 'ancient-changes', operation: 'Update', apiVersion: s.apiVersion, subresource: '' };
    const bucket = idKey(bucketId);
    const first = firstByVersion.get(s.apiVersion);
    if (first === undefined) {
      firstByVersion.set(s.apiVersion, key);
      continue;
    }
    if (!managers.has(bucket)) {
      const f = managers.get(first)!;
      managers.delete(first);
      managers.set(bucket, { ...f, id: bucketId });
    }
    const b = managers.get(bucket)!;
    managers.set(bucket, { id: bucketId, set: s.set.union(b.set), apiVersion: s.apiVersion, time: s.time });
    managers.delete(key);
    length--;
  }
}
