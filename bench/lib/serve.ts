// Starts the built `ordinal serve` on a free loopback port with a throw-away data dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)); // dist/ → repo root

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServedConsole {
  url: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first 200 on `/`. */
  startupMs: number;
  stop(): Promise<void>;
}

export async function serveConsole(extraArgs: string[] = []): Promise<ServedConsole> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ordinal-bench-'));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(root, 'bin/ordinal.mjs'), 'serve', '--port', String(port), '--data-dir', dataDir, ...extraArgs],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`ordinal serve exited with ${child.exitCode}`);
    if (performance.now() > deadline) throw new Error('ordinal serve did not answer within 30 s');
    const ok = await fetch(`${url}/`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    process: child,
    startupMs,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
