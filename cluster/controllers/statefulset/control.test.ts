// The pure control plan against the scenarios of semantics §10.2 and the rules of §4.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { planStatefulSetSync, type SyncPlan } from './control';
import { claimOf, makePod, makeSet, revisionOf, T0, withImage, type PodState } from './testFixtures';
import type { ControllerRevision, Pod, StatefulSet } from './types';

const v1 = makeSet();
const r1 = revisionOf(v1, 1);
const v2 = withImage(v1, 'nginx:1.28');
const r2 = revisionOf(v2, 2);

interface Case {
  name: string;
  set: StatefulSet;
  pods: [number, PodState, ControllerRevision?][];
  current?: ControllerRevision;
  update?: ControllerRevision;
  claims?: KubeObject[];
  now?: number;
  readySince?: number;
  expect: string[];
  halt?: string;
}

function plan(c: Omit<Case, 'expect' | 'name'>): SyncPlan {
  const current = c.current ?? r1;
  const update = c.update ?? current;
  const pods = c.pods.map(([o, st, rev]) => makePod(c.set, o, rev ?? current, st, c.readySince));
  return planStatefulSetSync({
    set: c.set, pods, currentRevision: current, updateRevision: update, collisionCount: 0,
    claims: new Map((c.claims ?? []).map((x) => [x.metadata.name ?? '', x])), nowMs: c.now ?? T0,
  });
}

/** The plan as `verb pod` strings, in execution order. */
function actions(p: SyncPlan): string[] {
  return p.phases.flatMap((ph) => ph.groups.flat().map((a) => `${a.type} ${a.pod.metadata.name}`));
}

const scale = (n: number, over: Partial<StatefulSet['spec']> = {}): StatefulSet => ({ ...v1, spec: { ...v1.spec, replicas: n, ...over } });
const parallel = (n: number): StatefulSet => scale(n, { podManagementPolicy: 'Parallel' });
const partition = (set: StatefulSet, p: number): StatefulSet => ({ ...set, spec: { ...set.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: p } } } });
const onDelete = (set: StatefulSet): StatefulSet => ({ ...set, spec: { ...set.spec, updateStrategy: { type: 'OnDelete' } } });

