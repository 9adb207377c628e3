// Contract §10 items 19-31, 35-36: pagination over snapshots, expired continue tokens,
// resourceVersion rules, label and field selectors, watch streams (replay, 410, transitions,
// bookmarks, timeouts, WatchList) and kubectl's watch-based commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pod } from './fixtures';
import { TestCluster, sleep, waitFor } from './harness';

// A tiny event-log window so that "after the log has moved past" takes milliseconds (W-3, L-4).
const c = new TestCluster(undefined, {
  ORDINAL_EVENT_LOG_MIN_EVENTS: '200',
  ORDINAL_EVENT_LOG_MIN_AGE_SECONDS: '0',
  ORDINAL_EVENT_LOG_PRUNE_MS: '200',
  ORDINAL_BOOKMARK_INTERVAL_MS: '1500',
});

/** No node matches: the simulated scheduler and kubelets leave these pods' phase to the tests. */
const UNSCHEDULABLE = { nodeSelector: { 'ordinal.test/no-such-node': 'true' } };

async function setStatus(name: string, status: Record<string, unknown>, ns = 'default'): Promise<void> {
  const r = await c.api('PATCH', `/api/v1/namespaces/${ns}/pods/${name}/status`, {
    body: JSON.stringify({ status }),
    headers: { 'content-type': 'application/merge-patch+json' },
  });
  expect(r.status).toBe(200);
}

async function churn(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await c.api('POST', '/api/v1/namespaces/kube-public/configmaps', { body: JSON.stringify({ metadata: { generateName: 'churn-' } }) });
    expect(r.status).toBe(201);
  }
}

beforeAll(async () => {
  await c.start();
  await c.kubectl(['create', 'namespace', 'other']);
  const pods: [string, Record<string, string>, string][] = [
    ['web-0', { app: 'web' }, 'default'],
    ['web-1', { app: 'web', tier: 'x' }, 'default'],
    ['web-2', { app: 'web', legacy: 'true' }, 'default'],
    ['db-0', { app: 'db' }, 'default'],
    ['o-0', { app: 'web' }, 'other'],
  ];
  for (const [name, labels, ns] of pods) {
    const r = await c.kubectl(['create', '-n', ns, '-f', '-'], { input: pod(name, labels, UNSCHEDULABLE) });
    expect(r.code).toBe(0);
  }
  await setStatus('web-0', { phase: 'Running' });
  await setStatus('o-0', { phase: 'Running' }, 'other');
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
});

