// Server-side apply (P-20, P-21): merges an applied configuration into the live object by the SSA
// list types, prunes what the applier stopped applying, detects conflicts with other managers
// (409 with upstream's message layout) and records ownership in managedFields.
// Mirrors k8s.io/apimachinery managedfields (v0.32) + structured-merge-diff Updater.Apply.
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../types';
import { StatusError, fieldErrors, newBadRequest, newInvalid, type Status } from '../errors';
import { FieldSet, pathString, type Path } from './fieldpath';
import {
  decodeManagedFields,
  encodeManagedFields,
  idKey,
  ignoreFiltered,
  schemaOf,
  stripMeta,
  updateManagers,
  withoutManagedFields,
  zeroValueOf,
  type ManagerId,
  type Managers,
} from './managedFields';
import { SchemaError, compare, deepEqual, isObj, merge, prune, toFieldSet, type Json } from './typed';

const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The parts of a ResourceDescriptor (registry/resources.ts) that apply needs. */
export interface PatchTarget {
  group: string;
  version: string;
  kind: string;
  subresources?: readonly { name: string }[];
}

export interface ApplyOptions {
  manager: string;
  force: boolean;
  d: PatchTarget;
  now: string;
  /** set when applying to a subresource (`status`) */
  subresource?: string;
}

export function apiVersionOfTarget(d: PatchTarget): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}

function hasStatusSubresource(d: PatchTarget): boolean {
  return Boolean(d.subresources?.some((s) => s.name === 'status'));
}