const cases: Case[] = [
  // T-01 / C-19: ordered creation, one pod per round, only after the previous is Running+Ready.
  { name: 'T-01 creates web-0 first', set: v1, pods: [], expect: ['createPod web-0'], halt: 'web-0: created' },
  { name: 'T-01 creates web-1 once web-0 is ready', set: v1, pods: [[0, 'ready']], expect: ['createPod web-1'] },
  { name: 'T-06 creation halts on an unready pod', set: v1, pods: [[0, 'running']], expect: [], halt: 'web-0: not running and ready' },
  { name: 'T-06 creation halts on a pending pod', set: v1, pods: [[0, 'pending']], expect: [], halt: 'web-0: not running and ready' },
  { name: 'T-09 a missing lower ordinal is created even if a higher one is unready', set: v1, pods: [[1, 'running'], [2, 'ready']], expect: ['createPod web-0'] },
  { name: 'C-17 a terminating replica halts the walk', set: v1, pods: [[0, 'terminating-ready'], [1, 'ready']], expect: [], halt: 'web-0: terminating' },
  { name: 'settled set does nothing', set: v1, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready']], expect: [] },
  // T-05 / C-21: scale down, highest ordinal first, one at a time.
  { name: 'T-05 scale 5 → 2 deletes web-4 only', set: scale(2), pods: [[0, 'ready'], [1, 'ready'], [2, 'ready'], [3, 'ready'], [4, 'ready']], expect: ['deletePod web-4'] },
  { name: 'T-05 waits for the terminating condemned pod', set: scale(2), pods: [[0, 'ready'], [1, 'ready'], [2, 'ready'], [3, 'terminating-ready']], expect: [], halt: 'web-3: terminating' },
  // T-07: scale-down halts on unready pods.
  { name: 'T-07 3 → 0 all unready: nothing deleted', set: scale(0), pods: [[0, 'running'], [1, 'running'], [2, 'running']], expect: [], halt: 'web-2: not running and ready' },
  { name: 'T-07 3 → 0 only web-0 unready: web-2 goes', set: scale(0), pods: [[0, 'running'], [1, 'ready'], [2, 'ready']], expect: ['deletePod web-2'] },
  { name: 'T-07 3 → 0 only web-0 left and unready: it is the first unhealthy pod', set: scale(0), pods: [[0, 'running']], expect: ['deletePod web-0'] },
  { name: 'T-07 3 → 1 with web-0 unready deletes nothing', set: scale(1), pods: [[0, 'running'], [1, 'ready'], [2, 'ready']], expect: [], halt: 'web-0: not running and ready' },
  // T-08: burst.
  { name: 'T-08 Parallel creates all missing pods at once', set: parallel(3), pods: [[0, 'running']], expect: ['createPod web-1', 'createPod web-2'] },
  { name: 'T-08 Parallel deletes every condemned pod at once, healthy or not', set: parallel(0), pods: [[0, 'running'], [1, 'running'], [2, 'ready']], expect: ['deletePod web-2', 'deletePod web-1', 'deletePod web-0'] },
  { name: 'C-22 Parallel skips terminating condemned pods', set: parallel(0), pods: [[0, 'ready'], [1, 'terminating']], expect: ['deletePod web-0'] },
  // T-11 / C-14: failed pods are deleted, recreated in a later round.
  { name: 'T-11 a failed pod is deleted and the round ends', set: v1, pods: [[0, 'ready'], [1, 'failed'], [2, 'ready']], expect: ['deletePod web-1'], halt: 'web-1: phase Failed' },
  // T-12 / C-24: rolling update, highest first, one at a time, waits for health.
  { name: 'T-12 rolling update replaces web-2 first', set: v2, update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready']], expect: ['deletePod web-2'] },
  { name: 'T-12 recreates the replaced pod at the update revision', set: v2, update: r2, pods: [[0, 'ready'], [1, 'ready']], expect: ['createPod web-2'] },
  { name: 'T-12 waits for the new web-2 to be ready', set: v2, update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'running', r2]], expect: [], halt: 'web-2: not running and ready' },
  { name: 'T-12 then replaces web-1', set: v2, update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready', r2]], expect: ['deletePod web-1'] },
  { name: 'C-27 Parallel: scaling and one update deletion in the same round', set: { ...withImage(parallel(3), 'nginx:1.28') }, update: r2, pods: [[1, 'ready'], [2, 'ready']], expect: ['createPod web-0', 'deletePod web-2'] },
  // T-15: partitions.
  { name: 'T-15 partition 3 updates nothing', set: partition(v2, 3), update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready']], expect: [] },
  { name: 'T-15 partition 2 updates web-2 only', set: partition(v2, 2), update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready']], expect: ['deletePod web-2'] },
  { name: 'T-15 partition 2 done: nothing below it is touched', set: partition(v2, 2), update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready', r2]], expect: [] },
  { name: 'T-37 unready updated pod above the target halts the walk', set: partition(v2, 0), update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'running', r2]], expect: [], halt: 'web-2: not running and ready' },
  // T-16 / C-23: OnDelete never deletes for an update.
  { name: 'T-16 OnDelete ignores the template change', set: onDelete(v2), update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready']], expect: [] },
  // C-17 / T-26: minReadySeconds gates OrderedReady creation.
  { name: 'T-26 minReadySeconds not yet elapsed halts creation', set: scale(3, { minReadySeconds: 30 }), pods: [[0, 'ready']], readySince: T0 - 10_000, expect: [], halt: 'web-0: not available' },
  { name: 'T-26 minReadySeconds elapsed lets creation continue', set: scale(3, { minReadySeconds: 30 }), pods: [[0, 'ready']], readySince: T0 - 31_000, expect: ['createPod web-1'] },
  { name: 'C-28 rolling update ignores minReadySeconds', set: { ...v2, spec: { ...v2.spec, minReadySeconds: 30 } }, update: r2, pods: [[0, 'ready'], [1, 'ready'], [2, 'ready', r2]], readySince: T0 - 31_000, expect: ['deletePod web-1'] },
  // T-28: start ordinal.
  { name: 'T-28 start 2: creates web-2 first', set: scale(2, { ordinals: { start: 2 } }), pods: [], expect: ['createPod web-2'] },
  { name: 'T-28 start 2 → 3: creates web-4 before deleting web-2', set: scale(2, { ordinals: { start: 3 } }), pods: [[2, 'ready'], [3, 'ready']], expect: ['createPod web-4'] },
  { name: 'T-28 start 3 settled: web-2 is condemned', set: scale(2, { ordinals: { start: 3 } }), pods: [[2, 'ready'], [3, 'ready'], [4, 'ready']], expect: ['deletePod web-2'] },
  // C-16 / T-32: a Pending pod gets its missing claim back.
  { name: 'T-32 recreates the claim of a Pending pod', set: v1, pods: [[0, 'pending']], claims: [], expect: ['createMissingClaims web-0'] },
  { name: 'C-16 no claim work when the claim exists', set: v1, pods: [[0, 'pending']], claims: [claimOf(v1, 0)], expect: [] },
];

describe('planStatefulSetSync (semantics §10.2 scenarios)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const claims = c.claims ?? c.pods.map(([o]) => claimOf(c.set, o));
      const p = plan({ ...c, claims });
      expect(actions(p)).toEqual(c.expect);
      if (c.halt) expect(p.halt).toBe(c.halt);
    });
  }
});

