// Contract §10 items whose expected result includes what went over the wire (items 1, 5, 19, 53, 55)
// and namespace life (55, 58), checked in the server's request log (ORDINAL_LOG_LEVEL=debug, one JSON
// line per request) or in kubectl's own -v=8 request log; plus the client-node calls of the issue.
import { AppsV1Api, CoreV1Api, KubeConfig, Watch, type V1ConfigMap } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupFixtures, fixtureFile, pod, STS_YAML } from './fixtures';
import { TestCluster, sleep, waitFor } from './harness';

const c = new TestCluster(undefined, { ORDINAL_LOG_LEVEL: 'debug' });

interface LoggedRequest {
  method: string;
  url: string;
  ua: string;
  code: number;
  /** When the line was written (after the response), and how long the request took. */
  time: number;
  ms: number;
}

/**
 * Requests the server logged after `from` (an offset into its stdout) that started at or after
 * `startedAt`: a line is written when its response ends, so the previous command's last request
 * can be logged after that command has exited.
 */
function requestsSince(from: number, startedAt = 0): LoggedRequest[] {
  return c.stdout
    .slice(from)
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"msg":"request"'))
    .map((l) => JSON.parse(l) as LoggedRequest)
    .filter((r) => r.time - r.ms >= startedAt)
    .map((r) => ({ ...r, ua: r.ua ?? '' })); // in-process binders send no User-Agent
}

/** Runs kubectl and returns the requests the server logged for it (pino writes synchronously). */
async function logged(args: string[], opts: { input?: string } = {}): Promise<{ out: Awaited<ReturnType<TestCluster['kubectl']>>; reqs: LoggedRequest[] }> {
  const from = c.stdout.length;
  const startedAt = Date.now();
  const out = await c.kubectl(args, opts);
  await sleep(50);
  return { out, reqs: requestsSince(from, startedAt) };
}

// Item 28 with the server's default bookmark interval: a watch on a namespace nobody touches, open
// while the other tests run (started in beforeAll, read by the last test).
let quiet: ReturnType<TestCluster['watch']>;

beforeAll(async () => {
  await c.start();
  expect((await c.kubectl(['create', 'namespace', 'quiet'])).code).toBe(0);
  const rv = (await c.api('GET', '/api/v1/namespaces/quiet/pods')).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
  quiet = c.watch(`/api/v1/namespaces/quiet/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}&timeoutSeconds=20`);
  for (const name of ['a-0', 'a-1', 'a-2']) expect((await c.kubectl(['create', '-f', '-'], { input: pod(name, { app: 'a' }) })).code).toBe(0);
  expect((await c.kubectl(['create', '-f', fixtureFile('sts.yaml', STS_YAML)])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
  cleanupFixtures();
});

describe('what the server sees', () => {
  it('1: kubectl version goes through the dispatcher, then kubectl/v1.32.4', async () => {
    const { out, reqs } = await logged(['version']);
    expect(out.stdout).toMatch(/^Server Version: v1\.32\.4/m);
    expect((await c.api('GET', '/version', { token: null })).json().minor).toBe('32');
    // Only kubectl's requests: the simulated scheduler may bind pods over HTTPS meanwhile.
    const mine = reqs.filter((r) => r.ua.startsWith('kubectl'));
    const agents = mine.map((r) => r.ua);
    expect(agents[0]).toBe('kubectl-dispatcher/v1.0 (linux/amd64)');
    expect(mine[0].url).toBe('/version?timeout=5s');
    expect(agents.slice(1).length).toBeGreaterThan(0);
    for (const ua of agents.slice(1)) expect(ua).toMatch(/^kubectl\/v1\.32\.4 /);
  });

  it('5: get all sends one list per "all" resource and prints them', async () => {
    const disc = (await c.api('GET', '/apis', { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' } })).json<{
      items: { metadata: { name: string }; versions: { version: string; resources: { resource: string; categories?: string[] }[] }[] }[];
    }>();
    const core = (await c.api('GET', '/api/v1')).json<{ resources: { name: string; categories?: string[] }[] }>();
    const all = [
      ...core.resources.filter((r) => r.categories?.includes('all')).map((r) => `/api/v1/namespaces/default/${r.name}`),
      ...disc.items.flatMap((g) =>
        g.versions.slice(0, 1).flatMap((v) => v.resources.filter((r) => r.categories?.includes('all')).map((r) => `/apis/${g.metadata.name}/${v.version}/namespaces/default/${r.resource}`)),
      ),
    ].sort();
    expect(all).toEqual(expect.arrayContaining(['/api/v1/namespaces/default/pods', '/api/v1/namespaces/default/services', '/apis/apps/v1/namespaces/default/statefulsets']));
    const { out, reqs } = await logged(['get', 'all']);
    expect(out.code).toBe(0);
    const lists = reqs.filter((r) => r.method === 'GET' && r.ua.startsWith('kubectl/') && r.url.includes('/namespaces/default/')).map((r) => r.url.split('?')[0]);
    expect(lists.sort()).toEqual(all);
    expect(out.stdout).toMatch(/^pod\/a-0\s/m);
    expect(out.stdout).toMatch(/^service\/kubernetes\s/m);
    expect(out.stdout).toMatch(/^statefulset\.apps\/web\s/m);
  });

  it('19: --chunk-size=1 prints every pod once and follows continue tokens', async () => {
    const { out, reqs } = await logged(['get', 'pods', '-A', '--chunk-size=1', '--no-headers']);
    const names = out.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).join('/'));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['default/a-0', 'default/a-1', 'default/a-2']));
    const lists = reqs.filter((r) => r.url.startsWith('/api/v1/pods?'));
    expect(lists.length).toBe(names.length);
    expect(lists.every((r) => new URL(r.url, 'https://x').searchParams.get('limit') === '1')).toBe(true);
    expect(lists.filter((r) => r.url.includes('continue=')).length).toBe(names.length - 1);
  });

  it('53: kubectl sends Impersonate-User and prints the Forbidden answer for bob', async () => {
    const r = await c.kubectl(['--as=bob', 'get', 'sts', '-v=8']);
    expect(r.stderr).toMatch(/^I\S* +\S+ +\d+ round_trippers\.go:\d+\] +Impersonate-User: bob$/m);
    expect(r.stderr.trim().split('\n').pop()).toBe(
      'Error from server (Forbidden): statefulsets.apps is forbidden: User "bob" cannot list resource "statefulsets" in API group "apps" in the namespace "default"',
    );
  });
});

