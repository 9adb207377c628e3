// Acceptance points of issue 7 ("Console SPA, first vertical slice") against the real
// `ordinal serve` and its embedded cluster: ordered scaling with kept PVCs, a failing image shown
// live, following and previous-container logs, and the viewer refused by UI and server alike.
// Each test uses its own namespace so that it cannot be helped (or hurt) by the other specs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createStatefulSet, kubectl, row, signIn } from './support';

function ensureNamespace(ns: string): void {
  const found = kubectl(['get', 'namespaces', '--field-selector', `metadata.name=${ns}`, '-o', 'name']);
  if (!found.trim()) kubectl(['create', 'namespace', ns]);
}

/** OrderedReady StatefulSet with a `www` volume claim template (claims www-<pod>). */
function orderedWithClaims(ns: string, name: string): string {
  return `apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec:
  clusterIP: None
  selector: { app: ${name} }
  ports: [{ name: http-80, port: 80 }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: ${name}, namespace: ${ns} }
spec:
  serviceName: ${name}
  replicas: 1
  podManagementPolicy: OrderedReady
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: main
          image: nginx:1.27
          ports: [{ name: http-80, containerPort: 80 }]
          volumeMounts: [{ name: www, mountPath: /usr/share/nginx/html }]
  volumeClaimTemplates:
    - metadata: { name: www }
      spec:
        accessModes: [ReadWriteOnce]
        resources: { requests: { storage: 1Gi } }
`;
}

/**
 * Records the pods' watch events as the real kubectl sees them (ADDED/MODIFIED/DELETED with
 * phase and readiness), in the order the API server sent them.
 */
function watchPods(ns: string) {
  const events: { type: string; name: string; phase: string; ready: string }[] = [];
  const proc = spawn(
    'kubectl',
    [
      '--kubeconfig', join(process.env.ORDINAL_E2E_DATA_DIR ?? '', 'cluster', 'kubeconfig'),
      'get', 'pods', '-n', ns, '--watch', '--output-watch-events',
      '-o', 'jsonpath={.type} {.object.metadata.name} {.object.status.phase} {.object.status.conditions[?(@.type=="Ready")].status}{"\\n"}',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let buf = '';
  proc.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const [type = '', name = '', phase = '', ready = ''] = buf.slice(0, i).trim().split(' ');
      buf = buf.slice(i + 1);
      if (name) events.push({ type, name, phase, ready });
    }
  });
  const index = (pred: (e: (typeof events)[number]) => boolean) => events.findIndex(pred);
  return { events, index, stop: () => proc.kill() };
}

/**
 * Records every state of the detail page's pod table the user could have seen: a
 * MutationObserver in the page snapshots the rows (name → status text) after each DOM change,
 * so nothing is lost between polls (at --speed 20 a pod comes and goes within a second).
 */
// The e2e files are typechecked without the DOM lib (tsconfig.node.json), so the page-side code
// names the few browser globals it uses through this shape.
interface PageGlobals {
  document: { querySelectorAll(sel: string): Iterable<{ getAttribute(n: string): string | null; querySelector(sel: string): { textContent: string | null } | null }>; body: unknown };
  MutationObserver: new (cb: () => void) => Observer;
  __podStates: [string, string][][];
  __podObserver?: Observer;
  __noReload?: boolean;
}
interface Observer {
  observe(target: unknown, opts: Record<string, boolean>): void;
  disconnect(): void;
}

