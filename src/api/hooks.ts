// React hooks over list + watch: useList(kind, ns, options) and useObject(kind, ns, name).
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { K8sObject } from '../k8s/types';
import type { Kind } from '../k8s/kinds';
import type { ListData } from './listState';
import {
  acquireWatch,
  completeList,
  fetchList,
  listQueryKey,
  restartWatch,
  subscribeWatchStatus,
  watchStatusOf,
  type ListKeyParts,
  type ListOptions,
  type WatchStatus,
} from './listWatch';

/** The cluster every page talks to (chosen in the header's cluster switcher). */
export const ClusterContext = createContext<string>('');
export function useCluster(): string {
  return useContext(ClusterContext);
}

export interface ListResult<T extends K8sObject> {
  items: T[];
  isLoading: boolean;
  error: Error | null;
  watchStatus: WatchStatus;
  watchError?: string;
  /** LIST again and restart the watch if it had ended (Refresh button). */
  refetch(): Promise<void>;
  dataUpdatedAt: number;
  /** Later pages of the first LIST are still arriving. */
  isPartial: boolean;
}

const EMPTY: never[] = [];

export function useList<T extends K8sObject>(
  kind: Kind,
  namespace: string | undefined,
  opts: ListOptions & { enabled?: boolean } = {},
): ListResult<T> {
  const cluster = useCluster();
  const qc = useQueryClient();
  const enabled = (opts.enabled ?? true) && cluster !== '';
  const parts: ListKeyParts = useMemo(
    () => ({ cluster, kind, namespace, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector }),
    [cluster, kind, namespace, opts.labelSelector, opts.fieldSelector],
  );
  const key = listQueryKey(parts);
  const keyStr = JSON.stringify(key);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchList<T>(parts, signal),
    enabled,
    staleTime: Infinity,
    gcTime: 30_000,
    retry: false,
  });
  useEffect(() => {
    if (!enabled) return;
    return acquireWatch(qc, parts);
  }, [qc, parts, enabled]);
  const watch = useSyncExternalStore(
    subscribeWatchStatus,
    useCallback(() => {
      const s = watchStatusOf(keyStr);
      return `${s.status}\u0000${s.errorMessage ?? ''}`;
    }, [keyStr]),
  );
  const [watchStatus, watchError] = watch.split('\u0000') as [WatchStatus, string];
  const refetch = useCallback(async () => {
    await qc.refetchQueries({ queryKey: listQueryKey(parts), exact: true });
    await completeList(qc, parts);
    restartWatch(qc, parts);
  }, [qc, parts]);
  const data = query.data as ListData<T> | undefined;
  return {
    items: data?.items ?? EMPTY,
    isLoading: enabled && query.isLoading,
    error: query.error,
    watchStatus,
    watchError: watchError || undefined,
    refetch,
    dataUpdatedAt: query.dataUpdatedAt,
    isPartial: !!data?.continue,
  };
}

/**
 * Starts a list's first LIST page without waiting for the page that shows it: the page's
 * useList (same query key and fetcher) then joins the request already in flight. Used by the
 * shell, which renders before a lazily loaded page has its chunk (first-rows budget).
 */
export function usePrefetchList(kind: Kind, namespace: string | undefined, enabled: boolean, onFirstPage?: (page: ListData) => void): void {
  const cluster = useCluster();
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled || cluster === '') return;
    const parts: ListKeyParts = { cluster, kind, namespace };
    const queryFn = async ({ signal }: { signal: AbortSignal }) => {
      const page = await fetchList(parts, signal);
      onFirstPage?.(page);
      return page;
    };
    void qc.prefetchQuery({ queryKey: listQueryKey(parts), queryFn, staleTime: Infinity, retry: false });
  }, [qc, cluster, kind, namespace, enabled, onFirstPage]);
}

export interface ObjectResult<T extends K8sObject> extends Omit<ListResult<T>, 'items'> {
  object: T | undefined;
  /** The LIST succeeded and found no object of that name. */
  notFound: boolean;
}

/** One object, watched through a `metadata.name=` field selector so it shares the list machinery. */
export function useObject<T extends K8sObject>(kind: Kind, namespace: string | undefined, name: string): ObjectResult<T> {
  const r = useList<T>(kind, namespace, { fieldSelector: `metadata.name=${name}` });
  const object = r.items[0];
  return { ...r, object, notFound: !r.isLoading && !r.error && !object };
}