describe('lists', () => {
  it('19: chunked listing prints every pod once', async () => {
    const r = await c.kubectl(['get', 'pods', '-A', '--chunk-size=1', '--no-headers']);
    const names = r.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).join('/'));
    expect(names).toEqual(['default/db-0', 'default/web-0', 'default/web-1', 'default/web-2', 'other/o-0']);
  });

  it('L-3: continue pages come from the first page snapshot', async () => {
    const first = (await c.api('GET', '/api/v1/namespaces/default/pods?limit=2')).json<{ metadata: { continue: string; resourceVersion: string; remainingItemCount: number }; items: unknown[] }>();
    expect(first.items).toHaveLength(2);
    expect(first.metadata.remainingItemCount).toBe(2);
    await c.kubectl(['delete', 'pod', 'web-2', '--wait=false']);
    const next = (await c.api('GET', `/api/v1/namespaces/default/pods?limit=2&continue=${first.metadata.continue}`)).json<{
      metadata: { resourceVersion: string };
      items: { metadata: { name: string } }[];
    }>();
    expect(next.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(next.items.map((i) => i.metadata.name)).toEqual(['web-1', 'web-2']);
    await c.kubectl(['create', '-f', '-'], { input: pod('web-2', { app: 'web', legacy: 'true' }, UNSCHEDULABLE) });
  });

  it('20: a continue token older than the event log is 410 Expired', async () => {
    const first = (await c.api('GET', '/api/v1/pods?limit=1')).json<{ metadata: { continue: string } }>();
    expect(first.metadata.continue).toBeTruthy();
    await churn(220);
    await sleep(600);
    const r = await c.api('GET', `/api/v1/pods?limit=1&continue=${first.metadata.continue}`);
    const s = r.json<{ reason: string; message: string; code: number; metadata: { continue?: string } }>();
    expect([r.status, s.reason, s.code]).toEqual([410, 'Expired', 410]);
    expect(s.message).toMatch(/^The provided continue parameter is too old to display a consistent list result\./);
    expect(s.metadata.continue).toBeTruthy();
  });

  it('21: resourceVersionMatch without resourceVersion is invalid', async () => {
    const r = await c.api('GET', '/api/v1/pods?resourceVersionMatch=Exact');
    expect(r.status).toBe(422);
    expect(r.json().message).toContain('resourceVersionMatch is forbidden unless resourceVersion is provided');
  });

  it('L-6/D-3: a future resourceVersion waits, then answers 504 Timeout', async () => {
    const rv = Number((await c.api('GET', '/api/v1/pods?limit=1')).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion);
    const started = Date.now();
    const r = await c.api('GET', `/api/v1/pods?resourceVersion=${rv + 1000}&timeout=1s`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect([r.status, r.json().reason]).toEqual([504, 'Timeout']);
    expect(r.json().message).toMatch(new RegExp(`^Too large resource version: ${rv + 1000}, current: \\d+$`));
  });

  it('22: label selector requirements', async () => {
    const r = await c.kubectl(['get', 'pods', '-l', 'app=web,tier notin (x,y),!legacy', '-o', 'name']);
    expect(r.stdout.trim().split('\n')).toEqual(['pod/web-0']);
  });

  it('23: field selectors across namespaces', async () => {
    const r = await c.kubectl(['get', 'pods', '-A', '--field-selector', 'status.phase=Running,spec.nodeName!=node-9', '-o', 'name']);
    expect(r.stdout.trim().split('\n')).toEqual(['pod/web-0', 'pod/o-0']);
  });

  it('24: unsupported field selector', async () => {
    const r = await c.kubectl(['get', 'pods', '--field-selector', 'spec.foo=bar']);
    expect(r.stderr.trim()).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo',
    );
  });

  it('large tables and lists stream complete and valid', async () => {
    for (let i = 0; i < 250; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, j) =>
          c.api('POST', '/api/v1/namespaces/other/configmaps', { body: JSON.stringify({ metadata: { name: `bulk-${i + j}`, labels: { bulk: 'yes' } }, data: { v: 'x'.repeat(3000) } }) }),
        ),
      );
    }
    const r = await c.kubectl(['get', 'cm', '-n', 'other', '-l', 'bulk=yes', '--no-headers']);
    expect(r.stdout.trim().split('\n')).toHaveLength(250);
    const list = await c.api('GET', '/api/v1/namespaces/other/configmaps?labelSelector=bulk%3Dyes');
    expect(list.headers['transfer-encoding']).toBe('chunked');
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(250);
  });

  it('35/36: sort-by and show-labels use the row objects', async () => {
    const sorted = await c.kubectl(['get', 'pods', '--sort-by=.metadata.name']);
    expect(sorted.stdout).toMatch(/^db-0\s/m);
    const labels = await c.kubectl(['get', 'pods', '-A', '--show-labels']);
    expect(labels.stdout.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+LABELS$/);
    expect(labels.stdout).toMatch(/^other\s+o-0\s.*app=web$/m);
  });
});

