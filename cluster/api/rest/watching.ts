// WATCH (W-1..W-7): synthetic ADDED or replay from the event log, then live events from the
// store's fan-out, with per-watcher selector transitions. Transport-neutral: the HTTP handler
// and the in-process client both consume WatchOut events.
import type { ResourceDescriptor } from '../../registry/resources';
import { apiVersionOf } from '../../registry/resources';
import { RevisionCompactedError, type StoreEvent } from '../../storage/store';
import type { KubeObject } from '../../types';
import { fieldErrors, newBadRequest, newInvalid, type FieldError } from '../errors';
import { compileMatcher, objectOf, type Matcher, type ParsedRow } from './listing';
import { storageView, viewJSON, type StorageView } from './views';
import { kindKey, parse } from './objects';
import type { Registry } from './registry';
import type { WatchQuery } from './types';

type WatchOutType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchOut extends ParsedRow {
  type: WatchOutType;
  rv: number;
}

export interface WatchHandle {
  stop(): void;
}

function validate(q: WatchQuery): number | undefined {
  const errs: FieldError[] = [];
  if (q.sendInitialEvents && q.resourceVersionMatch !== 'NotOlderThan') {
    errs.push(fieldErrors.forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
  } else if (!q.sendInitialEvents && q.resourceVersionMatch) {
    errs.push(fieldErrors.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
  }
  if (errs.length) throw newInvalid('ListOptions', 'meta.k8s.io', '', errs);
  if (!q.resourceVersion) return undefined;
  if (!/^\d+$/.test(q.resourceVersion)) throw newBadRequest(`invalid resource version: ${q.resourceVersion}`);
  return Number(q.resourceVersion);
}

/**
 * Parsed states of a stored change, shared by every watcher that evaluates a selector on it (a
 * change is parsed once, not once per watcher). Only used for matching: objects handed to a
 * consumer are parsed per consumer, so no two consumers share a mutable object.
 */
const parsedStates = new WeakMap<StoreEvent, { now?: KubeObject; prev?: KubeObject }>();

function statesOf(ev: StoreEvent): { now: KubeObject; prev?: KubeObject } {
  let st = parsedStates.get(ev);
  if (!st) parsedStates.set(ev, (st = {}));
  st.now ??= parse(ev.json);
  if (ev.prevJson) st.prev ??= parse(ev.prevJson);
  return st as { now: KubeObject; prev?: KubeObject };
}

/** Translates a stored change for one watcher (W-4 selector transitions). */
function translate(stored: StoreEvent, m: Matcher, ns: string | undefined, view: StorageView | undefined): WatchOut | undefined {
  if (ns !== undefined && stored.namespace !== ns) return undefined;
  const ev = view ? { ...stored, json: viewJSON(view, stored.json), prevJson: stored.prevJson && viewJSON(view, stored.prevJson) } : stored;
  const cur: WatchOut = { json: ev.json, namespace: ev.namespace, name: ev.name, rv: ev.rv, type: ev.type };
  if (m.trivial) return cur;
  const st = statesOf(ev);
  const now = m.matches(st.now);
  if (ev.type === 'ADDED') return now ? cur : undefined;
  const was = st.prev ? m.matches(st.prev) : now;
  if (ev.type === 'DELETED') return was || now ? cur : undefined;
  if (was && now) return cur;
  if (now) return { ...cur, type: 'ADDED' };
  if (was) return { ...cur, type: 'DELETED' };
  return undefined;
}

export function bookmarkJSON(d: ResourceDescriptor, rv: number, initialEventsEnd = false): string {
  const metadata: KubeObject['metadata'] = { resourceVersion: String(rv) };
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return JSON.stringify({ kind: d.kind, apiVersion: apiVersionOf(d), metadata });
}

function expiredJSON(requested: number, oldest: number): string {
  return JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `too old resource version: ${requested} (${oldest})`,
    reason: 'Expired',
    code: 410,
  });
}

/**
 * Starts a watch. Validation errors throw (before any byte is sent); a too-old resourceVersion
 * yields one ERROR event followed by `onEnd` (W-3). Everything before the live phase is
 * delivered synchronously, so no committed change can fall between replay and subscription.
 */
export function startWatch(
  reg: Registry,
  d: ResourceDescriptor,
  namespace: string | undefined,
  q: WatchQuery,
  send: (ev: WatchOut) => void,
  onEnd: () => void,
): WatchHandle {
  const rv = validate(q);
  const matcher = compileMatcher(d, q.labelSelector, q.fieldSelector);
  const ns = d.namespaced ? namespace : undefined;
  const key = kindKey(d);
  const view = storageView(d);
  let stopped = false;
  let unsubscribe: () => void = () => {};
  const handle: WatchHandle = {
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
    },
  };

  let from = reg.store.resourceVersion;
  if (rv === undefined || rv === 0 || q.sendInitialEvents) {
    // W-3: one synthetic ADDED per matching object, then live changes.
    for (const row of reg.store.list(key, ns)) {
      const r: ParsedRow = { json: viewJSON(view, row.json), namespace: row.namespace, name: row.name };
      if (!matcher.trivial && !matcher.matches(objectOf(r))) continue;
      send({ ...r, type: 'ADDED', rv: row.rv });
      if (stopped) return handle;
    }
    if (q.sendInitialEvents) send({ type: 'BOOKMARK', json: bookmarkJSON(d, from, true), namespace: '', name: '', rv: from });
  } else {
    let replay: StoreEvent[];
    try {
      replay = reg.store.eventsAfter(key, rv, ns);
    } catch (e) {
      if (!(e instanceof RevisionCompactedError)) throw e;
      send({ type: 'ERROR', json: expiredJSON(rv, e.oldest + 1), namespace: '', name: '', rv });
      stopped = true;
      onEnd();
      return handle;
    }
    for (const ev of replay) {
      const out = translate(ev, matcher, ns, view);
      if (out) send(out);
      if (stopped) return handle;
    }
    from = Math.max(from, rv);
  }
  if (stopped) return handle;
  unsubscribe = reg.store.subscribe(key, (ev) => {
    if (stopped || ev.rv <= from) return;
    const out = translate(ev, matcher, ns, view);
    if (out) send(out);
  });
  return handle;
}
