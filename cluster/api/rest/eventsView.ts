// M-1: one event store, two views. events.k8s.io/v1 Events are stored as core/v1 Events and
// converted on the way in and out (upstream pkg/apis/events/v1 conversion), so an event written
// by the scheduler's events.k8s.io recorder shows in `kubectl describe` / `kubectl events`.
import { findResource, type ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';

/** [core field, events.k8s.io field] pairs; every other field keeps its name. */
const RENAMES: [string, string][] = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['reportingComponent', 'reportingController'],
];

function rename(obj: KubeObject, pairs: [string, string][], apiVersion: string): KubeObject {
  const out: KubeObject = { kind: 'Event', apiVersion, metadata: obj.metadata };
  const map = new Map(pairs);
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'kind' || k === 'apiVersion' || k === 'metadata') continue;
    out[map.get(k) ?? k] = v;
  }
  return out;
}

function coreToEventsV1(obj: KubeObject): KubeObject {
  return rename(obj, RENAMES, 'events.k8s.io/v1');
}

function eventsV1ToCore(obj: KubeObject): KubeObject {
  return rename(
    obj,
    RENAMES.map(([a, b]) => [b, a]),
    'v1',
  );
}

export interface StorageView {
  /** The descriptor whose storage, strategy and validation serve this resource. */
  storage: ResourceDescriptor;
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

let eventsView: StorageView | undefined | null = null;

/** The storage view of a resource served from another resource's storage, if any. */
export function storageView(d: ResourceDescriptor): StorageView | undefined {
  if (d.group !== 'events.k8s.io' || d.resource !== 'events') return undefined;
  if (eventsView === null) {
    const core = findResource('', 'v1', 'events');
    eventsView = core ? { storage: core, toStorage: eventsV1ToCore, fromStorage: coreToEventsV1 } : undefined;
  }
  return eventsView;
}

/** Converts stored JSON text into the view's JSON text. */
export function viewJSON(view: StorageView | undefined, json: string): string {
  return view ? JSON.stringify(view.fromStorage(JSON.parse(json) as KubeObject)) : json;
}
