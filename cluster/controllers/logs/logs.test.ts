import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../api/errors';
import type { KubeObject } from '../../types';
import { formatTimestamp, generateLines } from './generate';
import { followNewLines, readLogs } from './podLogs';
import { SimPodLogSource } from './logSource';

const T0 = Date.parse('2026-11-23T10:00:00Z');

function pod(container: Record<string, unknown>, status: Record<string, unknown>): KubeObject {
  return {
    metadata: { name: 'web-0', namespace: 'default', uid: 'u-1' },
    spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27', ...container }] },
    status: { phase: 'Running', podIP: '10.244.1.7', containerStatuses: [{ name: 'nginx', restartCount: 0, containerID: 'containerd://a', ...status }] },
  };
}
const running = { state: { running: { startedAt: '2026-11-23T10:00:00Z' } } };

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e) && e.code === 400) return e.status.message ?? '';
  }
  return 'no error';
}

describe('generated log lines', () => {
  it('nginx access lines carry a well-formed client address over hours of traffic', () => {
    // hash() yields unsigned 32-bit values; a signed shift once produced "10.244.-2.-144".
    const text = readLogs(pod({}, running), { container: 'nginx' }, T0 + 6 * 3600_000, 1);
    const clients = text.match(/^\S+(?= - - \[)/gm) ?? [];
    expect(clients.length).toBeGreaterThan(100);
    for (const ip of clients) expect(ip).toMatch(/^10\.244\.\d+\.\d+$/);
  });

  it('nginx prints its entrypoint banner, then kube-probe hits every period', () => {
    const p = pod({ readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 } }, running);
    const text = readLogs(p, { container: 'nginx' }, T0 + 60_000, 1);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines).toContain('2026/11/23 10:00:00 [notice] 1#1: nginx/1.27');
    const probes = lines.filter((l) => l.includes('kube-probe/1.32'));
    expect(probes.length).toBeGreaterThanOrEqual(5);
    expect(probes.length).toBeLessThanOrEqual(6);
    expect(probes[0]).toMatch(/^10\.244\.1\.1 - - \[23\/Nov\/2026:10:00:\d\d \+0000\] "GET \/healthz HTTP\/1\.1" 404 153 "-" "kube-probe\/1\.32" "-"$/);
  });

  it('is the same text every time it is read (no state), and grows with time', () => {
    const p = pod({}, running);
    const a = readLogs(p, { container: 'nginx' }, T0 + 600_000, 1);
    expect(readLogs(p, { container: 'nginx' }, T0 + 600_000, 1)).toBe(a);
    expect(readLogs(p, { container: 'nginx' }, T0 + 1_200_000, 1).startsWith(a)).toBe(true);
  });

  it('speed compresses the periods', () => {
    const p = pod({ livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }, running);
    const count = (speed: number) => readLogs(p, { container: 'nginx' }, T0 + 10_000, speed).split('\n').filter((l) => l.includes('kube-probe')).length;
    expect(count(10)).toBeGreaterThanOrEqual(9);
    expect(count(1)).toBeLessThanOrEqual(1);
  });

  it('redis and postgres banners; a shell loop echoes on its period', () => {
    const redis = readLogs(pod({ image: 'redis:7' }, running), { container: 'nginx' }, T0 + 1000, 1);
    expect(redis).toMatch(/Ready to accept connections tcp/);
    expect(redis).toMatch(/Redis version=7\.0\.15/);
    const pg = readLogs(pod({ image: 'postgres:16' }, running), { container: 'nginx' }, T0 + 1000, 1);
    expect(pg).toMatch(/database system is ready to accept connections/);
    const loop = readLogs(pod({ image: 'busybox', command: ['sh', '-c', 'echo start; while true; do echo "tick"; sleep 5; done'] }, running), { container: 'nginx' }, T0 + 21_000, 1);
    expect(loop.split('\n').filter(Boolean)).toEqual(['start', 'tick', 'tick', 'tick', 'tick', 'tick']); // at ~0, 5, 10, 15, 20 s
  });

  it('tailLines, sinceSeconds, limitBytes and timestamps', () => {
    const p = pod({}, running);
    const now = T0 + 3_600_000;
    const all = readLogs(p, { container: 'nginx' }, now, 1).trimEnd().split('\n');
    expect(readLogs(p, { container: 'nginx', tailLines: 2 }, now, 1).trimEnd().split('\n')).toEqual(all.slice(-2));
    expect(readLogs(p, { container: 'nginx', tailLines: 0 }, now, 1)).toBe('');
    const recent = readLogs(p, { container: 'nginx', sinceSeconds: 120 }, now, 1).trimEnd().split('\n');
    expect(recent.length).toBeLessThan(all.length);
    expect(readLogs(p, { container: 'nginx', limitBytes: 10 }, now, 1)).toBe(all[0].slice(0, 10));
    const ts = readLogs(p, { container: 'nginx', tailLines: 1, timestamps: true }, now, 1);
    expect(ts).toMatch(/^2026-11-23T1\d:\d\d:\d\d\.\d{1,9}Z \S/);
    expect(formatTimestamp({ ts: T0 + 123, nanos: 456_000, text: '' })).toBe('2026-11-23T10:00:00.123456Z');
  });

  it('previous shows the terminated instance with its shutdown lines', () => {
    const p = pod({}, { restartCount: 1, ...running, lastState: { terminated: { exitCode: 0, startedAt: '2026-11-23T09:00:00Z', finishedAt: '2026-11-23T09:30:00Z', containerID: 'containerd://old' } } });
    const prev = readLogs(p, { container: 'nginx', previous: true }, T0 + 1000, 1);
    expect(prev.trimEnd().split('\n').at(-1)).toBe('2026/11/23 09:30:00 [notice] 1#1: exit');
    const lines = generateLines({ podUid: 'u-1', podIP: '10.244.1.7', container: { name: 'nginx', image: 'nginx:1.27' }, restartCount: 0, startedAt: T0, finishedAt: T0 + 1000, exitCode: 0, speed: 1 }, 0, T0 + 5000);
    expect(lines.every((l) => l.ts <= T0 + 1000)).toBe(true);
  });

  it('upstream 400s (S-9)', () => {
    expect(badRequest(() => readLogs(pod({}, running), { container: 'nginx', previous: true }, T0, 1))).toBe('previous terminated container "nginx" in pod "web-0" not found');
    expect(badRequest(() => readLogs(pod({}, { state: { waiting: { reason: 'ContainerCreating' } } }), { container: 'nginx' }, T0, 1))).toBe('container "nginx" in pod "web-0" is waiting to start: ContainerCreating');
    const unbound = pod({}, running);
    delete (unbound.spec as { nodeName?: string }).nodeName;
    expect(badRequest(() => readLogs(unbound, { container: 'nginx' }, T0, 1))).toBe('pod web-0 does not have a host assigned');
    expect(badRequest(() => readLogs(pod({}, { state: { waiting: { reason: 'ImagePullBackOff' } } }), { container: 'nginx' }, T0, 1))).toBe('container "nginx" in pod "web-0" is waiting to start: trying and failing to pull image');
  });

  it('a run shorter than a second keeps its whole output, ending with the exit status', () => {
    const sub = { exitCode: 1, startedAt: '2026-11-23T10:00:00Z', finishedAt: '2026-11-23T10:00:00Z', containerID: 'containerd://c' };
    const p = pod({ image: 'busybox:crash' }, { restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: sub } });
    const text = readLogs(p, { container: 'nginx' }, T0 + 5000, 20);
    expect(text).toMatch(/^panic: simulated crash \(image tag "crash"\)$/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('exit status 1');
  });

  it('a crash-looping container shows its last run', () => {
    const p = pod({ image: 'busybox:crash' }, { restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, startedAt: '2026-11-23T10:00:00Z', finishedAt: '2026-11-23T10:00:01Z', containerID: 'containerd://b' } } });
    expect(readLogs(p, { container: 'nginx' }, T0 + 5000, 1)).toMatch(/^panic: simulated crash/m);
  });
});

