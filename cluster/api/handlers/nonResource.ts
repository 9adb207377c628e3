// Non-resource paths: /version (D-4), health (D-16), discovery (D-5..D-8), OpenAPI (D-12, D-13).
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiResourceList,
  legacyApiGroupList,
  legacyApiVersions,
  wantsAggregatedDiscovery,
} from '../discovery';
import { newMethodNotSupported, newPathNotFound } from '../errors';
import { sendJSON, sendText } from '../http';
import { openapiV3Document, openapiV3Index } from '../openapi';
import type { ApiContext, ApiRequest } from '../server';

const VERSION_INFO = {
  major: '1',
  // E-1: the kubectl dispatcher picks its bundled kubectl by this minor; it must be 32.
  minor: '32',
  gitVersion: 'v1.32.4-ordinal',
  gitCommit: process.env.ORDINAL_BUILD_SHA ?? '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'n/a',
  compiler: 'ordinal',
  platform: 'linux/amd64',
};

type Check = { name: string; ok: () => boolean };

function checks(ctx: ApiContext, kind: 'healthz' | 'livez' | 'readyz'): Check[] {
  const list: Check[] = [
    { name: 'ping', ok: () => true },
    {
      name: 'sqlite',
      ok: () => {
        try {
          ctx.registry.store.db.prepare('SELECT 1').get();
          return true;
        } catch {
          return false;
        }
      },
    },
  ];
  if (kind === 'readyz') list.push({ name: 'seed-objects', ok: ctx.ready });
  return list;
}

function health(ctx: ApiContext, r: ApiRequest, kind: 'healthz' | 'livez' | 'readyz', only?: string): void {
  let list = checks(ctx, kind);
  if (only !== undefined) {
    list = list.filter((c) => c.name === only);
    if (!list.length) throw newPathNotFound();
  }
  const results = list.map((c) => ({ name: c.name, ok: c.ok() }));
  const ok = results.every((x) => x.ok);
  if (!r.query.has('verbose')) {
    const failed = results.filter((x) => !x.ok).map((x) => `[-]${x.name} failed: reason withheld\n`);
    sendText(r.res, ok ? 200 : 500, ok ? 'ok' : `${failed.join('')}${kind} check failed\n`, 'text/plain; charset=utf-8');
    return;
  }
  const lines = results.map((x) => (x.ok ? `[+]${x.name} ok` : `[-]${x.name} failed: reason withheld`));
  lines.push(ok ? `${kind} check passed` : `${kind} check failed`);
  sendText(r.res, ok ? 200 : 500, lines.join('\n') + '\n', 'text/plain; charset=utf-8');
}

export async function handleNonResource(ctx: ApiContext, r: ApiRequest, path: string): Promise<void> {
  const method = r.req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    throw path.startsWith('/api') || path === '/version' ? newMethodNotSupported() : newPathNotFound();
  }
  const parts = path.split('/').filter(Boolean);
  const accept = r.req.headers.accept;
  if (path === '/version') return sendJSON(r.res, 200, VERSION_INFO);
  if (parts[0] === 'healthz' || parts[0] === 'livez' || parts[0] === 'readyz') {
    if (parts.length > 2) throw newPathNotFound();
    return health(ctx, r, parts[0], parts[1]);
  }
  if (path === '/api' || path === '/apis') {
    if (wantsAggregatedDiscovery(accept)) {
      sendText(r.res, 200, JSON.stringify(aggregatedDiscovery(parts[0] as 'api' | 'apis')), AGGREGATED_DISCOVERY_CONTENT_TYPE);
      return;
    }
    return sendJSON(r.res, 200, path === '/api' ? legacyApiVersions(ctx.serverAddress()) : legacyApiGroupList());
  }
  if (parts[0] === 'api' && parts.length === 2) {
    const list = apiResourceList('', parts[1]);
    if (list) return sendJSON(r.res, 200, list);
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    // GET /apis/<group>: the APIGroup entry of the group list.
    const groups = (legacyApiGroupList() as { groups: { name: string }[] }).groups;
    const g = groups.find((x) => x.name === parts[1]);
    if (g) return sendJSON(r.res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...g });
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    const list = apiResourceList(parts[1], parts[2]);
    if (list) return sendJSON(r.res, 200, list);
  }
  if (path === '/openapi/v3') {
    r.res.setHeader('Cache-Control', 'no-cache');
    const body = JSON.stringify(openapiV3Index());
    r.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    r.res.end(body);
    return;
  }
  if (parts[0] === 'openapi' && parts[1] === 'v3' && parts.length > 2) {
    const doc = openapiV3Document(parts.slice(2).join('/'));
    if (doc) {
      // D-13: a document fetched with its current hash is immutable; anything else revalidates.
      const cache = r.query.get('hash') === doc.hash ? 'public, immutable' : 'no-cache, private';
      r.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(doc.body), 'Cache-Control': cache, Etag: `"${doc.hash}"` });
      r.res.end(doc.body);
      return;
    }
  }
  // D-12: /openapi/v2 is deliberately not served.
  throw newPathNotFound();
}
