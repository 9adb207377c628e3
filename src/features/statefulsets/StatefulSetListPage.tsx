// StatefulSet list (console-spec.md §2): live rows from list+watch, search / label / status
// filters and sort in the URL, paging or a virtualized "All", row and batch actions.
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Select, Space, theme } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useList } from '../../api/hooks';
import { EventKind, PodKind, StatefulSetKind } from '../../k8s/kinds';
import type { KubeEvent, Pod, StatefulSet } from '../../k8s/types';
import { ResourceTable } from '../../components/ResourceTable';
import { PermissionButton } from '../../components/PermissionButton';
import { Pager } from '../../components/Pager';
import { usePermissions } from '../../app/usePermissions';
import { usePageNamespace } from '../../app/pageNamespace';
import { useNow } from '../../app/useNow';
import { useClusterChoice } from '../../app/ClusterProvider';
import { NoClusterNotice } from '../../app/NoClusterNotice';
import { ALL_ROWS, eventsByStatefulSet, filterRows, nextSort, PAGE_SIZES, paginate, parseView, podsByOwner, sortRows, toRow, viewToSearch, type ListView, type SortKey, type StatefulSetRow } from './listModel';
import { DEFAULT_HIDDEN, listColumns } from './listColumns';
import { ListToolbar } from './ListToolbar';
import { ListEmpty, ListError, ListLoading, ListNoMatch } from './ListStates';
import { StatefulSetActionsProvider, useStatefulSetActions } from './dialogs/StatefulSetActions';

const HIDDEN_KEY = 'ordinal.statefulsets.hiddenColumns';

function loadHidden(): string[] {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(HIDDEN_KEY) ?? 'null') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : DEFAULT_HIDDEN;
  } catch {
    return DEFAULT_HIDDEN;
  }
}

interface SeenState {
  items?: StatefulSet[];
  keys: Set<string>;
  fresh: Set<string>;
  partial?: boolean;
  ghosts: StatefulSet[];
}

interface RowCacheEntry {
  pods?: Pod[];
  events?: KubeEvent[];
  now: number;
  row: StatefulSetRow;
}

export function StatefulSetListPage() {
  const { t } = useTranslation();
  const choice = useClusterChoice();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" style={{ fontSize: 24, fontWeight: 600, margin: '0 0 4px' }}>
        {t('nav.statefulsets')}
      </h1>
      {choice.current ? (
        <StatefulSetActionsProvider>
          <ListBody />
        </StatefulSetActionsProvider>
      ) : (
        <NoClusterNotice />
      )}
    </section>
  );
}

