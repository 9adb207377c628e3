// RFC 7386 JSON merge patch as evanphx/json-patch v4 MergePatch applies it (P-9): objects merge
// recursively, null deletes, arrays and scalars replace; nulls inside added values are pruned.
import { newBadRequest } from '../errors';
import { decodeObjectBody, parseGoJson, type FieldValidation } from './decode';

type JMap = Record<string, unknown>;

function isMap(v: unknown): v is JMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeMergePatch(body: string, fieldValidation: FieldValidation): JMap {
  if (fieldValidation !== 'Ignore') {
    const patch = decodeObjectBody(body, 'error decoding patch: ');
    // a literal null decodes fine but MergePatch then rejects it (ErrBadJSONPatch)
    if (body.trim() === 'null') throw newBadRequest('Invalid JSON Patch');
    return patch;
  }
  // Non-strict path: the library itself reports ErrBadJSONPatch for anything it cannot use.
  const r = parseGoJson(body);
  if ('error' in r || !isMap(r.value)) throw newBadRequest('Invalid JSON Patch');
  return r.value;
}

export function applyMergePatch(doc: JMap, patch: JMap): JMap {
  return mergeDocs(structuredClone(doc), structuredClone(patch));
}

function mergeDocs(doc: JMap, patch: JMap): JMap {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null) {
      doc[k] = pruneNulls(v);
    } else if (isMap(cur) && isMap(v)) {
      doc[k] = mergeDocs(cur, v);
    } else if (isMap(cur)) {
      doc[k] = v;
    } else {
      doc[k] = pruneNulls(v);
    }
  }
  return doc;
}

function pruneNulls(v: unknown): unknown {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    v.forEach(pruneNulls);
  }
  return v;
}
