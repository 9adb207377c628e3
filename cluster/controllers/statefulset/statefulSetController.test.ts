// The whole controller (informers, queue, control, pod control, history, status, events)
// against the in-memory fake client, with a tiny kubelet stand-in that makes pods Running and
// Ready. What is asserted is what a client would see: objects, their order of creation, events.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { newInvalid, fieldErrors } from '../../api/errors';
import { ManualClock } from '../runtime/clock';
import { Informer } from '../runtime/informer';
import { CONTROLLER_REVISIONS, PODS, PVCS, STATEFULSETS } from '../runtime/objects';
import { FakeClusterClient } from '../testing/fakeClusterClient';
import { StatefulSetController } from './statefulSetController';
import { apply, converge, created, deleted, events, getSet, harness, podNames, settle } from './testHarness';
import { makeSet, withImage } from './testFixtures';

describe('StatefulSetController end to end (fake API)', () => {
  it('T-01/T-02/T-04: ordered creation with claims first, one revision, settled status and events', async () => {
    const h = await harness();
    await apply(h, makeSet());
    await converge(h);
    expect(created(h, 'pods')).toEqual(['web-0', 'web-1', 'web-2']);
    // Each claim exists before its pod (I-5): the write log interleaves claim, pod, claim, pod…
    const writes = h.c.actions.filter((a) => /^create (pods|persistentvolumeclaims) /.test(a)).map((a) => a.split('/')[1]);
    expect(writes).toEqual(['www-web-0', 'web-0', 'www-web-1', 'web-1', 'www-web-2', 'web-2']);
    const revs = h.c.all(CONTROLLER_REVISIONS);
    expect(revs).toHaveLength(1);
    expect(revs[0].metadata.name).toMatch(/^web-[456789bcdf]{1,10}$/);
    expect(revs[0].revision).toBe(1);
    const revName = revs[0].metadata.name;
    expect(h.c.peek(PODS, 'default', 'web-1')?.metadata.labels?.['controller-revision-hash']).toBe(revName);
    expect(getSet(h).status).toEqual({
      observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3,
      currentRevision: revName, updateRevision: revName, collisionCount: 0, availableReplicas: 3,
    });
    expect(events(h).map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'Normal SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'Normal SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    const e0 = events(h)[0] as KubeObject & Record<string, unknown>;
    expect(e0.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(e0).toMatchObject({
      involvedObject: { kind: 'StatefulSet', namespace: 'default', name: 'web', apiVersion: 'apps/v1' },
      source: { component: 'statefulset-controller' }, reportingComponent: 'statefulset-controller', reportingInstance: '', count: 1, eventTime: null,
    });
  });

  it('S-11: never writes an unchanged status', async () => {
    const h = await harness();
    await apply(h, makeSet({ replicas: 1 }));
    await converge(h);
    const writes = () => h.c.actions.filter((a) => a.startsWith('update statefulsets/status')).length;
    const before = writes();
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { metadata: { labels: { touched: 'yes' } } });
    await converge(h);
    expect(writes()).toBe(before);
  });

  it('T-05: scale 3 → 5 → 2 creates and deletes one at a time, highest first; claims stay', async () => {
    const h = await harness();
    await apply(h, makeSet());
    await converge(h);
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 5 } });
    await converge(h);
    expect(created(h, 'pods')).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 2 } });
    // One round: only web-4 is being deleted.
    await settle(h);
    expect(deleted(h)).toEqual(['web-4']);
    await converge(h);
    expect(deleted(h)).toEqual(['web-4', 'web-3', 'web-2']);
    expect(podNames(h)).toEqual(['web-0', 'web-1']);
    expect(h.c.all(PVCS)).toHaveLength(5);
    expect(getSet(h).status?.replicas).toBe(2);
  });

  it('T-06: scale-up halts while web-0 is unready and resumes in order', async () => {
    const h = await harness();
    await apply(h, makeSet({ replicas: 1 }));
    await converge(h);
    h.unready.add('web-0');
    await converge(h);
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 3 } });
    await converge(h);
    expect(podNames(h)).toEqual(['web-0']);
    // S-12: zero counts are omitted, except replicas and availableReplicas.
    expect(getSet(h).status).toMatchObject({ replicas: 1, availableReplicas: 0 });
    expect(getSet(h).status).not.toHaveProperty('readyReplicas');
    h.unready.clear();
    await converge(h);
    expect(created(h, 'pods')).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('T-12/T-13: rolling update highest first, then rollback renumbers revision 1 to 3', async () => {
    const h = await harness();
    const v1 = makeSet();
    await apply(h, v1);
    await converge(h);
    const rev1 = getSet(h).status?.currentRevision;
    await apply(h, withImage(v1, 'nginx:1.28'));
    await converge(h);
    expect(deleted(h)).toEqual(['web-2', 'web-1', 'web-0']);
    const st = getSet(h).status ?? {};
    expect(st.currentRevision).toBe(st.updateRevision);
    expect(st.currentRevision).not.toBe(rev1);
    const images = h.c.all(PODS).map((p) => ((p.spec as { containers: { image: string }[] }).containers[0].image));
    expect(images).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    // rollout undo: the old template again.
    await apply(h, v1);
    await converge(h);
    const revs = h.c.all(CONTROLLER_REVISIONS).map((r) => [r.metadata.name, r.revision]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(revs).toEqual([[st.updateRevision, 2], [rev1, 3]]);
    expect(getSet(h).status?.currentRevision).toBe(rev1);
    expect(deleted(h)).toEqual(['web-2', 'web-1', 'web-0', 'web-2', 'web-1', 'web-0']);
  });

  it('T-10: a deleted pod comes back with the same name and claim; SuccessfulCreate count grows (E-2)', async () => {
    const h = await harness();
    await apply(h, makeSet({ replicas: 1 }));
    await converge(h);
    const uid = h.c.peek(PODS, 'default', 'web-0')?.metadata.uid;
    await h.c.delete(PODS, 'default', 'web-0');
    await converge(h);
    const pod = h.c.peek(PODS, 'default', 'web-0');
    expect(pod?.metadata.uid).not.toBe(uid);
    expect((pod?.spec as { volumes: unknown[] }).volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
    const create = events(h).filter((e) => e.message === 'create Pod web-0 in StatefulSet web successful');
    expect(create).toHaveLength(1);
    expect(create[0].count).toBe(2);
  });

  it('T-24: pod create failures repeat as FailedCreate with growing count, with back-off', async () => {
    const h = await harness();
    h.c.reactors.push((verb, ref, obj) =>
      verb === 'create' && ref.resource === 'pods' ? newInvalid('Pod', '', obj?.metadata.name ?? '', [fieldErrors.required('spec.containers[0].image')]) : undefined,
    );
    await apply(h, makeSet({ replicas: 1, claims: false }));
    await settle(h);
    for (let i = 0; i < 4; i++) {
      h.clock.advance(1000);
      await settle(h);
    }
    const failed = events(h).filter((e) => e.reason === 'FailedCreate');
    expect(failed).toHaveLength(1);
    expect(failed[0].type).toBe('Warning');
    expect(failed[0].message).toBe('create Pod web-0 in StatefulSet web failed error: Pod "web-0" is invalid: spec.containers[0].image: Required value');
    // 5 ms doubling: within 4 s at most ~10 attempts, and more than one.
    expect(failed[0].count).toBeGreaterThan(3);
    expect(failed[0].count).toBeLessThan(12);
    expect(h.c.all(PODS)).toHaveLength(0);
  });

  it('T-33: a pod that loses its owner reference is re-adopted; one that loses a selector label is released', async () => {
    const h = await harness();
    await apply(h, makeSet({ replicas: 2, claims: false }));
    await converge(h);
    const uid = h.c.peek(PODS, 'default', 'web-0')?.metadata.uid;
    await h.c.patch(PODS, 'default', 'web-0', 'json', [{ op: 'remove', path: '/metadata/ownerReferences' }]);
    await converge(h);
    const pod = h.c.peek(PODS, 'default', 'web-0');
    expect(pod?.metadata.uid).toBe(uid);
    expect(pod?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    await h.c.patch(PODS, 'default', 'web-1', 'json', [{ op: 'remove', path: '/metadata/labels/app' }]);
    await converge(h);
    expect(h.c.peek(PODS, 'default', 'web-1')?.metadata.ownerReferences).toBeUndefined();
    expect(events(h).filter((e) => e.reason === 'FailedCreate')).toHaveLength(0); // AlreadyExists: no event
  });

  it('T-29: whenScaled Delete makes the condemned pod own its claim before deleting it', async () => {
    const h = await harness();
    await apply(h, makeSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }));
    await converge(h);
    const pod2uid = h.c.peek(PODS, 'default', 'web-2')?.metadata.uid;
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 2 } });
    await settle(h);
    expect(h.c.peek(PVCS, 'default', 'www-web-2')?.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: pod2uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(h.c.peek(PVCS, 'default', 'www-web-1')?.metadata.ownerReferences).toBeUndefined();
    expect(deleted(h)).toEqual(['web-2']);
  });

  it('T-34: keeps revisionHistoryLimit non-live revisions, deleting the oldest first', async () => {
    const h = await harness();
    let set = makeSet({ replicas: 1, claims: false, revisionHistoryLimit: 2 });
    await apply(h, set);
    await converge(h);
    for (let i = 0; i < 6; i++) {
      set = withImage(set, `nginx:1.${30 + i}`);
      await apply(h, set);
      await converge(h);
    }
    expect(h.c.all(CONTROLLER_REVISIONS).map((r) => r.revision).sort()).toEqual([5, 6, 7]);
  });

  it('runs on shared informers started by their owner, even ones that synced before it subscribed', async () => {
    const clock = new ManualClock();
    const c = new FakeClusterClient(clock);
    await c.create(STATEFULSETS, 'default', { ...makeSet({ replicas: 1, claims: false }), metadata: { name: 'web' } });
    const shared = new Map<string, Informer>();
    const informerFor = (ref: { group: string; version: string; resource: string }) => {
      let i = shared.get(ref.resource);
      if (!i) shared.set(ref.resource, (i = new Informer(c, ref, clock)));
      return i;
    };
    await informerFor(STATEFULSETS).start(); // synced before the controller exists
    const ctl = new StatefulSetController(c, { clock, informerFor });
    await Promise.all([...shared.values()].filter((i) => !i.hasSynced()).map((i) => i.start()));
    await ctl.start();
    for (let i = 0; i < 20 && !c.peek(PODS, 'default', 'web-0'); i++) await new Promise((r) => setTimeout(r, 0));
    expect(c.peek(PODS, 'default', 'web-0')?.metadata.labels?.['statefulset.kubernetes.io/pod-name']).toBe('web-0');
    ctl.stop();
    for (const i of shared.values()) i.stop();
  });
});
