// StatefulSet list against the real embedded cluster (console-spec.md §7 items 48–56): live
// rows, filters in the URL, namespace column, sort and paging, row menu, batch delete, empty
// state. Objects are created and removed with the real kubectl, never mocked.
import { expect, test } from '@playwright/test';
import { applyFixtures, createStatefulSet, ensureWeb, kubectl, row, signIn, statefulSetYaml } from './support';

test.beforeAll(() => {
  applyFixtures();
});

test('an empty namespace explains StatefulSets and offers Create', async ({ page }) => {
  await signIn(page, '/ns/empty-demo/statefulsets');
  const empty = page.getByTestId('list-empty');
  await expect(empty).toContainText('No StatefulSets in empty-demo yet');
  await expect(empty.getByRole('button', { name: 'Create StatefulSet' })).toBeVisible();
  await page.screenshot({ path: 'test-results/list-empty.png', fullPage: true });
});

test('a StatefulSet created elsewhere appears live with display name and status', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets');
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live');
  createStatefulSet('demo', 'live-a', { annotations: { 'ordinal.dev/display-name': 'Live A', 'ordinal.dev/description': 'made by kubectl' } });
  const r = row(page, 'demo', 'live-a');
  await expect(r).toBeVisible();
  await expect(r.getByTestId('display-name')).toHaveText('Live A');
  await expect(r.getByTestId('status')).toHaveAttribute('data-state', /Scaling|Updating|Running/);
  await expect(r.getByTestId('pods')).toContainText('/1');
  await page.screenshot({ path: 'test-results/list-one.png', fullPage: true });
  // Status converges to Running with 1/1 once the Pod is ready.
  await expect(r.getByTestId('status')).toHaveAttribute('data-state', 'Running', { timeout: 30_000 });
  await expect(r.getByTestId('pods')).toContainText('1/1');
});

test('search, label and status filters live in the URL and survive a reload', async ({ page }) => {
  ensureWeb();
  createStatefulSet('demo', 'db-main', { labels: { tier: 'db' } });
  await signIn(page, '/ns/demo/statefulsets');
  await expect(row(page, 'demo', 'web')).toBeVisible();
  await expect(row(page, 'demo', 'db-main')).toBeVisible();

  await page.getByPlaceholder('Search by name').fill('we');
  await expect(page).toHaveURL(/q=we/);
  await expect(row(page, 'demo', 'web')).toBeVisible();
  await expect(row(page, 'demo', 'db-main')).toHaveCount(0);
  await page.reload();
  await expect(page.getByPlaceholder('Search by name')).toHaveValue('we');
  await expect(row(page, 'demo', 'db-main')).toHaveCount(0);
  await page.getByTestId('clear-filters').click();
  await expect(row(page, 'demo', 'db-main')).toBeVisible();

  await page.getByTestId('label-filter').click();
  await page.getByTestId('label-key').fill('tier');
  await page.getByTestId('label-value').fill('db');
  await page.getByTestId('label-add').click();
  await expect(page.getByTestId('label-chip')).toHaveText('tier=db');
  await expect(page).toHaveURL(/label=tier%3Ddb/);
  await expect(row(page, 'demo', 'db-main')).toBeVisible();
  await expect(row(page, 'demo', 'web')).toHaveCount(0);

  // Invalid selector text is refused with the spec's message.
  await page.getByTestId('label-filter').click();
  await page.getByTestId('label-key').fill('bad key');
  await page.getByTestId('label-add').click();
  await expect(page.getByTestId('label-filter-popover').getByTestId('label-error')).toHaveText('Enter a label selector such as app=web.');
  await page.keyboard.press('Escape');

  await page.getByTestId('clear-filters').click();
  await page.getByTestId('status-filter').click();
  await page.locator('.ant-select-item-option[title="Error"]').click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/status=Error/);
  await expect(page.getByTestId('list-no-match')).toContainText('No StatefulSets match your filters.');
  await page.getByTestId('list-no-match').getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/status=/);
});

test('All namespaces shows the Namespace column with rows from several namespaces', async ({ page }) => {
  createStatefulSet('default', 'def-one');
  createStatefulSet('demo', 'demo-one');
  await signIn(page, '/ns/_all/statefulsets');
  await expect(page.locator('[role="columnheader"][data-column="namespace"]')).toContainText('Namespace');
  await expect(row(page, 'default', 'def-one').locator('[data-column="namespace"]')).toHaveText('default');
  await expect(row(page, 'demo', 'demo-one').locator('[data-column="namespace"]')).toHaveText('demo');
  await page.getByTestId('namespace-select').click();
  await page.locator('.ant-select-item-option[title="demo"]').click();
  await expect(page).toHaveURL(/\/ns\/demo\/statefulsets/);
  await expect(page.locator('[role="columnheader"][data-column="namespace"]')).toHaveCount(0);
});

