import { describe, expect, it } from 'vitest';
import { probeOutcome, probeTiming, runBehaviour, preStopMs } from './behaviour';
import { backoffMs, defaultPullPolicy, goDuration, imageID, normalizeImage, pullFails } from './images';
import type { KubeObject } from '../../types';

describe('container behaviour from the spec (architecture.md §2 switches)', () => {
  const cases: [string, { image?: string; command?: string[]; args?: string[] }, { exitAfterMs?: number; exitCode: number; ignoresSigterm: boolean }][] = [
    ['plain image runs until stopped', { image: 'nginx:1.27' }, { exitCode: 0, ignoresSigterm: false }],
    ['image tag crash exits 1', { image: 'busybox:crash' }, { exitAfterMs: 1000, exitCode: 1, ignoresSigterm: false }],
    ['sh -c "exit 1"', { image: 'busybox', command: ['sh', '-c', 'exit 1'] }, { exitAfterMs: 500, exitCode: 1, ignoresSigterm: false }],
    ['sleep then exit', { image: 'busybox', command: ['sh', '-c', 'sleep 5; exit 2'] }, { exitAfterMs: 5000, exitCode: 2, ignoresSigterm: true }],
    ['sleep as pid 1', { image: 'busybox', command: ['sleep', '3600'] }, { exitAfterMs: 3_600_000, exitCode: 0, ignoresSigterm: true }],
    ['sleep infinity', { image: 'busybox', command: ['sleep', 'infinity'] }, { exitCode: 0, ignoresSigterm: true }],
    ['a shell loop never ends', { image: 'busybox', command: ['sh', '-c', 'while true; do echo hi; sleep 5; done'] }, { exitCode: 0, ignoresSigterm: true }],
    ['a trap honours SIGTERM', { image: 'busybox', command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'] }, { exitCode: 0, ignoresSigterm: false }],
    ['false', { image: 'busybox', command: ['false'] }, { exitAfterMs: 100, exitCode: 1, ignoresSigterm: false }],
    ['a one-shot echo completes', { image: 'busybox', command: ['sh', '-c', 'echo hello'] }, { exitAfterMs: 200, exitCode: 0, ignoresSigterm: false }],
    ['args carry the script', { image: 'busybox', command: ['/bin/sh', '-c'], args: ['exit 7'] }, { exitAfterMs: 500, exitCode: 7, ignoresSigterm: false }],
  ];
  for (const [name, c, want] of cases) it(name, () => expect(runBehaviour({ name: 'c', ...c })).toEqual(want));

  it('preStop sleep delays the stop', () => {
    expect(preStopMs({ name: 'c', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 15'] } } } })).toBe(15_000);
    expect(preStopMs({ name: 'c', lifecycle: { preStop: { sleep: { seconds: 3 } } } })).toBe(3000);
    expect(preStopMs({ name: 'c' })).toBe(0);
  });
});

describe('probes', () => {
  it('defaults period 10 s, success 1, failure 3 (SetDefaults_Probe)', () => {
    expect(probeTiming({ httpGet: { port: 80 } })).toEqual({ initialDelayMs: 0, periodMs: 10_000, successThreshold: 1, failureThreshold: 3 });
    expect(probeTiming({ exec: {}, initialDelaySeconds: 5, periodSeconds: 2, successThreshold: 2, failureThreshold: 1 })).toEqual({ initialDelayMs: 5000, periodMs: 2000, successThreshold: 2, failureThreshold: 1 });
  });
  const pod = (ann: Record<string, string> = {}): KubeObject => ({ metadata: { name: 'web-0', annotations: ann } });
  const c = { name: 'nginx', ports: [{ name: 'http', containerPort: 80 }] };
  const cases: [string, Parameters<typeof probeOutcome>[0], Parameters<typeof probeOutcome>[1], KubeObject, { success: boolean; output: string }][] = [
    ['healthy HTTP', 'readiness', { httpGet: { path: '/', port: 80 } }, pod(), { success: true, output: '' }],
    ['path /fail always fails', 'liveness', { httpGet: { path: '/fail', port: 80 } }, pod(), { success: false, output: 'HTTP probe failed with statuscode: 503' }],
    ['ready=false fails readiness', 'readiness', { httpGet: { path: '/', port: 80 } }, pod({ 'sim.ordinal/ready': 'false' }), { success: false, output: 'HTTP probe failed with statuscode: 503' }],
    ['ready=false leaves liveness alone', 'liveness', { httpGet: { path: '/', port: 80 } }, pod({ 'sim.ordinal/ready': 'false' }), { success: true, output: '' }],
    ['live=false fails a tcp liveness probe', 'liveness', { tcpSocket: { port: 'http' } }, pod({ 'sim.ordinal/live': 'false' }), { success: false, output: 'dial tcp 10.244.1.7:80: connect: connection refused' }],
    ['exec failures have empty output', 'readiness', { exec: { command: ['test', '-f', '/ready'] } }, pod({ 'sim.ordinal/ready': 'false' }), { success: false, output: '' }],
  ];
  for (const [name, kind, probe, p, want] of cases) it(name, () => expect(probeOutcome(kind, probe, c, p, '10.244.1.7')).toEqual(want));
});

describe('images and durations', () => {
  it('normalizes references like containerd', () => {
    expect(normalizeImage('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('bitnami/redis:7')).toBe('docker.io/bitnami/redis:7');
    expect(normalizeImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(normalizeImage('localhost:5000/app:v1')).toBe('localhost:5000/app:v1');
    expect(imageID('nginx:1.27')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
  it('pull policy defaults: Always for latest or no tag', () => {
    expect([defaultPullPolicy('nginx'), defaultPullPolicy('nginx:latest'), defaultPullPolicy('nginx:1.27')]).toEqual(['Always', 'Always', 'IfNotPresent']);
    expect(pullFails('nginx:does-not-exist')).toBe(true);
  });
  it('Go duration strings', () => {
    expect([523, 1234, 10_000, 62_500, 80_000, 300_000, 0].map(goDuration)).toEqual(['523ms', '1.234s', '10s', '1m2.5s', '1m20s', '5m0s', '0s']);
  });
  it('back-off schedule 10s, 20s, 40s … capped at 300s (P-9, P-10)', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => goDuration(backoffMs(n)))).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s', '5m0s']);
  });
});
