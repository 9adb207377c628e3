// Runs the built `ordinal cluster` in a child process for the API-server bench rows: reads its
// kubeconfig, talks HTTPS to it with keep-alive agents (CA + bearer token), and samples the
// child's CPU time and RSS from /proc so a row can report what the server itself spent.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The repo root: the nearest ancestor holding bin/ordinal.mjs (dist/bench.mjs or bench/lib/). */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin/ordinal.mjs'))) return dir;
    if (dirname(dir) === dir) throw new Error(`bin/ordinal.mjs not found above ${from}`);
  }
}

// ---- pure helpers (unit-tested) ----

/** The p-th percentile (0..100) of ascending samples, nearest-rank; NaN for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * utime + stime in clock ticks from the text of /proc/<pid>/stat. The command name (field 2)
 * may contain spaces and parentheses, so fields are counted after its last ')'.
 */
export function parseProcStatTicks(stat: string): number {
  const close = stat.lastIndexOf(')');
  if (close < 0) throw new Error('unrecognised /proc/<pid>/stat');
  // After ") " come field 3 (state) onwards; utime and stime are fields 14 and 15.
  const fields = stat.slice(close + 2).trim().split(/\s+/);
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unrecognised /proc/<pid>/stat');
  return utime + stime;
}

/** A "Vm…:  <n> kB" line of /proc/<pid>/status in bytes (e.g. VmRSS, VmHWM). */
export function parseProcStatusBytes(status: string, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  if (!m) throw new Error(`${key} missing from /proc/<pid>/status`);
  return Number(m[1]) * 1024;
}

