import { describe, expect, it } from 'vitest';
import { statefulSetStatus } from './statefulSetStatus';
import type { KubeEvent, Pod, StatefulSet } from './types';

const NOW = Date.parse('2026-12-01T10:00:00Z');

function sts(spec: Partial<StatefulSet['spec']> = {}, status: StatefulSet['status'] = {}, meta: Partial<StatefulSet['metadata']> = {}): StatefulSet {
  return {
    metadata: { name: 'web', namespace: 'default', generation: 1, ...meta },
    spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec },
    status: {
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      currentReplicas: 3,
      availableReplicas: 3,
      currentRevision: 'web-a',
      updateRevision: 'web-a',
      observedGeneration: 1,
      ...status,
    },
  };
}

function pod(name: string, opts: { waiting?: string; phase?: string; rev?: string; unschedulableSince?: string } = {}): Pod {
  return {
    metadata: { name, labels: { 'controller-revision-hash': opts.rev ?? 'web-a' } },
    status: {
      phase: opts.phase ?? 'Running',
      containerStatuses: [{ name: 'c', ready: !opts.waiting, restartCount: 0, state: opts.waiting ? { waiting: { reason: opts.waiting } } : { running: {} } }],
      conditions: opts.unschedulableSince
        ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: opts.unschedulableSince }]
        : [],
    },
  };
}

function event(reason: string, type: 'Normal' | 'Warning', at: string, message = ''): KubeEvent {
  return { metadata: { name: `web.${reason}` }, reason, type, message, source: { component: 'statefulset-controller' }, lastTimestamp: at };
}

describe('StatefulSet status derivation (console-spec §2.3)', () => {
  it('healthy set is Running', () => {
    expect(statefulSetStatus(sts(), [pod('web-0')], [], NOW)).toEqual({ state: 'Running', badges: [] });
  });

  it('deletionTimestamp wins over everything', () => {
    const s = sts({}, {}, { deletionTimestamp: '2026-12-01T09:00:00Z' });
    expect(statefulSetStatus(s, [pod('web-0', { waiting: 'CrashLoopBackOff' })], [], NOW).state).toBe('Deleting');
  });

  it('a pod problem is an Error naming the lowest-ordinal pod', () => {
    const v = statefulSetStatus(sts(), [pod('web-2', { waiting: 'CrashLoopBackOff' }), pod('web-1', { waiting: 'ImagePullBackOff' })], [], NOW);
    expect(v).toEqual({ state: 'Error', reason: 'ImagePullBackOff on web-1', badges: [] });
  });

  it('Unschedulable counts only after 60 s', () => {
    const young = pod('web-0', { unschedulableSince: '2026-12-01T09:59:30Z', phase: 'Pending' });
    const old = pod('web-0', { unschedulableSince: '2026-12-01T09:58:30Z', phase: 'Pending' });
    const s = sts({}, { readyReplicas: 2 });
    expect(statefulSetStatus(s, [young], [], NOW).state).toBe('Updating');
    expect(statefulSetStatus(s, [old], [], NOW).reason).toBe('Unschedulable on web-0');
  });

  it('FailedCreate newer than the last SuccessfulCreate is an Error while replicas are missing', () => {
    const events = [
      event('SuccessfulCreate', 'Normal', '2026-12-01T09:00:00Z'),
      event('FailedCreate', 'Warning', '2026-12-01T09:01:00Z', 'create Pod web-1 in StatefulSet web failed'),
    ];
    const v = statefulSetStatus(sts({}, { replicas: 1 }), [], events, NOW);
    expect(v).toEqual({ state: 'Error', reason: 'FailedCreate: create Pod web-1 in StatefulSet web failed', badges: [] });
    // ...but not once every replica exists.
    expect(statefulSetStatus(sts(), [], events, NOW).state).toBe('Running');
  });

  it('scaled to zero is Stopped; missing spec.replicas counts as 1', () => {
    expect(statefulSetStatus(sts({ replicas: 0 }, { replicas: 0, readyReplicas: 0 }), [], [], NOW).state).toBe('Stopped');
    expect(statefulSetStatus(sts({ replicas: undefined }, { replicas: 0 }), [], [], NOW).reason).toBe('Scaling 0 → 1');
  });

  it('Scaling, then Updating reasons in rule order', () => {
    expect(statefulSetStatus(sts({ replicas: 5 }), [], [], NOW).reason).toBe('Scaling 3 → 5');
    expect(statefulSetStatus(sts({}, { observedGeneration: 1 }, { generation: 2 }), [], [], NOW).reason).toBe('Waiting for the controller');
    expect(statefulSetStatus(sts({}, { updatedReplicas: 1, updateRevision: 'web-b' }), [], [], NOW).reason).toBe('Updating 1/3 Pods');
    expect(statefulSetStatus(sts({}, { readyReplicas: 2 }), [], [], NOW).reason).toBe('2/3 Pods ready');
    expect(statefulSetStatus(sts({ minReadySeconds: 10 }, { availableReplicas: 1 }), [], [], NOW).reason).toBe('3/3 Pods ready');
  });

  it('partitioned rollout reports Running with a Partitioned badge', () => {
    const s = sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }, { updatedReplicas: 1, updateRevision: 'web-b' });
    const v = statefulSetStatus(s, [pod('web-0'), pod('web-1'), pod('web-2', { rev: 'web-b' })], [], NOW);
    expect(v).toEqual({ state: 'Running', badges: ['Partitioned · 2 on old revision'] });
  });

  it('OnDelete with pods on the old revision shows pending', () => {
    const s = sts({ updateStrategy: { type: 'OnDelete' } }, { updatedReplicas: 0, updateRevision: 'web-b' });
    const v = statefulSetStatus(s, [pod('web-0'), pod('web-1', { rev: 'web-b' })], [], NOW);
    expect(v).toEqual({ state: 'Running', badges: ['OnDelete · 1 pending'] });
  });
});
