import { describe, expect, it } from 'vitest';
import { crossOrigin, guardRequest } from './guard';
import { FailureLimiter } from './rateLimit';
import { SessionStore, readCookie, sessionCookie } from './sessions';
import type { IncomingMessage } from 'node:http';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SessionStore', () => {
  it('ends a session after the idle period; activity keeps it alive', () => {
    const c = clock();
    const store = new SessionStore({ idleMs: 1000, absoluteMs: 10_000 }, c.now);
    const s = store.create({ kind: 'builtin', name: 'viewer' });
    c.advance(900);
    expect(store.get(s.id)?.user.name).toBe('viewer');
    c.advance(900);
    expect(store.get(s.id)).toBeDefined();
    c.advance(1000);
    expect(store.get(s.id)).toBeUndefined();
    expect(store.size()).toBe(0);
  });

  it('ends a session at its absolute lifetime whatever the activity, and tells listeners', () => {
    const c = clock();
    const store = new SessionStore({ idleMs: 1000, absoluteMs: 3000 }, c.now);
    const ended: string[] = [];
    store.onEnd((id) => ended.push(id));
    const s = store.create({ kind: 'local', name: 'local' });
    for (let i = 0; i < 5; i++) {
      c.advance(500);
      store.get(s.id);
    }
    expect(store.expiresAt(s)).toBe(s.createdAt + 3000);
    c.advance(500);
    expect(store.get(s.id)).toBeUndefined();
    expect(ended).toEqual([s.id]);
  });

  it('ids and CSRF tokens are long random strings', () => {
    const store = new SessionStore();
    const a = store.create({ kind: 'local', name: 'local' });
    const b = store.create({ kind: 'local', name: 'local' });
    expect(a.id).toMatch(/^[\w-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).not.toBe(a.id);
  });
});

describe('cookies', () => {
  it('are HttpOnly and SameSite=Strict, Secure when asked', () => {
    expect(sessionCookie('abc', { secure: false })).toBe('ordinal_session=abc; Path=/; HttpOnly; SameSite=Strict');
    expect(sessionCookie('', { secure: true, maxAgeSeconds: 0 })).toBe('ordinal_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
    expect(readCookie('a=1; ordinal_session=xyz; b=2', 'ordinal_session')).toBe('xyz');
    expect(readCookie('ordinal_sessionx=1', 'ordinal_session')).toBeUndefined();
  });
});

describe('guard', () => {
  const req = (method: string, headers: Record<string, string>) => ({ method, headers: { host: '127.0.0.1:8080', ...headers } }) as unknown as IncomingMessage;

  it('refuses cross-origin requests by Origin or Sec-Fetch-Site', () => {
    expect(crossOrigin({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' })).toBe(false);
    expect(crossOrigin({ host: '127.0.0.1:8080' })).toBe(false);
    expect(crossOrigin({ host: '127.0.0.1:8080', origin: 'http://localhost:8080' })).toBe(true);
    expect(crossOrigin({ host: '127.0.0.1:8080', origin: 'null' })).toBe(true);
    expect(crossOrigin({ host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site' })).toBe(true);
  });

  it('needs a session on API paths and a CSRF token on writes, in that order', () => {
    const store = new SessionStore();
    const s = store.create({ kind: 'local', name: 'local' });
    const cookie = `ordinal_session=${s.id}`;
    expect(guardRequest(req('GET', {}), '/healthz', store)).toEqual({ ok: true });
    expect(guardRequest(req('POST', {}), '/api/login', store)).toEqual({ ok: true });
    expect(guardRequest(req('GET', {}), '/api/clusters', store)).toMatchObject({ ok: false, refusal: { code: 401 } });
    expect(guardRequest(req('GET', { cookie }), '/clusters/x/api', store)).toMatchObject({ ok: true, session: { id: s.id } });
    expect(guardRequest(req('DELETE', { cookie }), '/clusters/x/api/v1/pods', store)).toMatchObject({ ok: false, refusal: { code: 403 } });
    expect(guardRequest(req('DELETE', { cookie, 'x-csrf-token': s.csrfToken }), '/clusters/x/api/v1/pods', store)).toMatchObject({ ok: true });
    expect(guardRequest(req('GET', { cookie, origin: 'http://evil.example' }), '/api/session', store)).toMatchObject({ ok: false, refusal: { code: 403 } });
  });
});

describe('FailureLimiter', () => {
  it('blocks a client after too many failures in the window, and lets it retry later', () => {
    const c = clock();
    const l = new FailureLimiter({ perClient: 3, global: 100, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterMs('a')).toBe(0);
      l.fail('a');
      c.advance(1000);
    }
    expect(l.retryAfterMs('a')).toBe(57_000);
    expect(l.retryAfterMs('b')).toBe(0);
    c.advance(57_000);
    expect(l.retryAfterMs('a')).toBe(0);
  });

  it('has a global ceiling across clients', () => {
    const c = clock();
    const l = new FailureLimiter({ perClient: 100, global: 5, windowMs: 10_000 }, c.now);
    for (let i = 0; i < 5; i++) l.fail(`client-${i}`);
    expect(l.retryAfterMs('fresh')).toBe(10_000);
  });
});
