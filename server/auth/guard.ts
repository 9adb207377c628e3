// The console's request rules, as one visible list (style.md: kubectl proxy's filter chain).
// Host (DNS rebinding) is checked first by server/http/security.ts; these rules follow.
import type { IncomingMessage } from 'node:http';
import { CSRF_HEADER, SESSION_COOKIE, readCookie, secretEquals, type Session, type SessionStore } from './sessions';

interface Refusal {
  code: 401 | 403;
  reason: 'Unauthorized' | 'Forbidden';
  message: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths that need a session: the whole JSON API, the cluster proxy and the watch hub. */
function isProtectedPath(pathname: string): boolean {
  if (pathname === '/api/login') return false;
  return pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/clusters/') || pathname === '/ws';
}

/**
 * A request from another site: its Origin names a different host than the one it was sent to,
 * or the browser marks it cross-site. Same-origin requests (and non-browser clients, which send
 * no Origin) pass; they still need the session cookie and the CSRF token.
 */
export function crossOrigin(headers: IncomingMessage['headers']): boolean {
  if (headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== headers.host;
  } catch {
    return true;
  }
}

export function sessionIdOf(req: IncomingMessage): string | undefined {
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

export type GuardResult = { ok: true; session?: Session } | { ok: false; refusal: Refusal };

/** Applies the rules in order; the first that refuses decides. */
export function guardRequest(req: IncomingMessage, pathname: string, sessions: SessionStore): GuardResult {
  const method = (req.method ?? 'GET').toUpperCase();
  // 1. Cross-origin requests are refused on every API path (GET /login stays reachable from a
  //    link in another app: its token is single-use and secret, so it grants nothing to a site).
  if ((isProtectedPath(pathname) || pathname === '/api/login') && crossOrigin(req.headers)) {
    return { ok: false, refusal: { code: 403, reason: 'Forbidden', message: 'cross-origin request refused' } };
  }
  if (!isProtectedPath(pathname)) return { ok: true };
  // 2. A live session.
  const session = sessions.get(sessionIdOf(req));
  if (!session) return { ok: false, refusal: { code: 401, reason: 'Unauthorized', message: 'no valid session: log in to the console' } };
  // 3. CSRF token on every state-changing request (the cookie alone proves nothing).
  if (!SAFE_METHODS.has(method)) {
    const sent = req.headers[CSRF_HEADER];
    if (!secretEquals(typeof sent === 'string' ? sent : undefined, session.csrfToken)) {
      return { ok: false, refusal: { code: 403, reason: 'Forbidden', message: `missing or wrong ${CSRF_HEADER} header` } };
    }
  }
  return { ok: true, session };
}

/** Refusals are Kubernetes Status objects, so the SPA maps them like any API error. */
export function statusBody(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}
