// Authentication (A-1, A-2) and impersonation (A-11, A-12), following k8s.io/apiserver's bearer token
// authenticator and filters/impersonation.go.
import { newBadRequest } from '../api/errors';
import { forbidden, type Authorizer } from './rbac';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS_USER, SERVICE_ACCOUNT_PREFIX, type RequestAttributes, type UserInfo } from './types';

/** The identity of a request without credentials (A-2). */
export const ANONYMOUS: UserInfo = { name: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] };

/** Every authenticated identity also carries system:authenticated (A-1). */
function withAuthenticatedGroup(user: UserInfo): UserInfo {
  return user.groups.includes(ALL_AUTHENTICATED) ? user : { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
}

/** The identity a ServiceAccount token maps to (A-1). */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    name: `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`,
    ...(uid ? { uid } : {}),
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, ALL_AUTHENTICATED],
  };
}

/** serviceaccount.SplitUsername: `system:serviceaccount:<ns>:<name>` with two non-empty parts. */
function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const parts = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

type TokenLookup = (token: string) => UserInfo | undefined;

export class TokenAuthenticator {
  private readonly lookup: TokenLookup;

  /** `tokens` maps a bearer token to its identity; a function lets the caller look tokens up itself (e.g. hashed in SQLite). */
  constructor(tokens: Record<string, UserInfo> | TokenLookup) {
    if (typeof tokens === 'function') this.lookup = tokens;
    else {
      const table = new Map(Object.entries(tokens));
      this.lookup = (t) => table.get(t);
    }
  }

  /**
   * No `Authorization` header, or one that is not a non-empty bearer token, is anonymous (A-2); a bearer
   * token that maps to nobody returns undefined, which the caller answers with 401 Unauthorized.
   */
  authenticate(authorizationHeader: string | undefined): UserInfo | undefined {
    const auth = (authorizationHeader ?? '').trim();
    if (auth === '') return ANONYMOUS;
    const parts = auth.split(' ');
    if (parts.length < 2 || parts[0].toLowerCase() !== 'bearer' || parts[1] === '') return ANONYMOUS;
    const user = this.lookup(parts[1]);
    return user ? withAuthenticatedGroup(user) : undefined;
  }
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * All values of a header. Node joins repeated unknown headers with ", " in `req.headers`; kubectl sends
 * one `Impersonate-Group` header per group (A-11), so a joined string is split back. Passing
 * `req.headersDistinct` avoids the ambiguity.
 */
function headerValues(headers: Headers, name: string): string[] {
  const v = headers[name] ?? headers[Object.keys(headers).find((k) => k.toLowerCase() === name) ?? ''];
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  return v.split(', ');
}

function unescapeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

interface ImpersonationRequest {
  kind: 'User' | 'ServiceAccount' | 'Group' | 'UserExtra' | 'UID';
  name: string;
  namespace?: string;
  extraKey?: string;
}

function describe(reqs: ImpersonationRequest[]): string {
  // Go prints the []v1.ObjectReference; this keeps its shape closely enough to be recognisable.
  return `[${reqs.map((r) => `{${r.kind} ${r.namespace ?? ''} ${r.name} ${r.extraKey ?? ''}}`).join(' ')}]`;
}

/**
 * Applies `Impersonate-*` headers (A-11, A-12). The caller needs verb `impersonate` on every requested
 * user/serviceaccount/group/uid/userextra; otherwise 403 with the X-3 message, e.g. `users "bob" is
 * forbidden: User "viewer" cannot impersonate resource "users" in API group "" at the cluster scope`.
 * Without impersonation headers the user is returned unchanged.
 */
export function impersonate(user: UserInfo, headers: Headers, authz: Authorizer): UserInfo {
  const reqs: ImpersonationRequest[] = [];
  const requestedUser = headerValues(headers, 'impersonate-user')[0] ?? '';
  if (requestedUser) {
    const sa = splitServiceAccountUsername(requestedUser);
    reqs.push(sa ? { kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name } : { kind: 'User', name: requestedUser });
  }
  const groupsHeader = headerValues(headers, 'impersonate-group');
  for (const g of groupsHeader) reqs.push({ kind: 'Group', name: g });
  let hasExtra = false;
  for (const key of Object.keys(headers)) {
    const lower = key.toLowerCase();
    if (!lower.startsWith('impersonate-extra-')) continue;
    hasExtra = true;
    const extraKey = unescapeExtraKey(lower.slice('impersonate-extra-'.length));
    for (const v of headerValues(headers, key)) reqs.push({ kind: 'UserExtra', name: v, extraKey });
  }
  const uid = headerValues(headers, 'impersonate-uid')[0] ?? '';
  if (uid) reqs.push({ kind: 'UID', name: uid });
  if (reqs.length === 0) return user;
  if ((groupsHeader.length > 0 || hasExtra || uid) && !requestedUser) {
    throw newBadRequest(`requested ${describe(reqs)} without impersonating a user`);
  }

  let username = '';
  let groups: string[] = [];
  const extra: Record<string, string[]> = {};
  let impersonatedUid = '';
  for (const r of reqs) {
    const attrs: RequestAttributes = { user, verb: 'impersonate', resourceRequest: true, group: '', version: '', name: r.name };
    switch (r.kind) {
      case 'ServiceAccount':
        attrs.resource = 'serviceaccounts';
        attrs.namespace = r.namespace;
        username = `${SERVICE_ACCOUNT_PREFIX}${r.namespace}:${r.name}`;
        if (groupsHeader.length === 0) groups = ['system:serviceaccounts', `system:serviceaccounts:${r.namespace}`];
        break;
      case 'User':
        attrs.resource = 'users';
        username = r.name;
        break;
      case 'Group':
        attrs.resource = 'groups';
        groups.push(r.name);
        break;
      case 'UserExtra':
        attrs.group = 'authentication.k8s.io';
        attrs.version = 'v1';
        attrs.resource = 'userextras';
        attrs.subresource = r.extraKey;
        (extra[r.extraKey ?? ''] ??= []).push(r.name);
        break;
      case 'UID':
        attrs.group = 'authentication.k8s.io';
        attrs.version = 'v1';
        attrs.resource = 'uids';
        impersonatedUid = r.name;
        break;
    }
    const decision = authz.authorize(attrs);
    if (!decision.allowed) throw forbidden(attrs, decision.reason);
  }

  if (username !== ANONYMOUS_USER) {
    // system:authenticated is added unless the caller asked for system:authenticated/unauthenticated itself.
    if (!groups.some((g) => g === ALL_AUTHENTICATED || g === ALL_UNAUTHENTICATED)) groups.push(ALL_AUTHENTICATED);
  } else if (!groups.includes(ALL_UNAUTHENTICATED)) {
    groups.push(ALL_UNAUTHENTICATED);
  }
  return {
    name: username,
    ...(impersonatedUid ? { uid: impersonatedUid } : {}),
    groups,
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}
