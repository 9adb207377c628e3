// StatefulSet detail page against the real embedded cluster (console-spec.md §7 items 57, 58,
// 61–63, 78, 79): attributes, replica card with coalesced scaling and Undo, Pods with metrics,
// logs, Pod page, refresh, RBAC for the read-only `viewer`.
import { expect, test } from '@playwright/test';
import { applyFixtures, createStatefulSet, ensureWeb, kubectl, signIn } from './support';

const replicas = (name: string) => kubectl(['get', 'sts', name, '-n', 'demo', '-o', 'jsonpath={.spec.replicas}']);

test.beforeAll(() => {
  applyFixtures();
  ensureWeb();
});

test('attributes show cluster, project, status, selector, service, times and creator', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets');
  await page.locator('[data-row-key="demo/web"]').getByTestId('sts-link').click();
  await expect(page).toHaveURL(/\/ns\/demo\/statefulsets\/web\/resource-status$/);
  const attrs = page.getByTestId('attributes');
  await expect(attrs.locator('[data-attr="cluster"]')).toHaveText('Simulated cluster');
  await expect(attrs.locator('[data-attr="namespace"]')).toHaveText('demo');
  await expect(attrs.locator('[data-attr="selector"]')).toContainText('app=web');
  await expect(attrs.locator('[data-attr="service"]')).toContainText('web');
  await expect(attrs.locator('[data-attr="created"]')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(attrs.locator('[data-attr="updated"]')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(attrs.locator('[data-attr="creator"]')).toHaveText('admin');
  await expect(page.getByTestId('detail-status').getByTestId('status')).toHaveAttribute('data-state', /.+/);
  await page.screenshot({ path: 'test-results/detail.png', fullPage: true });
});

test('replica card: clicks coalesce into one pending target, Cancel restores, Apply now scales, Undo reverts', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets/web');
  const card = page.getByTestId('replica-card');
  await expect(card.getByTestId('replica-target')).toHaveText('3');
  await card.getByTestId('replica-plus').click();
  await card.getByTestId('replica-plus').click();
  await expect(card.getByTestId('scale-pending-text')).toHaveText('Scale to 5 in 5 s');
  await card.getByTestId('scale-cancel').click();
  await expect(card.getByTestId('replica-target')).toHaveText('3');
  await expect(card.getByTestId('scale-pending')).toHaveCount(0);
  expect(replicas('web')).toBe('3');

  await card.getByTestId('replica-plus').click();
  await card.getByTestId('scale-apply-now').click();
  await expect(page.getByText('Scaled web to 4.')).toBeVisible();
  await expect.poll(() => replicas('web')).toBe('4');
  await expect(card.getByTestId('replica-donut')).toContainText('/ 4');
  await page.getByTestId('scale-undo').click();
  await expect.poll(() => replicas('web')).toBe('3');
});

test('the countdown applies by itself; target 0 asks for confirmation first', async ({ page }) => {
  createStatefulSet('demo', 'counter', { replicas: 1 });
  await signIn(page, '/ns/demo/statefulsets/counter');
  const card = page.getByTestId('replica-card');
  await card.getByTestId('replica-plus').click();
  await expect.poll(() => replicas('counter'), { timeout: 10_000 }).toBe('2');

  await card.getByTestId('replica-minus').click();
  await card.getByTestId('replica-minus').click();
  await expect(card.getByTestId('scale-pending-text')).toHaveText('Scale to 0 (needs confirmation)');
  await page.waitForTimeout(6000);
  expect(replicas('counter')).toBe('2');
  await card.getByTestId('scale-apply-now').click();
  await expect(page.getByTestId('stop-confirm')).toContainText('All 2 Pods will be removed from counter-1 down to counter-0.');
  await expect(page.getByTestId('stop-confirm')).toContainText('Volumes are kept.');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => replicas('counter')).toBe('0');
});

test('Pods list every Pod by ordinal with status, node, IP, restarts and usage; a row expands its containers', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets/web');
  const table = page.getByTestId('pod-table');
  const pods = table.getByTestId('pod-link');
  await expect(pods).toHaveText(['web-0', 'web-1', 'web-2'], { timeout: 30_000 });
  await expect(table.getByTestId('pod-status').first()).toContainText('Running 1/1', { timeout: 30_000 });
  await expect(table.getByTestId('pod-node').first()).toHaveText(/^node-\d$/);
  await expect(table.getByTestId('pod-ip').first()).toHaveText(/^\d+\.\d+\.\d+\.\d+$/);
  await expect(table.getByTestId('pod-restarts').first()).toHaveText('0');
  await expect(table.getByTestId('pod-cpu').first()).not.toHaveText('—', { timeout: 40_000 });
  await expect(table.getByTestId('pod-memory').first()).toHaveText(/\d(Ki|Mi|Gi|B)$/);
  await table.locator('[data-pod="web-0"]').getByTestId('pod-status').click();
  await expect(page.getByTestId('container-list')).toContainText('main');
  await expect(page.getByTestId('container-list')).toContainText('Running');
  await page.screenshot({ path: 'test-results/detail-pods.png', fullPage: true });
});