describe('follow', () => {
  it('streams lines newer than the start and ends with the container', () => {
    let now = T0 + 1000;
    let current: KubeObject | undefined = pod({ livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 } }, running);
    let tick: () => void = () => {};
    const got: string[] = [];
    let ended = false;
    followNewLines(current, 'nginx', now, { now: () => now, speed: 1, getPod: () => current, every: (fn) => ((tick = fn), () => {}) }, (l) => got.push(l.text), () => (ended = true));
    now += 5000;
    tick();
    expect(got.length).toBeGreaterThanOrEqual(4);
    expect(got.every((t) => t.includes('kube-probe'))).toBe(true);
    expect(ended).toBe(false);
    current = undefined;
    tick();
    expect(ended).toBe(true);
  });
});

describe('PodLogSource for the pods/log handler', () => {
  it('lines carry RFC 3339 nano timestamps; previous reads the last run', () => {
    const clock = { speed: 1, now: () => T0 + 60_000, setTimer: () => () => {} };
    const p = pod({}, { restartCount: 1, ...running, lastState: { terminated: { exitCode: 0, startedAt: '2026-11-23T09:00:00Z', finishedAt: '2026-11-23T09:30:00Z', containerID: 'containerd://old' } } });
    const src = new SimPodLogSource(clock, () => p);
    const lines = src.lines(p, 'nginx', false);
    expect(lines[0].text).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines[0].time).toMatch(/^2026-11-23T10:00:00\.\d{1,9}Z$/);
    expect(src.lines(p, 'nginx', true).at(-1)?.text).toBe('2026/11/23 09:30:00 [notice] 1#1: exit');
  });
});