describe('namespaces', () => {
  it('55: generator creates send protobuf; the namespace gets its ServiceAccount and root CA within 2 s', async () => {
    const ns = await c.kubectl(['create', 'namespace', 'team-a', '-v=8']);
    const created = Date.now();
    expect(ns.stdout.trim()).toBe('namespace/team-a created');
    expect(ns.stderr).toMatch(/\] +Content-Type: application\/vnd\.kubernetes\.protobuf$/m);
    const cm = await c.kubectl(['create', 'configmap', 'c1', '--from-literal=a=b', '-n', 'team-a', '-v=8']);
    expect(cm.stdout.trim()).toBe('configmap/c1 created');
    expect(cm.stderr).toMatch(/\] +Content-Type: application\/vnd\.kubernetes\.protobuf$/m);
    await waitFor(async () => ((await c.kubectl(['get', 'sa', 'default', '-n', 'team-a'])).code === 0 ? true : undefined), 3000, 100);
    await waitFor(async () => ((await c.kubectl(['get', 'cm', 'kube-root-ca.crt', '-n', 'team-a'])).code === 0 ? true : undefined), 3000, 100);
    expect(Date.now() - created).toBeLessThan(2000 + 300); // + the last kubectl round trip
    const ca = JSON.parse((await c.kubectl(['get', 'cm', 'kube-root-ca.crt', '-n', 'team-a', '-o', 'json'])).stdout) as { data: Record<string, string> };
    expect(ca.data['ca.crt']).toBe(c.ca);
  });

  it('58: a deleted namespace is Terminating, refuses content, then disappears; default cannot be deleted', async () => {
    expect((await c.kubectl(['delete', 'ns', 'team-a', '--wait=false'])).stdout.trim()).toBe('namespace "team-a" deleted');
    const st = await c.kubectl(['get', 'ns', 'team-a']);
    // The namespace controller may already have finished; otherwise it shows Terminating.
    if (st.code === 0) {
      expect(st.stdout).toMatch(/^team-a\s+Terminating\s/m);
      const cm = await c.kubectl(['create', 'cm', 'x', '-n', 'team-a']);
      if (cm.code !== 0 && !cm.stderr.includes('NotFound')) {
        expect(cm.stderr).toContain('configmaps "x" is forbidden: unable to create new content in namespace team-a because it is being terminated');
      }
    }
    await waitFor(async () => ((await c.kubectl(['get', 'ns', 'team-a'])).stderr.trim() === 'Error from server (NotFound): namespaces "team-a" not found' ? true : undefined), 30_000, 250);
    const def = await c.kubectl(['delete', 'ns', 'default']);
    expect(def.stderr.trim()).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
  }, 40_000);

  it('58: creating content in a terminating namespace is Forbidden (the namespace held by a finalizer)', async () => {
    expect((await c.kubectl(['create', 'namespace', 'held'])).code).toBe(0);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pin', namespace: 'held', finalizers: ['example.com/hold'] } };
    expect((await c.kubectl(['create', '-f', '-'], { input: JSON.stringify(cm) })).code).toBe(0);
    expect((await c.kubectl(['delete', 'ns', 'held', '--wait=false'])).code).toBe(0);
    const st = await c.kubectl(['get', 'ns', 'held', '--no-headers']);
    expect(st.stdout).toMatch(/^held\s+Terminating\s/);
    const x = await c.kubectl(['create', 'cm', 'x', '-n', 'held']);
    // kubectl's generator wraps the server message: `error: failed to create configmap: <message>`.
    expect(x.stderr.trim()).toBe('error: failed to create configmap: configmaps "x" is forbidden: unable to create new content in namespace held because it is being terminated');
    await c.kubectl(['patch', 'cm', 'pin', '-n', 'held', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
    await waitFor(async () => ((await c.kubectl(['get', 'ns', 'held'])).stderr.includes('NotFound') ? true : undefined), 30_000, 250);
  }, 40_000);
});

