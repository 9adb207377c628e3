import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { median, parseKubeconfig, parseProcStatTicks, parseProcStatusBytes, percentile, repoRoot, runPool } from './cluster';

describe('percentile', () => {
  it('uses nearest rank on ascending samples', () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(s, 95)).toBe(95);
    expect(percentile(s, 50)).toBe(50);
    expect(percentile(s, 100)).toBe(100);
    expect(percentile(s, 0)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3], 95)).toBe(3);
    expect(percentile([], 95)).toBeNaN();
  });

  it('median averages the middle pair and does not reorder the input', () => {
    const input = [5, 1, 3];
    expect(median(input)).toBe(3);
    expect(input).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('/proc parsing', () => {
  it('counts utime + stime after a command name with spaces and parentheses', () => {
    // Fields after the comm: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 11 0 1234 1000000 5000';
    expect(parseProcStatTicks(stat)).toBe(325);
    expect(() => parseProcStatTicks('garbage')).toThrow();
  });

  it('reads this process’s own stat (Linux)', () => {
    const ticks = parseProcStatTicks(readFileSync('/proc/self/stat', 'utf8'));
    expect(Number.isInteger(ticks)).toBe(true);
    expect(ticks).toBeGreaterThanOrEqual(0);
  });

  it('reads Vm… lines of /proc/<pid>/status in bytes', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200 kB\nVmHWM:\t  2048 kB\nVmRSS:\t   1024 kB\nThreads:\t11\n';
    expect(parseProcStatusBytes(status, 'VmRSS')).toBe(1024 * 1024);
    expect(parseProcStatusBytes(status, 'VmHWM')).toBe(2048 * 1024);
    expect(() => parseProcStatusBytes(status, 'VmSwap')).toThrow(/VmSwap/);
    expect(parseProcStatusBytes(readFileSync('/proc/self/status', 'utf8'), 'VmRSS')).toBeGreaterThan(1024 * 1024);
  });
});

describe('parseKubeconfig', () => {
  it('returns the current context’s server, decoded CA and token', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const text = [
      'apiVersion: v1',
      'kind: Config',
      'current-context: ordinal-admin',
      'clusters:',
      '- name: ordinal',
      '  cluster:',
      '    server: https://127.0.0.1:41234',
      `    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`,
      'contexts:',
      '- name: ordinal-viewer',
      '  context: {cluster: ordinal, user: viewer}',
      '- name: ordinal-admin',
      '  context: {cluster: ordinal, user: admin}',
      'users:',
      '- name: viewer',
      '  user: {token: viewer-token}',
      '- name: admin',
      '  user: {token: admin-token}',
    ].join('\n');
    expect(parseKubeconfig(text)).toEqual({ server: 'https://127.0.0.1:41234', ca, token: 'admin-token' });
    expect(() => parseKubeconfig(text.replace('current-context: ordinal-admin', 'current-context: nope'))).toThrow();
  });
});

describe('runPool', () => {
  it('runs every item once with at most `concurrency` in flight', async () => {
    let i = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: number[] = [];
    await runPool(3, () => (i < 20 ? i++ : undefined), async (n) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(n);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, k) => k));
    expect(maxInFlight).toBe(3);
  });
});

describe('repoRoot', () => {
  it('finds the directory holding bin/ordinal.mjs', () => {
    expect(readFileSync(`${repoRoot()}/bin/ordinal.mjs`, 'utf8')).toContain('dist/cli.mjs');
  });
});
