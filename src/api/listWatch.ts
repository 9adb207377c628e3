// List + watch on react-query (architecture.md §3.3): the query does the LIST; a reference-
// counted watch (OpenShift useK8sWatchResource) subscribes the hub from the list's
// resourceVersion, batches events (batcher.ts) and writes them into the query cache. Ten
// components asking for the same list share one query and one subscription.
import type { QueryClient } from '@tanstack/react-query';
import type { K8sObject } from '../k8s/types';
import { apiVersionOf, proxyPath, type Kind } from '../k8s/kinds';
import { Batcher } from './batcher';
import { hubClient } from './hubClient';
import { requestJson } from './http';
import { isApiError } from './errors';
import { applyWatchEvents, slim, type ListData, type WatchEvent } from './listState';
import type { WatchTarget } from './watchProtocol';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ListKeyParts extends ListOptions {
  cluster: string;
  kind: Kind;
  /** undefined = all namespaces (or cluster-scoped). */
  namespace?: string;
}

export function listQueryKey(p: ListKeyParts): readonly unknown[] {
  return ['list', p.cluster, apiVersionOf(p.kind), p.kind.plural, p.namespace ?? '', p.labelSelector ?? '', p.fieldSelector ?? ''];
}

/**
 * Chunked LIST: a small first page so the first rows show after ~500 objects, not 10,000;
 * then big pages to finish the snapshot quickly (the watch starts when it is complete).
 */
const FIRST_PAGE = 500;
const NEXT_PAGES = 5000;

function listUrl(p: ListKeyParts, cont?: string): string {
  const q = new URLSearchParams();
  if (p.labelSelector) q.set('labelSelector', p.labelSelector);
  if (p.fieldSelector) q.set('fieldSelector', p.fieldSelector);
  q.set('limit', String(cont ? NEXT_PAGES : FIRST_PAGE));
  if (cont) q.set('continue', cont);
  return `${proxyPath(p.cluster, p.kind, p.namespace)}?${q}`;
}

/** One LIST page; `continue` in the answer means more pages of the same snapshot follow. */
export async function fetchList<T extends K8sObject>(p: ListKeyParts, signal?: AbortSignal, cont?: string): Promise<ListData<T>> {
  const body = await requestJson<{ items?: T[]; metadata?: { resourceVersion?: string; continue?: string } }>(listUrl(p, cont), { signal });
  return {
    items: (body.items ?? []).map(slim),
    resourceVersion: body.metadata?.resourceVersion ?? '',
    continue: body.metadata?.continue || undefined,
  };
}

const completing = new Map<string, Promise<ListData>>();

/**
 * Fetches the remaining pages of a chunked LIST into the query cache (the rows grow as pages
 * arrive). All pages belong to the first page's snapshot, so its resourceVersion stays the one
 * to watch from. An expired continue token (410) starts the LIST over.
 */
export function completeList(qc: QueryClient, p: ListKeyParts): Promise<ListData> {
  const key = listQueryKey(p);
  const keyStr = JSON.stringify(key);
  const running = completing.get(keyStr);
  if (running) return running;
  const run = (async () => {
    let data = qc.getQueryData<ListData>(key);
    while (data?.continue) {
      let page: ListData;
      try {
        page = await fetchList(p, undefined, data.continue);
      } catch (err) {
        if (!isApiError(err, 'gone')) throw err;
        await qc.refetchQueries({ queryKey: key, exact: true });
        data = qc.getQueryData<ListData>(key);
        continue;
      }
      const cur = qc.getQueryData<ListData>(key) ?? data;
      data = { items: cur.items.concat(page.items), resourceVersion: cur.resourceVersion, continue: page.continue };
      qc.setQueryData(key, data);
    }
    if (!data) throw new Error('list vanished from the cache');
    return data;
  })().finally(() => completing.delete(keyStr));
  completing.set(keyStr, run);
  return run;
}

export type WatchStatus = 'connecting' | 'live' | 'reconnecting' | 'error';

interface Entry {
  refs: number;
  status: WatchStatus;
  errorMessage?: string;
  stop: () => void;
}

