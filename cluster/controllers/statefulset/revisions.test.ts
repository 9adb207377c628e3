import { describe, expect, it } from 'vitest';
import { goString } from './goJson';
import {
  applyRevision, newRevision, planUpdateRevision, revisionData, revisionHash, revisionsToTruncate, sortRevisions,
} from './revisions';
import { makePod, makeSet, revisionOf, withImage } from './testFixtures';
import type { StatefulSet } from './types';

// R-1 upstream test vector.
const VECTOR =
  '{"spec":{"template":{"$patch":"replace","metadata":{"annotations":{"test":"value"},"creationTimestamp":null,"labels":{"app":"foo"}},"spec":{"containers":[{"image":"test","imagePullPolicy":"Always","name":"test","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}}';

function vectorSet(): StatefulSet {
  const s = makeSet({ name: 'test', claims: false });
  s.spec.template = {
    metadata: { labels: { app: 'foo' }, annotations: { test: 'value' } },
    spec: {
      // Order and absent `resources` on purpose: the encoder sorts and adds the Go zero struct.
      terminationGracePeriodSeconds: 30,
      containers: [{ name: 'test', image: 'test', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', args: [], workingDir: '', stdin: false }],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      hostNetwork: false,
    },
  };
  return s;
}

describe('ControllerRevision data and hash (R-1…R-4)', () => {
  it('encodes the template byte-identically to Go and hashes it to c77f6d978', () => {
    const data = revisionData(vectorSet());
    expect(data).toBe(VECTOR);
    expect(revisionHash(data, 0)).toBe('c77f6d978');
    const rev = newRevision(vectorSet(), 1, 0);
    expect(rev.metadata.name).toBe('test-c77f6d978');
    expect(rev.metadata.labels).toEqual({ app: 'foo', 'controller.kubernetes.io/hash': 'c77f6d978' });
    expect(rev.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'test', uid: 'uid-test', controller: true, blockOwnerDeletion: true }]);
    expect(rev.revision).toBe(1);
  });

  it('changes only the hash suffix with collisionCount and uses the 10-letter digit map', () => {
    const data = revisionData(vectorSet());
    const h1 = revisionHash(data, 1);
    expect(h1).not.toBe('c77f6d978');
    expect(h1).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('escapes like Go (HTML-safe, U+2028) and keeps empty label values', () => {
    expect(goString('a<b>&c\u2028\b')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028\\u0008"');
    const s = vectorSet();
    s.spec.template.metadata = { labels: { app: 'foo', empty: '' } };
    expect(revisionData(s)).toContain('"labels":{"app":"foo","empty":""}');
  });

  it('copies the set annotations (change-cause travels along)', () => {
    const s = vectorSet();
    s.metadata.annotations = { 'kubernetes.io/change-cause': 'image bumped' };
    expect(newRevision(s, 2, 0).metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'image bumped' });
  });

  it('applyRevision restores the stored template (without $patch / creationTimestamp)', () => {
    const v1 = makeSet();
    const v2 = withImage(v1, 'nginx:1.28');
    const restored = applyRevision(v2, revisionOf(v1, 1));
    expect(restored.spec.template).toEqual(v1.spec.template);
    expect(restored.spec.replicas).toBe(v2.spec.replicas);
  });
});

describe('revision history (R-5…R-11)', () => {
  const v1 = makeSet();
  const v2 = withImage(v1, 'nginx:1.28');
  const r1 = revisionOf(v1, 1);
  const r2 = revisionOf(v2, 2);

  it('first sync creates revision 1', () => {
    const step = planUpdateRevision(v1, [], 0);
    expect(step.kind).toBe('create');
    if (step.kind === 'create') expect(step.candidate.revision).toBe(1);
  });

  it('an unchanged template reuses the newest revision', () => {
    expect(planUpdateRevision(v2, [r1, r2], 0)).toEqual({ kind: 'unchanged', update: r2 });
  });

  it('a template change creates revision max+1', () => {
    const step = planUpdateRevision(v2, [r1], 0);
    expect(step.kind === 'create' && step.candidate.revision).toBe(2);
  });

  it('a rollback renumbers the old revision to max+1 instead of creating one (R-7)', () => {
    const back = withImage(v2, 'nginx:1.27');
    expect(planUpdateRevision(back, [r1, r2], 0)).toEqual({ kind: 'renumber', revision: r1, to: 3 });
  });

  it('sorts by revision, then creation time, then name', () => {
    const a = { ...r2, revision: 1, metadata: { ...r2.metadata, name: 'web-b', creationTimestamp: '2025-03-01T09:00:00Z' } };
    const b = { ...r1, revision: 1, metadata: { ...r1.metadata, name: 'web-a', creationTimestamp: '2025-03-01T09:00:00Z' } };
    const c = { ...r1, revision: 0, metadata: { ...r1.metadata, name: 'web-z' } };
    expect(sortRevisions([a, b, c]).map((r) => r.metadata.name)).toEqual(['web-z', 'web-a', 'web-b']);
  });

  it('truncates non-live revisions beyond the limit, oldest first; live ones never count', () => {
    const sets = [1, 2, 3, 4, 5, 6].map((i) => withImage(v1, `nginx:1.${i}`));
    const revs = sets.map((s, i) => revisionOf(s, i + 1));
    const limited = { ...sets[5], spec: { ...sets[5].spec, revisionHistoryLimit: 2 } };
    // pod at revision 2 keeps revision 2 alive; 5 is current, 6 is update.
    const pods = [makePod(sets[1], 0, revs[1])];
    const gone = revisionsToTruncate(limited, pods, revs, revs[4], revs[5]);
    expect(gone.map((r) => r.revision)).toEqual([1]);
    const unlimited = { ...limited, spec: { ...limited.spec, revisionHistoryLimit: -1 } };
    expect(revisionsToTruncate(unlimited, [], revs, revs[5], revs[5])).toEqual([]);
    const zero = { ...limited, spec: { ...limited.spec, revisionHistoryLimit: 0 } };
    expect(revisionsToTruncate(zero, [], revs, revs[5], revs[5]).map((r) => r.revision)).toEqual([1, 2, 3, 4, 5]);
  });
});
