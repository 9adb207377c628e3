// Side-navigation pages (console-spec.md §4.2, first slice) against the embedded cluster:
// Services with the headless governing Service and its view, Pods, PVCs and Events.
import { expect, test } from '@playwright/test';
import { applyFixtures, ensureWeb, signIn } from './support';

test.beforeAll(() => {
  applyFixtures();
  ensureWeb();
});

test('Services lists the governing Service as Headless; its view shows who uses it', async ({ page }) => {
  await signIn(page, '/ns/demo/statefulsets');
  await page.getByRole('navigation', { name: 'Main' }).getByText('Services').click();
  await expect(page).toHaveURL(/\/ns\/demo\/services$/);
  const r = page.locator('[data-row-key="demo/web"]');
  await expect(r.locator('[data-column="type"]')).toHaveText('Headless');
  await expect(r.locator('[data-column="clusterIP"]')).toHaveText('None');
  await r.getByRole('link', { name: 'web' }).click();
  await expect(page).toHaveURL(/\/ns\/demo\/services\/web$/);
  await expect(page.getByTestId('service-attributes')).toContainText('Headless');
  await expect(page.getByTestId('service-attributes').getByRole('link', { name: 'web' })).toHaveAttribute('href', '/ns/demo/statefulsets/web/resource-status');
  await page.screenshot({ path: 'test-results/service-view.png', fullPage: true });
});

test('Pods, PVCs and Events pages list live objects of the namespace', async ({ page }) => {
  await signIn(page, '/ns/demo/pods');
  await expect(page.locator('[data-row-key="demo/web-0"]')).toBeVisible();
  await expect(page.locator('[data-row-key="demo/web-0"] [data-column="owner"]')).toHaveText('web');
  await page.goto('/ns/demo/persistentvolumeclaims');
  await expect(page.locator('[data-row-key="demo/disk-ssd"]')).toBeVisible();
  await expect(page.locator('[data-row-key="demo/data-web-0"]')).toBeVisible();
  await page.goto('/ns/demo/events');
  await expect(page.getByTestId('resource-table')).toContainText('SuccessfulCreate');
});
