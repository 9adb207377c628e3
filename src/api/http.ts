// The one fetch wrapper: JSON in and out, console-server session cookie, CSRF header, and
// every non-2xx answer turned into ApiError (errors.ts) so callers never parse Status bodies.
import { ApiError, networkError, toApiError } from './errors';

// The session's CSRF token comes from /api/session (double submit) and goes out in this header
// on every state-changing request (server/auth/guard.ts rule 3).
const CSRF_HEADER = 'X-CSRF-Token';
let csrf: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrf = token;
}

let onUnauthorized: (() => void) | undefined;
/** The auth gate registers here to show the login page when a session ends (HTTP 401). */
export function setUnauthorizedHandler(fn: (() => void) | undefined): void {
  onUnauthorized = fn;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Defaults to application/json for objects. Patches pass their patch type. */
  contentType?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (method !== 'GET' && method !== 'HEAD') {
    // Custom header marks the request as same-origin script (CSRF defence even without a token).
    headers['X-Requested-With'] = 'ordinal';
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, signal: opts.signal, credentials: 'same-origin' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw networkError(err);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    const err = toApiError(res.status, res.statusText, text);
    if (err.code === 401 && path !== '/api/login' && path !== '/api/session') onUnauthorized?.();
    throw err;
  }
  return res;
}

export async function requestJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await request(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, 'InvalidResponse', `The server answered with invalid JSON: ${text.slice(0, 200)}`);
  }
}

/** API warnings (HTTP `Warning: 299 - "text"`) as plain texts, for yellow toasts (§0.4). */
export function warningsOf(res: Response): string[] {
  const raw = res.headers.get('Warning');
  if (!raw) return [];
  const out: string[] = [];
  const re = /\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) out.push(m[1].replace(/\\(.)/g, '$1'));
  return out;
}
