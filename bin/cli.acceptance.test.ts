// The CLI contract as a user meets it: the built `ordinal` binary, real ports, real dirs.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, 'ordinal.mjs');

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
}

function listenOnFreePort(): Promise<Server> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

describe('ordinal CLI', () => {
  it('prints usage and exits 2 on an unknown flag', () => {
    const r = run(['serve', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("ordinal: Unknown option '--bogus'");
    expect(r.stderr).toContain('Usage:');
    expect(r.stdout).toBe('');
  });

  it('prints usage and exits 2 on an unknown command', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('--help prints usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ordinal cluster --data-dir DIR');
  });

  it('exits 1 with one clear line when the port is in use', async () => {
    const blocker = await listenOnFreePort();
    const port = (blocker.address() as { port: number }).port;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'ordinal-cli-'));
      const r = run(['serve', '--port', String(port), '--data-dir', dir, '--seed', 'none']);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`ordinal: port ${port} on 127.0.0.1 is already in use (choose another with --port)`);
    } finally {
      blocker.close();
    }
  });

  it('exits 1 with one clear line when the data dir cannot be written', () => {
    const r = run(['serve', '--port', '0', '--data-dir', '/proc/ordinal-nope']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^ordinal: data directory \/proc\/ordinal-nope is not writable \(E[A-Z]+\)$/);
  });

  it('serves /healthz and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ordinal-cli-'));
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir, '--seed', 'none']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 15_000);
      child.stdout.on('data', () => {
        const m = /Ordinal console listening on (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
