// Real clusters from a kubeconfig (two contexts → two embedded clusters), token mode (each
// user's own bearer token), streaming through the proxy (watch, pods/log) and aborting the
// upstream request when the browser goes away.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../cluster/main';
import { ClusterRegistry, inClusterSpec, kubeconfigSpecs, upstreamJSON } from '../clusterRegistry';
import { startTestConsole, type TestConsole } from './testConsole';

interface Kubeconfig {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
}

let dir: string;
let east: RunningCluster;
let west: RunningCluster;

/** One kubeconfig with the admin context of each cluster, renamed east/west. */
function twoContextKubeconfig(): string {
  const out: Kubeconfig & Record<string, unknown> = { apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [], 'current-context': 'east' };
  for (const [name, c] of [['east', east], ['west', west]] as const) {
    const kc = parse(readFileSync(c.kubeconfigPath, 'utf8')) as Kubeconfig;
    out.clusters.push({ name, cluster: kc.clusters[0].cluster });
    out.users.push({ name: `${name}-admin`, user: kc.users.find((u) => u.name === 'admin')!.user });
    out.contexts.push({ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } });
  }
  const path = join(dir, 'two.kubeconfig');
  writeFileSync(path, stringify(out), { mode: 0o600 });
  return path;
}

async function json(tc: TestConsole, path: string, s: { cookie: string; csrf: string }, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${tc.url}${path}`, {
    ...init,
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordinal-clusters-test-'));
  [east, west] = await Promise.all([
    startCluster({ dataDir: join(dir, 'east'), port: 0, seed: 'none', speed: 20 }),
    startCluster({ dataDir: join(dir, 'west'), port: 0, seed: 'none', speed: 20 }),
  ]);
});

afterAll(async () => {
  await Promise.all([east?.stop(), west?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('a kubeconfig with two contexts', () => {
  let tc: TestConsole;
  beforeAll(async () => {
    tc = await startTestConsole({ cluster: east, embedded: false, extra: { kubeconfig: twoContextKubeconfig() } });
  });
  afterAll(async () => tc?.close());

  it('shows two reachable clusters, each proxied to its own API server', async () => {
    const s = await tc.login('link');
    const list = await json(tc, '/api/clusters', s);
    expect(list.body).toEqual({
      clusters: [
        { name: 'east', server: east.url, source: 'kubeconfig', reachable: true, version: expect.stringMatching(/^v1\.32/) },
        { name: 'west', server: west.url, source: 'kubeconfig', reachable: true, version: expect.stringMatching(/^v1\.32/) },
      ],
    });
    const created = await json(tc, '/clusters/east/api/v1/namespaces/default/configmaps', s, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'only-east' } }),
    });
    expect(created.status).toBe(201);
    expect((await json(tc, '/clusters/east/api/v1/namespaces/default/configmaps/only-east', s)).status).toBe(200);
    expect((await json(tc, '/clusters/west/api/v1/namespaces/default/configmaps/only-east', s)).body).toMatchObject({ code: 404, reason: 'NotFound' });
    expect((await json(tc, '/clusters/north/api/v1/namespaces', s)).status).toBe(404);
  });

  it('password logins exist only for the embedded cluster', async () => {
    const res = await fetch(`${tc.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: 'password', username: 'admin', password: 'x' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe('login method must be one of: link');
  });

  it('an unreachable context is listed as unreachable', async () => {
    const path = join(dir, 'dead.kubeconfig');
    const kc = parse(readFileSync(twoContextKubeconfig(), 'utf8')) as Kubeconfig;
    kc.clusters[1].cluster.server = 'https://127.0.0.1:1';
    writeFileSync(path, stringify(kc));
    const other = await startTestConsole({ cluster: east, embedded: false, extra: { kubeconfig: path, contexts: ['west'] } });
    try {
      const s = await other.login('link');
      const list = await json(other, '/api/clusters', s);
      expect(list.body).toMatchObject({ clusters: [{ name: 'west', reachable: false, error: expect.stringMatching(/ECONNREFUSED/) }] });
      const proxied = await json(other, '/clusters/west/api/v1/namespaces', s);
      expect(proxied.status).toBe(502);
      expect(proxied.body).toMatchObject({ kind: 'Status', code: 502 });
    } finally {
      await other.close();
    }
  });
});

