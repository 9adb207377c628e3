// CRUD on resource paths: list/watch/create/deletecollection on collections and
// get/update/patch/delete on objects (contract §2, §3, §5), plus dispatch to subresources.
import type { ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { newBadRequest, newMethodNotSupported, newNotAcceptable, newPathNotFound, newUnsupportedMediaType } from '../errors';
import { decodeObjectBody, mediaType, readBody, sendJSON, sendJoined, sendText, warningHeaders } from '../http';
import { managerOrUserAgent, validatePatchOptions, type PatchContentType } from '../patch/index';
import type { RequestInfo } from '../requestInfo';
import { deleteObject, deleteResponse } from '../rest/deleting';
import { listHead, listObjects, objectOf } from '../rest/listing';
import type { DeleteRequest, FieldValidation, ListQuery, WriteContext } from '../rest/types';
import type { ApiContext, ApiRequest } from '../server';
import { toTable, wantsTable } from '../tables';
import { handleSubresource } from './subresources';
import { handleVirtual } from './virtual';
import { serveWatch } from './watch';

export const PATCH_TYPES: PatchContentType[] = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

const INCLUDE_OBJECT = ['None', 'Metadata', 'Object'] as const;
type IncludeObject = (typeof INCLUDE_OBJECT)[number];

/** Answers JSON unless the client accepts nothing JSON-compatible (406). */
function checkAccept(accept: string | undefined): void {
  if (!accept) return;
  const ok = accept.split(',').some((part) => {
    const t = part.split(';')[0].trim().toLowerCase();
    return t === 'application/json' || t === '*/*' || t === 'application/*' || t === 'application/vnd.kubernetes.protobuf' || t === 'application/yaml' || t === '';
  });
  if (!ok) throw newNotAcceptable(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
}

/** T-1/T-4: the Table request, or undefined for plain objects. */
function tableRequest(r: ApiRequest): { includeObject: IncludeObject } | undefined {
  if (!wantsTable(r.req.headers.accept)) return undefined;
  const v = r.query.get('includeObject') ?? 'Metadata';
  if (!(INCLUDE_OBJECT as readonly string[]).includes(v)) throw newBadRequest(`unrecognized includeObject value: "${v}"`);
  return { includeObject: v as IncludeObject };
}

/** P-4, P-5, P-6 query parameters of a write. */
export function writeContextOf(r: ApiRequest, extraDryRun: string[] = []): WriteContext {
  const dry = [...r.query.getAll('dryRun'), ...extraDryRun];
  for (const v of dry) if (v !== 'All') throw newBadRequest(`Invalid dryRun value: "${v}"; supported values: "All"`);
  const fv = r.query.get('fieldValidation') ?? '';
  const allowed: Record<string, FieldValidation> = { Strict: 'Strict', Warn: 'Warn', Ignore: 'Ignore', '': 'Ignore' };
  if (!(fv in allowed)) throw newBadRequest(`fieldValidation must be one of "Ignore", "Strict", "Warn", or "" (defaults to "Warn"), got "${fv}"`);
  const manager = r.query.get('fieldManager') ?? undefined;
  if (manager !== undefined && manager.length > 128) throw newBadRequest('fieldManager: Too long: may not be more than 128 bytes');
  const force = r.query.get('force');
  return {
    user: r.user,
    dryRun: dry.length > 0,
    fieldValidation: allowed[fv],
    // P-6: the User-Agent up to its first "/", printable characters only, at most 128 bytes.
    fieldManager: managerOrUserAgent(manager, r.req.headers['user-agent']) || undefined,
    warnings: [],
    force: force === 'true' || force === '1',
  };
}

/**
 * PatchOptions validation before anything else (upstream patch.go): apply needs a fieldManager
 * and `force` is only for apply, both 422 `PatchOptions.meta.k8s.io "" is invalid: ...` (P-21).
 * The User-Agent fallback is for the other patch types.
 */
export function patchContextOf(r: ApiRequest, ct: PatchContentType): WriteContext {
  validatePatchOptions(ct, { fieldManager: r.query.get('fieldManager') ?? undefined, force: r.query.get('force') });
  const wctx = writeContextOf(r);
  if (ct === 'application/apply-patch+yaml') wctx.fieldManager = r.query.get('fieldManager') ?? undefined;
  return wctx;
}

/** Answers a write once it is committed: a 2xx always means the change survives kill -9. */
export async function sendObject(r: ApiRequest, code: number, obj: unknown, ctx?: WriteContext, json?: string): Promise<void> {
  await r.flush();
  if (ctx) warningHeaders(r.res, ctx.warnings);
  if (json !== undefined) sendText(r.res, code, json);
  else sendJSON(r.res, code, obj);
}

/** A Go duration (`32s`, `1m30s`, `500ms`) in milliseconds; undefined when absent or malformed. */
function goDurationMs(s: string | null): number | undefined {
  if (!s) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  let rest = s;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

function listQuery(q: URLSearchParams): ListQuery & { sendInitialEvents?: boolean } {
  const limit = q.get('limit');
  return {
    timeoutMs: goDurationMs(q.get('timeout')),
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    limit: limit === null || limit === '' ? undefined : /^\d+$/.test(limit) ? Number(limit) : NaN,
    continue: q.get('continue') || undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
    sendInitialEvents: q.has('sendInitialEvents') ? q.get('sendInitialEvents') === 'true' : undefined,
  };
}

function deleteOptions(r: ApiRequest, body: Buffer): { opts: DeleteRequest; dryRun: string[] } {
  const opts: DeleteRequest = {};
  let dryRun: string[] = [];
  if (body.length) {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch (e) {
      throw newBadRequest(`the body of the request was not valid DeleteOptions: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw newBadRequest('the body of the request was not valid DeleteOptions');
    if (parsed.propagationPolicy !== undefined) opts.propagationPolicy = String(parsed.propagationPolicy);
    if (parsed.gracePeriodSeconds !== undefined && parsed.gracePeriodSeconds !== null) opts.gracePeriodSeconds = Number(parsed.gracePeriodSeconds);
    if (parsed.preconditions && typeof parsed.preconditions === 'object') opts.preconditions = parsed.preconditions as DeleteRequest['preconditions'];
    if (parsed.orphanDependents === true && !opts.propagationPolicy) opts.propagationPolicy = 'Orphan';
    if (Array.isArray(parsed.dryRun)) dryRun = parsed.dryRun.map(String);
  }
  const q = r.query;
  if (q.get('propagationPolicy')) opts.propagationPolicy = q.get('propagationPolicy')!;
  if (q.get('gracePeriodSeconds')) opts.gracePeriodSeconds = Number(q.get('gracePeriodSeconds'));
  return { opts, dryRun };
}

function requireVerb(d: ResourceDescriptor, verb: string): void {
  if (!d.verbs.includes(verb)) throw newMethodNotSupported();
}

export async function handleResource(ctx: ApiContext, r: ApiRequest, info: RequestInfo): Promise<void> {
  const d = info.descriptor;
  if (!d) throw newPathNotFound();
  const method = (r.req.method ?? 'GET').toUpperCase();
  // L-2: namespaced kinds list/watch across namespaces on the cluster path; nothing else crosses scopes.
  if (!d.namespaced && info.namespace !== undefined) throw newPathNotFound();
  if (d.namespaced && info.namespace === undefined && (info.name !== undefined || method !== 'GET')) {
    throw info.name !== undefined ? newPathNotFound() : newMethodNotSupported();
  }
  checkAccept(r.req.headers.accept);
  if (!d.stored) return handleVirtual(ctx, r, info, d);
  if (info.subresource !== undefined) return handleSubresource(ctx, r, info, d);
  if (info.rest.length) throw newPathNotFound();
  const reg = ctx.registry;
  const ns = info.namespace;
  if (info.name === undefined) {
    if (method === 'GET') {
      const watch = r.query.get('watch');
      const table = tableRequest(r);
      if (watch === 'true' || watch === '1') {
        requireVerb(d, 'watch');
        await r.flush();
        return serveWatch(ctx, r, d, ns, table);
      }
      requireVerb(d, 'list');
      const page = await listObjects(reg, d, ns, listQuery(r.query));
      // Never hand out a resourceVersion whose writes could still be lost by a crash.
      await r.flush();
      if (table) {
        const opts = {
          includeObject: table.includeObject,
          resourceVersion: page.resourceVersion,
          continue: page.continue,
          remainingItemCount: page.remainingItemCount,
        };
        // Rows are rendered in chunks so that only a chunk of parsed objects is alive at a time.
        const shell = JSON.stringify(toTable(d, [], opts));
        const cut = shell.lastIndexOf('"rows":[]') + '"rows":['.length;
        const rows = page.rows;
        function* rowTexts(): Generator<string> {
          for (let i = 0; i < rows.length; i += 200) {
            const chunk = rows.slice(i, i + 200).map((x) => objectOf({ ...x }));
            for (const row of toTable(d!, chunk, opts).rows) yield JSON.stringify(row);
          }
        }
        return sendJoined(r.res, 200, shell.slice(0, cut), rows.length > 200 ? rowTexts() : [...rowTexts()], shell.slice(cut));
      }
      return sendJoined(r.res, 200, listHead(d, page), page.rows.map((x) => x.json), ']}');
    }
    if (method === 'POST') {
      requireVerb(d, 'create');
      const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
      const wctx = writeContextOf(r);
      // rest.BeforeCreate: a create must not carry a resourceVersion (e.g. a saved `get -o yaml`).
      if (body.metadata?.resourceVersion) throw newBadRequest('resourceVersion should not be set on objects to be created');
      const res = reg.create(d, ns, body, wctx);
      return sendObject(r, 201, res.object, wctx, res.json);
    }
    if (method === 'DELETE') {
      requireVerb(d, 'deletecollection');
      const { opts, dryRun } = deleteOptions(r, await readBody(r.req));
      const wctx = writeContextOf(r, dryRun);
      const page = await listObjects(reg, d, ns, { labelSelector: r.query.get('labelSelector') ?? undefined, fieldSelector: r.query.get('fieldSelector') ?? undefined });
      const items: KubeObject[] = [];
      for (const row of page.rows) {
        try {
          items.push(deleteObject(reg, d, row.namespace || undefined, row.name, opts, wctx).object);
        } catch (e) {
          // An object deleted concurrently is simply no longer part of the collection.
          if ((e as { code?: number }).code !== 404) throw e;
        }
      }
      const apiVersion = d.group ? `${d.group}/${d.version}` : d.version;
      return sendObject(r, 200, { kind: d.listKind, apiVersion, metadata: { resourceVersion: String(reg.store.resourceVersion) }, items }, wctx);
    }
    throw newMethodNotSupported();
  }
  const name = info.name;
  switch (method) {
    case 'GET': {
      requireVerb(d, 'get');
      const table = tableRequest(r);
      const obj = reg.get(d, ns, name);
      await r.flush();
      if (table) return sendJSON(r.res, 200, toTable(d, [obj], { includeObject: table.includeObject, resourceVersion: obj.metadata.resourceVersion }));
      return sendJSON(r.res, 200, obj);
    }
    case 'PUT': {
      requireVerb(d, 'update');
      const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
      const wctx = writeContextOf(r);
      const res = reg.update(d, ns, name, body, wctx);
      return sendObject(r, res.created ? 201 : 200, res.object, wctx, res.json);
    }
    case 'PATCH': {
      requireVerb(d, 'patch');
      const ct = mediaType(r.req.headers['content-type']) as PatchContentType;
      if (!PATCH_TYPES.includes(ct)) throw newUnsupportedMediaType(PATCH_TYPES);
      const body = (await readBody(r.req)).toString('utf8');
      const wctx = patchContextOf(r, ct);
      const res = reg.patch(d, ns, name, ct, body, wctx);
      return sendObject(r, res.created ? 201 : 200, res.object, wctx, res.json);
    }
    case 'DELETE': {
      requireVerb(d, 'delete');
      const { opts, dryRun } = deleteOptions(r, await readBody(r.req));
      const wctx = writeContextOf(r, dryRun);
      return sendObject(r, 200, deleteResponse(d, deleteObject(reg, d, ns, name, opts, wctx)), wctx);
    }
    default:
      throw newMethodNotSupported();
  }
}
