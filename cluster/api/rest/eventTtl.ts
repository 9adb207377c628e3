// M-1: Events expire an hour after they were last updated (upstream's etcd lease TTL). Expired
// Events are removed like any delete, so watchers see DELETED.
import { findResource } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { kindKey, parse } from './objects';
import type { Registry } from './registry';

interface EventTimes {
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { lastObservedTime?: string } | null;
}

/** The last moment an Event was touched, from the fields recorders update. */
function lastTouched(ev: KubeObject): number {
  const e = ev as KubeObject & EventTimes;
  const times = [e.lastTimestamp, e.series?.lastObservedTime, e.eventTime, ev.metadata.creationTimestamp]
    .filter((t): t is string => typeof t === 'string' && t !== '')
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : 0;
}

/** Deletes core Events untouched for `ttlMs`; returns how many went. */
export function expireEvents(reg: Registry, ttlMs: number, now = Date.now()): number {
  const d = findResource('', 'v1', 'events');
  if (!d) return 0;
  let n = 0;
  for (const row of reg.store.list(kindKey(d))) {
    const ev = parse(row.json);
    if (now - lastTouched(ev) < ttlMs) continue;
    reg.store.write(kindKey(d), 'DELETED', ev, row.json);
    n++;
  }
  return n;
}