const entries = new Map<string, Entry>();
const statusListeners = new Set<() => void>();

function setStatus(keyStr: string, status: WatchStatus, errorMessage?: string): void {
  const e = entries.get(keyStr);
  if (!e || (e.status === status && e.errorMessage === errorMessage)) return;
  e.status = status;
  e.errorMessage = errorMessage;
  statusListeners.forEach((l) => l());
}

export function subscribeWatchStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

export function watchStatusOf(keyStr: string): { status: WatchStatus; errorMessage?: string } {
  const e = entries.get(keyStr);
  return e ? { status: e.status, errorMessage: e.errorMessage } : { status: 'connecting' };
}

function targetOf(p: ListKeyParts): WatchTarget {
  return {
    cluster: p.cluster,
    group: p.kind.group,
    version: p.kind.version,
    resource: p.kind.plural,
    namespace: p.namespace,
    labelSelector: p.labelSelector || undefined,
    fieldSelector: p.fieldSelector || undefined,
  };
}

/** Starts (or joins) the watch for one list; returns the release function. */
export function acquireWatch(qc: QueryClient, p: ListKeyParts): () => void {
  const key = listQueryKey(p);
  const keyStr = JSON.stringify(key);
  const existing = entries.get(keyStr);
  if (existing) {
    existing.refs++;
    return () => release(keyStr);
  }
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  const batcher = new Batcher<WatchEvent>((batch) => {
    const cur = qc.getQueryData<ListData>(key);
    if (!cur) return;
    const r = applyWatchEvents(cur, batch);
    if (r.data !== cur) qc.setQueryData(key, r.data);
  });

  const start = async (forceList: boolean): Promise<void> => {
    let data: ListData;
    try {
      if (forceList) await qc.refetchQueries({ queryKey: key, exact: true });
      await qc.ensureQueryData({ queryKey: key, queryFn: ({ signal }) => fetchList(p, signal) });
      data = await completeList(qc, p);
    } catch (err) {
      if (!stopped) setStatus(keyStr, 'error', (err as Error).message);
      return;
    }
    if (stopped) return;
    unsubscribe = hubClient().subscribe(targetOf(p), data.resourceVersion || undefined, {
      events(events) {
        setStatus(keyStr, 'live');
        batcher.push(...(events as WatchEvent[]));
      },
      sync(items, resourceVersion) {
        batcher.clear();
        setStatus(keyStr, 'live');
        qc.setQueryData(key, { items: (items as K8sObject[]).map(slim), resourceVersion });
      },
      relist() {
        // 410 Gone: the window moved past our RV. LIST again and watch from the new RV.
        batcher.clear();
        unsubscribe = undefined;
        setStatus(keyStr, 'reconnecting');
        void start(true);
      },
      error(status) {
        batcher.flush();
        unsubscribe = undefined;
        setStatus(keyStr, 'error', status.message);
      },
      reconnecting() {
        setStatus(keyStr, 'reconnecting');
      },
    });
    // The hub answers only when something happens; a subscription accepted is live.
    setStatus(keyStr, 'live');
  };

  entries.set(keyStr, {
    refs: 1,
    status: 'connecting',
    stop: () => {
      stopped = true;
      batcher.clear();
      unsubscribe?.();
    },
  });
  void start(false);
  return () => release(keyStr);
}

function release(keyStr: string): void {
  const e = entries.get(keyStr);
  if (!e) return;
  e.refs--;
  if (e.refs > 0) return;
  entries.delete(keyStr);
  e.stop();
  statusListeners.forEach((l) => l());
}

/** Restarts a watch that ended with an error (Retry / Refresh buttons). */
export function restartWatch(qc: QueryClient, p: ListKeyParts): void {
  const keyStr = JSON.stringify(listQueryKey(p));
  const e = entries.get(keyStr);
  if (!e || e.status !== 'error') return;
  const refs = e.refs;
  entries.delete(keyStr);
  e.stop();
  acquireWatch(qc, p);
  const fresh = entries.get(keyStr);
  if (fresh) fresh.refs = refs;
}