describe('watches', () => {
  it('25: replay from a list RV, one line per change, ends after timeoutSeconds', async () => {
    const rv = (await c.api('GET', '/api/v1/namespaces/default/pods')).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const started = Date.now();
    const w = c.watch(`/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}&timeoutSeconds=3`);
    expect((await w.headers)['content-type']).toBe('application/json');
    for (const round of ['1', '2']) {
      const p = await c.api('PATCH', '/api/v1/namespaces/default/pods/web-0', {
        body: JSON.stringify({ metadata: { labels: { round } } }),
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      expect(p.status).toBe(200);
    }
    await w.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(w.lines.map((l) => l.type)).toEqual(['MODIFIED', 'MODIFIED']);
    expect((w.lines[1].object as { metadata: { labels: Record<string, string> } }).metadata.labels.round).toBe('2');
  });

  it('26: a resourceVersion older than the log is one ERROR event and the end', async () => {
    const w = c.watch('/api/v1/namespaces/default/pods?watch=1&resourceVersion=1');
    await w.ended;
    expect(w.lines).toHaveLength(1);
    expect(w.lines[0].type).toBe('ERROR');
    expect(w.lines[0].object).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
    expect((w.lines[0].object as { message: string }).message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('27: leaving the label selector is a DELETED event', async () => {
    const w = c.watch('/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&watch=1&timeoutSeconds=5');
    await waitFor(() => (w.lines.length >= 3 ? true : undefined));
    await c.kubectl(['label', 'pod', 'web-0', 'app=other', '--overwrite']);
    await waitFor(() => (w.lines.some((l) => l.type === 'DELETED') ? true : undefined));
    w.stop();
    const del = w.lines.find((l) => l.type === 'DELETED')!;
    expect((del.object as { metadata: { name: string; labels: Record<string, string> } }).metadata).toMatchObject({ name: 'web-0', labels: { app: 'other' } });
    expect(w.lines.slice(0, 3).every((l) => l.type === 'ADDED')).toBe(true);
    await c.kubectl(['label', 'pod', 'web-0', 'app=web', '--overwrite']);
  });

  it('28: bookmarks carry only the resourceVersion', async () => {
    const rv = (await c.api('GET', '/api/v1/namespaces/other/pods')).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const w = c.watch(`/api/v1/namespaces/other/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${rv}&timeoutSeconds=4`);
    await w.ended;
    const bm = w.lines.find((l) => l.type === 'BOOKMARK');
    expect(bm).toBeDefined();
    expect(Object.keys(bm!.object as object).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(Object.keys((bm!.object as { metadata: object }).metadata)).toEqual(['resourceVersion']);
  });

  it('29/31: kubectl wait, plain and WatchList', async () => {
    const waitPlain = c.kubectl(['wait', '--for=condition=Ready', 'pod/web-1', '--timeout=20s']);
    await sleep(500);
    await setStatus('web-1', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] });
    const r = await waitPlain;
    expect(r.stdout.trim()).toBe('pod/web-1 condition met');
    const started = Date.now();
    const wl = await c.kubectl(['wait', '--for=condition=Ready', 'pod/web-1', '--timeout=20s'], { env: { KUBE_FEATURE_WatchListClient: 'true' } });
    expect(wl.stdout.trim()).toBe('pod/web-1 condition met');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('30: get -w prints new rows under a single header', async () => {
    const watcher = c.kubectlStream(['get', 'pods', '-w']);
    // The watch is open once the initial table is out.
    await waitFor(() => (/^db-0\s/m.test(watcher.out()) ? true : undefined), 15_000);
    await sleep(300);
    await c.kubectl(['label', 'pod', 'db-0', 'seen=yes']);
    await waitFor(() => (watcher.out().split('\n').filter((l) => l.startsWith('db-0')).length >= 2 ? true : undefined));
    const r = await watcher.stop();
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
    expect(lines.filter((l) => l.startsWith('db-0')).length).toBe(2);
  });

  it('W-7: sendInitialEvents ends the initial state with an annotated bookmark', async () => {
    const w = c.watch('/api/v1/namespaces/other/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=2');
    await w.ended;
    expect(w.lines.map((l) => l.type).slice(0, 2)).toEqual(['ADDED', 'BOOKMARK']);
    expect((w.lines[1].object as { metadata: { annotations: Record<string, string> } }).metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });
});
