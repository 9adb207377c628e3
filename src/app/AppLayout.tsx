import { Suspense } from 'react';
import { Layout, Spin } from 'antd';
import { Outlet, useMatch, useSearchParams } from 'react-router-dom';
import { usePrefetchList } from '../api/hooks';
import type { ListData } from '../api/listState';
import { preloadVirtualBody, VIRTUAL_THRESHOLD } from '../components/virtualBodyLoader';
import { StatefulSetKind } from '../k8s/kinds';
import { AppHeader } from './AppHeader';
import { SideNav } from './SideNav';
import { PageErrorBoundary } from './PageErrorBoundary';
import { ALL_NAMESPACES } from './namespace';
import styles from './AppLayout.module.css';

/**
 * On the StatefulSet list route the LIST starts as soon as the cluster is known, alongside the
 * header's namespace list, instead of after the lazily loaded page has rendered (its render
 * of the first rows waited for that chain: first-rows budget, bench/rows/uiList10k.ts). The
 * virtualized table's chunk is fetched only for long lists (first-route JS budget).
 */
function useStatefulSetListPrefetch(): void {
  const match = useMatch('/ns/:ns/statefulsets');
  const ns = match?.params.ns;
  // Only "All" rows (?size=all, listModel.ts) can pass the threshold: pages hold at most 100.
  const [search] = useSearchParams();
  const all = search.get('size') === 'all';
  usePrefetchList(StatefulSetKind, ns === ALL_NAMESPACES ? undefined : ns, match !== null, all ? preloadIfLong : undefined);
}

/** A long list will render virtualized: fetch that chunk now, before React renders the rows. */
function preloadIfLong(page: ListData): void {
  if (page.continue || page.items.length > VIRTUAL_THRESHOLD) preloadVirtualBody();
}

export function AppLayout() {
  useStatefulSetListPrefetch();
  return (
    <Layout className={styles.shell}>
      <AppHeader />
      <Layout>
        <SideNav />
        <Layout.Content className={styles.content}>
          <PageErrorBoundary>
            <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