describe('pods the plan creates (I-3, C-10)', () => {
  const created = (p: SyncPlan): Pod[] => p.phases.flatMap((ph) => ph.groups.flat()).filter((a) => a.type === 'createPod').map((a) => a.pod);

  it('T-03 carries identity labels, owner reference, hostname/subdomain and claim volumes', () => {
    const [pod] = created(plan({ set: v1, pods: [] }));
    expect(pod.metadata).toMatchObject({
      name: 'web-0',
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': r1.metadata.name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }],
    });
    expect(pod.spec.hostname).toBe('web-0');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.spec.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
  });

  it('T-28 pod-index is the real ordinal with ordinals.start', () => {
    const [pod] = created(plan({ set: scale(2, { ordinals: { start: 2 } }), pods: [] }));
    expect(pod.metadata.labels?.['apps.kubernetes.io/pod-index']).toBe('2');
  });

  it('T-15 / C-10 a deleted pod below the partition comes back at the current revision', () => {
    const p = plan({ set: partition(v2, 2), current: r1, update: r2, pods: [[0, 'ready'], [2, 'ready', r2]] });
    const [pod] = created(p);
    expect(pod.metadata.name).toBe('web-1');
    expect(pod.metadata.labels?.['controller-revision-hash']).toBe(r1.metadata.name);
    expect((pod.spec.containers as { image: string }[])[0].image).toBe('nginx:1.27');
  });

  it('T-16 / C-10 OnDelete recreates with the update revision', () => {
    const [pod] = created(plan({ set: onDelete(v2), current: r1, update: r2, pods: [[0, 'ready'], [1, 'ready']] }));
    expect(pod.metadata.labels?.['controller-revision-hash']).toBe(r2.metadata.name);
    expect((pod.spec.containers as { image: string }[])[0].image).toBe('nginx:1.28');
  });
});

describe('identity repair and retention (I-4, C-15, C-31…C-33)', () => {
  it('I-4 a member missing its pod-name label is updated', () => {
    const pod = makePod(v1, 0, r1);
    delete pod.metadata.labels?.['statefulset.kubernetes.io/pod-name'];
    const p = planStatefulSetSync({ set: scale(1), pods: [pod], currentRevision: r1, updateRevision: r1, collisionCount: 0, claims: new Map([['www-web-0', claimOf(v1, 0)]]), nowMs: T0 });
    expect(actions(p)).toEqual(['updatePod web-0']);
  });

  it('C-31 whenScaled Delete: a condemned pod first takes ownership of its claim, then is deleted', () => {
    const set = scale(1, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } });
    const p = plan({ set, pods: [[0, 'ready'], [1, 'ready']], claims: [claimOf(set, 0), claimOf(set, 1)] });
    expect(actions(p)).toEqual(['fixClaimRetention web-1', 'deletePod web-1']);
  });

  it('C-31 whenDeleted Delete: in-range pods whose claims lack the set reference are updated', () => {
    const set = scale(1, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } });
    const p = plan({ set, pods: [[0, 'ready']], claims: [claimOf(set, 0)] });
    expect(actions(p)).toEqual(['updatePod web-0']);
    const owned = claimOf(set, 0, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }]);
    expect(actions(plan({ set, pods: [[0, 'ready']], claims: [owned] }))).toEqual([]);
  });

  it('C-15 a stale claim still owned by an old pod blocks creation', () => {
    const set = scale(1, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } });
    const stale = claimOf(set, 0, [{ apiVersion: 'v1', kind: 'Pod', name: 'web-0', uid: 'old-pod', controller: true, blockOwnerDeletion: true }]);
    const p = plan({ set, pods: [], claims: [stale] });
    expect(actions(p)).toEqual([]);
    expect(p.halt).toBe('web-0: stale claim awaiting garbage collection');
  });

  it('C-11 a set being deleted only reports status', () => {
    const set = { ...scale(1), metadata: { ...v1.metadata, deletionTimestamp: '2025-03-01T10:00:00Z' } };
    const p = plan({ set, pods: [[0, 'ready'], [1, 'ready']] });
    expect(actions(p)).toEqual([]);
    expect(p.status.replicas).toBe(2);
  });
});

describe('status (S-1…S-5)', () => {
  it('counts created, ready, available, current and updated pods', () => {
    const set = { ...v2, spec: { ...v2.spec, minReadySeconds: 30 } };
    const pods: Pod[] = [
      makePod(set, 0, r1, 'ready', T0 - 60_000),
      makePod(set, 1, r1, 'ready', T0 - 5_000), // ready, not yet available
      makePod(set, 2, r2, 'terminating-ready', T0 - 60_000), // terminating: counted in replicas and ready only
      makePod(set, 3, r2, 'running'), // condemned (replicas 3), unready
    ];
    const p = planStatefulSetSync({ set, pods, currentRevision: r1, updateRevision: r2, collisionCount: 0, claims: new Map(), nowMs: T0 });
    expect(p.status).toEqual({
      observedGeneration: 2, replicas: 4, readyReplicas: 3, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 1,
      currentRevision: r1.metadata.name, updateRevision: r2.metadata.name, collisionCount: 0,
    });
  });
});
