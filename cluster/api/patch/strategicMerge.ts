// Strategic merge patch (P-10..P-19): a port of k8s.io/apimachinery/pkg/util/strategicpatch
// (v0.32) mergeMap and friends, applied with MergeParallelList and IgnoreUnmatchedNulls as the
// apiserver does. Merge keys and strategies come from mergeKeys.ts.
import { goTypeName, goValue } from './goFormat';
import { sliceStable } from './goSort';
import { patchMeta } from './mergeKeys';

type JMap = Record<string, unknown>;

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList';
const SET_ORDER = '$setElementOrder';

/** An SMP failure; `kind` says how interpretStrategicMergePatchError maps it to HTTP. */
export class SmpError extends Error {
  constructor(
    message: string,
    readonly kind: 'badRequest' | 'invalid' | 'other',
  ) {
    super(message);
  }
}

const ErrBadPatchFormatForPrimitiveList = () => new SmpError('invalid patch format of primitive list', 'badRequest');
const ErrBadPatchFormatForRetainKeys = () => new SmpError('invalid patch format of retainKeys', 'badRequest');
const ErrBadPatchFormatForSetElementOrderList = () => new SmpError('invalid patch format of setElementOrder list', 'badRequest');
const ErrNoListOfLists = () => new SmpError('lists of lists are not supported', 'invalid');
const ErrNoMergeKey = (m: JMap, k: string) => new SmpError(`map: ${goValue(m)} does not contain declared merge key: ${k}`, 'other');
const ErrBadArgType = (expected: string, actual: unknown) =>
  new SmpError(`expected a ${expected}, but received a ${goTypeName(actual)}`, 'other');
const ErrBadPatchType = (t: unknown, m: JMap) =>
  new SmpError(`unknown patch type: ${typeof t === 'string' ? t : goBadVerb(t)} in map: ${goValue(m)}`, 'other');
const MAP_T = 'map[string]interface {}';
const SLICE_T = '[]interface {}';

function goBadVerb(t: unknown): string {
  return `%!s(${goTypeName(t)}=${goValue(t)})`;
}

function isMap(v: unknown): v is JMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  return v === null || v === undefined ? '<nil>' : Array.isArray(v) ? 'slice' : isMap(v) ? 'map' : goTypeName(v);
}

/** Applies `patch` to `original` (both plain JSON, cloned first). `typeName` is the schema root. */
export function strategicMergePatch(original: JMap, patch: JMap, typeName: string | undefined): JMap {
  return mergeMap(structuredClone(original), structuredClone(patch), typeName);
}

function mergeMap(original: JMap | undefined, patch: JMap, schema: string | undefined): JMap {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const orig: JMap = original ?? {};
  applyRetainKeysDirective(orig, patch);
  mergePatchIntoOriginal(orig, patch, schema);
  for (const [key, patchV] of Object.entries(patch)) {
    let k = key;
    let isDeleteList = false;
    if (k.startsWith(DELETE_PRIMITIVE)) {
      k = extractKey(k, DELETE_PRIMITIVE);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      continue;
    }
    if (!(k in orig) || kindOf(orig[k]) !== kindOf(patchV)) {
      if (!isDeleteList) {
        discardNullValuesFromPatch(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) orig[k] = v;
        else delete orig[k];
      }
      continue;
    }
    const meta = patchMeta(schema, k);
    const strategy = extractRetainKeysPatchStrategy(meta.strategies);
    if (isMap(orig[k])) {
      orig[k] = strategy !== 'replace' ? mergeMap(orig[k] as JMap, patchV as JMap, meta.subType) : patchV;
    } else if (Array.isArray(orig[k])) {
      orig[k] = mergeSliceHandler(orig[k] as unknown[], patchV as unknown[], meta.subType, strategy, meta.mergeKey, isDeleteList);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) orig[k] = v;
      else delete orig[k];
    }
  }
  return orig;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JMap): JMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw ErrBadPatchType(directive, patch);
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw prefix === DELETE_PRIMITIVE ? ErrBadPatchFormatForPrimitiveList() : ErrBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

function extractRetainKeysPatchStrategy(strategies: string[]): string {
  if (strategies.length === 0) return '';
  if (strategies.length === 1) return strategies[0] === 'retainKeys' ? '' : strategies[0];
  if (strategies.length === 2) {
    if (strategies[0] === 'retainKeys') return strategies[1];
    if (strategies[1] === 'retainKeys') return strategies[0];
  }
  throw new SmpError(`unexpected patch strategy: [${strategies.join(' ')}]`, 'other');
}

function applyRetainKeysDirective(original: JMap, patch: JMap): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw ErrBadPatchFormatForRetainKeys();
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PRIMITIVE) || k.startsWith(SET_ORDER)) continue;
    if (!keep.has(k)) throw ErrBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergePatchIntoOriginal(original: JMap, patch: JMap, schema: string | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER) || !(key in patch)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw ErrBadArgType(SLICE_T, order);
    const originalKey = extractKey(key, SET_ORDER);
    const foundOriginal = originalKey in original;
    const foundPatch = originalKey in patch;
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    if (foundOriginal && !Array.isArray(originalList)) throw ErrBadArgType(SLICE_T, originalList);
    if (foundPatch && !Array.isArray(patchList)) throw ErrBadArgType(SLICE_T, patchList);
    const originalValue = (originalList as unknown[] | undefined) ?? [];
    const patchValue = (patchList as unknown[] | undefined) ?? [];
    const meta = patchMeta(schema, originalKey);
    const strategy = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(patchValue, order, meta.mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalValue;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchValue)[0] as unknown[];
    else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalValue, patchValue, meta.subType, strategy, meta.mergeKey, false);
    } else continue;
    const [patchItems, serverOnly] = meta.mergeKey
      ? partitionMapsByPresentInList(merged, order, meta.mergeKey)
      : partitionPrimitivesByPresentInList(merged, order);
    const kind = sliceElementKind(originalValue, patchValue);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, order, originalValue, meta.mergeKey, kind);
    delete patch[originalKey];
  }
}

