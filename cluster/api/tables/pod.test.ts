import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { podCells, podConditions } from './pod';

const NOW = new Date('2026-11-23T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

function pod(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', creationTimestamp: ago(300), ...meta },
    spec: { containers: [{ name: 'app' }], ...spec },
    status,
  };
}

const running = (ready: boolean, restartCount = 0, extra: Record<string, unknown> = {}) => ({
  name: 'app',
  ready,
  restartCount,
  state: { running: { startedAt: ago(60) } },
  ...extra,
});

// [situation, pod, READY, STATUS, RESTARTS] — statefulset-semantics.md §8.4 table plus the T-8 rules.
const cases: [string, KubeObject, string, string, string][] = [
  ['unscheduled', pod({}, { phase: 'Pending' }), '0/1', 'Pending', '0'],
  [
    'scheduling gated',
    pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    '0/1',
    'SchedulingGated',
    '0',
  ],
  [
    'container being created',
    pod({ nodeName: 'node-1' }, { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }),
    '0/1',
    'ContainerCreating',
    '0',
  ],
  [
    'second of two init containers running',
    pod(
      { initContainers: [{ name: 'i1' }, { name: 'i2' }] },
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'i1', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'i2', ready: false, restartCount: 0, state: { running: { startedAt: ago(5) } } },
        ],
        containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    ),
    '0/1',
    'Init:1/2',
    '0',
  ],
  [
    'init container crash looping',
    pod(
      { initContainers: [{ name: 'i1' }] },
      {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'i1',
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(30) } },
          },
        ],
      },
    ),
    '0/1',
    'Init:CrashLoopBackOff',
    '4 (30s ago)',
  ],
  [
    'init container failed without reason',
    pod({ initContainers: [{ name: 'i1' }] }, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 3 } } }] }),
    '0/1',
    'Init:ExitCode:3',
    '0',
  ],
  [
    'init container killed by signal',
    pod({ initContainers: [{ name: 'i1' }] }, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 137, signal: 9 } } }] }),
    '0/1',
    'Init:Signal:9',
    '0',
  ],
  [
    'image cannot be pulled',
    pod({}, { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] }),
    '0/1',
    'ImagePullBackOff',
    '0',
  ],
  ['running, readiness failing', pod({}, { phase: 'Running', containerStatuses: [running(false)] }), '0/1', 'Running', '0'],
  ['running and ready', pod({}, { phase: 'Running', containerStatuses: [running(true)] }), '1/1', 'Running', '0'],
  [
    'crash loop back-off',
    pod({}, {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(20) } },
        },
      ],
    }),
    '0/1',
    'CrashLoopBackOff',
    '3 (20s ago)',
  ],
  [
    'just exited non-zero',
    pod({}, {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          ready: false,
          restartCount: 3,
          state: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(1) } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(130) } },
        },
      ],
    }),
    '0/1',
    'Error',
    '3 (2m10s ago)',
  ],
  [
    'terminated without reason',
    pod({}, { phase: 'Running', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 2 } } }] }),
    '0/1',
    'ExitCode:2',
    '0',
  ],
  ['being deleted', pod({}, { phase: 'Running', containerStatuses: [running(true)] }, { deletionTimestamp: ago(1) }), '1/1', 'Terminating', '0'],
  [
    'deleted on a lost node',
    pod({}, { phase: 'Running', reason: 'NodeLost', containerStatuses: [running(true)] }, { deletionTimestamp: ago(1) }),
    '1/1',
    'Unknown',
    '0',
  ],
  [
    'completed and being deleted stays Completed',
    pod({}, { phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }, { deletionTimestamp: ago(1) }),
    '0/1',
    'Completed',
    '0',
  ],
  [
    'completed sidecar-less container next to a running one',
    pod(
      { containers: [{ name: 'app' }, { name: 'job' }] },
      {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [running(true), { name: 'job', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      },
    ),
    '1/2',
    'NotReady',
    '0',
  ],
  [
    'evicted pod keeps status.reason',
    pod({}, { phase: 'Failed', reason: 'Evicted' }),
    '0/1',
    'Evicted',
    '0',
  ],
  [
    'started sidecar counts toward READY and its restarts always count',
    pod(
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'proxy', ready: true, started: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } } },
        ],
        containerStatuses: [running(true, 1, { lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } })],
      },
    ),
    '2/2',
    'Running',
    '3 (90s ago)',
  ],
];

describe('pod STATUS, READY, RESTARTS (T-8, P-16, P-17)', () => {
  it.each(cases)('%s', (_name, p, ready, status, restarts) => {
    const cells = podCells(p, NOW);
    expect(cells.slice(1, 4)).toEqual([ready, status, restarts]);
    expect(cells[0]).toBe('web-0');
    expect(cells[4]).toBe('5m');
  });

  it('fills the wide cells with <none> or values', () => {
    expect(podCells(pod({}, { phase: 'Pending' }), NOW).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
    const p = pod(
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
      { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }], nominatedNodeName: 'node-2', conditions: [{ type: 'a', status: 'True' }, { type: 'b', status: 'False' }] },
    );
    expect(podCells(p, NOW).slice(5)).toEqual(['10.0.0.5', 'node-1', 'node-2', '1/2']);
  });

  it('marks terminal pods with a Completed row condition', () => {
    expect(podConditions(pod({}, { phase: 'Succeeded' }))).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    expect(podConditions(pod({}, { phase: 'Failed' }))?.[0].message).toBe('The pod failed.');
    expect(podConditions(pod({}, { phase: 'Running' }))).toBeUndefined();
  });
});