async function recordTable(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    const document = w.document;
    w.__podObserver?.disconnect();
    w.__podStates = [];
    let last = '';
    const snap = () => {
      const rows = [...document.querySelectorAll('[data-testid="pod-table"] [data-pod]')].map(
        (r) => [r.getAttribute('data-pod') ?? '', r.querySelector('[data-testid="pod-status"]')?.textContent ?? ''] as [string, string],
      );
      const key = JSON.stringify(rows);
      if (key === last) return;
      w.__podStates.push(rows);
      last = key;
    };
    snap();
    w.__podObserver = new w.MutationObserver(snap);
    w.__podObserver.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Order of first appearance / first Running / disappearance over the recorded table states. */
async function tableHistory(page: Page) {
  const states = await page.evaluate(() => (globalThis as unknown as PageGlobals).__podStates);
  const seen: string[] = [];
  const running: string[] = [];
  const gone: string[] = [];
  const at: Record<string, number> = {};
  let prev = new Map<string, string>(states[0] ?? []);
  states.forEach((rows, i) => {
    const now = new Map(rows);
    for (const [n, st] of now) {
      if (!seen.includes(n)) {
        seen.push(n);
        at[`seen:${n}`] = i;
      }
      if (/Running 1\/1/.test(st) && !running.includes(n)) {
        running.push(n);
        at[`running:${n}`] = i;
      }
    }
    for (const n of prev.keys()) {
      if (now.has(n) || gone.includes(n)) continue;
      gone.push(n);
      at[`gone:${n}`] = i;
    }
    prev = now;
  });
  return { seen, running, gone, at, states };
}

test('scale 1→3 with + creates web-1 then web-2 (each Running first); − to 1 removes web-2 then web-1; PVCs stay', async ({ page }) => {
  test.setTimeout(90_000);
  const ns = 'acc-scale';
  ensureNamespace(ns);
  kubectl(['apply', '-f', '-'], orderedWithClaims(ns, 'web'));
  await signIn(page, `/ns/${ns}/statefulsets/web`);
  const card = page.getByTestId('replica-card');
  const table = page.getByTestId('pod-table');
  await expect(table.locator('[data-pod="web-0"]').getByTestId('pod-status')).toContainText('Running', { timeout: 30_000 });
  await expect(card.getByTestId('replica-target')).toHaveText('1');

  const watch = watchPods(ns);
  try {
    // The watch is live once it has listed web-0; every later event is one the server sent.
    await expect.poll(() => watch.events.some((e) => e.name === 'web-0'), { timeout: 15_000 }).toBe(true);
    await card.getByTestId('replica-plus').click();
    await card.getByTestId('replica-plus').click();
    await expect(card.getByTestId('scale-pending-text')).toHaveText('Scale to 3 in 5 s');
    await recordTable(page);
    await card.getByTestId('scale-apply-now').click();
    for (const p of ['web-1', 'web-2']) await expect(table.locator(`[data-pod="${p}"]`).getByTestId('pod-status')).toContainText('Running 1/1', { timeout: 30_000 });
    const up = await tableHistory(page);
    // What the user saw: web-1 appeared before web-2 and was Running before web-2 appeared.
    // (The table may show web-1 turning Running and web-2 arriving in one update, hence ≤.)
    const upStates = JSON.stringify(up.states);
    expect(up.seen, upStates).toEqual(['web-0', 'web-1', 'web-2']);
    expect(up.at['seen:web-1'], upStates).toBeLessThan(up.at['seen:web-2']);
    expect(up.at['running:web-1'], upStates).toBeLessThanOrEqual(up.at['seen:web-2']);
    // What the API server did (OrderedReady): web-2 was created only after web-1 was Ready.
    const web1Ready = watch.index((e) => e.name === 'web-1' && e.ready === 'True');
    const web2Added = watch.index((e) => e.name === 'web-2' && e.type === 'ADDED');
    expect(web1Ready).toBeGreaterThanOrEqual(0);
    expect(web2Added).toBeGreaterThan(web1Ready);
    expect(watch.index((e) => e.name === 'web-1' && e.type === 'ADDED')).toBeLessThan(web2Added);
    await expect(table.getByTestId('pod-link')).toHaveText(['web-0', 'web-1', 'web-2']);
    await page.screenshot({ path: 'test-results/scale-ordered.png', fullPage: true });

    await card.getByTestId('replica-minus').click();
    await card.getByTestId('replica-minus').click();
    await expect(card.getByTestId('scale-pending-text')).toHaveText('Scale to 1 in 5 s');
    await recordTable(page);
    await card.getByTestId('scale-apply-now').click();
    await expect(table.getByTestId('pod-link')).toHaveText(['web-0'], { timeout: 30_000 });
    const down = await tableHistory(page);
    const downStates = JSON.stringify(down.states);
    expect(down.gone, downStates).toEqual(['web-2', 'web-1']);
    expect(down.at['gone:web-2'], downStates).toBeLessThan(down.at['gone:web-1']);
    const web2Deleted = watch.index((e) => e.name === 'web-2' && e.type === 'DELETED');
    const web1Deleted = watch.index((e) => e.name === 'web-1' && e.type === 'DELETED');
    expect(web2Deleted).toBeGreaterThan(0);
    expect(web1Deleted).toBeGreaterThan(web2Deleted);
  } finally {
    watch.stop();
  }

  // The claims outlive their pods: side navigation → Persistent Volume Claims.
  await page.getByRole('navigation', { name: 'Main' }).getByText('Persistent Volume Claims').click();
  await expect(page).toHaveURL(new RegExp(`/ns/${ns}/persistentvolumeclaims$`));
  for (const c of ['www-web-0', 'www-web-1', 'www-web-2']) await expect(page.locator(`[data-row-key="${ns}/${c}"]`)).toBeVisible();
});

test('a StatefulSet with an image that does not exist turns Error in the list and shows ImagePullBackOff, live', async ({ page }) => {
  test.setTimeout(60_000);
  const ns = 'acc-image';
  ensureNamespace(ns);
  await signIn(page, `/ns/${ns}/statefulsets`);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live');
  // A marker on the window proves the page is never reloaded from here on.
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).__noReload = true));

  createStatefulSet(ns, 'broken', { image: 'registry.example/does-not-exist:1' });
  const r = row(page, ns, 'broken');
  await expect(r).toBeVisible();
  await expect(r.getByTestId('status')).toHaveAttribute('data-state', 'Error', { timeout: 30_000 });
  await expect(r.getByTestId('status')).toContainText('Error');
  await page.screenshot({ path: 'test-results/image-error.png', fullPage: true });

  await r.getByTestId('sts-link').click();
  const pod = page.getByTestId('pod-table').locator('[data-pod="broken-0"]');
  await expect(pod.getByTestId('pod-status')).toContainText('ImagePullBackOff', { timeout: 30_000 });
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__noReload)).toBe(true);
});

