// A read-only, live list of one kind (see resourcePages.tsx), with search and a virtualized
// table. Unknown page names fall through to the 404 page.
import { useMemo, useState } from 'react';
import { Button, Empty, Input, Space, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useList } from '../../api/hooks';
import type { K8sObject } from '../../k8s/types';
import { ResourceTable } from '../../components/ResourceTable';
import { LiveIndicator } from '../../components/LiveIndicator';
import { usePageNamespace } from '../../app/pageNamespace';
import { useClusterChoice } from '../../app/ClusterProvider';
import { NoClusterNotice } from '../../app/NoClusterNotice';
import { NotFoundPage } from '../../app/NotFoundPage';
import { ListError, ListLoading } from '../statefulsets/ListStates';
import { RESOURCE_PAGES, type ResourcePage } from './resourcePages';

export function ResourceListPage() {
  const { resource = '' } = useParams();
  const page = Object.prototype.hasOwnProperty.call(RESOURCE_PAGES, resource) ? RESOURCE_PAGES[resource] : undefined;
  const choice = useClusterChoice();
  if (!page) return <NotFoundPage />;
  return choice.current ? <Body key={resource} page={page} /> : <NoClusterNotice />;
}

function Body({ page }: { page: ResourcePage }) {
  const { t } = useTranslation();
  const { ns, apiNs, all } = usePageNamespace();
  const list = useList<K8sObject>(page.kind, apiNs);
  const [q, setQ] = useState('');
  const columns = useMemo(() => page.columns(t, all), [page, t, all]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const time = page.sortTime ?? ((o: K8sObject) => o.metadata.creationTimestamp);
    return list.items
      .filter((o) => !needle || o.metadata.name.toLowerCase().includes(needle))
      .sort((a, b) => (time(b) ?? '').localeCompare(time(a) ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  }, [list.items, q, page]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" style={{ fontSize: 24, fontWeight: 600, margin: '0 0 12px' }}>
        {t(page.title)}
      </h1>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('list.search')} aria-label={t('list.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 240 }} />
        <Tooltip title={t('list.refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('list.refresh')} onClick={() => void list.refetch()} />
        </Tooltip>
        <LiveIndicator status={list.watchStatus} />
      </Space>
      {list.error ? (
        <ListError error={list.error} ns={ns} onRetry={() => void list.refetch()} />
      ) : list.isLoading ? (
        <ListLoading />
      ) : rows.length === 0 ? (
        <Empty description={t('resources.none')} />
      ) : (
        <ResourceTable testId="resource-table" rows={rows} columns={columns} rowKey={(o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`} />
      )}
    </section>
  );
}
