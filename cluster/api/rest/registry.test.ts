// The generic registry over a real SQLite store: what a client sees from create, update, patch,
// delete, list and watch (O-1..O-12, L-1..L-6, W-3, W-4).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { findResource, type ResourceDescriptor } from '../../registry/resources';
import { Store } from '../../storage/store';
import type { KubeObject } from '../../types';
import { StatusError } from '../errors';
import { deleteObject } from './deleting';
import { listObjects, objectOf } from './listing';
import { Registry } from './registry';
import { writeContext } from './types';
import { startWatch, type WatchOut } from './watching';

const res = (g: string, v: string, r: string): ResourceDescriptor => findResource(g, v, r)!;
const NS = res('', 'v1', 'namespaces');
const CM = res('', 'v1', 'configmaps');
const STS = res('apps', 'v1', 'statefulsets');

let reg: Registry;

function status(fn: () => unknown): { code: number; message: string; reason?: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, message: e.status.message ?? '', reason: e.status.reason };
    throw e;
  }
  throw new Error('expected a StatusError');
}

const cm = (name: string, labels: Record<string, string> = {}, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data: { a: '1' },
  ...extra,
});

const sts = (name: string, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name },
  spec: {
    replicas,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

beforeEach(() => {
  reg = new Registry(new Store(join(mkdtempSync(join(tmpdir(), 'reg-')), 'db.sqlite')));
  reg.create(NS, undefined, { metadata: { name: 'default' } }, writeContext());
});

describe('create', () => {
  it('sets server fields, generation only for tracked kinds, and stores defaults', () => {
    const s = reg.create(STS, 'default', sts('web'), writeContext()).object;
    expect(s.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(s.metadata.generation).toBe(1);
    expect((s.spec as { podManagementPolicy: string }).podManagementPolicy).toBe('OrderedReady');
    const c = reg.create(CM, 'default', cm('c'), writeContext()).object;
    expect(c.metadata.generation).toBeUndefined();
    expect(Number(c.metadata.resourceVersion)).toBeGreaterThan(Number(s.metadata.resourceVersion));
  });

  it('rejects duplicates, missing namespaces and nameless objects with upstream messages', () => {
    reg.create(CM, 'default', cm('c'), writeContext());
    expect(status(() => reg.create(CM, 'default', cm('c'), writeContext()))).toMatchObject({ code: 409, message: 'configmaps "c" already exists' });
    expect(status(() => reg.create(CM, 'nope', cm('d'), writeContext()))).toMatchObject({ code: 404, message: 'namespaces "nope" not found' });
    expect(status(() => reg.create(CM, 'default', { metadata: {} }, writeContext()))).toMatchObject({
      code: 422,
      message: 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    });
  });

  it('generateName and dry runs', () => {
    const g = reg.create(CM, 'default', { metadata: { generateName: 'gen-' } }, writeContext()).object;
    expect(g.metadata.name).toMatch(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const rv = reg.store.resourceVersion;
    const dry = reg.create(CM, 'default', cm('dry'), writeContext({ dryRun: true })).object;
    expect(dry.metadata.resourceVersion).toBeUndefined();
    expect(reg.store.resourceVersion).toBe(rv);
    expect(reg.tryGet(CM, 'default', 'dry')).toBeUndefined();
  });
});

describe('update and patch', () => {
  it('conflicts on a stale resourceVersion and skips no-op writes', () => {
    const c = reg.create(CM, 'default', cm('c'), writeContext()).object;
    const next = reg.update(CM, 'default', 'c', { ...structuredClone(c), data: { a: '2' } }, writeContext()).object;
    expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(Number(c.metadata.resourceVersion));
    expect(status(() => reg.update(CM, 'default', 'c', { ...structuredClone(c), data: { a: '3' } }, writeContext()))).toMatchObject({
      code: 409,
      message: 'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    });
    const rv = reg.store.resourceVersion;
    const same = reg.patch(CM, 'default', 'c', 'application/merge-patch+json', '{"data":{"a":"2"}}', writeContext());
    expect(same.object.metadata.resourceVersion).toBe(next.metadata.resourceVersion);
    expect(reg.store.resourceVersion).toBe(rv);
  });

  it('bumps generation on spec changes only and keeps status out of main-resource writes', () => {
    reg.create(STS, 'default', sts('web'), writeContext());
    const labelled = reg.patch(STS, 'default', 'web', 'application/merge-patch+json', '{"metadata":{"labels":{"x":"y"}},"status":{"replicas":7}}', writeContext()).object;
    expect(labelled.metadata.generation).toBe(1);
    expect((labelled.status as { replicas?: number } | undefined)?.replicas).not.toBe(7);
    const scaled = reg.patch(STS, 'default', 'web', 'application/strategic-merge-patch+json', '{"spec":{"replicas":3}}', writeContext()).object;
    expect(scaled.metadata.generation).toBe(2);
    const st = reg.patch(STS, 'default', 'web', 'application/merge-patch+json', '{"spec":{"replicas":9},"status":{"replicas":3,"readyReplicas":1}}', writeContext(), 'status').object;
    expect([(st.spec as { replicas: number }).replicas, (st.status as { readyReplicas: number }).readyReplicas, st.metadata.generation]).toEqual([3, 1, 2]);
  });
});

describe('delete', () => {
  it('finalizers hold the object; removing the last one deletes it', () => {
    reg.create(CM, 'default', cm('held', {}, { metadata: { name: 'held', finalizers: ['example.com/hold'] } }), writeContext());
    const r = deleteObject(reg, CM, 'default', 'held', {}, writeContext());
    expect(r.removed).toBe(false);
    expect(r.object.metadata.deletionTimestamp).toBeDefined();
    // One error, upstream's text (ValidateObjectMetaUpdate), not a second one from the store.
    expect(status(() => reg.patch(CM, 'default', 'held', 'application/merge-patch+json', '{"metadata":{"finalizers":["example.com/hold","b"]}}', writeContext()))).toEqual({
      code: 422,
      reason: 'Invalid',
      message: 'ConfigMap "held" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b"}',
    });
    reg.patch(CM, 'default', 'held', 'application/merge-patch+json', '{"metadata":{"finalizers":null}}', writeContext());
    expect(reg.tryGet(CM, 'default', 'held')).toBeUndefined();
  });

  it('records propagation policies and checks preconditions', () => {
    const s = reg.create(STS, 'default', sts('web'), writeContext()).object;
    expect(status(() => deleteObject(reg, STS, 'default', 'web', { preconditions: { uid: 'nope' } }, writeContext()))).toMatchObject({ code: 409 });
    const r = deleteObject(reg, STS, 'default', 'web', { propagationPolicy: 'Foreground' }, writeContext());
    expect(r.object.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(r.object.metadata.generation).toBe((s.metadata.generation ?? 0) + 1);
  });
});

describe('list and watch', () => {
  it('pages from one snapshot and filters by label', async () => {
    for (const n of ['a', 'b', 'c', 'd']) reg.create(CM, 'default', cm(n, { keep: n === 'd' ? 'no' : 'yes' }), writeContext());
    const p1 = await listObjects(reg, CM, 'default', { limit: 2 });
    expect(p1.rows.map((r) => r.name)).toEqual(['a', 'b']);
    expect(p1.remainingItemCount).toBe(2);
    deleteObject(reg, CM, 'default', 'c', {}, writeContext());
    const p2 = await listObjects(reg, CM, 'default', { limit: 2, continue: p1.continue });
    expect(p2.rows.map((r) => r.name)).toEqual(['c', 'd']);
    expect(p2.resourceVersion).toBe(p1.resourceVersion);
    const sel = await listObjects(reg, CM, 'default', { labelSelector: 'keep=yes' });
    expect(sel.rows.map((r) => objectOf(r).metadata.name)).toEqual(['a', 'b']);
  });

  it('replays from a resourceVersion and translates selector transitions', () => {
    reg.create(CM, 'default', cm('a', { app: 'web' }), writeContext());
    const from = reg.store.resourceVersion;
    const seen: WatchOut[] = [];
    const h = startWatch(reg, CM, 'default', { resourceVersion: String(from), labelSelector: 'app=web' }, (e) => seen.push(e), () => {});
    reg.patch(CM, 'default', 'a', 'application/merge-patch+json', '{"metadata":{"labels":{"app":"other"}}}', writeContext());
    reg.patch(CM, 'default', 'a', 'application/merge-patch+json', '{"metadata":{"labels":{"app":"web"}}}', writeContext());
    reg.create(CM, 'default', cm('b', { app: 'db' }), writeContext());
    reg.store.commit();
    h.stop();
    expect(seen.map((e) => `${e.type}:${e.name}`)).toEqual(['DELETED:a', 'ADDED:a']);
    const replay: WatchOut[] = [];
    startWatch(reg, CM, 'default', { resourceVersion: String(from) }, (e) => replay.push(e), () => {}).stop();
    expect(replay.map((e) => `${e.type}:${e.name}`)).toEqual(['MODIFIED:a', 'MODIFIED:a', 'ADDED:b']);
  });
});

describe('events: one store, two views (M-1)', () => {
  const EV_CORE = res('', 'v1', 'events');
  const EV_V1 = res('events.k8s.io', 'v1', 'events');

  it('an events.k8s.io write is a core Event, and back', async () => {
    const seen: WatchOut[] = [];
    const h = startWatch(reg, EV_CORE, 'default', {}, (e) => seen.push(e), () => {});
    const created = reg.create(
      EV_V1,
      'default',
      {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'web-0.1' },
        eventTime: '2026-11-23T10:00:00.000000Z',
        reportingController: 'default-scheduler',
        reportingInstance: 'default-scheduler-node-1',
        action: 'Binding',
        reason: 'Scheduled',
        type: 'Normal',
        note: 'Successfully assigned default/web-0 to node-1',
        regarding: { kind: 'Pod', namespace: 'default', name: 'web-0', apiVersion: 'v1' },
      },
      writeContext(),
    ).object;
    reg.store.commit();
    h.stop();
    expect(created.apiVersion).toBe('events.k8s.io/v1');
    expect(created.note).toBe('Successfully assigned default/web-0 to node-1');
    const core = reg.get(EV_CORE, 'default', 'web-0.1');
    expect(core).toMatchObject({
      apiVersion: 'v1',
      message: 'Successfully assigned default/web-0 to node-1',
      involvedObject: { kind: 'Pod', name: 'web-0' },
      reportingComponent: 'default-scheduler',
    });
    expect(core.note).toBeUndefined();
    expect(seen.map((e) => e.type)).toEqual(['ADDED']);
    const v1 = await listObjects(reg, EV_V1, 'default', {});
    expect(v1.rows.map((r) => objectOf(r).regarding)).toEqual([{ kind: 'Pod', namespace: 'default', name: 'web-0', apiVersion: 'v1' }]);
    const r = deleteObject(reg, EV_V1, 'default', 'web-0.1', {}, writeContext());
    expect(r.removed).toBe(true);
    expect(reg.tryGet(EV_CORE, 'default', 'web-0.1')).toBeUndefined();
  });
});

describe('event TTL (M-1)', () => {
  it('removes events untouched for the TTL and keeps recently updated ones', async () => {
    const EV = res('', 'v1', 'events');
    const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const ev = (name: string, lastTimestamp: string): KubeObject => ({
      metadata: { name },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'Test',
      message: 'm',
      type: 'Normal',
      firstTimestamp: at(0),
      lastTimestamp,
      count: 1,
      source: { component: 'test' },
    });
    reg.create(EV, 'default', ev('old.1', at(0)), writeContext());
    // Repeated 90 minutes later (count bump): its hour starts again then.
    reg.create(EV, 'default', ev('repeated.1', at(90 * 60_000)), writeContext());
    const { expireEvents } = await import('./eventTtl');
    expect(expireEvents(reg, 3600_000, Date.now() + 2 * 3600_000)).toBe(1);
    expect(reg.tryGet(EV, 'default', 'old.1')).toBeUndefined();
    expect(reg.tryGet(EV, 'default', 'repeated.1')).toBeDefined();
  });
});
