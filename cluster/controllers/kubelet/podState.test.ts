import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { buildPodStatus, newContainerState, podPhase, type PodState } from './podState';

function state(containers: ReturnType<typeof newContainerState>[]): PodState {
  return { uid: 'u', nodeName: 'node-1', hostIP: '10.0.0.11', startTime: Date.parse('2025-03-01T10:00:00Z'), sandboxReady: true, podIP: '10.244.1.2', terminating: false, containers, transitions: new Map() };
}
const pod: KubeObject = { metadata: { name: 'web-0' }, spec: { containers: [] }, status: { phase: 'Pending', qosClass: 'BestEffort' } };

describe('pod phase (kubelet getPhase)', () => {
  const running = () => Object.assign(newContainerState({ name: 'a' }, false, false), { state: 'running' as const });
  const exited = (code: number) => Object.assign(newContainerState({ name: 'a' }, false, false), { state: 'terminated' as const, terminated: { exitCode: code, reason: code ? 'Error' : 'Completed', startedAt: 0, finishedAt: 0, containerID: 'x' } });
  const cases: [string, PodState, string, string][] = [
    ['waiting, never ran', state([newContainerState({ name: 'a' }, false, false)]), 'Always', 'Pending'],
    ['running', state([running()]), 'Always', 'Running'],
    ['exited non-zero, Always restarts', state([exited(1)]), 'Always', 'Running'],
    ['exited 0, Never', state([exited(0)]), 'Never', 'Succeeded'],
    ['exited 1, Never', state([exited(1)]), 'Never', 'Failed'],
    ['init container not done', state([newContainerState({ name: 'i' }, true, true), running()]), 'Always', 'Pending'],
  ];
  for (const [name, s, policy, want] of cases) it(name, () => expect(podPhase(s, policy)).toBe(want));
});

describe('status document', () => {
  it('keeps lastTransitionTime until a condition flips', () => {
    const c = newContainerState({ name: 'nginx', image: 'nginx:1.27' }, false, false);
    const s = state([c]);
    const t0 = Date.parse('2025-03-01T10:00:01Z');
    const first = buildPodStatus(s, pod, t0) as { conditions: { type: string; lastTransitionTime: string }[] };
    c.state = 'running';
    c.ready = true;
    c.started = true;
    const second = buildPodStatus(s, pod, t0 + 5000) as { conditions: { type: string; status: string; lastTransitionTime: string }[]; qosClass: string };
    const ready = second.conditions.find((x) => x.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'True', lastTransitionTime: '2025-03-01T10:00:06Z' });
    expect(second.conditions.find((x) => x.type === 'PodReadyToStartContainers')!.lastTransitionTime).toBe(first.conditions[0].lastTransitionTime);
    expect(second.qosClass).toBe('BestEffort');
    expect(Object.keys(second)).toEqual(['phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'containerStatuses', 'qosClass']);
  });
});
