// The console's browser-facing rules against the real embedded cluster: sessions, CSRF,
// Origin/Host, refused subresources and headers, per-user RBAC, and no credential leaks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from './testConsole';

let tc: TestConsole;
let tokens: { admin: string; viewer: string };
/** Every header block and body the browser side received, scanned at the end for credentials. */
const seen: string[] = [];

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function call(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${tc.url}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  seen.push(JSON.stringify([...res.headers.entries()]), text);
  return { status: res.status, headers: res.headers, text };
}

function asStatus(a: Answer): { kind: string; code: number; reason: string; message: string } {
  return JSON.parse(a.text) as { kind: string; code: number; reason: string; message: string };
}

beforeAll(async () => {
  tc = await startTestConsole();
  tokens = JSON.parse(readFileSync(join(tc.dataDir, 'cluster', 'tokens.json'), 'utf8')) as typeof tokens;
});

afterAll(async () => {
  // A cluster credential never appears in anything sent to the browser.
  const all = seen.join('\n');
  expect(all.length).toBeGreaterThan(1000);
  for (const t of [tokens.admin, tokens.viewer]) expect(all).not.toContain(t);
  expect(all).not.toMatch(/Bearer /);
  await tc?.close();
});

const API_PATHS: [string, string][] = [
  ['GET', '/api/clusters'],
  ['GET', '/api/session'],
  ['POST', '/api/logout'],
  ['GET', '/clusters/ordinal/api'],
  ['GET', '/clusters/ordinal/api/v1/namespaces/default/pods'],
  ['GET', '/clusters/ordinal/apis/apps/v1/statefulsets?watch=true'],
  ['POST', '/clusters/ordinal/api/v1/namespaces/default/configmaps'],
  ['PATCH', '/clusters/ordinal/apis/apps/v1/namespaces/default/statefulsets/web'],
  ['DELETE', '/clusters/ordinal/api/v1/namespaces/default/pods/web-0'],
  ['GET', '/clusters/nope/api/v1/pods'],
];

describe('without a session', () => {
  it('every API path answers 401 with a Status', async () => {
    for (const [method, path] of API_PATHS) {
      const a = await call(path, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect([method, path, a.status]).toEqual([method, path, 401]);
      expect(asStatus(a)).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
    }
  });

  it('a forged or expired cookie is no session', async () => {
    const a = await call('/api/clusters', { headers: { Cookie: 'ordinal_session=forged' } });
    expect(a.status).toBe(401);
  });

  it('the WebSocket hub refuses the upgrade with 401', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${tc.url}/ws`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', () => resolve(101));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
  });
});

describe('login', () => {
  it('the one-time link signs in once, sets a strict HttpOnly cookie and then stops working', async () => {
    const token = readFileSync(join(tc.dataDir, 'login-token'), 'utf8').trim();
    const first = await call(`/login?token=${token}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ordinal_session=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Strict/);
    const session = await call('/api/session', { headers: { Cookie: cookie.split(';')[0] } });
    expect(session.status).toBe(200);
    expect(JSON.parse(session.text)).toMatchObject({ user: { kind: 'local' }, mode: 'local' });
    const again = await call(`/login?token=${token}`);
    expect(again.status).toBe(401);
    expect(readFileSync(join(tc.dataDir, 'login-token'), 'utf8').trim()).not.toBe(token);
  });

  it('logout ends the session', async () => {
    const { cookie, csrf } = await tc.login('viewer');
    expect((await call('/api/session', { headers: { Cookie: cookie } })).status).toBe(200);
    const out = await call('/api/logout', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
    expect(out.status).toBe(204);
    expect((await call('/api/session', { headers: { Cookie: cookie } })).status).toBe(401);
  });
});

