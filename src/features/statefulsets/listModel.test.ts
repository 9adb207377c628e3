import { describe, expect, it } from 'vitest';
import {
  ALL_ROWS,
  filterRows,
  naturalKey,
  nextSort,
  paginate,
  parseView,
  podsByOwner,
  sortRows,
  toRow,
  viewToSearch,
  type ListView,
  type StatefulSetRow,
} from './listModel';
import type { Pod, StatefulSet } from '../../k8s/types';

const NOW = Date.parse('2026-12-01T10:00:00Z');

function sts(name: string, opts: { ns?: string; created?: string; replicas?: number; ready?: number; labels?: Record<string, string>; display?: string } = {}): StatefulSet {
  const replicas = opts.replicas ?? 1;
  const ready = opts.ready ?? replicas;
  return {
    metadata: {
      name,
      namespace: opts.ns ?? 'demo',
      uid: `uid-${name}`,
      generation: 1,
      creationTimestamp: opts.created ?? '2026-12-01T09:00:00Z',
      labels: opts.labels,
      annotations: opts.display ? { 'ordinal.dev/display-name': opts.display, 'ordinal.dev/description': 'desc' } : undefined,
    },
    spec: { replicas, template: { spec: { containers: [{ name: 'c', image: 'nginx' }, { name: 's', image: 'busybox' }] } } },
    status: { replicas, readyReplicas: ready, updatedReplicas: replicas, availableReplicas: ready, currentRevision: 'r', updateRevision: 'r', observedGeneration: 1 },
  };
}

const view = (v: Partial<ListView> = {}): ListView => ({ q: '', label: '', status: [], page: 1, size: 20, ...v });
const names = (rows: StatefulSetRow[] | string) => (typeof rows === 'string' ? rows : rows.map((r) => r.name));

describe('StatefulSet list rows', () => {
  it('carries display name, description, images and ready/desired', () => {
    const r = toRow(sts('web', { replicas: 3, ready: 2, display: 'Web tier' }), [], [], NOW);
    expect(r.displayName).toBe('Web tier');
    expect(r.description).toBe('desc');
    expect(r.images).toEqual(['nginx', 'busybox']);
    expect([r.ready, r.desired]).toEqual([2, 3]);
    expect(r.status.state).toBe('Updating');
    expect(r.status.reason).toBe('2/3 Pods ready');
  });

  it('pods are grouped by their controlling StatefulSet and feed the Error state', () => {
    const pod: Pod = {
      metadata: { name: 'bad-0', namespace: 'demo', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'bad', uid: 'u', controller: true }] },
      status: { phase: 'Pending', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] },
    };
    const grouped = podsByOwner([pod]);
    expect([...grouped.keys()]).toEqual(['demo/bad']);
    const r = toRow(sts('bad', { ready: 0 }), grouped.get('demo/bad'), [], NOW);
    expect(r.status.state).toBe('Error');
    expect(r.status.reason).toBe('ImagePullBackOff on bad-0');
  });
});

describe('search, label and status filters', () => {
  const rows = [
    toRow(sts('web', { labels: { tier: 'db', app: 'web' } }), [], [], NOW),
    toRow(sts('cache', { labels: { tier: 'cache' }, display: 'Web cache' }), [], [], NOW),
    toRow(sts('queue', { replicas: 0, ready: 0 }), [], [], NOW),
  ];
  it('search is a case-insensitive substring of name or display name', () => {
    expect(names(filterRows(rows, view({ q: 'WE' })))).toEqual(['web', 'cache']);
    expect(names(filterRows(rows, view({ q: 'que' })))).toEqual(['queue']);
  });
  it('label selector chips are ANDed', () => {
    expect(names(filterRows(rows, view({ label: 'tier=db' })))).toEqual(['web']);
    expect(names(filterRows(rows, view({ label: 'tier,app=web' })))).toEqual(['web']);
    expect(names(filterRows(rows, view({ label: '!tier' })))).toEqual(['queue']);
  });
  it('invalid selector text is reported, not silently ignored', () => {
    expect(filterRows(rows, view({ label: 'bad key' }))).toBe('invalid-label');
  });
  it('status filter keeps the chosen states', () => {
    expect(names(filterRows(rows, view({ status: ['Stopped'] })))).toEqual(['queue']);
    expect(names(filterRows(rows, view({ status: ['Stopped', 'Running'] })))).toEqual(['web', 'cache', 'queue']);
  });
});

