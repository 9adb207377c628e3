// Schema-aware walks of server-side apply (structured-merge-diff typed package): field sets of a
// value, comparison of two values, merging an applied configuration, and removing owned items.
// Objects are treated as structs (every key a named field); lists follow the +listType table.
import { FieldSet, fieldPE, keyPE, valuePE, type Path, type PathElement } from './fieldpath';
import { childOfObject, isAtomicObject, itemOfList, listKind, type NodeSchema } from './mergeKeys';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Defaults that upstream OpenAPI declares for list-map key fields (ContainerPort/ServicePort protocol). */
const KEY_DEFAULTS: Record<string, Json> = { protocol: 'TCP' };

export class SchemaError extends Error {}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** listItemToPathElement: key (map lists), value (sets) or index (atomic lists never get here). */
function itemPE(n: NodeSchema, item: Json, path: Path, index: number): PathElement {
  const lk = listKind(n);
  if (lk.type === 'set') return valuePE(item);
  if (!isObj(item)) throw new SchemaError(`${pathText(path)}: element ${index}: expected map, got ${JSON.stringify(item)}`);
  const key: Record<string, Json> = {};
  for (const k of lk.keys) {
    if (k in item && item[k] !== null) key[k] = item[k];
    else if (k in KEY_DEFAULTS) key[k] = KEY_DEFAULTS[k];
    else {
      throw new SchemaError(
        `${pathText(path)}: element ${index}: associative list with keys has an element that omits key field "${k}" (and doesn't have default value)`,
      );
    }
  }
  return keyPE(key);
}

function pathText(p: Path): string {
  return p.map((pe) => (pe.startsWith('f:') ? `.${pe.slice(2)}` : `[${pe.slice(2)}]`)).join('');
}

function isContainerList(n: NodeSchema, v: Json): v is Json[] {
  return Array.isArray(v) && listKind(n).type !== 'atomic';
}

/** TypedValue.ToFieldSet: leaves, list items, empty/null fields, atomic nodes. */
export function toFieldSet(v: Json, n: NodeSchema): FieldSet {
  const set = new FieldSet();
  const walk = (val: Json, node: NodeSchema, path: PathElement[]): void => {
    if (Array.isArray(val)) {
      if (!isContainerList(node, val)) {
        set.insert(path);
        return;
      }
      const item = itemOfList(node);
      val.forEach((child, i) => {
        const p = [...path, itemPE(node, child, path, i)];
        walk(child, item, p);
        set.insert(p);
      });
      return;
    }
    if (isObj(val)) {
      if (path.length && isAtomicObject(node)) {
        set.insert(path);
        return;
      }
      for (const [k, child] of Object.entries(val)) {
        const p = [...path, fieldPE(k)];
        walk(child, childOfObject(node, k), p);
        if (child === null || (isObj(child) && Object.keys(child).length === 0)) set.insert(p);
      }
      return;
    }
    set.insert(path);
  };
  walk(v, n, []);
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** TypedValue.Compare (compareWalker): added/removed nodes at every level, modified leaves. */
export function compare(lhs: Json | undefined, rhs: Json | undefined, n: NodeSchema): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const leaf = (l: Json | undefined, r: Json | undefined, path: Path): void => {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
    else if (!deepEqual(l, r)) c.modified.insert(path);
  };
  const walk = (lIn: Json | undefined, rIn: Json | undefined, node: NodeSchema, path: PathElement[]): void => {
    // A null next to a list or map is that container, empty (deduceAtom keeps the schema's atom):
    // its items are added/removed but the node itself stays.
    const isCont = (v: Json | undefined): boolean => v !== null && v !== undefined && typeof v === 'object';
    const l = lIn === null && isCont(rIn) ? (Array.isArray(rIn) ? [] : {}) : lIn;
    const r = rIn === null && isCont(lIn) ? (Array.isArray(lIn) ? [] : {}) : rIn;
    const sample = r === undefined ? l : r;
    const bothSameShape = l === undefined || r === undefined || shape(l) === shape(r);
    if (Array.isArray(sample) && bothSameShape) {
      const ll = (l as Json[] | undefined) ?? [];
      const rl = (r as Json[] | undefined) ?? [];
      if (listKind(node).type === 'atomic' || (ll.length === 0 && rl.length === 0)) return leaf(lIn, rIn, path);
      const lm = indexItems(node, ll, path);
      const rm = indexItems(node, rl, path);
      const item = itemOfList(node);
      for (const pe of new Set([...lm.keys(), ...rm.keys()])) walk(lm.get(pe), rm.get(pe), item, [...path, pe]);
    } else if (isObj(sample) && bothSameShape) {
      const lo = (l as Obj | undefined) ?? {};
      const ro = (r as Obj | undefined) ?? {};
      const empty = Object.keys(lo).length === 0 && Object.keys(ro).length === 0;
      if ((path.length && isAtomicObject(node)) || empty) return leaf(lIn, rIn, path);
      for (const k of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
        walk(lo[k], ro[k], childOfObject(node, k), [...path, fieldPE(k)]);
      }
    } else {
      return leaf(lIn, rIn, path);
    }
    if (lIn === undefined) c.added.insert(path);
    else if (rIn === undefined) c.removed.insert(path);
  };
  walk(lhs, rhs, n, []);
  return c;
}

