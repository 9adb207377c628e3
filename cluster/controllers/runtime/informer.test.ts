import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { Informer } from './informer';
import { PODS } from './objects';
import { FakeClusterClient } from '../testing/fakeClusterClient';
import { newResourceExpired } from '../../api/errors';

const pod = (name: string, owner?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: owner, controller: true }] } : {}) },
  spec: {},
});

describe('Informer', () => {
  it('lists, then follows the watch, keeping namespace and owner indexes', async () => {
    const clock = new ManualClock();
    const c = new FakeClusterClient(clock);
    await c.create(PODS, 'default', pod('web-0', 'set-1'));
    await c.create(PODS, 'other', pod('db-0'));
    const inf = new Informer(c, PODS, clock);
    const seen: string[] = [];
    inf.addHandlers({
      onAdd: (o) => seen.push(`add ${o.metadata.name}`),
      onUpdate: (_o, n) => seen.push(`update ${n.metadata.name}`),
      onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
    });
    await inf.start();
    expect(inf.list('default').map((p) => p.metadata.name)).toEqual(['web-0']);
    await c.create(PODS, 'default', pod('web-1', 'set-1'));
    await c.patch(PODS, 'default', 'web-0', 'merge', { metadata: { labels: { a: 'b' } } });
    expect(inf.get('default', 'web-0')?.metadata.labels).toEqual({ a: 'b' });
    expect(inf.listByOwner('set-1').map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1']);
    // Losing the owner reference removes the pod from the owner index.
    await c.patch(PODS, 'default', 'web-1', 'json', [{ op: 'remove', path: '/metadata/ownerReferences' }]);
    expect(inf.listByOwner('set-1').map((p) => p.metadata.name)).toEqual(['web-0']);
    await c.delete(PODS, 'default', 'web-0');
    expect(inf.get('default', 'web-0')).toBeUndefined();
    expect(seen).toEqual(['add web-0', 'add db-0', 'add web-1', 'update web-0', 'update web-1', 'delete web-0']);
    inf.stop();
  });

  it('re-lists after a 410 watch error and reports what changed in between', async () => {
    const clock = new ManualClock();
    const c = new FakeClusterClient(clock);
    await c.create(PODS, 'default', pod('web-0'));
    await c.create(PODS, 'default', pod('web-1'));
    const inf = new Informer(c, PODS, clock);
    const seen: string[] = [];
    inf.addHandlers({ onAdd: (o) => seen.push(`add ${o.metadata.name}`), onDelete: (o) => seen.push(`delete ${o.metadata.name}`) });
    await inf.start();
    // Changes the informer misses while its watch is broken, then history is compacted.
    c.breakWatches(newResourceExpired('too old resource version: 1 (2)'));
    c.remove(PODS, 'default', 'web-1');
    await c.create(PODS, 'default', pod('web-2'));
    c.compact();
    await new Promise((r) => setTimeout(r, 0));
    expect(inf.relists).toBeGreaterThanOrEqual(2);
    expect(inf.list().map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-2']);
    expect(seen.slice(0, 2)).toEqual(['add web-0', 'add web-1']);
    expect(seen.slice(2).sort()).toEqual(['add web-2', 'delete web-1']);
    // And the new watch is live.
    await c.create(PODS, 'default', pod('web-3'));
    expect(inf.get('default', 'web-3')).toBeDefined();
    inf.stop();
  });
});
