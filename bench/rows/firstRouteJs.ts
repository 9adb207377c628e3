// Gzip size of every script the browser fetches to show the first route, measured in real
// Chromium (so lazy chunks that the route pulls in count, and lazy editors/charts must not).
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from '../lib/types';
import { serveConsole } from '../lib/serve';

const BUDGET_KB = 300;
const FORBIDDEN = [/monaco/i, /recharts/i];
const CHROMIUM = process.env.ORDINAL_CHROMIUM ?? '/usr/bin/chromium';

export const firstRouteJs: BenchRow = {
  name: 'first-route JS (gzip)',
  async run() {
    const served = await serveConsole(['--seed', 'none']);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await browser.newPage();
      const scripts = new Map<string, number>();
      page.on('response', async (res) => {
        if (res.request().resourceType() !== 'script') return;
        const body = await res.body().catch(() => Buffer.alloc(0));
        scripts.set(new URL(res.url()).pathname, gzipSync(body, { level: 9 }).length);
      });
      await page.goto(`${served.url}/`, { waitUntil: 'networkidle' });
      await page.getByRole('heading').first().waitFor();
      const totalKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
      const forbidden = [...scripts.keys()].filter((p) => FORBIDDEN.some((re) => re.test(p)));
      return {
        measured: `${totalKb.toFixed(1)} kB`,
        budget: `≤ ${BUDGET_KB} kB, no monaco/recharts`,
        pass: totalKb <= BUDGET_KB && forbidden.length === 0,
        note: `${scripts.size} scripts${forbidden.length ? `; forbidden: ${forbidden.join(', ')}` : ''}`,
      };
    } finally {
      await browser.close();
      await served.stop();
    }
  },
};
