// Console sessions: an opaque random id in an HttpOnly, SameSite=Strict cookie; the user's
// identity and credentials stay in server memory. Sessions end on logout, after an idle
// period and at an absolute lifetime, whatever the activity.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConsoleUser } from './identity';

export const SESSION_COOKIE = 'ordinal_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Session {
  id: string;
  /** Sent by the SPA in X-CSRF-Token on every non-GET request (double submit via /api/session). */
  csrfToken: string;
  user: ConsoleUser;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };

const MAX_SESSIONS = 10_000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly endListeners = new Set<(id: string) => void>();

  constructor(
    readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: ConsoleUser): Session {
    if (this.sessions.size >= MAX_SESSIONS) this.sweep();
    if (this.sessions.size >= MAX_SESSIONS) {
      // Bounded memory: the oldest session gives way (Map iterates in insertion order).
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    const t = this.now();
    const s: Session = { id: randomBytes(32).toString('base64url'), csrfToken: randomBytes(32).toString('base64url'), user, createdAt: t, lastSeenAt: t };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The live session for an id, refreshing its idle timer; expired sessions are ended. */
  get(id: string | undefined, touch = true): Session | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (this.expired(s)) {
      this.delete(id);
      return undefined;
    }
    if (touch) s.lastSeenAt = this.now();
    return s;
  }

  expiresAt(s: Session): number {
    return Math.min(s.lastSeenAt + this.limits.idleMs, s.createdAt + this.limits.absoluteMs);
  }

  delete(id: string): void {
    if (!this.sessions.delete(id)) return;
    for (const l of this.endListeners) l(id);
  }

  /** Called when a session ends (logout, expiry): open WebSockets of that session close. */
  onEnd(listener: (id: string) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  sweep(): void {
    for (const s of [...this.sessions.values()]) if (this.expired(s)) this.delete(s.id);
  }

  size(): number {
    return this.sessions.size;
  }

  private expired(s: Session): boolean {
    const t = this.now();
    return t - s.lastSeenAt >= this.limits.idleMs || t - s.createdAt >= this.limits.absoluteMs;
  }
}

/** Constant-time string equality for secrets (CSRF tokens, passwords, login tokens). */
export function secretEquals(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function sessionCookie(id: string, opts: { secure: boolean; maxAgeSeconds?: number }): string {
  const attrs = [`${SESSION_COOKIE}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (opts.maxAgeSeconds !== undefined) attrs.push(`Max-Age=${opts.maxAgeSeconds}`);
  if (opts.secure) attrs.push('Secure');
  return attrs.join('; ');
}
