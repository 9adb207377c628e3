// OpenAPI v3 (contract D-12..D-15): `/openapi/v3` index with content hashes and one document per
// served group-version. Documents are generated on first request from @kubernetes/client-node
// model metadata and cached, so start-up does no work; the hash is the upper-case hex SHA-512 of
// the document body, as upstream computes it.
import { createHash } from 'node:crypto';
import { resourcesOf, groupVersions, RESOURCES, apiVersionOf } from '../../registry/resources';
import { BUILTIN_SCHEMAS, gvkExtensions, modelSchema, type Schema } from './schemas';
import { modelForKind, schemaName } from './naming';
import { resourcePaths } from './paths';
import { METRICS_SCHEMAS, metricsSchemaName } from './metrics';

const cache = new Map<string, { body: string; hash: string } | null>();
let gvks: Map<string, { group: string; kind: string; version: string }[]> | undefined;

function gvPathOf(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function parseGvPath(gvPath: string): { group: string; version: string } | undefined {
  const p = gvPath.replace(/^\/+/, '').replace(/^openapi\/v3\//, '');
  const core = /^api\/([^/]+)$/.exec(p);
  if (core) return { group: '', version: core[1] };
  const named = /^apis\/([^/]+)\/([^/]+)$/.exec(p);
  return named ? { group: named[1], version: named[2] } : undefined;
}

function schemaNameOf(group: string, version: string, kind: string): string | undefined {
  if (group === 'metrics.k8s.io') return metricsSchemaName(kind);
  const model = modelForKind(group, version, kind);
  return model ? schemaName(model) : undefined;
}

/** Collects the component schemas reachable from `roots` (schema name -> client-node model). */
function components(roots: Map<string, string | undefined>): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const pending = [...roots.entries()];
  while (pending.length > 0) {
    const [name, model] = pending.pop() as [string, string | undefined];
    if (out[name]) continue;
    if (BUILTIN_SCHEMAS[name]) {
      out[name] = BUILTIN_SCHEMAS[name];
      continue;
    }
    if (METRICS_SCHEMAS[name]) {
      out[name] = METRICS_SCHEMAS[name];
      for (const dep of referencedNames(METRICS_SCHEMAS[name])) pending.push([dep, META_MODELS_BY_NAME[dep]]);
      continue;
    }
    const built = model ? modelSchema(model) : undefined;
    if (!built) continue;
    const schema = { ...built.schema };
    const gvk = gvks?.get(name);
    if (gvk) schema['x-kubernetes-group-version-kind'] = gvk;
    out[name] = schema;
    pending.push(...built.deps.entries());
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

const META_MODELS_BY_NAME: Record<string, string> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': 'V1ObjectMeta',
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': 'V1ListMeta',
};

function referencedNames(schema: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string') out.push(x.replace('#/components/schemas/', ''));
        else visit(x);
      }
    }
  };
  visit(schema);
  return out;
}

function buildDocument(group: string, version: string): string | undefined {
  const list = resourcesOf(group, version);
  if (list.length === 0) return undefined;
  gvks ??= gvkExtensions();
  // Upstream marks the shared option/status types with every group-version that serves them.
  const metaGvk = (kind: string) => groupVersions().flatMap((g) => g.versions.map((v) => ({ group: g.group, kind, version: v })));
  gvks.set('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', metaGvk('DeleteOptions'));
  gvks.set('io.k8s.apimachinery.pkg.apis.meta.v1.Status', [{ group: '', kind: 'Status', version: 'v1' }]);

  const paths: Record<string, Schema> = {};
  const roots = new Map<string, string | undefined>([
    ['io.k8s.apimachinery.pkg.apis.meta.v1.Patch', undefined],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'V1Status'],
  ]);
  if (list.some((d) => d.verbs.includes('delete'))) roots.set('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', 'V1DeleteOptions');
  const addRoot = (g: string, v: string, k: string) => {
    const n = schemaNameOf(g, v, k);
    if (n) roots.set(n, g === 'metrics.k8s.io' ? undefined : modelForKind(g, v, k));
  };
  for (const d of list) {
    Object.assign(paths, resourcePaths(d, schemaNameOf));
    addRoot(d.group, d.version, d.kind);
    addRoot(d.group, d.version, d.listKind);
    for (const s of d.subresources) addRoot(s.group ?? d.group, s.version ?? d.version, s.kind);
  }
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths: Object.fromEntries(Object.keys(paths).sort().map((k) => [k, paths[k]])),
    components: {
      schemas: components(roots),
      securitySchemes: {
        BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' },
      },
    },
    security: [{ BearerToken: [] }],
  };
  return JSON.stringify(doc);
}

/** The document of one group-version ("api/v1", "apis/apps/v1"); undefined when not served. */
export function openapiV3Document(gvPath: string): { body: string; hash: string } | undefined {
  const gv = parseGvPath(gvPath);
  if (!gv) return undefined;
  const key = gvPathOf(gv.group, gv.version);
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const body = buildDocument(gv.group, gv.version);
  const entry = body === undefined ? null : { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
  cache.set(key, entry);
  return entry ?? undefined;
}

/** GET /openapi/v3 (D-13). Builds (and caches) every document to know its hash. */
export function openapiV3Index(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const g of groupVersions()) {
    for (const v of g.versions) {
      const key = gvPathOf(g.group, v);
      const doc = openapiV3Document(key);
      if (doc) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
    }
  }
  return { paths };
}

/** Schema name of a served kind in the documents (for strict decoding and tests). */
export function openapiSchemaNameForKind(apiVersion: string, kind: string): string | undefined {
  const d = RESOURCES.find((r) => apiVersionOf(r) === apiVersion && (r.kind === kind || r.listKind === kind));
  if (!d) return undefined;
  return schemaNameOf(d.group, d.version, kind);
}
