// C-31 table: the owner references kept on a claim for every policy, in range and condemned;
// C-33 conflicts and stale references.
import { describe, expect, it } from 'vitest';
import type { OwnerReference } from '../../types';
import { desiredClaimOwnerRefs, hasUnexpectedController, isClaimOwnerUpToDate, podClaimIsStale } from './claimRetention';
import { claimOf, makePod, makeSet, revisionOf } from './testFixtures';

const setRef = (uid = 'uid-web'): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid, controller: true, blockOwnerDeletion: true });
const podRef = (name: string, uid: string): OwnerReference => ({ apiVersion: 'v1', kind: 'Pod', name, uid, controller: true, blockOwnerDeletion: true });

describe('C-31 retention owner references', () => {
  const table: [string, string, string[], string[]][] = [
    // whenScaled, whenDeleted, refs for an in-range pod's claim, refs for a condemned pod's claim
    ['Retain', 'Retain', [], []],
    ['Retain', 'Delete', ['StatefulSet'], ['StatefulSet']],
    ['Delete', 'Retain', [], ['Pod']],
    ['Delete', 'Delete', ['StatefulSet'], ['Pod']],
  ];
  for (const [whenScaled, whenDeleted, inRange, condemned] of table) {
    it(`whenScaled ${whenScaled}, whenDeleted ${whenDeleted}`, () => {
      const set = makeSet({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } });
      const rev = revisionOf(set, 1);
      const live = makePod(set, 0, rev);
      const gone = makePod(set, 1, rev);
      const kinds = (refs: OwnerReference[]) => refs.map((r) => r.kind);
      expect(kinds(desiredClaimOwnerRefs(claimOf(set, 0), set, live))).toEqual(inRange);
      expect(kinds(desiredClaimOwnerRefs(claimOf(set, 1), set, gone))).toEqual(condemned);
      // A claim already carrying the table's references is up to date; a bare one only under Retain/Retain.
      const withRefs = (n: number, pod: typeof live) => claimOf(set, n, desiredClaimOwnerRefs(claimOf(set, n), set, pod));
      expect(isClaimOwnerUpToDate(withRefs(0, live), set, live)).toBe(true);
      expect(isClaimOwnerUpToDate(withRefs(1, gone), set, gone)).toBe(true);
      expect(isClaimOwnerUpToDate(claimOf(set, 1), set, gone)).toBe(condemned.length === 0);
    });
  }

  it('Delete/Delete: a claim moving out of range swaps the set reference for the pod reference', () => {
    const set = makeSet({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Delete' } });
    const pod = makePod(set, 1, revisionOf(set, 1));
    expect(desiredClaimOwnerRefs(claimOf(set, 1, [setRef()]), set, pod)).toEqual([podRef('web-1', pod.metadata.uid ?? '')]);
  });

  it('keeps references of other owners that are not controllers', () => {
    const set = makeSet({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } });
    const other: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'x' };
    const pod = makePod(set, 0, revisionOf(set, 1));
    expect(desiredClaimOwnerRefs(claimOf(set, 0, [other]), set, pod)).toEqual([other, setRef()]);
  });
});

describe('C-33 conflicts and stale references', () => {
  const set = makeSet({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' } });
  const pod = makePod(set, 0, revisionOf(set, 1));
  const foreign: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'k', controller: true };

  it('a foreign controller is unexpected; our references are scrubbed and none added', () => {
    const claim = claimOf(set, 0, [foreign, setRef()]);
    expect(hasUnexpectedController(claim, set, pod)).toBe(true);
    expect(isClaimOwnerUpToDate(claim, set, pod)).toBe(false);
    expect(desiredClaimOwnerRefs(claim, set, pod)).toEqual([foreign]);
    expect(isClaimOwnerUpToDate(claimOf(set, 0, [foreign]), set, pod)).toBe(true);
  });

  it('Retain/Retain never reports a conflict', () => {
    const rr = makeSet();
    expect(hasUnexpectedController(claimOf(rr, 0, [foreign]), rr, pod)).toBe(false);
  });

  it('a reference to an older incarnation of the set or pod is left alone (stale)', () => {
    expect(isClaimOwnerUpToDate(claimOf(set, 0, [setRef('old-set-uid')]), set, pod)).toBe(true);
    const scaled = makeSet({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } });
    expect(podClaimIsStale(scaled, pod, [claimOf(scaled, 0, [podRef('web-0', 'old-pod')])])).toBe(true);
    expect(podClaimIsStale(scaled, pod, [claimOf(scaled, 0, [podRef('web-0', pod.metadata.uid ?? '')])])).toBe(false);
    expect(podClaimIsStale(set, pod, [claimOf(set, 0, [podRef('web-0', 'old-pod')])])).toBe(false); // whenScaled Retain
  });
});
