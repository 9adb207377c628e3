// What a simulated container does, derived from its spec alone (architecture.md §2 switches):
// when it exits and with which code, whether it honours SIGTERM, how long preStop takes, and
// what its probes answer given the pod's `sim.ordinal/*` annotations.
import type { KubeObject } from '../../types';
import type { ContainerSpec, Probe } from '../scheduler/podResources';
import { isCrashImage } from './images';

export interface RunBehaviour {
  /** ms after start at which the process exits; undefined = runs until stopped. */
  exitAfterMs?: number;
  exitCode: number;
  /** pid 1 is a shell or `sleep` without a trap: SIGTERM is ignored, the runtime kills at the deadline. */
  ignoresSigterm: boolean;
}

const LOOP = /\b(while|until|for)\b/;

function script(c: ContainerSpec): string {
  return [...(c.command ?? []), ...(c.args ?? [])].join(' ');
}

function totalSleepMs(text: string): number | undefined {
  let total = 0;
  for (const m of text.matchAll(/\bsleep\s+([0-9.]+|infinity)\b/g)) {
    if (m[1] === 'infinity') return undefined;
    total += Math.round(Number(m[1]) * 1000);
  }
  return total;
}

export function runBehaviour(c: ContainerSpec): RunBehaviour {
  const text = script(c);
  const argv0 = (c.command?.[0] ?? '').split('/').pop() ?? '';
  const shellPid1 = ['sh', 'bash', 'ash', 'dash'].includes(argv0);
  const ignoresSigterm = (argv0 === 'sleep' || (shellPid1 && /\bsleep\b/.test(text))) && !/\btrap\b/.test(text);
  if (isCrashImage(c.image ?? '')) return { exitAfterMs: 1000, exitCode: 1, ignoresSigterm };
  if (!text) return { exitCode: 0, ignoresSigterm: false };
  if (argv0 === 'false') return { exitAfterMs: 100, exitCode: 1, ignoresSigterm };
  if (argv0 === 'true') return { exitAfterMs: 100, exitCode: 0, ignoresSigterm };
  if (LOOP.test(text) || /\btail\s+-f\b/.test(text)) return { exitCode: 0, ignoresSigterm };
  const sleep = totalSleepMs(text);
  const exit = /\bexit\s+(\d+)/.exec(text);
  if (exit) return { exitAfterMs: Math.max(sleep ?? 0, 500), exitCode: Number(exit[1]) % 256, ignoresSigterm };
  if (argv0 === 'sleep' || (shellPid1 && /^\s*sleep\s/.test(c.args?.[c.args.length - 1] ?? text))) {
    return sleep === undefined ? { exitCode: 0, ignoresSigterm } : { exitAfterMs: Math.max(sleep, 100), exitCode: 0, ignoresSigterm };
  }
  // `sh -c "echo hi"` and similar one-shot shell scripts finish at once.
  if (shellPid1 && !/\b(exec|nginx|redis-server|mysqld|postgres|httpd|python|node|java)\b/.test(text)) {
    return { exitAfterMs: Math.max(sleep ?? 0, 200), exitCode: 0, ignoresSigterm };
  }
  return { exitCode: 0, ignoresSigterm };
}

/** Time the preStop hook keeps the container alive (exec `sleep N` or the sleep action). */
export function preStopMs(c: ContainerSpec): number {
  const pre = c.lifecycle?.preStop as { exec?: { command?: string[] }; sleep?: { seconds?: number } } | undefined;
  if (!pre) return 0;
  if (pre.sleep?.seconds) return pre.sleep.seconds * 1000;
  const text = (pre.exec?.command ?? []).join(' ');
  return totalSleepMs(text) ?? 0;
}

export type ProbeKind = 'readiness' | 'liveness' | 'startup';

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/** Upstream probe defaults (SetDefaults_Probe): period 10 s, thresholds 1 and 3. */
export function probeTiming(p: Probe): ProbeTiming {
  return {
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: (p.periodSeconds || 10) * 1000,
    successThreshold: p.successThreshold || 1,
    failureThreshold: p.failureThreshold || 3,
  };
}

export interface ProbeOutcome {
  success: boolean;
  /** Text after `<Kind> probe failed: ` in the Unhealthy event (E-19). */
  output: string;
}

function portOf(c: ContainerSpec, port: number | string | undefined): number | string {
  if (typeof port === 'string') return c.ports?.find((p) => p.name === port)?.containerPort ?? port;
  return port ?? 80;
}

/** The result a probe gives right now; depends only on the pod's spec and annotations. */
export function probeOutcome(kind: ProbeKind, probe: Probe, c: ContainerSpec, pod: KubeObject, podIP: string): ProbeOutcome {
  const ann = pod.metadata.annotations ?? {};
  const forced = (kind === 'readiness' && ann['sim.ordinal/ready'] === 'false') || (kind === 'liveness' && ann['sim.ordinal/live'] === 'false');
  const pathFails = probe.httpGet?.path === '/fail';
  if (!forced && !pathFails) return { success: true, output: '' };
  if (probe.httpGet) return { success: false, output: 'HTTP probe failed with statuscode: 503' };
  if (probe.tcpSocket) return { success: false, output: `dial tcp ${podIP}:${portOf(c, probe.tcpSocket.port)}: connect: connection refused` };
  if (probe.grpc) return { success: false, output: `timeout: failed to connect service "${podIP}:${probe.grpc.port}" within 1s: context deadline exceeded` };
  return { success: false, output: '' };
}

export function probeLabel(kind: ProbeKind): string {
  return kind === 'readiness' ? 'Readiness' : kind === 'liveness' ? 'Liveness' : 'Startup';
}
