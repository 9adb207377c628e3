// The console session (server/auth/routes.ts): GET /api/session, POST /api/login, POST
// /api/logout. The browser holds only the HttpOnly session cookie and the CSRF token.
import { isApiError } from './errors';
import { requestJson, setCsrfToken } from './http';

export type LoginMethod = 'link' | 'password' | 'token';

export interface SessionInfo {
  user: { kind: 'local' | 'builtin' | 'token'; name: string };
  mode: 'local' | 'token';
  csrfToken: string;
  expiresAt: string;
}

/**
 * The current session; null when signed out. A console server without auth routes (404)
 * answers `open`: the shell then works without a login step.
 */
export async function fetchSession(): Promise<SessionInfo | null | 'open'> {
  try {
    const s = await requestJson<SessionInfo>('/api/session');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (err) {
    if (isApiError(err, 'unauthorized')) return null;
    if (isApiError(err, 'notFound')) return 'open';
    throw err;
  }
}

export type LoginRequest =
  | { method: 'password'; username: string; password: string }
  | { method: 'token'; token: string }
  | { method: 'link'; token: string };

export async function login(req: LoginRequest): Promise<SessionInfo> {
  const s = await requestJson<SessionInfo>('/api/login', { method: 'POST', body: req });
  setCsrfToken(s.csrfToken);
  return s;
}

export async function logout(): Promise<void> {
  await requestJson<void>('/api/logout', { method: 'POST' });
  setCsrfToken(undefined);
}

/**
 * Which sign-in methods this server offers. The server names them when asked for an unknown
 * method ("login method must be one of: link, password"), which needs no session.
 */
export async function fetchLoginMethods(): Promise<LoginMethod[]> {
  try {
    await requestJson('/api/login', { method: 'POST', body: { method: '' } });
  } catch (err) {
    const m = /one of:\s*(.*)$/.exec(err instanceof Error ? err.message : '');
    if (m) {
      return m[1]
        .split(',')
        .map((s) => s.trim())
        .filter((s): s is LoginMethod => s === 'link' || s === 'password' || s === 'token');
    }
  }
  return ['password', 'token', 'link'];
}