test('sort by name and page size 10 with 12 StatefulSets', async ({ page }) => {
  kubectl(['create', 'namespace', 'paging']);
  const docs = Array.from({ length: 12 }, (_, i) => statefulSetYaml('paging', `p-${String(i + 1).padStart(2, '0')}`, { replicas: 0 })).join('---\n');
  kubectl(['apply', '-f', '-'], docs);
  await signIn(page, '/ns/paging/statefulsets?size=10');
  const names = page.locator('[role="rowgroup"] [role="row"] [data-testid="sts-link"]');
  await expect(names).toHaveCount(10);
  await page.getByTestId('sort-name').click();
  await expect(page).toHaveURL(/sort=name&order=asc/);
  await expect(names.first()).toHaveText('p-01');
  await page.getByTestId('sort-name').click();
  await expect(names.first()).toHaveText('p-12');
  await page.getByTestId('pager-next').click();
  await expect(page).toHaveURL(/page=2/);
  await expect(names).toHaveCount(2);
  await expect(names.first()).toHaveText('p-02');
  await page.screenshot({ path: 'test-results/list-many.png', fullPage: true });
});

test('row menu lists the actions and the row has Scale; batch delete removes two rows', async ({ page }) => {
  kubectl(['create', 'namespace', 'batch']);
  for (const n of ['b-one', 'b-two', 'b-three']) createStatefulSet('batch', n, { replicas: 0 });
  await signIn(page, '/ns/batch/statefulsets');
  const one = row(page, 'batch', 'b-one');
  await expect(one.getByTestId('row-scale')).toBeVisible();
  await one.getByTestId('row-more').click();
  for (const item of ['Edit Information', 'Edit Settings', 'Edit YAML', 'Redeploy', 'Delete']) {
    await expect(page.getByRole('menuitem', { name: item })).toBeVisible();
  }
  await page.keyboard.press('Escape');

  await one.getByRole('checkbox').check();
  await row(page, 'batch', 'b-two').getByRole('checkbox').check();
  await expect(page.getByTestId('selection-bar')).toContainText('2 selected');
  await page.getByTestId('batch-delete').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toContainText('Delete 2 StatefulSets');
  await expect(dialog.getByTestId('delete-ok')).toBeDisabled();
  await dialog.getByTestId('delete-confirm-input').fill('delete');
  await dialog.getByTestId('delete-ok').click();
  await expect(page.getByText('Deleted 2 StatefulSets.')).toBeVisible();
  await expect(row(page, 'batch', 'b-one')).toHaveCount(0);
  await expect(row(page, 'batch', 'b-two')).toHaveCount(0);
  await expect(row(page, 'batch', 'b-three')).toBeVisible();
});

test('Scale dialog to 0: Scaling, then Stopped', async ({ page }) => {
  createStatefulSet('demo', 'stopme', { replicas: 1 });
  await signIn(page, '/ns/demo/statefulsets');
  const r = row(page, 'demo', 'stopme');
  await r.getByTestId('row-scale').click();
  const dialog = page.getByTestId('scale-dialog');
  await expect(dialog).toContainText('Scale stopme');
  await dialog.getByRole('spinbutton').fill('0');
  await expect(dialog).toContainText('All Pods stop; volumes are kept.');
  await dialog.getByTestId('kubectl-box').getByText('Equivalent kubectl').click();
  await expect(dialog.getByTestId('kubectl-command')).toHaveText('kubectl scale statefulset/stopme --replicas=0 -n demo');
  await dialog.getByTestId('scale-ok').click();
  await expect(page.getByText('Scaled stopme to 0.')).toBeVisible();
  expect(kubectl(['get', 'sts', 'stopme', '-n', 'demo', '-o', 'jsonpath={.spec.replicas}'])).toBe('0');
  await expect(r.getByTestId('status')).toHaveAttribute('data-state', 'Stopped', { timeout: 30_000 });
});

test('Pod problems show as Error with the reason and the Pod', async ({ page }) => {
  createStatefulSet('demo', 'bad-image', { image: 'does-not-exist/app' });
  createStatefulSet('demo', 'crasher', { image: 'busybox:crash' });
  await signIn(page, '/ns/demo/statefulsets');
  await expect(row(page, 'demo', 'bad-image').getByTestId('status')).toHaveText(/^Error · (ErrImagePull|ImagePullBackOff) on bad-image-0$/, { timeout: 30_000 });
  await expect(row(page, 'demo', 'crasher').getByTestId('status')).toHaveText('Error · CrashLoopBackOff on crasher-0', { timeout: 40_000 });
  await page.getByTestId('status-filter').click();
  await page.locator('.ant-select-item-option[title="Error"]').click();
  await page.keyboard.press('Escape');
  await expect(row(page, 'demo', 'crasher')).toBeVisible();
  await expect(row(page, 'demo', 'web')).toHaveCount(0);
});

test('a StatefulSet deleted elsewhere fades out of the list', async ({ page }) => {
  createStatefulSet('demo', 'fader', { replicas: 0 });
  await signIn(page, '/ns/demo/statefulsets');
  const r = row(page, 'demo', 'fader');
  await expect(r).toBeVisible();
  kubectl(['delete', 'statefulset', 'fader', '-n', 'demo', '--wait=false']);
  await expect(r).toHaveAttribute('data-leaving', 'true');
  await expect(r).toHaveCount(0);
});
