// P-5 fieldValidation: unknown fields are an error (Strict), a warning (Warn) or silently
// dropped (Ignore). The known fields come from the served OpenAPI v3 documents (H2), so
// strict decoding and `kubectl explain` agree on what exists.
import { openapiV3Document } from '../openapi';
import type { ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { newBadRequest } from '../errors';
import type { WriteContext } from './types';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

interface Doc {
  schemas: Record<string, Schema>;
  byKind: Map<string, Schema>;
}

const docs = new Map<string, Doc | null>();

function docFor(d: ResourceDescriptor): Doc | null {
  const gvPath = d.group ? `apis/${d.group}/${d.version}` : `api/${d.version}`;
  let doc = docs.get(gvPath);
  if (doc !== undefined) return doc;
  doc = null;
  const raw = openapiV3Document(gvPath);
  if (raw) {
    const parsed = JSON.parse(raw.body) as { components?: { schemas?: Record<string, Schema> } };
    const schemas = parsed.components?.schemas ?? {};
    const byKind = new Map<string, Schema>();
    for (const s of Object.values(schemas)) {
      for (const gvk of s['x-kubernetes-group-version-kind'] ?? []) byKind.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, s);
    }
    doc = { schemas, byKind };
  }
  docs.set(gvPath, doc);
  return doc;
}

function resolve(doc: Doc, s: Schema | undefined, depth = 0): Schema | undefined {
  if (!s || depth > 8) return s;
  const ref = s.$ref ?? s.allOf?.find((x) => x.$ref)?.$ref;
  if (!ref) return s;
  const target = doc.schemas[ref.replace('#/components/schemas/', '')];
  return resolve(doc, target, depth + 1);
}

/** Removes unknown fields from `value` (in place) and returns their dotted paths. */
function prune(doc: Doc, schema: Schema | undefined, value: unknown, path: string, out: string[]): void {
  const s = resolve(doc, schema);
  if (!s || s['x-kubernetes-preserve-unknown-fields'] || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((v, i) => prune(doc, s.items, v, `${path}[${i}]`, out));
    return;
  }
  const obj = value as Record<string, unknown>;
  if (s.properties) {
    for (const key of Object.keys(obj)) {
      const child = s.properties[key];
      const p = path ? `${path}.${key}` : key;
      if (!child) {
        out.push(p);
        delete obj[key];
      } else prune(doc, child, obj[key], p, out);
    }
  } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    for (const key of Object.keys(obj)) prune(doc, s.additionalProperties, obj[key], path ? `${path}.${key}` : key, out);
  }
}

/** Group-versions whose OpenAPI document has been loaded for decoding (startup cost check). */
export function loadedSchemaDocuments(): string[] {
  return [...docs.keys()];
}

export function checkUnknownFields(d: ResourceDescriptor, obj: KubeObject, ctx: WriteContext): void {
  // Only request bodies are decoded upstream; in-process writers (seed, controllers: no
  // requesting user) build typed objects. Skipping them keeps the OpenAPI documents (~50 ms per
  // group-version to build) off the startup path: seeding a fresh data dir, the first heartbeat.
  if (!ctx.user) return;
  const doc = docFor(d);
  const schema = doc?.byKind.get(`${d.group}/${d.version}/${d.kind}`);
  if (!doc || !schema) return;
  const unknown: string[] = [];
  prune(doc, schema, obj, '', unknown);
  if (!unknown.length) return;
  const texts = unknown.map((p) => `unknown field ${JSON.stringify(p)}`);
  if (ctx.fieldValidation === 'Strict') {
    throw newBadRequest(`${d.kind} in version "${d.version}" cannot be handled as a ${d.kind}: strict decoding error: ${texts.join(', ')}`);
  }
  if (ctx.fieldValidation === 'Warn') ctx.warnings.push(...texts);
}
