// Contract §10 items that need the simulated scheduler and kubelets running inside `ordinal cluster`:
// rollout status/history/undo, wait, watch rows, pod tables, logs, describe/events, metrics, drain,
// dry-run silence and cascading deletes (items 17, 18, 29-31, 33, 42, 46-50, 56, 57). One cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupFixtures, fixtureFile, STS_YAML } from './fixtures';
import { TestCluster, sleep, waitFor } from './harness';

const c = new TestCluster();
const stsFile = fixtureFile('sts.yaml', STS_YAML);
// A pod whose HTTP readiness probe makes the simulated nginx log a kube-probe line every second (S-8).
const PROBED = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'probed' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 } }] },
});

async function jsonpath(kind: string, name: string, path: string): Promise<string> {
  const r = await c.kubectl(['get', kind, name, '-o', `jsonpath={${path}}`]);
  expect(r.stderr).toBe('');
  return r.stdout;
}

async function podNames(selector: string): Promise<string[]> {
  const r = await c.kubectl(['get', 'pods', '-l', selector, '-o', 'name']);
  return r.stdout.trim() ? r.stdout.trim().split('\n') : [];
}

beforeAll(async () => {
  await c.start();
  expect((await c.kubectl(['create', '-f', stsFile])).stdout.trim()).toBe('statefulset.apps/web created');
  // Started early so that its restarts have happened by the time item 33 looks at it.
  expect((await c.kubectl(['run', 'crasher', '--image=busybox:crash'])).stdout.trim()).toBe('pod/crasher created');
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
  cleanupFixtures();
});

