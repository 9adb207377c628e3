import { describe, expect, it } from 'vitest';
import { podRows, podReason, shortRevision, usageByPod } from './podModel';
import type { Pod, PodMetrics } from '../../../k8s/types';

function pod(name: string, opts: { rev?: string; waiting?: string; restarts?: number; ready?: boolean; deleting?: boolean } = {}): Pod {
  return {
    metadata: { name, labels: { 'controller-revision-hash': opts.rev ?? 'web-a' }, deletionTimestamp: opts.deleting ? '2026-12-01T10:00:00Z' : undefined },
    spec: { nodeName: 'node-1', containers: [{ name: 'nginx' }] },
    status: {
      phase: opts.waiting ? 'Pending' : 'Running',
      podIP: '10.0.0.1',
      containerStatuses: [{ name: 'nginx', ready: opts.ready ?? !opts.waiting, restartCount: opts.restarts ?? 0, state: opts.waiting ? { waiting: { reason: opts.waiting } } : { running: {} } }],
    },
  };
}

describe('pod rows', () => {
  it('sorts by ordinal numerically and tags Updated / Old by revision', () => {
    const rows = podRows([pod('web-10', { rev: 'web-b' }), pod('web-2'), pod('web-1', { rev: 'web-b' })], 'web-b');
    expect(rows.map((r) => r.name)).toEqual(['web-1', 'web-2', 'web-10']);
    expect(rows.map((r) => r.updated)).toEqual([true, false, true]);
  });

  it('shows the waiting reason, ready count and restarts', () => {
    const [r] = podRows([pod('web-0', { waiting: 'CrashLoopBackOff', restarts: 4 })], 'web-a');
    expect([r.reason, r.ready, r.total, r.restarts]).toEqual(['CrashLoopBackOff', 0, 1, 4]);
  });

  it('a deleting pod reads Terminating', () => {
    expect(podReason(pod('web-0', { deleting: true }))).toBe('Terminating');
  });

  it('revision hash suffix', () => {
    expect(shortRevision('web-7c9d8f', 'web')).toBe('7c9d8f');
    expect(shortRevision(undefined, 'web')).toBe('—');
  });

  it('sums container usage per pod', () => {
    const m: PodMetrics[] = [{ metadata: { name: 'web-0' }, containers: [{ name: 'a', usage: { cpu: '12m', memory: '34Mi' } }, { name: 'b', usage: { cpu: '8m', memory: '2Mi' } }] }];
    const u = usageByPod(m).get('web-0')!;
    expect(u.cpu).toBeCloseTo(0.02);
    expect(u.memory).toBe(36 * 2 ** 20);
  });
});