function shape(v: Json): string {
  return Array.isArray(v) ? 'list' : isObj(v) ? 'map' : 'scalar';
}

function indexItems(n: NodeSchema, list: Json[], path: Path): Map<PathElement, Json> {
  const m = new Map<PathElement, Json>();
  list.forEach((item, i) => m.set(itemPE(n, item, path, i), item));
  return m;
}

/** TypedValue.Merge with ruleKeepRHS: the applied configuration wins, associative lists merge by key. */
export function merge(lhs: Json | undefined, rhs: Json | undefined, n: NodeSchema, path: PathElement[] = []): Json | undefined {
  if (rhs === undefined) return lhs;
  if (lhs === undefined || lhs === null || rhs === null) return rhs;
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    if (listKind(n).type === 'atomic' || (lhs.length === 0 && rhs.length === 0)) return rhs;
    return mergeList(lhs, rhs, n, path);
  }
  if (isObj(lhs) && isObj(rhs)) {
    if ((path.length && isAtomicObject(n)) || (Object.keys(lhs).length === 0 && Object.keys(rhs).length === 0)) return rhs;
    const out: Obj = {};
    for (const k of new Set([...Object.keys(lhs), ...Object.keys(rhs)])) {
      const v = merge(lhs[k], rhs[k], childOfObject(n, k), [...path, fieldPE(k)]);
      if (v !== undefined && v !== null) out[k] = v;
    }
    return out;
  }
  return rhs;
}

/** mergingWalker.visitListItems: keeps live order, places applied items per the shared order. */
function mergeList(lhs: Json[], rhs: Json[], n: NodeSchema, path: PathElement[]): Json[] {
  const lPEs = lhs.map((x, i) => itemPE(n, x, path, i));
  const rPEs = rhs.map((x, i) => itemPE(n, x, path, i));
  const lMap = new Map(lPEs.map((pe, i) => [pe, lhs[i]] as const));
  const rMap = new Map(rPEs.map((pe, i) => [pe, rhs[i]] as const));
  const shared = rPEs.filter((pe) => lMap.has(pe));
  let nextShared: PathElement | undefined = shared.shift();
  const merged = new Set<PathElement>();
  const out: Json[] = [];
  const item = itemOfList(n);
  const emit = (pe: PathElement): void => {
    const v = merge(lMap.get(pe), rMap.get(pe), item, [...path, pe]);
    if (v !== undefined) out.push(v);
  };
  let li = 0;
  let ri = 0;
  while (li < lPEs.length || ri < rPEs.length) {
    if (li < lPEs.length && ri < rPEs.length) {
      const pe = lPEs[li];
      if (pe === rPEs[ri]) {
        merged.add(pe);
        emit(pe);
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (rMap.has(pe) && nextShared !== undefined && nextShared !== pe) {
        li++;
        continue;
      }
    }
    if (li < lPEs.length) {
      const pe = lPEs[li];
      if (!rMap.has(pe)) {
        emit(pe);
        li++;
        continue;
      } else if (merged.has(pe)) {
        li++;
      }
    }
    if (ri < rPEs.length) {
      const pe = rPEs[ri];
      merged.add(pe);
      emit(pe);
      ri++;
      if (nextShared !== undefined && nextShared === pe) nextShared = shared.shift();
    }
  }
  return out;
}

/**
 * Updater.prune: drops what the applier owned last time (`last`, with named parents counted as
 * members) unless some manager (`owned`, including the applier's new set) still owns it or a
 * descendant of it.
 */
export function prune(v: Json, n: NodeSchema, last: FieldSet, owned: FieldSet): Json {
  const wasLast = (p: Path): boolean => last.has(p) || (p[p.length - 1].startsWith('f:') && last.hasDescendant(p));
  const keep = (p: Path): boolean => !wasLast(p) || owned.has(p) || owned.hasDescendant(p);
  const walk = (val: Json, node: NodeSchema, path: PathElement[]): Json => {
    if (Array.isArray(val) && isContainerList(node, val)) {
      const item = itemOfList(node);
      const out: Json[] = [];
      val.forEach((child, i) => {
        const p = [...path, itemPE(node, child, path, i)];
        if (keep(p)) out.push(walk(child, item, p));
      });
      return out;
    }
    if (isObj(val) && !(path.length && isAtomicObject(node))) {
      const out: Obj = {};
      for (const [k, child] of Object.entries(val)) {
        const p = [...path, fieldPE(k)];
        if (keep(p)) out[k] = walk(child, childOfObject(node, k), p);
      }
      return out;
    }
    return val;
  };
  return walk(v, n, []);
}
