// Simulated resource usage as pure functions of (pod, container, time): CPU and memory that
// wander smoothly around an image-typical level (or 30–60 % of the request), never above 90 % of
// a limit; memory warms up after start; network byte counters are closed-form integrals of a
// positive rate, so they only grow while the pod lives. Nothing is sampled or stored.
import { createHash } from 'node:crypto';
import type { ContainerSpec } from '../scheduler/podResources';
import { containerLimits, containerRequests } from '../scheduler/podResources';
import { imageKind, type ImageKind } from '../kubelet/images';

const MI = 1024 * 1024;

function unit(...parts: string[]): number {
  return parseInt(createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 8), 16) / 0xffffffff;
}

const PROFILE: Record<ImageKind, { cpu: number; mem: number }> = {
  nginx: { cpu: 3, mem: 12 * MI },
  redis: { cpu: 6, mem: 9 * MI },
  mysql: { cpu: 25, mem: 380 * MI },
  postgres: { cpu: 12, mem: 70 * MI },
  busybox: { cpu: 0.2, mem: 0.6 * MI },
  generic: { cpu: 10, mem: 40 * MI },
};

export interface Usage {
  /** millicores */
  cpuMilli: number;
  /** bytes */
  memoryBytes: number;
}

/** Usage of a running container at wall time `now`; `startedAt` wall ms; time runs `speed`× faster. */
export function containerUsage(podUid: string, c: ContainerSpec, startedAt: number, now: number, speed: number): Usage {
  const kind = imageKind(c.image ?? '');
  const p = PROFILE[kind];
  const req = containerRequests(c);
  const lim = containerLimits(c);
  const u = unit(podUid, c.name);
  const t = Math.max(0, (now - startedAt) * speed) / 1000; // simulated seconds since start
  const wave = 1 + 0.35 * Math.sin(t / (40 + 40 * u) + u * 6.28) + 0.15 * Math.sin(t / (7 + 5 * u) + u * 12.1);
  let cpu = (req.cpu ? (req.cpu * (0.3 + 0.3 * u)) : p.cpu * (0.7 + 0.6 * u)) * wave;
  const warm = 1 - Math.exp(-t / 45);
  let mem = (req.memory ? (req.memory / 1000) * (0.4 + 0.3 * u) : p.mem * (0.8 + 0.4 * u)) * (0.35 + 0.65 * warm) * (1 + 0.05 * Math.sin(t / 90 + u));
  if (lim.cpu) cpu = Math.min(cpu, lim.cpu * 0.9);
  if (lim.memory) mem = Math.min(mem, (lim.memory / 1000) * 0.9);
  return { cpuMilli: Math.max(cpu, 0.05), memoryBytes: Math.max(Math.round(mem), 256 * 1024) };
}

/** Cumulative CPU time in nanoseconds since start (for stats/summary usageCoreNanoSeconds). */
export function cpuCoreNanoSeconds(u: Usage, startedAt: number, now: number, speed: number): number {
  return Math.round((u.cpuMilli / 1000) * Math.max(0, now - startedAt) * speed * 1e6);
}

export interface NetCounters {
  rxBytes: number;
  txBytes: number;
}

/** Cumulative pod network bytes since `startedAt`: ∫ r0·(1 + 0.3·sin(ωt+φ)) dt, monotonic. */
export function networkCounters(podUid: string, startedAt: number, now: number, speed: number, busy = 1): NetCounters {
  const t = Math.max(0, (now - startedAt) * speed) / 1000;
  const u = unit(podUid, 'net');
  const w = 1 / (60 + 120 * u);
  const phi = u * 6.28;
  const integral = (r0: number) => r0 * (t + (0.3 / w) * (Math.cos(phi) - Math.cos(w * t + phi)));
  const rx = 800 + 2400 * u;
  return { rxBytes: Math.round(integral(rx * busy)), txBytes: Math.round(integral(rx * 0.6 * busy)) };
}

/** Quantity strings the way metrics-server writes them: cpu in nanocores ("2460739n"), memory in Ki. */
export function cpuQuantity(milli: number): string {
  return `${Math.round(milli * 1e6)}n`;
}

export function memoryQuantity(bytes: number): string {
  return `${Math.round(bytes / 1024)}Ki`;
}
