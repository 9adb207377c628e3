import { describe, expect, it } from 'vitest';
import { applyWatchEvents, type ListData, type WatchEvent } from './listState';
import type { K8sObject } from '../k8s/types';

function obj(name: string, rv: string, extra: Record<string, string> = {}): K8sObject {
  return { metadata: { name, namespace: 'demo', resourceVersion: rv, labels: extra } };
}

const base: ListData = { items: [obj('a', '10'), obj('b', '11')], resourceVersion: '11' };

describe('applying watch events to a list', () => {
  it('adds, modifies in place and deletes, and takes the last resourceVersion', () => {
    const events: WatchEvent[] = [
      { type: 'ADDED', object: obj('c', '12') },
      { type: 'MODIFIED', object: obj('a', '13', { x: '1' }) },
      { type: 'DELETED', object: obj('b', '14') },
    ];
    const { data, relist } = applyWatchEvents(base, events);
    expect(relist).toBe(false);
    expect(data.items.map((o) => o.metadata.name)).toEqual(['a', 'c']);
    expect(data.items[0].metadata.labels).toEqual({ x: '1' });
    expect(data.resourceVersion).toBe('14');
    expect(base.items).toHaveLength(2); // input untouched
  });

  it('never compares resourceVersions as numbers: a lexically smaller RV still wins when it comes later', () => {
    const { data } = applyWatchEvents(base, [{ type: 'MODIFIED', object: obj('a', '9') }]);
    expect(data.resourceVersion).toBe('9');
    expect(data.items[0].metadata.resourceVersion).toBe('9');
  });

  it('a bookmark only moves the resourceVersion and keeps the same items array', () => {
    const { data } = applyWatchEvents(base, [{ type: 'BOOKMARK', object: { metadata: { name: '', resourceVersion: '20' } } }]);
    expect(data.items).toBe(base.items);
    expect(data.resourceVersion).toBe('20');
  });

  it('ADDED for a known key replaces it (re-sent after a reconnect) and DELETED of an unknown key is a no-op', () => {
    const { data } = applyWatchEvents(base, [
      { type: 'ADDED', object: obj('a', '15', { again: 'yes' }) },
      { type: 'DELETED', object: obj('zz', '16') },
    ]);
    expect(data.items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(data.items[0].metadata.labels).toEqual({ again: 'yes' });
  });

  it('an ERROR 410 asks for a relist; events before it are kept', () => {
    const status = { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (50)' };
    const r = applyWatchEvents(base, [
      { type: 'ADDED', object: obj('c', '12') },
      { type: 'ERROR', object: status as unknown as K8sObject },
    ]);
    expect(r.relist).toBe(true);
    expect(r.data.items).toHaveLength(3);
  });

  it('another ERROR reports the status without a relist', () => {
    const status = { kind: 'Status', code: 500, reason: 'InternalError', message: 'boom' };
    const r = applyWatchEvents(base, [{ type: 'ERROR', object: status as unknown as K8sObject }]);
    expect(r.relist).toBe(false);
    expect(r.error?.message).toBe('boom');
  });

  it('keeps who wrote when from managedFields but drops the field sets', () => {
    const withFields = {
      metadata: { name: 'a', namespace: 'demo', resourceVersion: '30', managedFields: [{ manager: 'kubectl', operation: 'Update', time: 't1', fieldsV1: { 'f:spec': {} } }] },
    } as unknown as K8sObject;
    const { data } = applyWatchEvents(base, [{ type: 'MODIFIED', object: withFields }]);
    expect(data.items[0].metadata.managedFields).toEqual([{ manager: 'kubectl', operation: 'Update', time: 't1', subresource: undefined }]);
  });

  it('successive batches keep positions right (index reused across modification batches)', () => {
    let d = applyWatchEvents(base, [{ type: 'ADDED', object: obj('c', '12') }]).data;
    d = applyWatchEvents(d, [{ type: 'MODIFIED', object: obj('c', '13', { v: '2' }) }]).data;
    d = applyWatchEvents(d, [{ type: 'DELETED', object: obj('a', '14') }]).data;
    d = applyWatchEvents(d, [{ type: 'MODIFIED', object: obj('b', '15', { v: '3' }) }, { type: 'MODIFIED', object: obj('c', '16', { v: '4' }) }]).data;
    d = applyWatchEvents(d, [{ type: 'ADDED', object: obj('a', '17') }]).data;
    expect(d.items.map((o) => `${o.metadata.name}:${o.metadata.labels?.v ?? ''}`)).toEqual(['b:3', 'c:4', 'a:']);
    expect(d.resourceVersion).toBe('17');
  });

  it('a burst of 10,000 events is one pass', () => {
    const events: WatchEvent[] = Array.from({ length: 10_000 }, (_, i) => ({ type: 'ADDED', object: obj(`s-${i}`, String(100 + i)) }));
    const t = performance.now();
    const { data } = applyWatchEvents(base, events);
    expect(data.items).toHaveLength(10_002);
    expect(performance.now() - t).toBeLessThan(200);
  });
});
