// RFC 6902 JSON patch with the semantics of gopkg.in/evanphx/json-patch.v4 (what the apiserver
// runs, P-8): negative indexes allowed, `replace` of a missing object key behaves like `add`,
// a null-valued member counts as absent when walking. Decoding errors are 400; any failing
// operation is a 422 with the generic message upstream sends (it drops the library's text).
import { newBadRequest } from '../errors';
import { genericInvalid, parseGoJson, unmarshalTypeError, type FieldValidation } from './decode';
import { deepEqual } from './typed';

type Container = Record<string, unknown> | unknown[];

class OpFailed extends Error {}

interface Op {
  op?: unknown;
  path?: unknown;
  from?: unknown;
  value?: unknown;
}

/** Decodes the body like handlers.applyJSPatch + jsonpatch.DecodePatch. */
export function decodeJsonPatch(body: string, fieldValidation: FieldValidation): Op[] {
  const strict = fieldValidation !== 'Ignore';
  const r = parseGoJson(body);
  if ('error' in r) throw newBadRequest(strict ? `error decoding patch: ${r.error}` : r.error);
  const v = r.value;
  if (v === null) return [];
  if (!Array.isArray(v)) {
    throw newBadRequest(
      strict
        ? `error decoding patch: ${unmarshalTypeError(v, '[]handlers.jsonPatchOp')}`
        : unmarshalTypeError(v, 'jsonpatch.Patch'),
    );
  }
  for (const op of v) {
    if (op !== null && (typeof op !== 'object' || Array.isArray(op))) {
      throw newBadRequest(
        strict
          ? `error decoding patch: ${unmarshalTypeError(op, 'handlers.jsonPatchOp')}`
          : unmarshalTypeError(op, 'jsonpatch.Operation'),
      );
    }
    if (strict && op !== null) {
      for (const f of ['op', 'path', 'from'] as const) {
        const fv = (op as Op)[f];
        if (fv !== undefined && fv !== null && typeof fv !== 'string') {
          throw newBadRequest(
            `error decoding patch: json: cannot unmarshal ${Array.isArray(fv) ? 'array' : typeof fv === 'object' ? 'object' : typeof fv} into Go struct field jsonPatchOp.${f} of type string`,
          );
        }
      }
    }
  }
  return v.map((op) => (op ?? {}) as Op);
}

export function applyJsonPatch(doc: Record<string, unknown>, ops: Op[]): Record<string, unknown> {
  let root: Container = structuredClone(doc);
  try {
    for (const op of ops) root = applyOp(root, op);
  } catch (e) {
    if (e instanceof OpFailed) throw genericInvalid();
    throw e;
  }
  return root as Record<string, unknown>;
}

function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new OpFailed(`${what} missing`);
  return v;
}

/** findObject: the container holding the last path token, or undefined. */
function findObject(root: Container, path: string): { con: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc: Container = root;
  for (const part of split.slice(1, -1)) {
    const next = get(doc, decodeKey(part));
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    doc = next as Container;
  }
  return { con: doc, key: decodeKey(split[split.length - 1]) };
}

function arrayIndex(arr: unknown[], key: string, extra = 0): number {
  if (!/^-?\d+$/.test(key)) throw new OpFailed(`value was not a proper array index: '${key}'`);
  let idx = Number(key);
  const len = arr.length + extra;
  if (idx >= len || idx < -len) throw new OpFailed(`Unable to access invalid index: ${idx}`);
  if (idx < 0) idx += len;
  return idx;
}

function get(con: Container, key: string): unknown {
  if (Array.isArray(con)) {
    try {
      return con[arrayIndex(con, key)];
    } catch {
      return undefined;
    }
  }
  return Object.prototype.hasOwnProperty.call(con, key) ? con[key] : undefined;
}

function add(con: Container, key: string, val: unknown): void {
  if (!Array.isArray(con)) {
    con[key] = val;
    return;
  }
  if (key === '-') {
    con.push(val);
    return;
  }
  con.splice(arrayIndex(con, key, 1), 0, val);
}

function remove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!Object.prototype.hasOwnProperty.call(con, key)) throw new OpFailed(`Unable to remove nonexistent key: ${key}: missing value`);
    delete con[key];
    return;
  }
  con.splice(arrayIndex(con, key), 1);
}

function applyOp(root: Container, op: Op): Container {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add': {
      const path = str(op.path, 'path');
      const t = findObject(root, path);
      if (!t) throw new OpFailed(`add operation does not apply: doc is missing path: "${path}": missing value`);
      add(t.con, t.key, structuredClone(op.value ?? null));
      return root;
    }
    case 'remove': {
      const path = str(op.path, 'path');
      const t = findObject(root, path);
      if (!t) throw new OpFailed(`remove operation does not apply: doc is missing path: "${path}": missing value`);
      remove(t.con, t.key);
      return root;
    }
    case 'replace': {
      const path = str(op.path, 'path');
      if (path === '') {
        if (op.value === null || typeof op.value !== 'object') throw new OpFailed('replace operation value must be object or array');
        return structuredClone(op.value) as Container;
      }
      const t = findObject(root, path);
      if (!t) throw new OpFailed(`replace operation does not apply: doc is missing path: ${path}: missing value`);
      if (Array.isArray(t.con)) t.con[arrayIndex(t.con, t.key)] = structuredClone(op.value ?? null);
      else t.con[t.key] = structuredClone(op.value ?? null);
      return root;
    }
    case 'move':
    case 'copy': {
      const from = str(op.from, 'from');
      const f = findObject(root, from);
      if (!f) throw new OpFailed(`${kind} operation does not apply: doc is missing from path: ${from}: missing value`);
      if (Array.isArray(f.con)) arrayIndex(f.con, f.key);
      const val = get(f.con, f.key);
      if (kind === 'move') remove(f.con, f.key);
      const path = str(op.path, 'path');
      const t = findObject(root, path);
      if (!t) throw new OpFailed(`${kind} operation does not apply: doc is missing destination path: ${path}: missing value`);
      add(t.con, t.key, kind === 'copy' ? structuredClone(val ?? null) : (val ?? null));
      return root;
    }
    case 'test': {
      const path = str(op.path, 'path');
      if (path === '') {
        if (!deepEqual(root, op.value)) throw new OpFailed(`testing value ${path} failed: test failed`);
        return root;
      }
      const t = findObject(root, path);
      if (!t) throw new OpFailed(`test operation does not apply: is missing path: ${path}: missing value`);
      if (Array.isArray(t.con)) arrayIndex(t.con, t.key);
      const val = get(t.con, t.key);
      if (val === undefined || val === null) {
        if (op.value === null) return root;
        throw new OpFailed(`testing value ${path} failed: test failed`);
      }
      if (!deepEqual(val, op.value)) throw new OpFailed(`testing value ${path} failed: test failed`);
      return root;
    }
    default:
      throw new OpFailed(`Unexpected kind: ${kind}`);
  }
}
