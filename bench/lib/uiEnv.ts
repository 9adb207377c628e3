// Shared set-up for the SPA bench rows: the built `ordinal serve` (embedded cluster in-process,
// simulation at --speed 20) on a throw-away data dir, real Debian Chromium, the e2e sign-in
// steps (e2e/support.ts), and direct HTTPS to the embedded cluster as its admin for fixtures.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { freePort } from './serve';
import { parseKubeconfig, parseProcStatTicks, repoRoot, runPool } from './cluster';

const CHROMIUM = process.env.ORDINAL_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const REQUEST_TIMEOUT_MS = 30_000;

export interface UiConsole {
  url: string;
  dataDir: string;
  /** One request to the embedded cluster as its admin; JSON bodies are serialised. */
  cluster(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; body: string }>;
  password(user: 'admin' | 'viewer'): string;
  /**
   * Waits until the server (cluster + simulation in-process) spends under `share` of a core
   * over a second, or `maxMs` passed; resolves with the milliseconds waited.
   */
  waitQuiet(share: number, maxMs: number): Promise<number>;
  stop(): Promise<void>;
}

function waitExit(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export async function startUiConsole(): Promise<UiConsole> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ordinal-bench-ui-'));
  const child = spawn(process.execPath, [join(repoRoot(), 'bin/ordinal.mjs'), 'serve', '--port', String(port), '--data-dir', dataDir, '--seed', 'none', '--speed', '20'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ORDINAL_LOG_LEVEL: 'warn' },
  });
  const kill = async () => {
    child.kill('SIGTERM');
    await waitExit(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`ordinal serve exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('ordinal serve did not answer within 30 s');
      if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (err) {
    await kill();
    throw err;
  }
  const kc = parseKubeconfig(readFileSync(join(dataDir, 'cluster', 'kubeconfig'), 'utf8'));
  const agent = new Agent({ keepAlive: true, ca: kc.ca, maxSockets: 16 });
  const cluster: UiConsole['cluster'] = (method, path, body, contentType = 'application/json') =>
    new Promise((resolve, reject) => {
      const u = new URL(path, kc.server);
      const req = request(
        { hostname: u.hostname, port: u.port, path: u.pathname + u.search, method, agent, timeout: REQUEST_TIMEOUT_MS, headers: { Authorization: `Bearer ${kc.token}`, 'Content-Type': contentType, Accept: 'application/json' } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  return {
    url,
    dataDir,
    cluster,
    async waitQuiet(share, maxMs) {
      const started = Date.now();
      // /proc/<pid>/stat counts in USER_HZ, which Linux fixes at 100 per second.
      const ticks = () => parseProcStatTicks(readFileSync(`/proc/${child.pid}/stat`, 'utf8'));
      for (let before = ticks(); Date.now() - started < maxMs; ) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = ticks();
        if ((now - before) / 100 < share) break;
        before = now;
      }
      return Date.now() - started;
    },
    password: (user) => (JSON.parse(readFileSync(join(dataDir, 'console-users.json'), 'utf8')) as Record<string, string>)[user],
    async stop() {
      agent.destroy();
      await kill();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** e2e/support.ts signIn: opens `path`, signs in on the login page, waits for the app shell. */
export async function signIn(page: Page, c: UiConsole, path: string, user: 'admin' | 'viewer' = 'admin'): Promise<void> {
  await page.goto(`${c.url}${path}`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(c.password(user));
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').filter({ hasText: user }).waitFor({ timeout: 30_000 });
}

async function ok(res: Promise<{ status: number; body: string }>, what: string, ...codes: number[]): Promise<void> {
  const r = await res;
  if (!codes.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}

export function createNamespace(c: UiConsole, name: string): Promise<void> {
  return ok(c.cluster('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }), `create namespace ${name}`, 201, 409);
}

function statefulSet(ns: string, name: string, replicas: number, annotations: Record<string, string> = {}): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: ns, labels: { app: name }, annotations },
    spec: {
      serviceName: name,
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx', ports: [{ name: 'http-80', containerPort: 80 }] }] } },
    },
  };
}

/** POSTs `count` StatefulSets `<prefix>-<i>` with `concurrency` requests in flight. */
export async function createStatefulSets(c: UiConsole, ns: string, prefix: string, count: number, concurrency: number, replicas = 0): Promise<void> {
  let i = 0;
  await runPool(
    concurrency,
    () => (i < count ? i++ : undefined),
    (n) => ok(c.cluster('POST', `/apis/apps/v1/namespaces/${ns}/statefulsets`, statefulSet(ns, `${prefix}-${n}`, replicas)), `create statefulset ${prefix}-${n}`, 201),
  );
}
