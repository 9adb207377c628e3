// Shared set-up for the console-server bench rows: the built `ordinal serve` (embedded cluster
// in-process, as users run it) on a throw-away data dir, a signed-in console session, direct
// HTTPS access to the embedded cluster as its admin, and `kubectl proxy` on the same cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { freePort } from '../lib/serve';

const root = fileURLToPath(new URL('..', import.meta.url)); // dist/ → repo root

export interface BenchConsole {
  url: string;
  dataDir: string;
  cookie: string;
  csrf: string;
  /** The embedded cluster's URL and an agent/headers to talk to it as admin. */
  clusterUrl: string;
  clusterAgent: https.Agent;
  adminToken: string;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

function waitExit(child: ChildProcess): Promise<void> {
  return child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export async function startBenchConsole(): Promise<BenchConsole> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ordinal-bench-console-'));
  const env = { ...process.env, ORDINAL_LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, [join(root, 'bin/ordinal.mjs'), 'serve', '--port', String(port), '--data-dir', dataDir, '--seed', 'none', '--speed', '1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ordinal serve exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('ordinal serve did not answer within 30 s');
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const loginBody = { method: 'password', username: 'admin', password: (JSON.parse(readFileSync(join(dataDir, 'console-users.json'), 'utf8')) as { admin: string }).admin };
  const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(loginBody) });
  if (login.status !== 200) throw new Error(`console login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const kubeconfigPath = join(dataDir, 'cluster', 'kubeconfig');
  const kc = parse(readFileSync(kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[] };
  const tokens = JSON.parse(readFileSync(join(dataDir, 'cluster', 'tokens.json'), 'utf8')) as { admin: string };
  const clusterAgent = new https.Agent({ keepAlive: true, ca: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64') });
  return {
    url,
    dataDir,
    cookie,
    csrf: csrfToken,
    clusterUrl: kc.clusters[0].cluster.server,
    clusterAgent,
    adminToken: tokens.admin,
    kubeconfigPath,
    async stop() {
      clusterAgent.destroy();
      child.kill('SIGTERM');
      await waitExit(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One request straight to the embedded cluster as its admin; resolves with status and body. */
export function clusterRequest(c: BenchConsole, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, c.clusterUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      { hostname: u.hostname, port: u.port, path: u.pathname + u.search, method, agent: c.clusterAgent, headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': contentType, Accept: 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface KubectlProxy {
  url: string;
  stop(): Promise<void>;
}

/** `kubectl proxy` on a random port, with its default filter (the same kind of checks as ours). */
export async function startKubectlProxy(kubeconfigPath: string): Promise<KubectlProxy> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'ordinal-bench-kcache-'));
  const child = spawn('kubectl', ['proxy', '--port', '0', '--kubeconfig', kubeconfigPath, '--cache-dir', cacheDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kubectl proxy did not start: ${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Starting to serve on ([\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://${m[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`kubectl proxy exited with ${code}: ${out}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await waitExit(child);
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/** GET a URL and read the whole body; resolves with milliseconds to the last byte. */
export function timedGet(agent: http.Agent, url: string, headers: Record<string, string>): Promise<{ ms: number; status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
