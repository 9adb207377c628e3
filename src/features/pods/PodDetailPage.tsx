// Pod detail page (console-spec.md §4.1), first slice: header facts, owner link back to the
// StatefulSet, Logs and Delete Pod; tabs Containers, Events, Metadata.
import { lazy, Suspense, useState } from 'react';
import { Breadcrumb, Button, Descriptions, Result, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCluster, useList, useObject } from '../../api/hooks';
import { EventKind, PodKind, StatefulSetKind } from '../../k8s/kinds';
import type { KubeEvent, Pod, StatefulSet } from '../../k8s/types';
import { usePermissions } from '../../app/usePermissions';
import { PermissionButton } from '../../components/PermissionButton';
import { RelativeTime } from '../../components/RelativeTime';
import { LiveIndicator } from '../../components/LiveIndicator';
import { ContainerList } from '../statefulsets/detail/ContainerList';
import { toPodRow, shortRevision } from '../statefulsets/detail/podModel';
import { confirmDeletePod } from './confirmDeletePod';

const LogViewer = lazy(() => import('../logs/LogViewer').then((m) => ({ default: m.LogViewer })));
const TABS = ['containers', 'events', 'metadata'] as const;

export function PodDetailPage() {
  const { t } = useTranslation();
  const { ns = 'default', pod: name = '', tab = 'containers' } = useParams();
  const navigate = useNavigate();
  const cluster = useCluster();
  const access = usePermissions(ns);
  const podQ = useObject<Pod>(PodKind, ns, name);
  const pod = podQ.object;
  const owner = pod?.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'StatefulSet');
  const stsQ = useObject<StatefulSet>(StatefulSetKind, ns, owner?.name ?? '-');
  const events = useList<KubeEvent>(EventKind, ns, { fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` });
  const [logs, setLogs] = useState<string | undefined>();
  const ownerPath = owner ? `/ns/${ns}/statefulsets/${owner.name}/resource-status` : `/ns/${ns}/statefulsets`;

  const crumbs = (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[
        { title: <Link to={`/ns/${ns}/statefulsets`}>{t('nav.statefulsets')}</Link> },
        ...(owner ? [{ title: <Link to={ownerPath}>{owner.name}</Link> }] : []),
        { title: name },
      ]}
    />
  );
  if (podQ.error) return <>{crumbs}<Result status="error" title={podQ.error.message} /></>;
  if (podQ.isLoading) return <>{crumbs}<Skeleton active /></>;
  if (!pod) return <>{crumbs}<Result status="404" title={t('podDetail.notFound', { name, namespace: ns })} /></>;

  const row = toPodRow(pod, stsQ.object?.status?.updateRevision);

  return (
    <section aria-labelledby="page-title">
      {crumbs}
      <Space align="baseline" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} id="page-title" style={{ margin: 0 }}>{name}</Typography.Title>
        <Tag>#{row.ordinal}</Tag>
        {stsQ.object && <Tag color={row.updated ? 'green' : 'orange'}>{row.updated ? t('pods.updated') : t('pods.old')}</Tag>}
        <LiveIndicator status={podQ.watchStatus} />
      </Space>
      <Space style={{ float: 'right' }}>
        <Button icon={<FileTextOutlined />} onClick={() => setLogs(pod.spec?.containers[0]?.name)} data-testid="pod-detail-logs">{t('pods.logs')}</Button>
        <PermissionButton danger denied={access.deniedText('deletePod')} onClick={() => confirmDeletePod(t, cluster, ns, name, owner ? () => void navigate(ownerPath) : undefined)}>{t('actions.delete')}</PermissionButton>
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, lg: 3 }}
        data-testid="pod-attributes"
        items={[
          { key: 'status', label: t('pods.col.status'), children: `${row.phase} ${row.ready}/${row.total}${row.reason ? ` · ${row.reason}` : ''}` },
          { key: 'owner', label: t('podDetail.owner'), children: owner ? <Link to={ownerPath} data-testid="owner-link">StatefulSet {owner.name}</Link> : '—' },
          { key: 'revision', label: t('pods.col.revision'), children: `#${shortRevision(row.revision, owner?.name ?? '')}` },
          { key: 'node', label: t('pods.col.node'), children: row.node ?? '—' },
          { key: 'ip', label: t('pods.col.ip'), children: row.podIP ?? '—' },
          { key: 'qos', label: t('podDetail.qos'), children: pod.status?.qosClass ?? '—' },
          { key: 'restarts', label: t('pods.col.restarts'), children: row.restarts },
          { key: 'age', label: t('pods.col.age'), children: <RelativeTime time={row.created} /> },
        ]}
      />
      <Tabs style={{ marginTop: 16 }} activeKey={tab} onChange={(k) => void navigate(`/ns/${ns}/pods/${name}/${k}`)} items={TABS.map((k) => ({ key: k, label: t(`podDetail.tab.${k}`) }))} />
      {tab === 'containers' && <ContainerList pod={pod} onLogs={(c) => setLogs(c)} />}
      {tab === 'events' && (
        <Table<KubeEvent>
          size="small"
          rowKey={(e) => e.metadata.uid ?? e.metadata.name}
          dataSource={events.items}
          pagination={false}
          locale={{ emptyText: t('events.none') }}
          columns={[
            { key: 'type', title: t('events.type'), render: (_, e) => e.type },
            { key: 'reason', title: t('events.reason'), render: (_, e) => e.reason },
            { key: 'message', title: t('events.message'), render: (_, e) => e.message },
            { key: 'time', title: t('events.time'), render: (_, e) => <RelativeTime time={e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp} /> },
          ]}
        />
      )}
      {tab === 'metadata' && (
        <Descriptions size="small" column={1} bordered items={Object.entries({ ...pod.metadata.labels, ...pod.metadata.annotations }).map(([k, v]) => ({ key: k, label: k, children: v }))} />
      )}
      {logs !== undefined && (
        <Suspense fallback={null}>
          <LogViewer pods={[pod]} pod={name} container={logs} onClose={() => setLogs(undefined)} />
        </Suspense>
      )}
    </section>
  );
}
