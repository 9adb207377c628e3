// The cached state of one watched list and the pure reducer that applies a batch of watch
// events to it. resourceVersions are opaque strings (W-10, architecture.md §3.3): they are
// stored and sent back, never compared as numbers.
import type { K8sObject } from '../k8s/types';

export interface ListData<T extends K8sObject = K8sObject> {
  items: T[];
  /** RV of the LIST, then of the latest event or bookmark applied. */
  resourceVersion: string;
  /** Set while later pages of a chunked LIST are still being fetched (`metadata.continue`). */
  continue?: string;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T extends K8sObject = K8sObject> {
  type: WatchEventType;
  object: T;
}

/** A watch ERROR event carries a Status; code 410 means "relist". */
interface StatusObject {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

/**
 * Drops `managedFields[].fieldsV1` (often half an object's JSON): the UI reads only who wrote
 * when (§3.2 Update time / Creator). Keeps 10,000 watched objects inside the heap budget.
 */
export function slim<T extends K8sObject>(o: T): T {
  const mf = o.metadata?.managedFields;
  if (!mf || !mf.some((f) => 'fieldsV1' in f)) return o;
  return {
    ...o,
    metadata: { ...o.metadata, managedFields: mf.map(({ manager, operation, time, subresource }) => ({ manager, operation, time, subresource })) },
  };
}

function objectKey(o: K8sObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export interface ApplyResult<T extends K8sObject> {
  data: ListData<T>;
  /** Set when an ERROR event asks for a relist (410 Expired / Gone). */
  relist: boolean;
  /** Another ERROR event: the stream must be restarted. */
  error?: StatusObject;
}

/**
 * Applies events in order. Items keep their position on MODIFIED; ADDED appends (the views
 * sort); DELETED removes. One new array per batch, so a burst of 1,000 events is one render.
 */
// key → position for item arrays produced here, so a modification batch on 10,000 objects
// does not rebuild the map (arrays are immutable once returned, so the index stays valid).
const indexCache = new WeakMap<readonly K8sObject[], Map<string, number>>();

export function applyWatchEvents<T extends K8sObject>(data: ListData<T>, events: readonly WatchEvent<T>[]): ApplyResult<T> {
  if (events.length === 0) return { data, relist: false };
  let index = indexCache.get(data.items);
  if (!index) {
    index = new Map<string, number>();
    data.items.forEach((o, i) => index!.set(objectKey(o), i));
  }
  // Only copy the index when the batch adds or removes (modifications keep every position).
  let ownIndex = false;
  const items: (T | undefined)[] = data.items.slice();
  let rv = data.resourceVersion;
  let changed = false;
  let structural = false;
  for (const ev of events) {
    if (ev.type === 'ERROR') {
      const status = ev.object as unknown as StatusObject;
      const gone = status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone';
      return { data: finish(), relist: gone, error: gone ? undefined : status };
    }
    const objRv = ev.object.metadata?.resourceVersion;
    if (objRv) rv = objRv;
    if (ev.type === 'BOOKMARK') continue;
    const key = objectKey(ev.object);
    const at = index.get(key);
    changed = true;
    const obj = slim(ev.object);
    if (ev.type === 'DELETED') {
      if (at !== undefined) {
        if (!ownIndex) index = new Map(index);
        ownIndex = true;
        structural = true;
        items[at] = undefined;
        index.delete(key);
      }
    } else if (at !== undefined) {
      items[at] = obj;
    } else {
      if (!ownIndex) index = new Map(index);
      ownIndex = true;
      index.set(key, items.length);
      items.push(obj);
    }
  }
  return { data: finish(), relist: false };

  function finish(): ListData<T> {
    if (!changed) return rv === data.resourceVersion ? data : { items: data.items, resourceVersion: rv };
    if (!structural) {
      // Positions unchanged: the next batch can reuse this index.
      const same = items as T[];
      indexCache.set(same, index!);
      return { items: same, resourceVersion: rv };
    }
    return { items: items.filter((o): o is T => o !== undefined), resourceVersion: rv };
  }
}
