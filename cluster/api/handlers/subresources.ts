// Subresources: status (S-1), scale (S-2..S-4), namespaces/finalize (M-5) and the pod
// subresources (eviction, binding, log, exec/attach/portforward) in podSubresources.ts.
import type { ResourceDescriptor } from '../../registry/resources';
import { applyScale, toScale } from '../../registry/scale';
import type { KubeObject } from '../../types';
import { OPTIMISTIC_LOCK_MESSAGE, newConflict, newMethodNotSupported, newNotFound, newPathNotFound, newUnsupportedMediaType } from '../errors';
import { decodeObjectBody, mediaType, readBody, sendJSON } from '../http';
import { applyPatch, type PatchContentType } from '../patch/index';
import type { RequestInfo } from '../requestInfo';
import { clone, groupResource, parse } from '../rest/objects';
import type { ApiContext, ApiRequest } from '../server';
import { handlePodSubresource } from './podSubresources';
import { PATCH_TYPES, patchContextOf, sendObject, writeContextOf } from './resource';

export async function handleSubresource(ctx: ApiContext, r: ApiRequest, info: RequestInfo, d: ResourceDescriptor): Promise<void> {
  const sub = info.subresource!;
  const name = info.name!;
  const ns = info.namespace;
  const method = (r.req.method ?? 'GET').toUpperCase();
  const served = d.subresources.find((s) => s.name === sub);
  if (!served) throw newPathNotFound();
  if (d.group === '' && d.resource === 'pods' && sub !== 'status') return handlePodSubresource(ctx, r, info, d);
  if (d.group === '' && d.resource === 'nodes' && sub === 'proxy') {
    // M-4: only the kubelet's stats summary is served, by the kubelet simulation.
    if (method !== 'GET') throw newMethodNotSupported();
    ctx.registry.get(d, undefined, name);
    const summary = info.rest.join('/') === 'stats/summary' ? ctx.nodeStats?.summary(name) : undefined;
    if (!summary) throw newPathNotFound();
    return sendJSON(r.res, 200, summary);
  }
  if (info.rest.length) throw newPathNotFound();
  const reg = ctx.registry;
  if (sub === 'status') {
    if (method === 'GET') return sendJSON(r.res, 200, reg.get(d, ns, name));
    if (method === 'PUT') {
      const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
      const wctx = writeContextOf(r);
      return sendObject(r, 200, reg.update(d, ns, name, body, wctx, 'status').object, wctx);
    }
    if (method === 'PATCH') {
      const ct = patchType(r);
      const body = (await readBody(r.req)).toString('utf8');
      const wctx = patchContextOf(r, ct);
      return sendObject(r, 200, reg.patch(d, ns, name, ct, body, wctx, 'status').object, wctx);
    }
    throw newMethodNotSupported();
  }
  if (sub === 'scale') {
    const row = reg.row(d, ns, name);
    if (method === 'GET') {
      if (!row) throw newNotFound(groupResource(d), name);
      return sendJSON(r.res, 200, toScale(parse(row.json)));
    }
    if (method !== 'PUT' && method !== 'PATCH') throw newMethodNotSupported();
    const ct = method === 'PATCH' ? patchType(r) : undefined;
    const raw = await readBody(r.req);
    const wctx = ct ? patchContextOf(r, ct) : writeContextOf(r);
    if (!row) throw newNotFound(groupResource(d), name);
    const current = parse(row.json);
    const scale = toScale(current) as KubeObject;
    const desired = ct ? applyPatch(ct, clone(scale), raw.toString('utf8'), d, { fieldValidation: wctx.fieldValidation }) : decodeObjectBody(r.req.headers['content-type'], raw);
    // S-3: a resourceVersion in the Scale is a precondition on the parent.
    const rv = desired.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw newConflict(groupResource(d), name, OPTIMISTIC_LOCK_MESSAGE);
    const updated = applyScale(clone(current), desired);
    const res = reg.updateFrom(d, row, updated, wctx, { subresource: 'scale' });
    return sendObject(r, 200, toScale(res.object), wctx);
  }
  if (sub === 'token' && d.group === '' && d.resource === 'serviceaccounts' && ctx.saTokens) {
    if (method !== 'POST') throw newMethodNotSupported();
    const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
    const wctx = writeContextOf(r);
    return sendObject(r, 201, ctx.saTokens.issue(reg, ns ?? '', name, body, wctx.dryRun), wctx);
  }
  if (sub === 'finalize' && d.group === '' && d.resource === 'namespaces') {
    if (method !== 'PUT') throw newMethodNotSupported();
    const body = decodeObjectBody(r.req.headers['content-type'], await readBody(r.req));
    const wctx = writeContextOf(r);
    return sendObject(r, 200, reg.update(d, undefined, name, body, wctx, 'finalize').object, wctx);
  }
  throw newMethodNotSupported();
}

function patchType(r: ApiRequest): PatchContentType {
  const ct = mediaType(r.req.headers['content-type']) as PatchContentType;
  if (!PATCH_TYPES.includes(ct)) throw newUnsupportedMediaType(PATCH_TYPES);
  return ct;
}
