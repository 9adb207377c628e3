// Contract §10 items 1-10, 37, 51-55: version, discovery, OpenAPI, validation, health, errors,
// authentication, impersonation and RBAC, with the real kubectl against `ordinal cluster`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_CM_YAML, cleanupFixtures, fixtureFile } from './fixtures';
import { TestCluster } from './harness';

const c = new TestCluster();

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
  cleanupFixtures();
});

describe('version and discovery', () => {
  it('1: kubectl version reports the 1.32 server', async () => {
    const r = await c.kubectl(['version']);
    expect(r.stdout).toContain('Server Version: v1.32.4');
    expect((await c.api('GET', '/version', { token: null })).json().minor).toBe('32');
  });

  it('2: /apis answers aggregated or legacy discovery by Accept', async () => {
    const agg = await c.api('GET', '/apis', { headers: { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(agg.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(agg.json().kind).toBe('APIGroupDiscoveryList');
    expect((await c.api('GET', '/apis')).json().kind).toBe('APIGroupList');
    expect((await c.api('GET', '/api')).json().versions).toEqual(['v1']);
    expect((await c.api('GET', '/apis/apps')).json()).toMatchObject({ kind: 'APIGroup', name: 'apps', preferredVersion: { groupVersion: 'apps/v1' } });
  });

  it('3: statefulsets/scale lives in autoscaling/v1', async () => {
    const list = (await c.api('GET', '/apis/apps/v1')).json<{ resources: { name: string; group?: string; version?: string; kind: string }[] }>();
    const scale = list.resources.find((r) => r.name === 'statefulsets/scale')!;
    expect(`${scale.group}/${scale.version}/${scale.kind}`).toBe('autoscaling/v1/Scale');
  });

  it('4: api-resources shows upstream short names', async () => {
    const r = await c.kubectl(['api-resources']);
    expect(r.code).toBe(0);
    const short = (name: string) => r.stdout.split('\n').find((l) => l.startsWith(`${name} `))?.trim().split(/\s+/)[1];
    expect([short('statefulsets'), short('pods'), short('persistentvolumeclaims'), short('services'), short('configmaps'), short('events')]).toEqual([
      'sts',
      'po',
      'pvc',
      'svc',
      'cm',
      'ev',
    ]);
  });

  it('5: get all lists every "all" resource', async () => {
    const r = await c.kubectl(['get', 'all', '-n', 'default']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('service/kubernetes');
  });

  it('6: no /openapi/v2, but an /openapi/v3 index with apps/v1', async () => {
    expect((await c.api('GET', '/openapi/v2')).status).toBe(404);
    const idx = (await c.api('GET', '/openapi/v3')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(idx.paths)).toContain('apis/apps/v1');
  });

  it('7: explain reads the served OpenAPI', async () => {
    const r = await c.kubectl(['explain', 'statefulset.spec.replicas']);
    expect(r.stdout).toContain('FIELD: replicas <integer>');
    expect((await c.kubectl(['explain', 'sts.spec.template.spec.containers.ports'])).code).toBe(0);
  });

  it('8/9: strict field validation rejects, warn warns and creates', async () => {
    const file = fixtureFile('bad.yaml', BAD_CM_YAML);
    const strict = await c.kubectl(['create', '-f', file]);
    expect(strict.stderr.trim()).toBe(
      `Error from server (BadRequest): error when creating "${file}": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"`,
    );
    const warn = await c.kubectl(['create', '-f', file, '--validate=warn']);
    expect(warn.stderr).toContain('Warning: unknown field "bogus"');
    expect(warn.stdout.trim()).toBe('configmap/bad created');
    const stored = await c.kubectl(['get', 'cm', 'bad', '-o', 'json']);
    expect(JSON.parse(stored.stdout).bogus).toBeUndefined();
  });

  it('10: health endpoints', async () => {
    const ready = await c.api('GET', '/readyz?verbose');
    expect(ready.text.trim().split('\n').pop()).toBe('readyz check passed');
    const h = await c.api('GET', '/healthz', { token: null });
    expect([h.status, h.text]).toEqual([200, 'ok']);
  });
});

describe('errors, authentication and authorization', () => {
  it('37: clusterroles print with the default columns', async () => {
    const r = await c.kubectl(['get', 'clusterroles']);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+CREATED AT$/);
    for (const n of ['cluster-admin', 'admin', 'edit', 'view']) expect(r.stdout).toMatch(new RegExp(`^${n}\\s`, 'm'));
  });

  it('52: NotFound and Unauthorized', async () => {
    const nf = await c.kubectl(['get', 'sts', 'nope']);
    expect(nf.stderr.trim()).toBe('Error from server (NotFound): statefulsets.apps "nope" not found');
    const bad = await c.kubectl(['get', 'pods', '--token', 'wrong']);
    expect(bad.stderr).toContain('error: You must be logged in to the server (Unauthorized)');
  });

  it('53: impersonating an unbound user is forbidden with the upstream message', async () => {
    const r = await c.kubectl(['--as=bob', 'get', 'sts']);
    expect(r.stderr.trim()).toBe(
      'Error from server (Forbidden): statefulsets.apps is forbidden: User "bob" cannot list resource "statefulsets" in API group "apps" in the namespace "default"',
    );
  });

  it('54/55: can-i, rolebinding, whoami, protobuf creates', async () => {
    expect((await c.kubectl(['create', 'namespace', 'team-a'])).stdout.trim()).toBe('namespace/team-a created');
    expect((await c.kubectl(['create', 'configmap', 'c1', '--from-literal=a=b', '-n', 'team-a'])).stdout.trim()).toBe('configmap/c1 created');
    const no = await c.kubectl(['auth', 'can-i', 'create', 'statefulsets', '--as=bob', '-n', 'team-a']);
    expect([no.stdout.trim(), no.code]).toEqual(['no', 1]);
    const rb = await c.kubectl(['create', 'rolebinding', 'bob-edit', '--clusterrole=edit', '--user=bob', '-n', 'team-a', '--dry-run=client', '-o', 'yaml']);
    expect((await c.kubectl(['create', '-f', '-'], { input: rb.stdout })).stdout.trim()).toBe('rolebinding.rbac.authorization.k8s.io/bob-edit created');
    const yes = await c.kubectl(['auth', 'can-i', 'create', 'statefulsets', '--as=bob', '-n', 'team-a']);
    expect([yes.stdout.trim(), yes.code]).toEqual(['yes', 0]);
    const list = await c.kubectl(['auth', 'can-i', '--list', '--as=bob', '-n', 'team-a']);
    expect(list.stdout).toContain('statefulsets.apps');
    const who = await c.kubectl(['auth', 'whoami']);
    expect(who.stdout).toMatch(/^Username\s+admin$/m);
  });

  it('A-7: a namespace admin cannot grant permissions it does not hold', async () => {
    const rb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'carol-admin', namespace: 'team-a' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'User', name: 'carol', apiGroup: 'rbac.authorization.k8s.io' }] };
    expect((await c.kubectl(['create', '-f', '-'], { input: JSON.stringify(rb) })).code).toBe(0);
    const role = (name: string, resources: string[]) =>
      JSON.stringify({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'team-a' }, rules: [{ apiGroups: [''], resources, verbs: ['get'] }] });
    const ok = await c.kubectl(['--as=carol', 'create', '-f', '-'], { input: role('read-cm', ['configmaps']) });
    expect(ok.stdout.trim()).toBe('role.rbac.authorization.k8s.io/read-cm created');
    const denied = await c.kubectl(['--as=carol', 'create', '-f', '-'], { input: role('read-nodes', ['nodes']) });
    expect(denied.stderr).toContain('Error from server (Forbidden)');
    expect(denied.stderr).toContain('is attempting to grant RBAC permissions not currently held');
  });

  it('A-1: ServiceAccount tokens from `kubectl create token` authenticate as the ServiceAccount', async () => {
    expect((await c.kubectl(['create', 'serviceaccount', 'bot'])).stdout.trim()).toBe('serviceaccount/bot created');
    const token = (await c.kubectl(['create', 'token', 'bot'])).stdout.trim();
    expect(token.length).toBeGreaterThan(20);
    const who = await c.kubectl(['--token', token, 'auth', 'whoami']);
    expect(who.stdout).toMatch(/^Username\s+system:serviceaccount:default:bot$/m);
    const get = await c.kubectl(['--token', token, 'get', 'pods']);
    expect(get.stderr.trim()).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:bot" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    await c.kubectl(['delete', 'serviceaccount', 'bot']);
    const after = await c.kubectl(['--token', token, 'get', 'pods']);
    expect(after.stderr).toContain('error: You must be logged in to the server (Unauthorized)');
  });

  it('viewer context can read but not write', async () => {
    const get = await c.kubectl(['--context', 'ordinal-viewer', 'get', 'cm', '-n', 'team-a']);
    expect(get.code).toBe(0);
    const del = await c.kubectl(['--context', 'ordinal-viewer', 'delete', 'cm', 'c1', '-n', 'team-a']);
    expect(del.stderr.trim()).toBe(
      'Error from server (Forbidden): configmaps "c1" is forbidden: User "viewer" cannot delete resource "configmaps" in API group "" in the namespace "team-a"',
    );
  });

  it('51: exec and port-forward are refused without a runtime', async () => {
    // Kept off the simulated nodes: the test sets the phase itself, no kubelet runs the pod.
    await c.kubectl(['run', 'shell', '--image=busybox', '--restart=Never', '--overrides={"spec":{"nodeSelector":{"ordinal.test/no-such-node":"true"}}}']);
    // kubectl port-forward refuses pods that are not Running before it even connects.
    const st = await c.api('PATCH', '/api/v1/namespaces/default/pods/shell/status', {
      body: JSON.stringify({ status: { phase: 'Running' } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(st.status).toBe(200);
    const exec = await c.kubectl(['exec', 'shell', '--', 'ls']);
    expect(exec.stderr).toContain('Error from server (BadRequest): exec is not supported');
    const pf = await c.kubectl(['port-forward', 'pod/shell', '18080:80'], { timeoutMs: 15_000 });
    expect(pf.stderr).toContain('error: error upgrading connection:');
  });

  it('unknown paths, wrong methods, unsupported media and oversized bodies are Status errors', async () => {
    const nf = await c.api('GET', '/apis/nope/v1/things');
    expect([nf.status, nf.json().reason, nf.json().message]).toEqual([404, 'NotFound', 'the server could not find the requested resource']);
    const m = await c.api('POST', '/api/v1/namespaces/default/configmaps/x', { body: '{}' });
    expect([m.status, m.json().reason]).toEqual([405, 'MethodNotAllowed']);
    const u = await c.api('POST', '/api/v1/namespaces/default/configmaps', { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect([u.status, u.json().reason]).toEqual([415, 'UnsupportedMediaType']);
    const big = await c.api('POST', '/api/v1/namespaces/default/configmaps', { body: Buffer.alloc(3 * 1024 * 1024 + 10, 32) });
    expect(big.status).toBe(413);
  });
});