function ListBody() {
  const { t } = useTranslation();
  const { ns, apiNs, all } = usePageNamespace();
  const [search, setSearch] = useSearchParams();
  const view = useMemo(() => parseView(search), [search]);
  const setView = useCallback(
    (patch: Partial<ListView>) => {
      const filtersChanged = 'q' in patch || 'label' in patch || 'status' in patch || 'size' in patch;
      setSearch(viewToSearch({ ...view, ...(filtersChanged ? { page: 1 } : {}), ...patch }), { replace: true });
    },
    [view, setSearch],
  );
  const now = useNow();
  const access = usePermissions(ns);
  const actions = useStatefulSetActions();
  const { token } = theme.useToken();
  const secondary = { color: token.colorTextSecondary };

  const sts = useList<StatefulSet>(StatefulSetKind, apiNs);
  const pods = useList<Pod>(PodKind, apiNs);
  const events = useList<KubeEvent>(EventKind, apiNs, { fieldSelector: 'involvedObject.kind=StatefulSet' });

  // Rows that appear after the first load flash once (console-spec.md §2.5). Tracked as state
  // derived from the previous item list (React's "adjust state on prop change" pattern).
  // Deleted rows stay a moment as fading "ghosts" (same section of the spec).
  const [seen, setSeen] = useState<SeenState>({ keys: new Set(), fresh: new Set(), ghosts: [] });
  if (seen.items !== sts.items && !sts.isLoading && seen.items && seen.items.length === sts.items.length) {
    // Same count: a modification batch (the common case); keep the key sets, skip the 10k scan.
    setSeen({ ...seen, items: sts.items });
  } else if (seen.items !== sts.items && !sts.isLoading) {
    const keys = new Set(sts.items.map((s) => `${s.metadata.namespace ?? ''}/${s.metadata.name}`));
    // Pages of the first LIST are not "new": only rows added after it is complete flash.
    const baseline = !seen.items || seen.partial || sts.isPartial;
    const fresh = baseline ? new Set<string>() : new Set([...keys].filter((k) => !seen.keys.has(k) || seen.fresh.has(k)));
    const gone = baseline || !seen.items ? [] : seen.items.filter((o) => !keys.has(`${o.metadata.namespace ?? ''}/${o.metadata.name}`));
    const ghosts = [...seen.ghosts.filter((g) => !keys.has(`${g.metadata.namespace ?? ''}/${g.metadata.name}`)), ...gone];
    setSeen({ items: sts.items, keys, fresh, partial: sts.isPartial, ghosts });
  }
  useEffect(() => {
    if (seen.ghosts.length === 0) return;
    const id = setTimeout(() => setSeen((cur) => ({ ...cur, ghosts: [] })), 800);
    return () => clearTimeout(id);
  }, [seen.ghosts]);
  const fading = useMemo(() => new Set(seen.ghosts.map((g) => `${g.metadata.namespace ?? ''}/${g.metadata.name}`)), [seen.ghosts]);

  const byOwner = useMemo(() => podsByOwner(pods.items), [pods.items]);
  const byEvents = useMemo(() => eventsByStatefulSet(events.items), [events.items]);
  // A watch batch replaces only the objects that changed: rows of unchanged objects (same
  // object, same Pods and events) are reused, so one status change costs one row, not 10,000.
  const [rowCache] = useState(() => new WeakMap<StatefulSet, RowCacheEntry>());
  const rows = useMemo(
    () =>
      (seen.ghosts.length ? sts.items.concat(seen.ghosts) : sts.items).map((s) => {
        const key = `${s.metadata.namespace ?? ''}/${s.metadata.name}`;
        const p = byOwner.get(key);
        const e = byEvents.get(key);
        const hit = rowCache.get(s);
        if (hit && hit.pods === p && hit.events === e && hit.now === now) return hit.row;
        const row = toRow(s, p, e, now);
        rowCache.set(s, { pods: p, events: e, now, row });
        return row;
      }),
    [sts.items, seen.ghosts, byOwner, byEvents, now, rowCache],
  );

  const filtered = useMemo(() => filterRows(rows, view), [rows, view]);
  const sorted = useMemo(() => (filtered === 'invalid-label' ? [] : sortRows(filtered, view)), [filtered, view]);
  const page = paginate(sorted, view.page, view.size);

  // Search box: typed text goes to the URL after 250 ms (console-spec.md §2.4).
  const [q, setQ] = useState(view.q);
  const [urlQ, setUrlQ] = useState(view.q);
  if (urlQ !== view.q) {
    // The URL changed underneath (Clear filters, back button): the box follows it.
    setUrlQ(view.q);
    setQ(view.q);
  }
  useEffect(() => {
    if (q === view.q) return;
    const id = setTimeout(() => setView({ q }), 250);
    return () => clearTimeout(id);
  }, [q, view.q, setView]);

  // Selection is kept across updates; rows that disappear drop out of it.
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const liveSelected = useMemo(() => (selected.size === 0 ? [] : sts.items).filter((s) => selected.has(`${s.metadata.namespace ?? ''}/${s.metadata.name}`)), [sts.items, selected]);

  const [hidden, setHidden] = useState<string[]>(loadHidden);
  const columns = useMemo(() => listColumns(t, { all, access, now }).filter((c) => !hidden.includes(c.key)), [t, all, access, now, hidden]);

  const filtersActive = view.q !== '' || view.label !== '' || view.status.length > 0;
  const clear = useCallback(() => {
    setQ('');
    setView({ q: '', label: '', status: [] });
  }, [setView]);
  // Stable callbacks: the toolbar is memoized and skips the re-render of every watch batch.
  const { refetch: refetchSts } = sts;
  const { refetch: refetchPods } = pods;
  const { refetch: refetchEvents } = events;
  const refresh = useCallback(() => void Promise.all([refetchSts(), refetchPods(), refetchEvents()]), [refetchSts, refetchPods, refetchEvents]);
  const onHidden = useCallback((next: string[]) => {
    setHidden(next);
    globalThis.localStorage?.setItem(HIDDEN_KEY, JSON.stringify(next));
  }, []);

  let body;
  if (sts.error) body = <ListError error={sts.error} ns={ns} onRetry={() => void sts.refetch()} />;
  else if (sts.isLoading) body = <ListLoading />;
  else if (rows.length === 0) body = <ListEmpty ns={all ? t('rbac.allNamespaces') : ns} />;
  else if (sorted.length === 0) body = <ListNoMatch onClear={clear} />;
  else
    body = (
      <ResourceTable
        testId="sts-table"
        rows={page.rows}
        columns={columns}
        rowKey={(r) => r.key}
        flashKeys={seen.fresh}
        fadeKeys={fading}
        sort={{ key: view.sort, order: view.order, onSort: (k) => setView(nextSort(view, k as SortKey)) }}
        selection={{
          selected,
          onChange: setSelected,
          label: (r) => t('list.selectRow', { name: r.name }),
          allLabel: t('list.selectAll'),
        }}
      />
    );

  return (
    <>
      <p style={{ ...secondary, margin: '0 0 12px' }}>
        {t('list.intro')}{' '}
        <a href="https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/" target="_blank" rel="noreferrer">
          {t('list.learnMore')}
        </a>
      </p>
      <ListToolbar
        q={q}
        onQ={setQ}
        label={view.label}
        status={view.status}
        setView={setView}
        filtersActive={filtersActive}
        onClear={clear}
        onRefresh={refresh}
        hidden={hidden}
        onHidden={onHidden}
        watchStatus={sts.watchStatus}
      />
      {liveSelected.length > 0 && (
        <Space style={{ marginBottom: 8 }} data-testid="selection-bar">
          <span>{t('list.selected', { k: liveSelected.length })}</span>
          <PermissionButton danger size="small" denied={access.deniedText('deleteStatefulSet')} onClick={() => actions.remove(liveSelected, () => setSelected(new Set()))} data-testid="batch-delete">
            {t('actions.delete')}
          </PermissionButton>
          <Button size="small" onClick={() => setSelected(new Set())}>
            {t('list.clearSelection')}
          </Button>
        </Space>
      )}
      {body}
      {rows.length > 0 && sorted.length > 0 && (
        <ListFooter total={page.total} page={page.page} pages={page.pages} size={view.size} partial={sts.isPartial} setView={setView} />
      )}
    </>
  );
}

/** Total, pager and page size; memoized like the toolbar (re-renders only when they change). */
const ListFooter = memo(function ListFooter(p: { total: number; page: number; pages: number; size: number; partial: boolean; setView(patch: Partial<ListView>): void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 12, marginTop: 12 }}>
      <span style={{ color: token.colorTextSecondary }} data-testid="list-total">
        {t('list.total', { k: p.total })}
        {p.partial ? ` · ${t('list.loadingMore')}` : ''}
      </span>
      {p.size !== ALL_ROWS && p.pages > 1 && <Pager page={p.page} pages={p.pages} onChange={(page) => p.setView({ page })} />}
      <Select
        size="small"
        data-testid="page-size"
        aria-label={t('list.pageSize')}
        value={p.size}
        onChange={(size: number) => p.setView({ size })}
        options={[...PAGE_SIZES.map((s) => ({ value: s, label: t('list.perPage', { k: s }) })), { value: ALL_ROWS, label: t('list.all') }]}
        style={{ width: 120 }}
      />
    </div>
  );
});