test('the logs drawer follows new lines; Previous shows the crashed instance of a restarted pod', async ({ page }) => {
  test.setTimeout(90_000);
  const ns = 'acc-logs';
  ensureNamespace(ns);
  createStatefulSet(ns, 'talker', { image: 'nginx:1.27' });
  // The container prints a line, runs ~2 s (40 simulated seconds at --speed 20) and exits 1, so
  // the kubelet restarts it and keeps the earlier instance as lastState.terminated.
  kubectl(['apply', '-f', '-'], `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: crasher, namespace: ${ns} }
spec:
  serviceName: crasher
  replicas: 1
  selector: { matchLabels: { app: crasher } }
  template:
    metadata: { labels: { app: crasher } }
    spec:
      containers:
        - name: main
          image: busybox:1.36
          command: [sh, -c, "echo hello from the crashing instance; sleep 40; exit 1"]
`);

  // Follow: with no interaction, a line past the last one seen appears.
  await signIn(page, `/ns/${ns}/statefulsets/talker`);
  await expect(page.getByTestId('pod-status').first()).toContainText('Running', { timeout: 30_000 });
  await page.getByTestId('pod-logs').first().click();
  const viewer = page.getByTestId('log-viewer');
  await expect(viewer.getByTestId('log-follow')).toHaveAttribute('aria-checked', 'true');
  const lines = viewer.locator('.log-line');
  await expect(lines.first()).toBeVisible({ timeout: 20_000 });
  const lastIndex = async () => Math.max(...(await lines.evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-index'))))));
  const lastText = async () => (await viewer.locator(`.log-line[data-index="${await lastIndex()}"]`).innerText()).trim();
  const firstLast = await lastIndex();
  const firstLastText = await lastText();
  await expect.poll(lastIndex, { timeout: 30_000 }).toBeGreaterThan(firstLast);
  // The view stayed pinned to the bottom: the newest line is on screen and differs from the noted one.
  const newest = viewer.locator(`.log-line[data-index="${await lastIndex()}"]`);
  await expect(newest).toBeInViewport();
  expect(await lastText()).not.toBe('');
  expect(`${await lastIndex()}:${await lastText()}`).not.toBe(`${firstLast}:${firstLastText}`);
  await page.keyboard.press('Escape');

  // Previous: wait for a restart, then the earlier instance's output and crash lines show.
  await expect
    .poll(() => Number(kubectl(['get', 'pod', 'crasher-0', '-n', ns, '-o', 'jsonpath={.status.containerStatuses[0].restartCount}']) || 0), { timeout: 40_000 })
    .toBeGreaterThanOrEqual(1);
  await page.goto(`/ns/${ns}/statefulsets/crasher`);
  const crasher = page.getByTestId('pod-table').locator('[data-pod="crasher-0"]');
  await expect(crasher.getByTestId('pod-restarts')).not.toHaveText('0', { timeout: 20_000 });
  await crasher.getByTestId('pod-logs').click();
  const prev = viewer.getByTestId('log-previous');
  await expect(prev).toBeEnabled();
  const previousRequest = page.waitForRequest((r) => /\/pods\/crasher-0\/log\?/.test(r.url()) && /[?&]previous=true/.test(r.url()));
  await prev.click();
  await expect(prev).toHaveAttribute('aria-checked', 'true');
  await previousRequest;
  const text = viewer.getByTestId('log-lines');
  await expect(text).toContainText('hello from the crashing instance', { timeout: 20_000 });
  // The earlier instance's lines carry its own start time: before the last terminated run ended.
  await viewer.getByTestId('log-timestamps').click();
  const stamp = (await viewer.locator('.log-line').first().innerText()).trim().split(' ')[0];
  const lastEnd = kubectl(['get', 'pod', 'crasher-0', '-n', ns, '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.finishedAt}']);
  expect(Date.parse(stamp)).toBeLessThanOrEqual(Date.parse(lastEnd) + 1000);
  await page.screenshot({ path: 'test-results/logs-previous.png', fullPage: true });
});

test('the viewer cannot scale or delete: disabled with the permission text, and the API answers 403', async ({ page }) => {
  const ns = 'acc-rbac';
  ensureNamespace(ns);
  createStatefulSet(ns, 'guarded', { replicas: 1 });
  await signIn(page, `/ns/${ns}/statefulsets/guarded`, 'viewer');
  const scale = page.getByTestId('detail-scale');
  await expect(scale).toBeDisabled();
  const scaleText = `You do not have permission to patch statefulsets/scale in ${ns}.`;
  const wrapper = page.locator('[data-denied]').filter({ has: scale });
  await expect(wrapper).toHaveAttribute('data-denied', scaleText);
  await wrapper.hover();
  await expect(page.getByRole('tooltip')).toHaveText(scaleText);
  await expect(page.getByTestId('replica-plus')).toBeDisabled();
  await expect(page.getByTestId('replica-minus')).toBeDisabled();

  await page.getByTestId('detail-more').click();
  const del = page.getByRole('menuitem', { name: 'Delete' });
  await expect(del).toHaveAttribute('aria-disabled', 'true');
  // (earlier tooltips stay in the DOM hidden, so look for the visible one with this text; the
  // hover is retried because the menu may still be sliding in under the pointer)
  const deleteTip = page.getByRole('tooltip').filter({ hasText: `You do not have permission to delete statefulsets in ${ns}.` });
  await expect(async () => {
    await page.mouse.move(0, 0);
    await del.getByText('Delete').hover();
    await expect(deleteTip).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Escape');

  await page.goto(`/ns/${ns}/statefulsets`);
  const r = row(page, ns, 'guarded');
  await expect(r.getByTestId('row-scale')).toBeDisabled();
  await r.getByTestId('row-more').click();
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');

  // The server refuses too: the SPA's own request (session cookie + CSRF token from /api/session).
  const answer = await page.evaluate(async (namespace) => {
    const session = (await (await fetch('/api/session', { headers: { Accept: 'application/json' } })).json()) as { csrfToken: string };
    const clusters = (await (await fetch('/api/clusters', { headers: { Accept: 'application/json' } })).json()) as { clusters: { name: string }[] };
    const cluster = clusters.clusters[0].name;
    const res = await fetch(`/clusters/${encodeURIComponent(cluster)}/apis/apps/v1/namespaces/${namespace}/statefulsets/guarded/scale`, {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/merge-patch+json', 'X-Requested-With': 'ordinal', 'X-CSRF-Token': session.csrfToken },
      body: JSON.stringify({ spec: { replicas: 5 } }),
    });
    return { status: res.status, body: (await res.json()) as { kind: string; reason: string; message: string; code: number } };
  }, ns);
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
  expect(answer.body.message).toBe(
    `statefulsets.apps "guarded" is forbidden: User "viewer" cannot patch resource "statefulsets/scale" in API group "apps" in the namespace "${ns}"`,
  );
  expect(kubectl(['get', 'sts', 'guarded', '-n', ns, '-o', 'jsonpath={.spec.replicas}'])).toBe('1');
});
