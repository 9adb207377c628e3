// The console shell on the embedded cluster: sign-in, renders with no console errors, language
// switch, 404 page. Screenshots go to test-results/ for review.
import { expect, test, type ConsoleMessage } from '@playwright/test';
import { signIn } from './support';

test('the shell renders without console errors and switches language', async ({ page }) => {
  const problems: string[] = [];
  let signedIn = false;
  page.on('console', (msg: ConsoleMessage) => {
    // Before sign-in the browser logs the expected 401 of the session check.
    if (signedIn && (msg.type() === 'error' || msg.type() === 'warning')) problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));

  await page.goto('/');
  await expect(page.getByTestId('login-page')).toBeVisible();
  await page.screenshot({ path: 'test-results/login.png', fullPage: true });
  await signIn(page, '/');
  signedIn = true;
  await expect(page).toHaveURL(/\/ns\/default\/statefulsets$/);
  await expect(page.getByRole('heading', { name: 'StatefulSets' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByText('Workloads')).toBeVisible();
  // The embedded cluster is named "Simulated cluster" in the top bar (console-spec.md §0.4).
  await expect(page.getByTestId('cluster-select')).toContainText('Simulated cluster');
  await expect(page.getByTestId('list-empty')).toContainText('No StatefulSets in default yet');
  await page.screenshot({ path: 'test-results/shell-en.png', fullPage: true });

  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('heading', { name: '有状态副本集' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.screenshot({ path: 'test-results/shell-zh.png', fullPage: true });

  // The choice survives a reload (kept in browser storage).
  await page.reload();
  await expect(page.getByRole('heading', { name: '有状态副本集' })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('heading', { name: 'StatefulSets' })).toBeVisible();

  expect(problems).toEqual([]);
});

test('unknown deep links show the 404 page inside the shell', async ({ page }) => {
  await signIn(page, '/ns/default/no-such-page');
  await expect(page.getByText('Page not found')).toBeVisible();
  await expect(page.getByText('There is no page at /ns/default/no-such-page.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to StatefulSets' }).click();
  await expect(page).toHaveURL(/\/ns\/default\/statefulsets$/);
});

test('the server sends a strict Content-Security-Policy and refuses foreign Host headers', async ({ request, baseURL }) => {
  const res = await request.get('/');
  expect(res.status()).toBe(200);
  const csp = res.headers()['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');

  const port = new URL(baseURL!).port;
  const foreign = await request.get('/healthz', { headers: { Host: `evil.example:${port}` } });
  expect(foreign.status()).toBe(403);
});

test('the user menu switches language and logs out back to the login page', async ({ page }) => {
  await signIn(page, '/ns/default/statefulsets');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '有状态副本集' })).toBeVisible();
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'StatefulSets' })).toBeVisible();
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page.getByTestId('login-page')).toBeVisible();
  // The session is really gone: a reload still asks to sign in.
  await page.reload();
  await expect(page.getByTestId('login-page')).toBeVisible();
});

test('a wrong password is refused with the server message', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('invalid credentials');
});
