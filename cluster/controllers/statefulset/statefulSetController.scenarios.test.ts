// More §10.2 scenarios end to end against the fake API: burst, failed-pod replacement, OnDelete,
// partitions, minReadySeconds, hash collisions, retention conflicts, re-adoption, broken images.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { fieldErrors, newInvalid } from '../../api/errors';
import { CONTROLLER_REVISIONS, PODS, PVCS, STATEFULSETS } from '../runtime/objects';
import { newRevision } from './revisions';
import { apply, converge, created, deleted, events, getSet, harness, podNames, settle } from './testHarness';
import { makeSet, withImage } from './testFixtures';

const image = (p: KubeObject | undefined) => (p?.spec as { containers: { image: string }[] }).containers[0].image;
const pod = (h: Awaited<ReturnType<typeof harness>>, n: number) => h.c.peek(PODS, 'default', `web-${n}`);

describe('StatefulSetController scenarios (fake API)', () => {
  it('T-08: Parallel creates web-1 and web-2 together while web-0 is unready, and deletes all at once', async () => {
    const h = await harness();
    await apply(h, makeSet({ replicas: 1, podManagementPolicy: 'Parallel', claims: false }));
    h.unready.add('web-0');
    await converge(h);
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 3 } });
    await settle(h);
    expect(podNames(h)).toEqual(['web-0', 'web-1', 'web-2']);
    h.unready.add('web-1').add('web-2');
    await converge(h);
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 0 } });
    await settle(h);
    expect(h.c.all(PODS).filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('T-11: a Failed pod is deleted and recreated under the same name', async () => {
    const h = await harness();
    await apply(h, makeSet({ claims: false }));
    await converge(h);
    const uid = pod(h, 1)?.metadata.uid;
    h.c.mutate(PODS, 'default', 'web-1', (p) => (p.status = { phase: 'Failed', reason: 'Evicted' }));
    await converge(h);
    expect(pod(h, 1)?.metadata.uid).not.toBe(uid);
    expect(deleted(h)).toEqual(['web-1']);
    const msgs = events(h).map((e) => `${e.reason} ${e.message} x${e.count}`);
    expect(msgs).toContain('SuccessfulDelete delete Pod web-1 in StatefulSet web successful x1');
    expect(msgs).toContain('SuccessfulCreate create Pod web-1 in StatefulSet web successful x2');
  });

  it('T-16: OnDelete updates nothing by itself; deleted pods return with the new template; currentRevision never moves', async () => {
    const h = await harness();
    const v1 = makeSet({ updateStrategy: { type: 'OnDelete' }, claims: false });
    await apply(h, v1);
    await converge(h);
    const rev1 = getSet(h).status?.currentRevision;
    await apply(h, withImage(v1, 'nginx:1.28'));
    await converge(h);
    expect(deleted(h)).toEqual([]);
    expect(getSet(h).status).toMatchObject({ currentRevision: rev1, currentReplicas: 3 });
    expect(getSet(h).status).not.toHaveProperty('updatedReplicas');
    for (const n of [2, 1, 0]) {
      await h.c.delete(PODS, 'default', `web-${n}`);
      await converge(h);
      expect(image(pod(h, n))).toBe('nginx:1.28');
    }
    const st = getSet(h).status ?? {};
    expect(st.currentRevision).toBe(rev1);
    expect(st.updatedReplicas).toBe(3);
    expect(st).not.toHaveProperty('currentReplicas');
  });

  it('T-15: partitioned canary; a deleted pod below the partition returns with the old template (C-10)', async () => {
    const h = await harness();
    const v1 = makeSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3 } }, claims: false });
    await apply(h, v1);
    await converge(h);
    const v2 = withImage(v1, 'nginx:1.28');
    await apply(h, v2);
    await converge(h);
    expect(deleted(h)).toEqual([]);
    expect(getSet(h).status?.currentRevision).not.toBe(getSet(h).status?.updateRevision);
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { updateStrategy: { rollingUpdate: { partition: 2 } } } });
    await converge(h);
    expect([0, 1, 2].map((n) => image(pod(h, n)))).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.28']);
    await h.c.delete(PODS, 'default', 'web-1');
    await converge(h);
    expect(image(pod(h, 1))).toBe('nginx:1.27');
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } });
    await converge(h);
    expect([0, 1, 2].map((n) => image(pod(h, n)))).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    expect(getSet(h).status?.currentRevision).toBe(getSet(h).status?.updateRevision);
  });

  it('T-26/T-27: minReadySeconds gates the next pod and availableReplicas; changing it needs no pod change', async () => {
    const h = await harness();
    await apply(h, makeSet({ replicas: 2, minReadySeconds: 30, claims: false }));
    await converge(h);
    expect(podNames(h)).toEqual(['web-0']);
    expect(getSet(h).status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    h.clock.advance(31_000); // the C-2 requeue (minReadySeconds + 1 s) fires
    await converge(h);
    expect(podNames(h)).toEqual(['web-0', 'web-1']);
    h.clock.advance(31_000);
    await converge(h);
    expect(getSet(h).status).toMatchObject({ readyReplicas: 2, availableReplicas: 2 });
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { minReadySeconds: 3600 } });
    await converge(h);
    expect(getSet(h).status).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    await h.c.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { minReadySeconds: 0 } });
    await converge(h);
    expect(getSet(h).status).toMatchObject({ availableReplicas: 2 });
  });

  it('R-9: a name clash with different data bumps collisionCount and renames the revision', async () => {
    const h = await harness();
    const set = makeSet({ replicas: 1, claims: false });
    const wanted = newRevision({ ...set, metadata: { ...set.metadata, namespace: 'default' } }, 1, 0);
    await h.c.create(CONTROLLER_REVISIONS, 'default', {
      apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { spec: { template: { $patch: 'replace' } } },
      metadata: { name: wanted.metadata.name, labels: { other: 'x' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'other', uid: 'other', controller: true }] },
    });
    await apply(h, set);
    await converge(h);
    const st = getSet(h).status ?? {};
    expect(st.collisionCount).toBe(1);
    expect(st.updateRevision).not.toBe(wanted.metadata.name);
    expect(st.updateRevision?.slice(0, -1)).toBe(wanted.metadata.name?.slice(0, -1));
    expect(h.c.all(CONTROLLER_REVISIONS)).toHaveLength(2);
    expect(pod(h, 0)?.metadata.labels?.['controller-revision-hash']).toBe(st.updateRevision);
  });

  it('T-30/T-31: whenDeleted Delete gives claims a set controller reference, except one with a foreign controller (ConflictingController)', async () => {
    const h = await harness();
    await h.c.create(PVCS, 'default', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', spec: {},
      metadata: { name: 'www-web-0', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'keeper', controller: true }] },
    });
    const set = makeSet({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } });
    await apply(h, set);
    await converge(h);
    const uid = getSet(h).metadata.uid;
    expect(h.c.peek(PVCS, 'default', 'www-web-1')?.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(h.c.peek(PVCS, 'default', 'www-web-0')?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['keeper']);
    const warn = events(h).find((e) => e.reason === 'ConflictingController');
    expect(warn?.type).toBe('Warning');
    expect(warn?.message).toBe('PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim');
  });

  it('T-35: a re-created set adopts orphaned pods and revisions without restarting them', async () => {
    const h = await harness();
    const set = makeSet({ claims: false });
    await apply(h, set);
    await converge(h);
    const uids = h.c.all(PODS).map((p) => p.metadata.uid);
    // --cascade=orphan: the garbage collector strips the owner references, then the set goes.
    for (const r of [PODS, CONTROLLER_REVISIONS]) {
      for (const o of h.c.all(r)) h.c.mutate(r, 'default', o.metadata.name ?? '', (x) => delete x.metadata.ownerReferences);
    }
    h.c.remove(STATEFULSETS, 'default', 'web');
    await settle(h);
    await apply(h, set);
    await converge(h);
    const newUid = getSet(h).metadata.uid;
    expect(h.c.all(PODS).map((p) => p.metadata.uid)).toEqual(uids);
    expect(h.c.all(PODS).every((p) => p.metadata.ownerReferences?.[0]?.uid === newUid)).toBe(true);
    expect(h.c.all(CONTROLLER_REVISIONS).map((r) => r.metadata.ownerReferences?.[0]?.uid)).toEqual([newUid]);
    expect(deleted(h)).toEqual([]);
  });

  it('T-17/C-29: a broken image halts OrderedReady; the undo alone does not help, deleting the broken pod does', async () => {
    const h = await harness();
    const v1 = makeSet({ claims: false });
    await apply(h, v1);
    await converge(h);
    await apply(h, withImage(v1, 'nginx:does-not-exist'));
    await converge(h);
    expect(image(pod(h, 2))).toBe('nginx:does-not-exist');
    expect([0, 1].map((n) => image(pod(h, n)))).toEqual(['nginx:1.27', 'nginx:1.27']);
    await apply(h, withImage(v1, 'nginx:1.27'));
    await converge(h);
    expect(image(pod(h, 2))).toBe('nginx:does-not-exist');
    await h.c.delete(PODS, 'default', 'web-2');
    await converge(h);
    expect([0, 1, 2].map((n) => image(pod(h, n)))).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    expect(created(h, 'pods')).toEqual(['web-0', 'web-1', 'web-2', 'web-2', 'web-2']);
  });

  it('C-13: Parallel creates in slow-start batches (1, 2, 4 …) and a failing batch ends the round', async () => {
    const h = await harness();
    h.c.reactors.push((verb, ref, obj) =>
      verb === 'create' && ref.resource === 'pods' && obj?.metadata.name === 'web-1'
        ? newInvalid('Pod', '', 'web-1', [fieldErrors.required('spec.containers[0].image')])
        : undefined,
    );
    await apply(h, makeSet({ replicas: 6, podManagementPolicy: 'Parallel', claims: false }));
    await settle(h);
    // batch 1: web-0; batch 2: web-1 (fails) + web-2; web-3…5 wait for the retry.
    expect(created(h, 'pods')).toEqual(['web-0', 'web-2']);
    h.c.reactors = [];
    h.clock.advance(10);
    await converge(h);
    expect(podNames(h)).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4', 'web-5']);
  });
});

