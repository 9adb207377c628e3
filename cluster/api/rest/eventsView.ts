// M-1: one event store, two views. events.k8s.io/v1 Events are stored as core/v1 Events and
// converted on the way in and out (upstream pkg/apis/events/v1 conversion), so an event written
// by the scheduler's events.k8s.io recorder shows in `kubectl describe` / `kubectl events`.
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

export function coreToEventsV1(obj: KubeObject): KubeObject {
  return rename(obj, RENAMES, 'events.k8s.io/v1');
}

export function eventsV1ToCore(obj: KubeObject): KubeObject {
  return rename(
    obj,
    RENAMES.map(([a, b]) => [b, a]),
    'v1',
  );
}