describe('sorting and paging', () => {
  const rows = () => [
    toRow(sts('b-2', { created: '2026-12-01T09:00:00Z', replicas: 5 }), [], [], NOW),
    toRow(sts('a-10', { created: '2026-12-01T09:30:00Z', replicas: 1, ns: 'default' }), [], [], NOW),
    toRow(sts('a-9', { created: '2026-12-01T08:00:00Z', replicas: 0, ready: 0 }), [], [], NOW),
  ];
  it('defaults to newest first', () => {
    expect(names(sortRows(rows(), {}))).toEqual(['a-10', 'b-2', 'a-9']);
  });
  it('sorts names naturally ascending and descending', () => {
    expect(names(sortRows(rows(), { sort: 'name', order: 'asc' }))).toEqual(['a-9', 'a-10', 'b-2']);
    expect(names(sortRows(rows(), { sort: 'name', order: 'desc' }))).toEqual(['b-2', 'a-10', 'a-9']);
  });
  it('sorts by desired Pods, namespace and state order', () => {
    expect(names(sortRows(rows(), { sort: 'pods', order: 'asc' }))).toEqual(['a-9', 'a-10', 'b-2']);
    expect(names(sortRows(rows(), { sort: 'namespace', order: 'asc' }))).toEqual(['a-10', 'a-9', 'b-2']);
    // State order puts Stopped before Running; ties fall back to the name.
    expect(names(sortRows(rows(), { sort: 'status', order: 'asc' }))).toEqual(['a-9', 'a-10', 'b-2']);
  });
  it('header clicks cycle asc → desc → default', () => {
    let v = view();
    v = { ...v, ...nextSort(v, 'name') };
    expect([v.sort, v.order]).toEqual(['name', 'asc']);
    v = { ...v, ...nextSort(v, 'name') };
    expect([v.sort, v.order]).toEqual(['name', 'desc']);
    v = { ...v, ...nextSort(v, 'name') };
    expect([v.sort, v.order]).toEqual([undefined, undefined]);
  });
  it('natural name order: digit runs compare by value, leading zeros do not matter', () => {
    const keys = ['s-10', 's-2', 's-1a', 's-02b', 'a-100', 'a-99'].map((n) => [naturalKey(n), n] as const);
    expect(keys.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((k) => k[1])).toEqual(['a-99', 'a-100', 's-1a', 's-2', 's-02b', 's-10']);
  });
  it('page size 10 with 12 rows: page 2 has 2 rows; out-of-range pages clamp', () => {
    const many = Array.from({ length: 12 }, (_, i) => toRow(sts(`s${i}`), [], [], NOW));
    expect(paginate(many, 2, 10).rows).toHaveLength(2);
    expect(paginate(many, 9, 10).page).toBe(2);
    expect(paginate(many, 1, ALL_ROWS).rows).toHaveLength(12);
  });
});

describe('URL state', () => {
  it('round-trips filters and omits defaults', () => {
    const v = view({ q: 'we', label: 'tier=db', status: ['Error', 'Running'], sort: 'name', order: 'desc', page: 2, size: ALL_ROWS });
    const s = viewToSearch(v);
    expect(s.toString()).toBe('q=we&label=tier%3Ddb&status=Error%2CRunning&sort=name&order=desc&page=2&size=all');
    expect(parseView(s)).toEqual(v);
    expect(viewToSearch(view()).toString()).toBe('');
  });
  it('an empty query string is the default view (20 per page, newest first)', () => {
    expect(parseView(new URLSearchParams(''))).toEqual(view());
    expect(parseView(new URLSearchParams('size=0')).size).toBe(20);
  });
  it('ignores junk', () => {
    expect(parseView(new URLSearchParams('status=Bogus,Error&sort=x&page=-3&size=7'))).toEqual(view({ status: ['Error'] }));
  });
});
