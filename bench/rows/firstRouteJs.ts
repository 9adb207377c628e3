// Gzip size of every script a signed-in user's first route costs, measured in real Chromium:
// the login page (the SPA opens on it while signed out) plus the StatefulSet list opened in a
// fresh page of the same browser context. Lazy chunks the routes pull in count; the lazy
// editor (monaco) and charts (recharts) must not be among them.
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from '@playwright/test';
import type { BenchRow } from '../lib/types';
import { createNamespace, createStatefulSets, launchChromium, signIn, startUiConsole } from '../lib/uiEnv';

const BUDGET_KB = 300;
const FORBIDDEN = [/monaco/i, /recharts/i];
const NS = 'bench';
const LIST = `/ns/${NS}/statefulsets`;

/** Records every script response of the context (gzip -9 size by path; a path counts once). */
function recordScripts(context: BrowserContext): Map<string, number> {
  const scripts = new Map<string, number>();
  context.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    // Module preloads may be typed otherwise: a .js path counts whatever fetched it.
    if (res.request().resourceType() !== 'script' && !/\.m?js$/.test(path)) return;
    void res.body().then(
      (body) => scripts.set(path, gzipSync(body, { level: 9 }).length),
      () => undefined,
    );
  });
  return scripts;
}

const sumKb = (m: Map<string, number>, keys: Iterable<string>) => [...keys].reduce((a, k) => a + (m.get(k) ?? 0), 0) / 1024;

/** The scripts by gzip size, largest first ("index-x.js 249.5"), so a failing row says where to cut. */
function largest(m: Map<string, number>): string {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([p, n]) => `${p.slice(p.lastIndexOf('/') + 1)} ${(n / 1024).toFixed(1)}`)
    .join(', ');
}

export const firstRouteJs: BenchRow = {
  name: 'first-route JS (gzip)',
  async run() {
    const c = await startUiConsole();
    const browser = await launchChromium().catch(async (e: unknown) => {
      await c.stop();
      throw e;
    });
    try {
      await createNamespace(c, NS);
      await createStatefulSets(c, NS, 'web', 3, 3, 1);
      const context = await browser.newContext();
      const scripts = recordScripts(context);
      // Login page, then the list it leads to (the gate shows the login page at any path).
      const login = await context.newPage();
      await login.goto(`${c.url}${LIST}`, { waitUntil: 'networkidle' });
      await login.getByTestId('login-page').waitFor();
      const loginScripts = new Set(scripts.keys());
      await signIn(login, c, LIST);
      await login.locator('[role="row"][data-row-key]').first().waitFor();
      await login.waitForLoadState('networkidle');
      // A fresh page of the signed-in context: the list as a returning user opens it.
      const before = new Set(scripts.keys());
      const list = await context.newPage();
      const listPaths = new Set<string>();
      list.on('request', (req) => {
        const path = new URL(req.url()).pathname;
        if (req.resourceType() === 'script' || /\.m?js$/.test(path)) listPaths.add(path);
      });
      await list.goto(`${c.url}${LIST}`, { waitUntil: 'networkidle' });
      await list.locator('[role="row"][data-row-key]').first().waitFor();
      // Bodies are read asynchronously: let the last ones land.
      await new Promise((r) => setTimeout(r, 500));
      const totalKb = sumKb(scripts, scripts.keys());
      const forbidden = [...scripts.keys()].filter((p) => FORBIDDEN.some((re) => re.test(p)));
      const newOnList = [...listPaths].filter((p) => !before.has(p));
      return {
        measured: `${totalKb.toFixed(2)} kB`,
        budget: `≤ ${BUDGET_KB} kB, no monaco/recharts`,
        pass: totalKb <= BUDGET_KB && forbidden.length === 0,
        note:
          `${scripts.size} scripts: login page ${loginScripts.size} (${sumKb(scripts, loginScripts).toFixed(1)} kB), ` +
          `signed-in list ${listPaths.size} (${sumKb(scripts, listPaths).toFixed(1)} kB, ${newOnList.length} not already fetched for the login page)` +
          `${forbidden.length ? `; forbidden: ${forbidden.join(', ')}` : ''}; largest: ${largest(scripts)}`,
      };
    } finally {
      await browser.close();
      await c.stop();
    }
  },
};
