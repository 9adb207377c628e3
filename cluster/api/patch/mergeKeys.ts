// The patch-merge-key / patch-strategy / list-type table (kube-api-contract.md 5.4, P-10, D-14):
// the single source for strategic merge patch, server-side apply and the OpenAPI x-kubernetes-*
// extensions. The data (schemaData.ts) is generated from the upstream Go struct tags.
import { KIND_ROOTS, TYPES } from './schemaData';

interface FieldDef {
  /** OpenAPI schema name of the field's struct type (of the items for lists). */
  t?: string;
  /** +listType; absent = untagged (atomic for server-side apply, replace for SMP). */
  list?: 'atomic' | 'set' | 'map';
  /** +listMapKey values, in tag order. */
  keys?: string[];
  /** +mapType on a Go map field. */
  map?: 'atomic' | 'granular';
  /** +structType on the field (overrides the type's own marker). */
  struct?: 'atomic' | 'granular';
  /** patchStrategy tag: "merge", "merge,retainKeys", "retainKeys", "replace". */
  ps?: string;
  /** patchMergeKey tag. */
  pk?: string;
}

export interface TypeDef {
  fields: Record<string, FieldDef>;
  /** +structType=atomic on the type. */
  atomic?: boolean;
}

/** Schema name of a served kind (`apps/v1`, `StatefulSet` -> `io.k8s.api.apps.v1.StatefulSet`). */
export function rootType(apiVersion: string | undefined, kind: string | undefined): string | undefined {
  if (!apiVersion || !kind) return undefined;
  return KIND_ROOTS[`${apiVersion}/${kind}`];
}

function typeDef(typeName: string | undefined): TypeDef | undefined {
  return typeName ? TYPES[typeName] : undefined;
}

function fieldDef(typeName: string | undefined, field: string): FieldDef | undefined {
  return typeDef(typeName)?.fields[field];
}

/** Strategic-merge metadata of one field, as strategicpatch.LookupPatchMeta returns it. */
export interface PatchMeta {
  /** patch strategies split on "," (e.g. ["merge","retainKeys"]). */
  strategies: string[];
  mergeKey: string;
  /** schema name to use below this field. */
  subType?: string;
}

export function patchMeta(typeName: string | undefined, field: string): PatchMeta {
  const f = fieldDef(typeName, field);
  return { strategies: f?.ps ? f.ps.split(',') : [], mergeKey: f?.pk ?? '', subType: f?.t };
}

export type ListStrategy = {
  strategy: 'merge' | 'replace' | 'retainKeys' | 'set';
  mergeKey?: string;
  /** raw patchStrategy tag, e.g. "merge,retainKeys" */
  patchStrategy?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
};

/**
 * Looks a field up by `kindPath`, either `<schema name>.<field>`
 * (`io.k8s.api.core.v1.PodSpec.containers`) or `<Kind>.<dotted path>`
 * (`StatefulSet.spec.template.spec.containers`, `apps/v1/StatefulSet.spec.replicas`).
 * Returns undefined for fields that have neither a patch strategy nor a list type.
 * strategy: `merge` (lists merged by mergeKey), `set` (primitive merging list such as
 * finalizers), `retainKeys` (a map such as Deployment `strategy`), `replace` otherwise.
 */
export function listStrategy(kindPath: string): ListStrategy | undefined {
  const resolved = resolveKindPath(kindPath);
  if (!resolved) return undefined;
  const f = fieldDef(resolved.typeName, resolved.field);
  if (!f || (!f.ps && !f.list)) return undefined;
  const strategies = f.ps ? f.ps.split(',') : [];
  let strategy: ListStrategy['strategy'] = 'replace';
  if (strategies.includes('merge')) strategy = f.pk ? 'merge' : 'set';
  else if (strategies.includes('retainKeys')) strategy = 'retainKeys';
  const out: ListStrategy = { strategy };
  if (f.pk) out.mergeKey = f.pk;
  if (f.ps) out.patchStrategy = f.ps;
  if (f.list) out.listType = f.list;
  if (f.keys) out.listMapKeys = [...f.keys];
  return out;
}

function resolveKindPath(kindPath: string): { typeName: string; field: string } | undefined {
  const lastDot = kindPath.lastIndexOf('.');
  if (lastDot > 0 && TYPES[kindPath.slice(0, lastDot)]) {
    return { typeName: kindPath.slice(0, lastDot), field: kindPath.slice(lastDot + 1) };
  }
  const [head, ...rest] = kindPath.split('.');
  if (rest.length === 0) return undefined;
  let typeName: string | undefined;
  if (head.includes('/')) {
    const slash = head.lastIndexOf('/');
    typeName = rootType(head.slice(0, slash), head.slice(slash + 1));
  } else {
    typeName = Object.entries(KIND_ROOTS).find(([k]) => k.endsWith(`/${head}`))?.[1];
  }
  for (let i = 0; i < rest.length - 1 && typeName; i++) typeName = fieldDef(typeName, rest[i])?.t;
  return typeName ? { typeName, field: rest[rest.length - 1] } : undefined;
}

/** x-kubernetes-* extensions for property `field` of schema `typeName` (D-14 item 3). */
export function openAPIFieldExtensions(typeName: string, field: string): Record<string, unknown> {
  const f = fieldDef(typeName, field);
  const ext: Record<string, unknown> = {};
  if (!f) return ext;
  if (f.keys) ext['x-kubernetes-list-map-keys'] = [...f.keys];
  if (f.list) ext['x-kubernetes-list-type'] = f.list;
  if (f.map) ext['x-kubernetes-map-type'] = f.map;
  if (f.struct) ext['x-kubernetes-map-type'] = f.struct;
  if (f.pk) ext['x-kubernetes-patch-merge-key'] = f.pk;
  if (f.ps) ext['x-kubernetes-patch-strategy'] = f.ps;
  return ext;
}

/** Type-level extensions: `x-kubernetes-map-type: atomic` for +structType=atomic types. */
export function openAPITypeExtensions(typeName: string): Record<string, unknown> {
  return TYPES[typeName]?.atomic ? { 'x-kubernetes-map-type': 'atomic' } : {};
}

// ---- the view server-side apply needs -------------------------------------------------------

/** How server-side apply treats one node of an object (structured-merge-diff schema). */
export interface NodeSchema {
  /** struct type name when known */
  typeName?: string;
  /** the field definition that led here (list/map markers) */
  field?: FieldDef;
}

export function isAtomicObject(n: NodeSchema): boolean {
  if (n.field?.map === 'atomic' || n.field?.struct === 'atomic') return true;
  if (n.field?.struct === 'granular' || n.field?.map === 'granular') return false;
  return Boolean(typeDef(n.typeName)?.atomic);
}

export function childOfObject(n: NodeSchema, key: string): NodeSchema {
  const f = fieldDef(n.typeName, key);
  return f ? { typeName: f.t, field: f } : {};
}

export function listKind(n: NodeSchema): { type: 'atomic' | 'set' | 'map'; keys: string[] } {
  return { type: n.field?.list ?? 'atomic', keys: n.field?.keys ?? [] };
}

export function itemOfList(n: NodeSchema): NodeSchema {
  return { typeName: n.field?.t };
}