describe('@kubernetes/client-node against the same cluster', () => {
  const kc = new KubeConfig();
  beforeAll(() => kc.loadFromFile(c.kubeconfig));

  it('lists pods and reads a StatefulSet with the generated clients', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=a' });
    expect(pods.items.map((p) => p.metadata?.name)).toEqual(['a-0', 'a-1', 'a-2']);
    expect(pods.metadata?.resourceVersion).toMatch(/^\d+$/);
    const sts = await apps.readNamespacedStatefulSet({ name: 'web', namespace: 'default' });
    expect(sts.spec?.updateStrategy?.rollingUpdate?.partition).toBe(0);
    const list = await apps.listStatefulSetForAllNamespaces();
    expect(list.items.map((s) => s.metadata?.name)).toContain('web');
    await expect(apps.readNamespacedStatefulSet({ name: 'nope', namespace: 'default' })).rejects.toMatchObject({ code: 404 });
  });

  it('creates a ConfigMap and sees it through Watch, with the conflict on a second create', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const rv = (await core.listNamespacedConfigMap({ namespace: 'default' })).metadata?.resourceVersion;
    const events: [string, string][] = [];
    let ended = false;
    const watch = new Watch(kc);
    const abort = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: rv, allowWatchBookmarks: false },
      (type, obj: V1ConfigMap) => events.push([type, obj.metadata?.name ?? '']),
      () => (ended = true),
    );
    const body: V1ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-client-node' }, data: { k: 'v' } };
    const created = await core.createNamespacedConfigMap({ namespace: 'default', body });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    await expect(core.createNamespacedConfigMap({ namespace: 'default', body })).rejects.toMatchObject({ code: 409 });
    await core.deleteNamespacedConfigMap({ name: 'from-client-node', namespace: 'default' });
    await waitFor(() => (events.length >= 2 ? true : undefined), 10_000);
    abort.abort();
    expect(events).toEqual([
      ['ADDED', 'from-client-node'],
      ['DELETED', 'from-client-node'],
    ]);
    await waitFor(() => (ended ? true : undefined), 5000);
  });
});

describe('a quiet watch', () => {
  it('28: 20 s without events bring at least one BOOKMARK with only kind, apiVersion and resourceVersion', async () => {
    await quiet.ended;
    expect(quiet.lines.length).toBeGreaterThanOrEqual(1);
    for (const l of quiet.lines) {
      expect(l.type).toBe('BOOKMARK');
      expect(l.object).toEqual({ kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: expect.stringMatching(/^\d+$/) } });
    }
  }, 30_000);
});