describe('token mode', () => {
  let tc: TestConsole;
  let tokens: { admin: string; viewer: string };
  beforeAll(async () => {
    tokens = JSON.parse(readFileSync(join(dir, 'west', 'tokens.json'), 'utf8')) as typeof tokens;
    tc = await startTestConsole({ cluster: west, embedded: false, extra: { kubeconfig: west.kubeconfigPath, contexts: ['ordinal-admin'], authMode: 'token' } });
  });
  afterAll(async () => tc?.close());

  const loginWith = (token: string) =>
    fetch(`${tc.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ method: 'token', token }) });

  it('signs each user in with their own token and applies their RBAC, never the kubeconfig’s', async () => {
    const bad = await loginWith('not-a-token');
    expect(bad.status).toBe(401);
    const res = await loginWith(tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: unknown; csrfToken: string };
    expect(body.user).toEqual({ kind: 'token', name: 'viewer' });
    expect(JSON.stringify(body)).not.toContain(tokens.viewer);
    const s = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: body.csrfToken };
    const write = await json(tc, '/clusters/ordinal-admin/api/v1/namespaces/default/configmaps', s, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nope' } }),
    });
    expect(write.body).toMatchObject({ code: 403, reason: 'Forbidden', message: expect.stringContaining('User "viewer" cannot create') });
    expect((await json(tc, '/clusters/ordinal-admin/api/v1/namespaces/default/configmaps', s)).status).toBe(200);
  });

  it('lists clusters by probing /version anonymously', async () => {
    const res = await loginWith(tokens.admin);
    const s = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    expect((await json(tc, '/api/clusters', s)).body).toMatchObject({ clusters: [{ name: 'ordinal-admin', reachable: true }] });
  });
});

describe('streams through the proxy', () => {
  let tc: TestConsole;
  let s: { cookie: string; csrf: string };
  beforeAll(async () => {
    tc = await startTestConsole({ cluster: east });
    s = await tc.login('admin');
  });
  afterAll(async () => tc?.close());

  it('a watch streams events as they happen and ends upstream when the browser goes away', async () => {
    const base = east.watchCount();
    const ac = new AbortController();
    const res = await fetch(`${tc.url}/clusters/ordinal/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true`, {
      headers: { Cookie: s.cookie },
      signal: ac.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(east.watchCount()).toBe(base + 1);
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil('kube-root-ca.crt'); // W-3: the initial ADDED events
    await json(tc, '/clusters/ordinal/api/v1/namespaces/default/configmaps', s, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'streamed' } }),
    });
    await readUntil('"name":"streamed"');
    expect(text.split('\n').filter(Boolean).every((l) => /^\{"type":"(ADDED|MODIFIED|BOOKMARK)"/.test(l))).toBe(true);
    ac.abort();
    const deadline = Date.now() + 5000;
    while (east.watchCount() !== base && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(east.watchCount()).toBe(base);
  });

  it('logout ends the session’s open streams', async () => {
    const base = east.watchCount();
    const mine = await tc.login('viewer');
    const res = await fetch(`${tc.url}/clusters/ordinal/api/v1/namespaces/default/configmaps?watch=true`, { headers: { Cookie: mine.cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    expect(east.watchCount()).toBe(base + 1);
    const out = await fetch(`${tc.url}/api/logout`, { method: 'POST', headers: { Cookie: mine.cookie, 'X-CSRF-Token': mine.csrf } });
    expect(out.status).toBe(204);
    // The stream ends (cut: the session that carried it is gone).
    const ended = await (async () => {
      try {
        for (;;) if ((await reader.read()).done) return 'done';
      } catch {
        return 'cut';
      }
    })();
    expect(['done', 'cut']).toContain(ended);
    const deadline = Date.now() + 5000;
    while (east.watchCount() !== base && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(east.watchCount()).toBe(base);
  });

  it('pods/log passes container, follow, previous, tailLines and timestamps to the cluster', async () => {
    const pod = await json(tc, '/clusters/ordinal/api/v1/namespaces/default/pods', s, {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'logger' }, spec: { containers: [{ name: 'app', image: 'nginx' }, { name: 'side', image: 'busybox' }] } }),
    });
    expect(pod.status).toBe(201);
    const bad = await json(tc, '/clusters/ordinal/api/v1/namespaces/default/pods/logger/log?container=nope&follow=true&tailLines=5&timestamps=true', s);
    expect(bad.body).toMatchObject({ code: 400, message: 'container nope is not valid for pod logger' });
    const none = await json(tc, '/clusters/ordinal/api/v1/namespaces/default/pods/logger/log?follow=true', s);
    expect(none.body).toMatchObject({ code: 400, message: 'a container name must be specified for pod logger, choose one of: [app side]' });
    const prev = await json(tc, '/clusters/ordinal/api/v1/namespaces/default/pods/logger/log?container=app&previous=true', s);
    expect(prev.body).toMatchObject({ code: 400, reason: 'BadRequest' });
  });
});

describe('credentials client-node resolves', () => {
  it('--in-cluster: the ServiceAccount token file, CA and KUBERNETES_SERVICE_* env', async () => {
    const prefix = join(dir, 'pod');
    const sa = join(prefix, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    const kc = parse(readFileSync(east.kubeconfigPath, 'utf8')) as Kubeconfig;
    writeFileSync(join(sa, 'ca.crt'), Buffer.from(String(kc.clusters[0].cluster['certificate-authority-data']), 'base64'));
    writeFileSync(join(sa, 'token'), (JSON.parse(readFileSync(join(dir, 'east', 'tokens.json'), 'utf8')) as { viewer: string }).viewer);
    writeFileSync(join(sa, 'namespace'), 'default');
    const url = new URL(east.url);
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = url.hostname;
    process.env.KUBERNETES_SERVICE_PORT = url.port;
    try {
      const registry = new ClusterRegistry([inClusterSpec(prefix)]);
      expect(await registry.statuses(false)).toEqual([{ name: 'in-cluster', server: east.url, source: 'in-cluster', reachable: true, version: expect.stringMatching(/^v1\.32/) }]);
      const up = await registry.upstreamFor('in-cluster', { kind: 'local', name: 'local' });
      const who = await upstreamJSON(up, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
      expect(who.body).toMatchObject({ status: { userInfo: { username: 'viewer' } } });
      await registry.close();
    } finally {
      process.env.KUBERNETES_SERVICE_HOST = saved.host;
      process.env.KUBERNETES_SERVICE_PORT = saved.port;
      if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
      if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
    }
  });

  it('an exec credential plugin in the kubeconfig', async () => {
    const kc = parse(readFileSync(east.kubeconfigPath, 'utf8')) as Kubeconfig & Record<string, unknown>;
    const viewer = (JSON.parse(readFileSync(join(dir, 'east', 'tokens.json'), 'utf8')) as { viewer: string }).viewer;
    const cred = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: viewer } });
    kc.users = [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', `echo '${cred}'`], interactiveMode: 'Never' } } }];
    kc.contexts = [{ name: 'via-exec', context: { cluster: kc.clusters[0].name, user: 'plugin' } }];
    kc['current-context'] = 'via-exec';
    const path = join(dir, 'exec.kubeconfig');
    writeFileSync(path, stringify(kc));
    const registry = new ClusterRegistry(kubeconfigSpecs(path, []));
    const up = await registry.upstreamFor('via-exec', { kind: 'local', name: 'local' });
    const who = await upstreamJSON(up, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(who.body).toMatchObject({ status: { userInfo: { username: 'viewer' } } });
    await registry.close();
  });
});