function validatePatchWithSetOrderList(patchList: unknown[], setOrder: unknown[], mergeKey: string): void {
  if (setOrder.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < setOrder.length) {
    if (isMap(nonDelete[pi]) && DIRECTIVE in (nonDelete[pi] as JMap)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[pi], setOrder[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= setOrder.length) {
    throw new SmpError(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ORDER} list:\n${goValue(setOrder)}\n`,
      'other',
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw ErrBadArgType(MAP_T, left);
  if (!isMap(right)) throw ErrBadArgType(MAP_T, right);
  if (!(mergeKey in left)) throw ErrNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw ErrNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  schema: string | undefined,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
): unknown[] {
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, isDeleteList);
  return patch;
}

function mergeSlice(original: unknown[], patch: unknown[], schema: string | undefined, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new SmpError(`cannot merge lists without merge key for ${schema ?? 'map'}`, 'other');
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patch, mergeKey, schema);
  }
  const [patchItems, serverOnly] = mergeKey
    ? partitionMapsByPresentInList(merged, patch, mergeKey)
    : partitionPrimitivesByPresentInList(merged, patch);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

function sliceElementKind(...slices: unknown[][]): string {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goTypeName(v);
      if (prev === undefined) {
        prev = t;
        if (Array.isArray(v)) throw ErrNoListOfLists();
      } else if (prev !== t) {
        throw new SmpError(`list element types are not identical: [${slices.map(goValue).join(' ')}]`, 'other');
      }
    }
  }
  if (prev === undefined) throw new SmpError('no elements in any of the given slices', 'other');
  return prev === MAP_T ? 'map' : prev;
}

function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JMap;
    if (!(DIRECTIVE in m)) {
      rest.push(v);
      continue;
    }
    const d = m[DIRECTIVE];
    if (d === 'delete') {
      if (!(mergeKey in m)) throw ErrNoMergeKey(m, mergeKey);
      original = deleteMatchingEntries(original, mergeKey, m[mergeKey]);
    } else if (d === 'replace') replace = true;
    else if (d === 'merge') throw new SmpError('merging lists cannot yet be specified in the patch', 'other');
    else throw ErrBadPatchType(d, m);
  }
  return replace ? [rest, []] : [original, rest];
}

function deleteMatchingEntries(original: unknown[], mergeKey: string, value: unknown): unknown[] {
  const out = [...original];
  for (;;) {
    const idx = findMapInSlice(out, mergeKey, value);
    if (idx < 0) return out;
    out.splice(idx, 1);
  }
}

function findMapInSlice(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (!isMap(m)) throw new SmpError(`value for key ${i} is not a map`, 'other');
    if (key in m && m[key] === value) return i;
  }
  return -1;
}

function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, schema: string | undefined): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JMap;
    if (!(mergeKey in m)) throw ErrNoMergeKey(m, mergeKey);
    const idx = findMapInSlice(out, mergeKey, m[mergeKey]);
    if (idx >= 0) out[idx] = mergeMap(out[idx] as JMap, m, schema);
    else out.push(v);
  }
  return out;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** strategicpatch.deduplicateScalars: moves the last element into a duplicate's slot. */
function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

function partitionPrimitivesByPresentInList(original: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(by);
  return [original.filter((v) => inPatch.has(v)), original.filter((v) => !inPatch.has(v))];
}

function partitionMapsByPresentInList(original: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isMap(v)) throw ErrBadArgType(MAP_T, v);
    if (!(mergeKey in v)) throw ErrNoMergeKey(v, mergeKey);
    if (findMapInSlice(by, mergeKey, v[mergeKey]) >= 0) patch.push(v);
    else serverOnly.push(v);
  }
  return [patch, serverOnly];
}

function indexIn(list: unknown[], v: unknown, mergeKey: string, kind: string): number {
  const val = (x: unknown): unknown => (kind === 'map' ? (isMap(x) ? x[mergeKey] : undefined) : x);
  const target = val(v);
  return list.findIndex((x) => val(x) === target);
}

function extractToDeleteItems(l: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of l) {
    if (!isMap(v)) throw ErrBadArgType(MAP_T, v);
    if (v[DIRECTIVE] === 'delete') del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: string): unknown[] {
  let del: unknown[] = [];
  let items = [...toSort];
  if (kind === 'map') {
    for (const list of [items, order]) {
      for (const item of list) {
        if (!isMap(item)) throw ErrBadArgType(MAP_T, item);
        if (!(mergeKey in item)) throw ErrNoMergeKey(item, mergeKey);
      }
    }
    [items, del] = extractToDeleteItems(items);
  }
  sliceStable(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...items, ...del];
}

/** P-17: patch items keep the patch order, server-only items the live order, interleaved by live index. */
function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: string,
): unknown[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function removeDirectives(obj: unknown): [unknown, boolean] {
  if (isMap(obj)) {
    if (DIRECTIVE in obj) return [undefined, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = v;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [obj, true];
}

function discardNullValuesFromPatch(v: unknown): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValuesFromPatch(v[k]);
    }
  } else if (Array.isArray(v)) v.forEach(discardNullValuesFromPatch);
}
