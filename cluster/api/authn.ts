// Authentication, impersonation and authorization of one
// request, wiring H5's authenticator and RBAC authorizer to the HTTP layer.
import type { IncomingMessage } from 'node:http';
import { impersonate } from '../auth/authenticator';
import { forbidden, requestVerb } from '../auth/rbac';
import type { RequestAttributes, UserInfo } from '../auth/types';
import { newUnauthorized } from './errors';
import type { RequestInfo } from './requestInfo';
import type { ApiContext, ApiRequest } from './server';

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export function authenticateRequest(ctx: Pick<ApiContext, 'authenticator' | 'authorizer'>, req: IncomingMessage): UserInfo {
  const header = req.headers.authorization;
  if (header === undefined) return ANONYMOUS;
  const user = ctx.authenticator.authenticate(header);
  if (!user) throw newUnauthorized();
  const authed = user.groups.includes('system:authenticated') ? user : { ...user, groups: [...user.groups, 'system:authenticated'] };
  const wantsImpersonation = Object.keys(req.headers).some((h) => h.startsWith('impersonate-'));
  return wantsImpersonation ? impersonate(authed, req.headers, ctx.authorizer) : authed;
}

function isWatch(q: URLSearchParams): boolean {
  const w = q.get('watch');
  return w === 'true' || w === '1';
}

export function requestAttributes(r: ApiRequest, info: RequestInfo): RequestAttributes {
  const method = (r.req.method ?? 'GET').toUpperCase();
  if (!info.isResourceRequest) {
    const verb = method === 'HEAD' ? 'get' : method.toLowerCase();
    return { user: r.user, verb, resourceRequest: false, path: info.path };
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
    name: info.name,
  };
}

export function authorizeRequest(ctx: Pick<ApiContext, 'authorizer'>, r: ApiRequest, info: RequestInfo): void {
  const attrs = requestAttributes(r, info);
  const decision = ctx.authorizer.authorize(attrs);
  if (!decision.allowed) throw forbidden(attrs);
}