describe('with a session', () => {
  let admin: { cookie: string; csrf: string };
  let viewer: { cookie: string; csrf: string };
  beforeAll(async () => {
    admin = await tc.login('admin');
    viewer = await tc.login('viewer');
  });
  const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

  it('lists clusters with reachability and version', async () => {
    const a = await call('/api/clusters', { headers: { Cookie: admin.cookie } });
    expect(a.status).toBe(200);
    expect(JSON.parse(a.text)).toEqual({
      clusters: [{ name: 'ordinal', server: tc.cluster.url, source: 'embedded', reachable: true, version: expect.stringMatching(/^v1\.32\./) }],
    });
  });

  it('writes without the CSRF token are 403, with it they reach the cluster', async () => {
    const base = '/clusters/ordinal/api/v1/namespaces/default/configmaps';
    const writes: [string, string, string | undefined, string][] = [
      ['POST', base, cm('csrf-a'), 'application/json'],
      ['PATCH', `${base}/kube-root-ca.crt`, '{"metadata":{"labels":{"x":"y"}}}', 'application/merge-patch+json'],
      ['DELETE', `${base}/kube-root-ca.crt`, undefined, 'application/json'],
    ];
    for (const [method, path, body, type] of writes) {
      for (const csrf of [undefined, 'wrong']) {
        const headers: Record<string, string> = { Cookie: admin.cookie, 'Content-Type': type };
        if (csrf) headers['X-CSRF-Token'] = csrf;
        const a = await call(path, { method, headers, body });
        expect([method, a.status]).toEqual([method, 403]);
        expect(asStatus(a).message).toMatch(/x-csrf-token/);
      }
    }
    const ok = await call(base, { method: 'POST', headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/json' }, body: cm('csrf-a') });
    expect(ok.status).toBe(201);
    expect(JSON.parse(ok.text)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'csrf-a', namespace: 'default' } });
  });

  it('a foreign Origin is 403 on reads and writes; a same-origin one passes', async () => {
    const path = '/clusters/ordinal/api/v1/namespaces/default/configmaps';
    const get = await call(path, { headers: { Cookie: admin.cookie, Origin: 'http://evil.example' } });
    expect(get.status).toBe(403);
    const post = await call(path, { method: 'POST', headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, Origin: 'http://evil.example', 'Content-Type': 'application/json' }, body: cm('evil') });
    expect(post.status).toBe(403);
    const cross = await call(path, { headers: { Cookie: admin.cookie, 'Sec-Fetch-Site': 'cross-site' } });
    expect(cross.status).toBe(403);
    const same = await call(path, { headers: { Cookie: admin.cookie, Origin: tc.url } });
    expect(same.status).toBe(200);
  });

  it('a foreign Host is 403 (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: tc.port, path: '/clusters/ordinal/api/v1/pods', headers: { Host: `rebind.example:${tc.port}`, Cookie: admin.cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('exec, attach, portforward and proxy are refused before reaching the cluster', async () => {
    const paths = [
      '/clusters/ordinal/api/v1/namespaces/default/pods/web-0/exec?command=sh&stdin=true',
      '/clusters/ordinal/api/v1/namespaces/default/pods/web-0/attach',
      '/clusters/ordinal/api/v1/namespaces/default/pods/web-0/portforward',
      '/clusters/ordinal/api/v1/namespaces/default/pods/web-0/proxy/',
      '/clusters/ordinal/api/v1/namespaces/default/services/web:80/proxy/admin',
      '/clusters/ordinal/api/v1/nodes/node-1/proxy/metrics',
      '/clusters/ordinal/api/v1/proxy/namespaces/default/services/web',
      '/clusters/ordinal/api/v1/namespaces/default/pods/web-0/exec/',
      '/clusters/ordinal/api/v1/namespaces/default/pods/web-0/./exec',
      '/clusters/ordinal/api/v1/namespaces/default/pods/web-0%2Fexec',
    ];
    for (const p of paths) {
      for (const method of ['GET', 'POST']) {
        const headers: Record<string, string> = { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf };
        const a = await call(p, { method, headers });
        expect([p, method, a.status]).toEqual([p, method, expect.toSatisfy((s: number) => s === 403 || s === 400)]);
        expect(asStatus(a).kind).toBe('Status');
      }
    }
  });

  it('Impersonate-* headers from the browser are refused', async () => {
    const path = '/clusters/ordinal/api/v1/namespaces/default/configmaps';
    for (const h of ['Impersonate-User', 'Impersonate-Group', 'Impersonate-Uid', 'Impersonate-Extra-scopes']) {
      const a = await call(path, { method: 'POST', headers: { Cookie: viewer.cookie, 'X-CSRF-Token': viewer.csrf, 'Content-Type': 'application/json', [h]: 'admin' }, body: cm(`imp-${h.length}`) });
      expect(a.status).toBe(403);
      expect(asStatus(a).message).toMatch(/Impersonate/);
    }
    // Nothing was created by those attempts.
    const list = await call(path, { headers: { Cookie: admin.cookie } });
    expect(list.text).not.toMatch(/"imp-/);
  });

  it('the viewer reads, and gets Kubernetes’ own 403 on writes', async () => {
    const base = '/clusters/ordinal/api/v1/namespaces/default/configmaps';
    const read = await call(base, { headers: { Cookie: viewer.cookie } });
    expect(read.status).toBe(200);
    const a = await call(base, { method: 'POST', headers: { Cookie: viewer.cookie, 'X-CSRF-Token': viewer.csrf, 'Content-Type': 'application/json' }, body: cm('by-viewer') });
    expect(a.status).toBe(403);
    expect(asStatus(a)).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message: 'configmaps is forbidden: User "viewer" cannot create resource "configmaps" in API group "" in the namespace "default"',
    });
    const whoami = await call('/clusters/ordinal/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      method: 'POST',
      headers: { Cookie: viewer.cookie, 'X-CSRF-Token': viewer.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }),
    });
    expect(JSON.parse(whoami.text)).toMatchObject({ status: { userInfo: { username: 'viewer' } } });
  });

  it('forwards Warning headers and upstream status codes; drops upstream cookies and auth challenges', async () => {
    const a = await call('/clusters/ordinal/api/v1/namespaces/default/configmaps?fieldValidation=Warn', {
      method: 'POST',
      headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'warned' }, bogus: 1 }),
    });
    expect(a.status).toBe(201);
    expect(a.headers.get('warning')).toBe('299 - "unknown field \\"bogus\\""');
    const missing = await call('/clusters/ordinal/api/v1/namespaces/default/configmaps/nope', { headers: { Cookie: admin.cookie } });
    expect(missing.status).toBe(404);
    expect(asStatus(missing)).toMatchObject({ reason: 'NotFound', message: 'configmaps "nope" not found' });
    expect(missing.headers.get('www-authenticate')).toBeNull();
    expect(missing.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('logs each proxied request with user, cluster, verb, resource, status and latency', async () => {
    await call('/clusters/ordinal/api/v1/namespaces/default/configmaps/nope', { headers: { Cookie: viewer.cookie } });
    await new Promise((r) => setTimeout(r, 50));
    const line = tc.logLines.find((l) => l.user === 'viewer' && l.verb === 'get' && l.resource === 'configmaps' && l.status === 404);
    expect(line).toMatchObject({ cluster: 'ordinal', namespace: 'default', method: 'GET', msg: 'request' });
    expect(typeof line?.latencyMs).toBe('number');
    expect(JSON.stringify(tc.logLines)).not.toContain(tokens.admin);
  });
});

// Last: the limiter counts per client address, and every request here comes from 127.0.0.1.
describe('login rate limiting', () => {
  it('a wrong password is 401 and repeated failures are rate limited with 429, even for the right password', async () => {
    // One failure happened earlier in this file (the reused login link); the window allows 10.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const a = await call('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: 'password', username: 'admin', password: `guess-${i}` }) });
      statuses.push(a.status);
    }
    expect(statuses).toEqual([...Array(9).fill(401), 429]);
    const password = (JSON.parse(readFileSync(join(tc.dataDir, 'console-users.json'), 'utf8')) as Record<string, string>).admin;
    const right = await call('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: 'password', username: 'admin', password }) });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
