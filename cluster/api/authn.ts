// Authentication, impersonation and authorization of one
// request, wiring H5's authenticator and RBAC authorizer to the HTTP layer.
import type { IncomingMessage } from 'node:http';
import { impersonate } from '../auth/authenticator';
import { forbidden, nameFromFieldSelector, nonResourceVerb, requestVerb } from '../auth/rbac';
import type { RequestAttributes, UserInfo } from '../auth/types';
import { newUnauthorized } from './errors';
import type { RequestInfo } from './requestInfo';
import type { ApiContext, ApiRequest } from './server';

export function authenticateRequest(ctx: Pick<ApiContext, 'authenticator' | 'authorizer'>, req: IncomingMessage): UserInfo {
  // no (bearer) credentials is anonymous; an unknown bearer token is 401.
  const user = ctx.authenticator.authenticate(req.headers.authorization);
  if (!user) throw newUnauthorized();
  const wantsImpersonation = Object.keys(req.headers).some((h) => h.startsWith('impersonate-'));
  // headersDistinct keeps one entry per Impersonate-Group header.
  return wantsImpersonation ? impersonate(user, req.headersDistinct, ctx.authorizer) : user;
}

function isWatch(q: URLSearchParams): boolean {
  const w = q.get('watch');
  return w === 'true' || w === '1';
}

function requestAttributes(r: ApiRequest, info: RequestInfo): RequestAttributes {
  const method = (r.req.method ?? 'GET').toUpperCase();
  if (!info.isResourceRequest) {
    return { user: r.user, verb: nonResourceVerb(method), resourceRequest: false, path: info.path };
  }
  const verb = requestVerb(method, { collection: !info.name, watch: isWatch(r.query), subresource: info.subresource });
  return {
    user: r.user,
    verb,
    resourceRequest: true,
    group: info.group,
    version: info.version,
    resource: info.resource,
    subresource: info.subresource,
    namespace: info.namespace,
    // Lists and watches pinned to one name authorize against it (kubectl get x -w, wait).
    name: info.name ?? (verb === 'list' || verb === 'watch' ? nameFromFieldSelector(r.query.get('fieldSelector') ?? undefined) : undefined),
  };
}

export function authorizeRequest(ctx: Pick<ApiContext, 'authorizer'>, r: ApiRequest, info: RequestInfo): void {
  const attrs = requestAttributes(r, info);
  const decision = ctx.authorizer.authorize(attrs);
  // Upstream appends `: <reason>` when the authorizer gave one (RBAC: rules it could not resolve).
  if (!decision.allowed) throw forbidden(attrs, decision.reason);
}