/** Decodes an apply body (YAML 1.1 like sigs.k8s.io/yaml; JSON is a subset). */
function decodeApplyBody(body: string): Record<string, unknown> {
  let v: unknown;
  try {
    // go-yaml v2 leaves timestamps (and binary) as strings when decoding into interface{}.
    v = parseYaml(body, {
      version: '1.1',
      uniqueKeys: true,
      customTags: (tags) => tags.filter((t) => typeof t === 'string' || !/:(timestamp|binary)$/.test(t.tag)),
    });
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw newBadRequest(`error decoding YAML: error converting YAML to JSON: yaml: ${msg}`);
  }
  if (v === null || v === undefined) return {};
  if (!isObj(v)) {
    const word = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
    throw newBadRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${word} into Go value of type map[string]interface {}`,
    );
  }
  return v as Record<string, unknown>;
}

function gvkString(apiVersion: unknown, kind: unknown): string {
  const av = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = av.indexOf('/');
  const group = slash >= 0 ? av.slice(0, slash) : '';
  const version = slash >= 0 ? av.slice(slash + 1) : av;
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

export function serverSideApply(current: KubeObject | undefined, body: string, opts: ApplyOptions): KubeObject {
  if (!opts.manager) {
    throw newInvalid('PatchOptions', 'meta.k8s.io', '', [fieldErrors.required('fieldManager', 'is required for apply patch')]);
  }
  const config = decodeApplyBody(body);
  const apiVersion = apiVersionOfTarget(opts.d);
  if (config.apiVersion !== apiVersion || config.kind !== opts.d.kind) {
    throw newBadRequest(`invalid object type: ${gvkString(config.apiVersion, config.kind)}`);
  }
  const meta = isObj(config.metadata) ? config.metadata : undefined;
  if (meta && 'managedFields' in meta) {
    if (meta.managedFields !== null) throw newBadRequest('metadata.managedFields must be nil');
    delete meta.managedFields;
  }
  const schema = schemaOf(config);
  const hasStatus = hasStatusSubresource(opts.d);
  const live: KubeObject = current
    ? current
    : ({ apiVersion, kind: opts.d.kind, metadata: pickNameNamespace(meta) } as KubeObject);
  const liveJ = withoutManagedFields(live) as Json;
  const configJ = config as Json;

  let managers: Managers = decodeManagedFields(current?.metadata?.managedFields);
  if (managers.size === 0 && current) {
    managers = updateManagers(managers, zeroValueOf(liveJ), liveJ, schema, { manager: 'before-first-apply', now: opts.now, apiVersion, hasStatus });
  }

  const id: ManagerId = { manager: opts.manager, operation: 'Apply', apiVersion: '', subresource: opts.subresource ?? '' };
  const key = idKey(id);
  const previous = managers.get(key);
  let merged: Json;
  let configSet: FieldSet;
  try {
    configSet = ignoreFiltered(toFieldSet(configJ, schema), hasStatus, opts.subresource);
    merged = merge(liveJ, configJ, schema) as Json;
    managers.set(key, { id, set: configSet, apiVersion, time: previous?.time });
    if (previous && !previous.set.empty()) {
      let owned = new FieldSet();
      for (const s of managers.values()) owned = owned.union(s.set);
      merged = prune(merged, schema, previous.set, owned);
    }
  } catch (e) {
    if (e instanceof SchemaError) {
      const name = typeof meta?.name === 'string' ? meta.name : '';
      const ns = typeof meta?.namespace === 'string' ? meta.namespace : '';
      throw newBadRequest(`failed to create typed patch object (${ns}/${name}; ${gvkString(config.apiVersion, config.kind)}): ${e.message}`);
    }
    throw e;
  }

  const c = compare(liveJ, merged, schema);
  const changed = ignoreFiltered(c.modified.union(c.added), hasStatus, opts.subresource);
  const removed = ignoreFiltered(c.removed, hasStatus, opts.subresource);
  const conflicts = collectConflicts(managers, key, changed);
  if (conflicts.length && !opts.force) {
    let remaining = conflicts;
    if (opts.manager === 'kubectl') {
      const allowed = allowedConflictsFromLastApplied(live, liveJ, apiVersion, schema);
      if (allowed) remaining = conflicts.filter((cf) => !allowed.has(cf.path));
    }
    // Otherwise apply proceeds as forced (lastAppliedManager re-runs with force=true).
    if (remaining.length) throw conflictError(remaining);
  }
  for (const [k, s] of managers) {
    if (k === key) continue;
    s.set = s.set.difference(changed).difference(removed);
    if (s.set.empty()) managers.delete(k);
  }
  const own = managers.get(key)!;
  own.set = stripMeta(own.set);
  if (own.set.empty()) managers.delete(key);
  else if (!deepEqual(liveJ, merged)) own.time = opts.now;

  // merge/prune share unchanged subtrees with the live object: copy before writing into it.
  const result = structuredClone(merged) as unknown as KubeObject;
  if (!isObj(result.metadata)) result.metadata = {};
  const annotations = result.metadata.annotations;
  if (opts.manager === 'kubectl' && annotations && annotations[LAST_APPLIED_ANNOTATION]) {
    annotations[LAST_APPLIED_ANNOTATION] = buildLastApplied(config);
  }
  const entries = encodeManagedFields(managers);
  if (entries) result.metadata.managedFields = entries;
  else delete result.metadata.managedFields;
  return result;
}

function pickNameNamespace(meta: Record<string, unknown> | undefined): KubeObject['metadata'] {
  const m: KubeObject['metadata'] = {};
  if (typeof meta?.name === 'string') m.name = meta.name;
  if (typeof meta?.namespace === 'string') m.namespace = meta.namespace;
  return m;
}

interface Conflict {
  id: ManagerId;
  path: Path;
}

function collectConflicts(managers: Managers, self: string, changed: FieldSet): Conflict[] {
  const out: Conflict[] = [];
  const ordered = [...managers.entries()].filter(([k]) => k !== self).sort(([, a], [, b]) => cmp(identJSON(a.id), identJSON(b.id)));
  for (const [, s] of ordered) {
    s.set.intersection(changed).iterate((p) => out.push({ id: s.id, path: p }));
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** BuildManagerIdentifier's JSON, which upstream sorts managers by. */
function identJSON(id: ManagerId): string {
  const o: Record<string, string> = { manager: id.manager, operation: id.operation };
  if (id.operation === 'Update' && id.apiVersion) o.apiVersion = id.apiVersion;
  if (id.subresource) o.subresource = id.subresource;
  return JSON.stringify(o);
}

function printManager(id: ManagerId): string {
  let s = JSON.stringify(id.manager);
  if (id.subresource) s += ` with subresource ${JSON.stringify(id.subresource)}`;
  if (id.operation === 'Update') s += ` using ${id.apiVersion}`;
  return s;
}

/** internal.NewConflictError: 409 Conflict, one FieldManagerConflict cause per field. */
function conflictError(conflicts: Conflict[]): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].id)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, Conflict[]>();
    for (const cf of conflicts) {
      const k = identJSON(cf.id);
      byManager.set(k, [...(byManager.get(k) ?? []), cf]);
    }
    const lines: string[] = [];
    for (const k of [...byManager.keys()].sort()) {
      const list = byManager.get(k)!;
      lines.push(`conflicts with ${printManager(list[0].id)}:`);
      for (const cf of list) lines.push(`- ${pathString(cf.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: conflicts.map((cf) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with ${printManager(cf.id)}`,
        field: pathString(cf.path),
      })),
    },
    code: 409,
  } as Status;
  return new StatusError(status);
}

/**
 * lastAppliedManager: for manager "kubectl", fields whose value still equals the client-side
 * last-applied configuration may be taken over without a conflict (apply upgrade path).
 */
function allowedConflictsFromLastApplied(live: KubeObject, liveJ: Json, apiVersion: string, schema: ReturnType<typeof schemaOf>): FieldSet | undefined {
  const text = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    const last = JSON.parse(text) as Json;
    if (!isObj(last) || last.apiVersion !== apiVersion) return undefined;
    const set = toFieldSet(last, schema);
    const c = compare(last, liveJ, schema);
    return set.difference(c.modified).difference(c.added).difference(c.removed);
  } catch {
    return undefined;
  }
}

/** lastAppliedUpdater.buildLastApplied: the applied object without the annotation, Go-JSON encoded. */
function buildLastApplied(config: Record<string, unknown>): string {
  const copy = structuredClone(config);
  const meta = isObj(copy.metadata) ? copy.metadata : undefined;
  const ann = meta && isObj(meta.annotations) ? meta.annotations : undefined;
  if (ann) delete ann[LAST_APPLIED_ANNOTATION];
  // encoding/json escapes HTML-significant characters and line separators inside strings.
  const json = JSON.stringify(sortKeys(copy)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${json}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

