import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { podMetricsObject } from './metricsSource';
import { containerUsage, networkCounters } from './usage';

const T0 = Date.parse('2026-11-23T10:00:00Z');

describe('simulated usage', () => {
  it('stays below 90 % of the limits at every moment and moves over time', () => {
    const c = { name: 'app', image: 'mysql:8', resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '150m', memory: '220Mi' } } };
    const samples = Array.from({ length: 200 }, (_, i) => containerUsage('uid', c, T0, T0 + i * 7000, 1));
    for (const s of samples) {
      expect(s.cpuMilli).toBeLessThanOrEqual(135);
      expect(s.memoryBytes).toBeLessThanOrEqual(220 * 1024 * 1024 * 0.9 + 1);
    }
    expect(new Set(samples.map((s) => Math.round(s.cpuMilli))).size).toBeGreaterThan(5);
  });

  it('is a function of time only (same answer for the same moment)', () => {
    const c = { name: 'nginx', image: 'nginx:1.27' };
    expect(containerUsage('u', c, T0, T0 + 12_345, 1)).toEqual(containerUsage('u', c, T0, T0 + 12_345, 1));
  });

  it('network counters never decrease', () => {
    let prev = networkCounters('u', T0, T0, 1);
    expect(prev).toEqual({ rxBytes: 0, txBytes: 0 });
    for (let t = 1000; t < 3_600_000; t += 13_000) {
      const cur = networkCounters('u', T0, T0 + t, 1);
      expect(cur.rxBytes).toBeGreaterThanOrEqual(prev.rxBytes);
      expect(cur.txBytes).toBeGreaterThanOrEqual(prev.txBytes);
      prev = cur;
    }
  });

  it('PodMetrics only for running pods, quantities in metrics-server form', () => {
    const pod: KubeObject = {
      metadata: { name: 'web-0', namespace: 'default', uid: 'u', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'nginx', state: { running: { startedAt: '2026-11-23T10:00:00Z' } } }] },
    };
    const m = podMetricsObject(pod, T0 + 60_000, 1)!;
    expect(m.metadata).toMatchObject({ name: 'web-0', namespace: 'default', labels: { app: 'web' } });
    const usage = (m.containers as { name: string; usage: { cpu: string; memory: string } }[])[0];
    expect(usage.name).toBe('nginx');
    expect(usage.usage.cpu).toMatch(/^\d+n$/);
    expect(usage.usage.memory).toMatch(/^\d+Ki$/);
    expect(podMetricsObject({ ...pod, status: { phase: 'Pending' } }, T0, 1)).toBeUndefined();
  });
});
