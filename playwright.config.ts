// End-to-end tests: real Debian Chromium against the real `ordinal serve`, started here on a
// free port with a temporary data dir (architecture.md §6).
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.ORDINAL_CHROMIUM ?? '/usr/bin/chromium';

// Playwright evaluates this file synchronously, so the port is a random high one (a busy port
// makes `ordinal serve` exit 1 with a clear line); ORDINAL_E2E_PORT overrides it. The values are
// exported through the environment so that worker processes see the same ones.
const port = Number(process.env.ORDINAL_E2E_PORT ?? 20000 + Math.floor(Math.random() * 20000));
process.env.ORDINAL_E2E_PORT = String(port);
const dataDir = process.env.ORDINAL_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ordinal-e2e-'));
process.env.ORDINAL_E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node bin/ordinal.mjs serve --port ${port} --data-dir ${dataDir} --seed none --speed 20`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    // Request logs (pino, info level) would drown the test report; warnings and errors still show.
    env: { ORDINAL_LOG_LEVEL: process.env.ORDINAL_LOG_LEVEL ?? 'warn' },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