describe('rollouts and waits', () => {
  it('46: rollout status reports a complete partitioned roll out', async () => {
    const r = await c.kubectl(['rollout', 'status', 'sts/web', '--timeout=60s'], { timeoutMs: 70_000 });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').pop()).toBe('partitioned roll out complete: 3 new pods have been updated...');
  }, 75_000);

  it('31: kubectl wait prints condition met for a ready pod', async () => {
    const r = await c.kubectl(['wait', '--for=condition=Ready', 'pod/web-0', '--timeout=60s'], { timeoutMs: 65_000 });
    expect([r.code, r.stdout.trim()]).toEqual([0, 'pod/web-0 condition met']);
  }, 70_000);

  it('29: the WatchList wait answers in under 2 s', async () => {
    const started = Date.now();
    const r = await c.kubectl(['wait', '--for=condition=Ready', 'pod/web-0', '--timeout=20s'], { env: { KUBE_FEATURE_WatchListClient: 'true' } });
    expect(r.stdout.trim()).toBe('pod/web-0 condition met');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('30: get sts -w prints new web rows under one header while scaling', async () => {
    expect((await c.kubectl(['scale', 'sts', 'web', '--replicas=2'])).stdout.trim()).toBe('statefulset.apps/web scaled');
    await waitFor(async () => ((await jsonpath('sts', 'web', '.status.replicas')) === '2' ? true : undefined), 20_000);
    const w = c.kubectlStream(['get', 'sts', '-w']);
    await waitFor(() => (/^web\s+\d\/2\s/m.test(w.out()) ? true : undefined), 15_000);
    await sleep(300);
    expect((await c.kubectl(['scale', 'sts', 'web', '--replicas=3'])).stdout.trim()).toBe('statefulset.apps/web scaled');
    await waitFor(() => (/^web\s+3\/3\s/m.test(w.out()) ? true : undefined), 20_000);
    const r = await w.stop();
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
    expect(lines[0]).toMatch(/^NAME\s+READY\s+AGE$/);
    expect(lines.filter((l) => /^web\s+\d\/3\s/.test(l)).length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('47: set image makes revision 2; undo rolls back to 1.25', async () => {
    expect((await c.kubectl(['set', 'image', 'sts/web', 'nginx=nginx:1.26'])).stdout.trim()).toBe('statefulset.apps/web image updated');
    expect((await c.kubectl(['rollout', 'status', 'sts/web', '--timeout=60s'], { timeoutMs: 65_000 })).code).toBe(0);
    const history = await c.kubectl(['rollout', 'history', 'sts/web']);
    expect(history.stdout).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    const undo = await c.kubectl(['rollout', 'undo', 'sts/web']);
    expect([undo.stdout.trim(), undo.stderr]).toEqual(['statefulset.apps/web rolled back', '']);
    expect(await jsonpath('sts', 'web', '.spec.template.spec.containers[0].image')).toBe('nginx:1.25');
    expect((await c.kubectl(['rollout', 'status', 'sts/web', '--timeout=60s'], { timeoutMs: 65_000 })).code).toBe(0);
    expect(await jsonpath('pod', 'web-0', '.spec.containers[0].image')).toBe('nginx:1.25');
  }, 150_000);
});

describe('what kubectl shows about pods', () => {
  it('33: wide pod columns; a crash-looping pod shows CrashLoopBackOff and N (Xs ago)', async () => {
    const wide = await c.kubectl(['get', 'pods', '-o', 'wide']);
    expect(wide.stdout.split('\n')[0].trim().split(/\s{2,}/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(wide.stdout).toMatch(/^web-0\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-\d\s+<none>\s+<none>$/m);
    const line = await waitFor(async () => {
      const r = await c.kubectl(['get', 'pod', 'crasher', '-o', 'wide', '--no-headers']);
      return /^crasher\s+0\/1\s+CrashLoopBackOff\s+[1-9]\d* \((\d+[smh])+ ago\)\s/.test(r.stdout) ? r.stdout : undefined;
    }, 30_000, 500);
    expect(line).toMatch(/CrashLoopBackOff/);
  }, 40_000);

  it('48: logs --tail --timestamps, an unknown container, --previous without a restart', async () => {
    const tail = await c.kubectl(['logs', 'web-0', '--tail=2', '--timestamps']);
    const lines = tail.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    // RFC 3339 with nanoseconds as Go's RFC3339Nano prints them: trailing zeros are trimmed.
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,8}[1-9])?Z /);
    // kubectl 1.32 checks the container name itself once it has the pod (no log request is sent);
    // the server's own answer to the log request is the upstream 400 (S-9).
    const nope = await c.kubectl(['logs', 'web-0', '-c', 'nope']);
    expect([nope.code, nope.stderr.trim()]).toEqual([1, 'error: container nope is not valid for pod web-0']);
    const raw = await c.api('GET', '/api/v1/namespaces/default/pods/web-0/log?container=nope');
    expect([raw.status, raw.json().reason, raw.json().message]).toEqual([400, 'BadRequest', 'container nope is not valid for pod web-0']);
    const prev = await c.kubectl(['logs', 'web-0', '--previous']);
    expect(prev.stderr.trim()).toBe('Error from server (BadRequest): previous terminated container "nginx" in pod "web-0" not found');
  });

  it('49: logs -f keeps printing and returns when the pod is deleted', async () => {
    expect((await c.kubectl(['create', '-f', '-'], { input: PROBED })).stdout.trim()).toBe('pod/probed created');
    expect((await c.kubectl(['wait', '--for=condition=Ready', 'pod/probed', '--timeout=30s'], { timeoutMs: 35_000 })).code).toBe(0);
    // --tail=0: everything printed is a line written after the stream opened.
    const started = Date.now();
    const follow = c.kubectl(['logs', '-f', 'probed', '--tail=0'], { timeoutMs: 45_000 });
    await sleep(4000);
    expect((await c.kubectl(['delete', 'pod', 'probed', '--wait=false'])).stdout.trim()).toBe('pod "probed" deleted');
    const r = await follow;
    // Exit 0 well before the 45 s kill: the stream ended because the pod went away.
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(r.stdout.split('\n').filter((l) => l.includes('"kube-probe/1.32"')).length).toBeGreaterThanOrEqual(2);
  }, 70_000);

  it('56: describe ends with the events that kubectl events --for lists', async () => {
    const d = await c.kubectl(['describe', 'sts', 'web']);
    const tail = d.stdout.slice(d.stdout.lastIndexOf('\nEvents:'));
    expect(tail).toMatch(/^\nEvents:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/);
    const described = tail.split('\n').slice(4).filter((l) => l.trim()).map((l) => l.trim().split(/\s{2,}/).pop());
    expect(described).toContain('create Pod web-0 in StatefulSet web successful');
    const ev = await c.kubectl(['events', '--for', 'sts/web']);
    expect(ev.stdout.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    const listed = ev.stdout.trim().split('\n').slice(1).map((l) => l.trim().split(/\s{2,}/));
    expect(listed.every((cols) => cols[3] === 'StatefulSet/web')).toBe(true);
    expect(new Set(listed.map((cols) => cols[4]))).toEqual(new Set(described));
  });

  it('57: top pod, top node and growing network counters', async () => {
    const pods = await waitFor(async () => {
      const r = await c.kubectl(['top', 'pod']);
      return r.code === 0 && /^web-0\s+\d+m\s+\d+Mi\s*$/m.test(r.stdout) ? r.stdout : undefined;
    }, 20_000, 500);
    expect(pods.split('\n')[0]).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/);
    const nodes = await c.kubectl(['top', 'node']);
    expect(nodes.stdout.split('\n')[0]).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*$/);
    expect(nodes.stdout).toMatch(/^node-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/m);
    const rx = async () => (await c.api('GET', '/api/v1/nodes/node-1/proxy/stats/summary')).json<{ pods: { network: { rxBytes: number } }[] }>().pods[0].network.rxBytes;
    const a = await rx();
    expect(typeof a).toBe('number');
    await sleep(2500);
    expect(await rx()).toBeGreaterThan(a);
  }, 40_000);
});

describe('writes that must change nothing, drain, cascading deletes', () => {
  it('42: apply --dry-run=server keeps the object, its resourceVersion and the watch silent', async () => {
    const rv = await jsonpath('sts', 'web', '.metadata.resourceVersion');
    const w = c.watch(`/apis/apps/v1/namespaces/default/statefulsets?watch=1&resourceVersion=${rv}&timeoutSeconds=3`);
    await w.headers;
    const changed = fixtureFile('sts-changed.yaml', STS_YAML.replace('replicas: 3', 'replicas: 5'));
    const r = await c.kubectl(['apply', '--dry-run=server', '-f', changed]);
    expect(r.stdout.trim()).toBe('statefulset.apps/web configured (server dry run)');
    await w.ended;
    expect(w.lines).toEqual([]);
    expect(await jsonpath('sts', 'web', '.metadata.resourceVersion')).toBe(rv);
    expect(await jsonpath('sts', 'web', '.spec.replicas')).toBe('3');
  });

  it('50: drain is refused by a minAvailable 3 budget, after cordoning', async () => {
    // Bare pods would make drain stop before evicting (no --force in the checklist command).
    await c.kubectl(['delete', 'pod', 'crasher', '--grace-period=0', '--force']);
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } } };
    expect((await c.kubectl(['create', '-f', '-'], { input: JSON.stringify(pdb) })).stdout.trim()).toBe('poddisruptionbudget.policy/web-pdb created');
    const node = await jsonpath('pod', 'web-0', '.spec.nodeName');
    const r = await c.kubectl(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=6s'], { timeoutMs: 20_000 });
    expect(r.stdout).toContain(`node/${node} cordoned`);
    expect(r.stdout).toContain('evicting pod default/web-0');
    expect(r.stderr).toContain(`error when evicting pods/"web-0" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
    expect(r.code).toBe(1);
    expect((await c.kubectl(['uncordon', node])).stdout.trim()).toBe(`node/${node} uncordoned`);
    expect((await c.kubectl(['delete', 'pdb', 'web-pdb'])).code).toBe(0);
  }, 30_000);

  it('17: orphan keeps the pods without owners; a background delete of the re-created set removes pods and revisions', async () => {
    await waitFor(async () => ((await podNames('app=web')).length === 3 ? true : undefined), 30_000, 250);
    expect((await c.kubectl(['delete', 'sts', 'web', '--cascade=orphan'])).stdout.trim()).toBe('statefulset.apps "web" deleted');
    const orphans = JSON.parse((await c.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'json'])).stdout) as { items: { metadata: { name: string; ownerReferences?: unknown[] } }[] };
    expect(orphans.items.map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(orphans.items.map((p) => p.metadata.ownerReferences ?? [])).toEqual([[], [], []]);
    expect((await c.kubectl(['create', '-f', stsFile])).stdout.trim()).toBe('statefulset.apps/web created');
    // The re-created StatefulSet adopts the orphans before it is deleted again.
    await waitFor(async () => ((await c.kubectl(['get', 'pod', 'web-0', '-o', 'jsonpath={.metadata.ownerReferences[*].name}'])).stdout === 'web' ? true : undefined), 15_000);
    expect((await c.kubectl(['delete', 'sts', 'web'])).stdout.trim()).toBe('statefulset.apps "web" deleted');
    const started = Date.now();
    await waitFor(async () => {
      const revs = await c.kubectl(['get', 'controllerrevisions', '-o', 'name']);
      return (await podNames('app=web')).length === 0 && !revs.stdout.includes('/web-') ? true : undefined;
    }, 15_000, 250);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('18: a foreground delete shows foregroundDeletion until the pods are gone', async () => {
    expect((await c.kubectl(['create', '-f', stsFile])).code).toBe(0);
    await waitFor(async () => ((await podNames('app=web')).length === 3 ? true : undefined), 30_000, 250);
    expect((await c.kubectl(['delete', 'sts', 'web', '--cascade=foreground', '--wait=false'])).stdout.trim()).toBe('statefulset.apps "web" deleted');
    const seen: string[] = [];
    await waitFor(async () => {
      const fin = await c.kubectl(['get', 'sts', 'web', '-o', 'jsonpath={.metadata.finalizers}']);
      const pods = await podNames('app=web');
      if (fin.code === 0) {
        seen.push(fin.stdout);
        // While the owner exists, its finalizer stays; it may only be gone together with the pods.
        if (pods.length > 0) expect(fin.stdout).toContain('foregroundDeletion');
        return undefined;
      }
      expect(fin.stderr.trim()).toBe('Error from server (NotFound): statefulsets.apps "web" not found');
      expect(pods).toEqual([]);
      return true;
    }, 30_000, 200);
    expect(seen[0]).toContain('foregroundDeletion');
  }, 60_000);
});