test('log viewer streams lines, searches and downloads <pod>-<container>.log', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets/web');
  await expect(page.getByTestId('pod-status').first()).toContainText('Running', { timeout: 30_000 });
  await page.getByTestId('pod-logs').first().click();
  const viewer = page.getByTestId('log-viewer');
  await expect(viewer.getByTestId('log-follow')).toHaveAttribute('aria-checked', 'true');
  const lines = viewer.locator('.log-line');
  await expect(lines.first()).toBeVisible({ timeout: 20_000 });
  const before = await lines.count();
  await expect.poll(async () => lines.count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await page.screenshot({ path: 'test-results/logs.png', fullPage: true });
  const first = (await lines.first().innerText()).trim().split(/\s+/)[0];
  await viewer.getByTestId('log-search').fill(first);
  await expect(viewer.getByTestId('log-matches')).toContainText(/of [1-9]/);
  const download = page.waitForEvent('download');
  await viewer.getByTestId('log-download').click();
  expect((await download).suggestedFilename()).toBe('web-0-main.log');
});

test('a Pod name opens the Pod page with an owner link back to the StatefulSet', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets/web');
  await page.getByTestId('pod-link').first().click();
  await expect(page).toHaveURL(/\/ns\/demo\/pods\/web-0\/containers$/);
  await page.getByTestId('owner-link').click();
  await expect(page).toHaveURL(/\/ns\/demo\/statefulsets\/web\/resource-status$/);
});

test('Refresh says "Updated just now"', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets/web');
  await page.getByTestId('detail-refresh').click();
  await expect(page.getByTestId('refreshed')).toHaveText('Updated just now');
});

test('as viewer, Scale and Delete are disabled with the permission hover text', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets/web', 'viewer');
  const scale = page.getByTestId('detail-scale');
  await expect(scale).toBeDisabled();
  const wrapper = page.locator('[data-denied]').filter({ has: scale });
  await expect(wrapper).toHaveAttribute('data-denied', 'You do not have permission to patch statefulsets/scale in demo.');
  await wrapper.hover();
  await expect(page.getByRole('tooltip')).toHaveText('You do not have permission to patch statefulsets/scale in demo.');
  await expect(page.getByTestId('replica-plus')).toBeDisabled();

  await page.goto('/ns/demo/statefulsets');
  const r = page.locator('[data-row-key="demo/web"]');
  await expect(r.getByTestId('row-scale')).toBeDisabled();
  await r.getByTestId('row-more').click();
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toHaveAttribute('aria-disabled', 'true');
});

test('Delete from the detail page returns to the list with a toast', async ({ page }) => {
  createStatefulSet('demo', 'gone', { replicas: 0 });
  await signIn(page, '/ns/demo/statefulsets/gone');
  await page.getByTestId('detail-more').click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toContainText('Delete StatefulSet gone');
  await expect(dialog).toContainText('These stay in the cluster:');
  await dialog.getByTestId('delete-confirm-input').fill('gone');
  await dialog.getByTestId('delete-ok').click();
  await expect(page).toHaveURL(/\/ns\/demo\/statefulsets$/);
  await expect(page.getByText('Deleted gone.')).toBeVisible();
  await expect(page.locator('[data-row-key="demo/gone"]')).toHaveCount(0);
});

test('Delete Pod: the controller brings back a Pod of the same name', async ({ page }) => {
  createStatefulSet('demo', 'phoenix', { replicas: 2 });
  await signIn(page, '/ns/demo/statefulsets/phoenix');
  const table = page.getByTestId('pod-table');
  const pod1 = table.locator('[data-pod="phoenix-1"]');
  await expect(pod1.getByTestId('pod-status')).toContainText('Running', { timeout: 30_000 });
  const uidBefore = kubectl(['get', 'pod', 'phoenix-1', '-n', 'demo', '-o', 'jsonpath={.metadata.uid}']);
  await pod1.getByTestId('pod-delete').click();
  await expect(page.getByRole('dialog')).toContainText('The controller recreates it as phoenix-1 with the same volumes.');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted phoenix-1.')).toBeVisible();
  await expect
    .poll(() => kubectl(['get', 'pods', '-n', 'demo', '-l', 'app=phoenix', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.metadata.uid} {end}']), { timeout: 30_000 })
    .toMatch(new RegExp(`phoenix-1=(?!${uidBefore})`));
  await expect(pod1.getByTestId('pod-status')).toContainText('Running', { timeout: 30_000 });
});
