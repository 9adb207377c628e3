import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RevisionCompactedError, Store, type StoreEvent } from './store';

const obj = (name: string, v: number, ns = 'default') => ({ metadata: { name, namespace: ns }, data: { v: String(v) } });

describe('Store', () => {
  it('commits the writes of one event-loop turn together and flush() waits for it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'db.sqlite');
    const s = new Store(path);
    s.write('/configmaps', 'ADDED', obj('a', 1));
    s.write('/configmaps', 'ADDED', obj('b', 1));
    const other = new Store(path);
    expect(other.list('/configmaps')).toHaveLength(0); // not committed yet
    await s.flush();
    expect(other.list('/configmaps').map((r) => r.name)).toEqual(['a', 'b']);
    other.close();
    s.close();
  });

  it('issues increasing resourceVersions that continue after a restart', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'store-')), 'db.sqlite');
    const s = new Store(path);
    const a = s.write('/configmaps', 'ADDED', obj('a', 1));
    const b = s.write('/configmaps', 'ADDED', obj('b', 1));
    expect(b.rv).toBe(a.rv + 1);
    expect(JSON.parse(s.get('/configmaps', 'default', 'a')!.json).metadata.resourceVersion).toBe(String(a.rv));
    s.close();
    const s2 = new Store(path);
    expect(s2.resourceVersion).toBe(b.rv);
    expect(s2.list('/configmaps').map((r) => r.name)).toEqual(['a', 'b']);
    expect(s2.write('/configmaps', 'MODIFIED', obj('a', 2)).rv).toBe(b.rv + 1);
    s2.close();
  });

  it('replays events, notifies listeners after commit and reconstructs snapshots', () => {
    const s = new Store(join(mkdtempSync(join(tmpdir(), 'store-')), 'db.sqlite'));
    const seen: StoreEvent[] = [];
    s.subscribe('/configmaps', (ev) => seen.push(ev));
    const a1 = s.write('/configmaps', 'ADDED', obj('a', 1));
    const snap = s.resourceVersion;
    const prevA = s.get('/configmaps', 'default', 'a')!.json;
    s.write('/configmaps', 'MODIFIED', obj('a', 2), prevA);
    s.write('/configmaps', 'ADDED', obj('c', 1));
    const prevA2 = s.get('/configmaps', 'default', 'a')!.json;
    s.write('/configmaps', 'DELETED', obj('a', 2), prevA2);
    // Listeners hear about changes only after the group commit.
    expect(seen).toEqual([]);
    s.commit();
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'ADDED', 'DELETED']);
    expect(s.eventsAfter('/configmaps', a1.rv).map((e) => `${e.type}:${e.name}`)).toEqual(['MODIFIED:a', 'ADDED:c', 'DELETED:a']);
    const at = s.listAt('/configmaps', undefined, snap);
    expect(at.map((r) => [r.name, JSON.parse(r.json).data.v])).toEqual([['a', '1']]);
    expect(s.list('/configmaps').map((r) => r.name)).toEqual(['c']);
    s.close();
  });

  it('compacts the log beyond the retention window and reports it', () => {
    const s = new Store(join(mkdtempSync(join(tmpdir(), 'store-')), 'db.sqlite'), { minEvents: 3, minAgeMs: 0 });
    for (let i = 0; i < 10; i++) s.write('/configmaps', 'ADDED', obj(`x${i}`, i));
    expect(s.prune(Date.now() + 1)).toBe(7);
    expect(s.oldestReplayable).toBe(7);
    expect(() => s.eventsAfter('/configmaps', 2)).toThrow(RevisionCompactedError);
    expect(s.eventsAfter('/configmaps', 7)).toHaveLength(3);
    expect(() => s.listAt('/configmaps', undefined, 3)).toThrow(RevisionCompactedError);
    s.close();
  });
});
