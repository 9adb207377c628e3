// Acceptance harness: builds dist/ when stale, runs the real `ordinal cluster` CLI on a temp
// data directory and drives it with the real kubectl and with raw HTTPS requests (contract §10).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newestMtime(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) max = Math.max(max, statSync(p).mtimeMs);
  }
  return max;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Rebuilds dist/cli.mjs when any Node-side source is newer; a lock directory serialises workers. */
async function ensureBuilt(): Promise<void> {
  const stamp = join(ROOT, 'dist/.server-stamp');
  const fresh = (): boolean =>
    existsSync(stamp) && existsSync(join(ROOT, 'dist/cli.mjs')) && statSync(stamp).mtimeMs >= Math.max(...['bin', 'cluster', 'server'].map((d) => newestMtime(join(ROOT, d))));
  if (fresh()) return;
  const lock = join(tmpdir(), 'ordinal-build.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600) rmSync(lock, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    if (fresh()) return;
    await new Promise<void>((resolve, reject) => {
      execFile('npm', ['run', 'build:server'], { cwd: ROOT }, (err, _out, stderr) => (err ? reject(new Error(`build failed: ${stderr}`)) : resolve()));
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export class TestCluster {
  proc!: ChildProcess;
  url = '';
  port = 0;
  readonly cacheDir: string;
  ca = '';
  tokens: { admin: string; viewer: string } = { admin: '', viewer: '' };
  stdout = '';
  stderr = '';

  constructor(
    readonly dataDir = mkdtempSync(join(tmpdir(), 'ordinal-acc-')),
    readonly env: Record<string, string> = {},
    /** Extra `ordinal cluster` flags, e.g. `['--speed', '20']`. */
    readonly extraArgs: string[] = [],
  ) {
    this.cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  }

  get kubeconfig(): string {
    return join(this.dataDir, 'kubeconfig');
  }

  /** Starts `ordinal cluster` and waits for its "listening" line. */
  async start(port = 0): Promise<void> {
    // ORDINAL_ACCEPTANCE_CLI runs another entry point with the same arguments (e.g. a dev bundle).
    const cli = process.env.ORDINAL_ACCEPTANCE_CLI;
    if (!cli) await ensureBuilt();
    this.stdout = '';
    this.proc = spawn(process.execPath, [cli ?? join(ROOT, 'bin/ordinal.mjs'), 'cluster', '--data-dir', this.dataDir, '--port', String(port), '--seed', 'none', ...this.extraArgs], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cluster did not start: ${this.stderr}`)), 30_000);
      this.proc.stdout!.on('data', (c: Buffer) => {
        this.stdout += c.toString();
        const m = /cluster API listening on (https:\/\/\S+)/.exec(this.stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      this.proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`cluster exited with ${code}: ${this.stderr}`));
      });
    });
    this.url = url;
    this.port = Number(new URL(url).port);
    this.ca = readFileSync(join(this.dataDir, 'ca.crt'), 'utf8');
    this.tokens = JSON.parse(readFileSync(join(this.dataDir, 'tokens.json'), 'utf8')) as { admin: string; viewer: string };
  }

  /** SIGTERM (clean) or SIGKILL; resolves when the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const gone = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill(signal);
    await Promise.race([gone, sleep(10_000).then(() => this.proc.kill('SIGKILL'))]);
    await gone;
  }

  kubectl(args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = execFile(
        'kubectl',
        ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args],
        { env: { ...process.env, ...(opts.env ?? {}) }, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 32 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
      if (opts.input !== undefined) child.stdin!.end(opts.input);
      else child.stdin!.end();
    });
  }

  /** Starts a long-running kubectl (e.g. `get -w`); output accumulates until `stop()`. */
  kubectlStream(args: string[]): { out: () => string; stop: () => Promise<Run> } {
    const child = spawn('kubectl', ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
    return {
      out: () => stdout,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const code = await exited;
        return { code, stdout, stderr };
      },
    };
  }

  /** A raw HTTPS request (the `$C` of contract §10). */
  api(method: string, path: string, opts: { body?: string | Buffer; headers?: Record<string, string>; token?: string | null; timeoutMs?: number } = {}): Promise<HttpAnswer> {
    const token = opts.token === undefined ? this.tokens.admin : opts.token;
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    // Node sends DELETE bodies without framing unless the length is given.
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}${path}`, { method, headers, ca: this.ca, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('request timeout')));
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  /** Opens a watch stream and collects its JSON lines until it ends or `stop()` is called. */
  watch(path: string, opts: { headers?: Record<string, string> } = {}): { lines: Record<string, unknown>[]; headers: Promise<Record<string, string | string[] | undefined>>; ended: Promise<void>; stop(): void } {
    const lines: Record<string, unknown>[] = [];
    let stopFn = (): void => {};
    let gotHeaders!: (h: Record<string, string | string[] | undefined>) => void;
    const headers = new Promise<Record<string, string | string[] | undefined>>((r) => (gotHeaders = r));
    const ended = new Promise<void>((resolve) => {
      const req = request(`${this.url}${path}`, { method: 'GET', headers: { authorization: `Bearer ${this.tokens.admin}`, ...(opts.headers ?? {}) }, ca: this.ca }, (res) => {
        gotHeaders(res.headers);
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString('utf8');
          let i;
          while ((i = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
          }
        });
        res.on('end', () => resolve());
        res.on('error', () => resolve());
        res.on('close', () => resolve());
      });
      req.on('error', () => resolve());
      req.end();
      stopFn = () => req.destroy();
    });
    return { lines, headers, ended, stop: () => stopFn() };
  }

  cleanup(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
    rmSync(this.cacheDir, { recursive: true, force: true });
  }
}

export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(stepMs);
  }
}

export { sleep };