export function formatMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The server URL, CA and bearer token of the kubeconfig's current context. */
export function parseKubeconfig(text: string): { server: string; ca: string; token: string } {
  const kc = parseYaml(text) as {
    'current-context': string;
    contexts: { name: string; context: { cluster: string; user: string } }[];
    clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { name: string; user: { token?: string } }[];
  };
  const ctx = kc.contexts.find((c) => c.name === kc['current-context'])?.context;
  const cluster = kc.clusters.find((c) => c.name === ctx?.cluster)?.cluster;
  const user = kc.users.find((u) => u.name === ctx?.user)?.user;
  if (!cluster || !user?.token) throw new Error('kubeconfig has no current cluster/token');
  return { server: cluster.server, ca: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8'), token: user.token };
}

// ---- the child process ----

/** Bounds every non-watch request so a hung server fails the row instead of the bench. */
const REQUEST_TIMEOUT_MS = 30_000;

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface HttpResult {
  status: number;
  body: Buffer;
  /** Milliseconds from sending the request to its last byte. */
  ms: number;
}

export interface WatchStream {
  /** Resolves once the 200 headers have arrived (the server is subscribed by then). */
  ready: Promise<void>;
  /** Resolves when the server ends the stream or it is closed. */
  ended: Promise<void>;
  close(): void;
}

export interface ClusterProcess {
  url: string;
  pid: number;
  dataDir: string;
  /** A request with the admin token over a keep-alive connection; JSON bodies are serialised. */
  request(method: string, path: string, body?: unknown, contentType?: string): Promise<HttpResult>;
  /** A GET whose body is counted and dropped (large lists: no client-side copy in the timing). */
  timedGet(path: string): Promise<{ status: number; bytes: number; ms: number }>;
  /** A watch stream on its own connection; `onLine` gets every newline-terminated event. */
  watch(path: string, onLine: (line: string) => void): WatchStream;
  /** utime + stime of the cluster process so far, in milliseconds. */
  cpuMs(): number;
  /** VmRSS (or another Vm… key) of the cluster process, in bytes. */
  memory(key?: 'VmRSS' | 'VmHWM'): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra `node` flags for the child, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/**
 * Spawns `node bin/ordinal.mjs cluster --port 0 --seed none` on a throw-away data dir and waits
 * for its "listening" line. `ORDINAL_BENCH_NODE_ARGS` adds node flags (profiling a row).
 */
export async function startClusterProcess(opts: StartOptions = {}): Promise<ClusterProcess> {
  const root = repoRoot();
  const dataDir = mkdtempSync(join(tmpdir(), 'ordinal-bench-cluster-'));
  const envArgs = (process.env.ORDINAL_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...envArgs, ...(opts.nodeArgs ?? []), join(root, 'bin/ordinal.mjs'), 'cluster', '--data-dir', dataDir, '--port', '0', '--seed', 'none'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...opts.env } },
  );
  const cleanup = (): void => rmSync(dataDir, { recursive: true, force: true });
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('ordinal cluster did not start within 30 s')), 30_000);
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        out += chunk;
        const m = /cluster API listening on (https:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`ordinal cluster exited with ${code}`));
      });
    });
  } catch (e) {
    child.kill('SIGKILL');
    cleanup();
    throw e;
  }
  child.stdout!.resume(); // keep draining so the child never blocks on a full pipe
  const kc = parseKubeconfig(readFileSync(join(dataDir, 'kubeconfig'), 'utf8'));
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca: kc.ca });
  const watchAgent = new Agent({ keepAlive: false, maxSockets: Infinity, ca: kc.ca });
  const auth = `Bearer ${kc.token}`;
  const pid = child.pid!;
  const open = new Set<() => void>();

  const req = (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<HttpResult> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string | number> = { Authorization: auth, Accept: 'application/json' };
      if (payload !== undefined) {
        headers['Content-Type'] = contentType;
        headers['Content-Length'] = Buffer.byteLength(payload);
      }
      const started = performance.now();
      const r = request({ host: base.hostname, port: base.port, path, method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.setTimeout(REQUEST_TIMEOUT_MS, () => r.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      r.end(payload);
    });

  const timedGet = (path: string): Promise<{ status: number; bytes: number; ms: number }> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const r = request({ host: base.hostname, port: base.port, path, method: 'GET', agent, headers: { Authorization: auth, Accept: 'application/json' } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.setTimeout(REQUEST_TIMEOUT_MS, () => r.destroy(new Error(`GET ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      r.end();
    });

  const watch = (path: string, onLine: (line: string) => void): WatchStream => {
    let readyOk!: () => void;
    let readyFail!: (e: Error) => void;
    let endedOk!: () => void;
    const ready = new Promise<void>((a, b) => ((readyOk = a), (readyFail = b)));
    const ended = new Promise<void>((a) => (endedOk = a));
    const r = request({ host: base.hostname, port: base.port, path, method: 'GET', agent: watchAgent, headers: { Authorization: auth } }, (res) => {
      if (res.statusCode !== 200) {
        readyFail(new Error(`watch ${path}: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      readyOk();
      res.setEncoding('utf8');
      let rest = '';
      res.on('data', (chunk: string) => {
        rest += chunk;
        let nl = rest.indexOf('\n');
        let from = 0;
        while (nl >= 0) {
          onLine(rest.slice(from, nl));
          from = nl + 1;
          nl = rest.indexOf('\n', from);
        }
        rest = rest.slice(from);
      });
      res.on('end', endedOk);
      res.on('close', endedOk);
    });
    const close = (): void => {
      open.delete(close);
      r.destroy();
      endedOk();
    };
    open.add(close);
    r.on('error', (e) => {
      readyFail(e);
      endedOk();
    });
    r.end();
    return { ready, ended, close };
  };

  let stopped = false;
  return {
    url,
    pid,
    dataDir,
    request: req,
    timedGet,
    watch,
    cpuMs: () => (parseProcStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / ticksPerSecond(),
    memory: (key = 'VmRSS') => parseProcStatusBytes(readFileSync(`/proc/${pid}/status`, 'utf8'), key),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const close of [...open]) close();
      agent.destroy();
      watchAgent.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
  };
}

/** CPU milliseconds this (bench) process spent since `since` — the client side of a row. */
export function clientCpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** Runs `task` in `concurrency` parallel loops until `next` returns undefined. */
export async function runPool<T>(concurrency: number, next: () => T | undefined, task: (item: T) => Promise<void>): Promise<void> {
  const loop = async (): Promise<void> => {
    for (let item = next(); item !== undefined; item = next()) await task(item);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

/** Throws with the response text unless the status is one of `ok`. */
export function expectStatus(res: HttpResult, what: string, ...ok: number[]): HttpResult {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
  return res;
}

/** Creates a namespace (201; 409 when it already exists is fine). */
export async function createNamespace(c: ClusterProcess, name: string): Promise<void> {
  expectStatus(await c.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }), `create namespace ${name}`, 201, 409);
}
