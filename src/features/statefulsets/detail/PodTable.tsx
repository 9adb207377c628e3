// Pods of the StatefulSet by ordinal (console-spec.md §3.3), with metrics, revision tags and a
// row expansion listing containers. Logs and Delete Pod are per row.
import { useMemo, useState } from 'react';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Access } from '../../../api/access';
import { useCluster } from '../../../api/hooks';
import { formatBytes, formatCpu } from '../../../k8s/format';
import type { Pod, StatefulSet } from '../../../k8s/types';
import { RelativeTime } from '../../../components/RelativeTime';
import { PermissionButton } from '../../../components/PermissionButton';
import { podRows, shortRevision, type PodRow, type Usage } from './podModel';
import { ContainerList } from './ContainerList';
import { confirmDeletePod } from '../../pods/confirmDeletePod';

interface Props {
  sts: StatefulSet;
  pods: Pod[];
  usage: Map<string, Usage> | undefined;
  access: Access;
  onLogs(pod: string, container?: string): void;
  loading: boolean;
}

export function PodTable({ sts, pods, usage, access, onLogs, loading }: Props) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const rows = useMemo(() => podRows(pods, sts.status?.updateRevision), [pods, sts.status?.updateRevision]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const ns = sts.metadata.namespace ?? '';
  return (
    <Table<PodRow>
      size="small"
      data-testid="pod-table"
      rowKey="name"
      loading={loading}
      pagination={false}
      dataSource={rows}
      onRow={(r) => ({ 'data-pod': r.name, onClick: () => setExpanded((e) => (e.includes(r.name) ? e.filter((x) => x !== r.name) : [...e, r.name])) }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
        expandedRowRender: (r) => <ContainerList pod={r.pod} onLogs={(c) => onLogs(r.name, c)} />,
      }}
      locale={{ emptyText: t('pods.none') }}
      columns={[
        {
          key: 'pod',
          title: t('pods.col.pod'),
          render: (_, r) => (
            <span onClick={(e) => e.stopPropagation()}>
              <Link to={`/ns/${ns}/pods/${r.name}/containers`} data-testid="pod-link">
                {r.name}
              </Link>{' '}
              <Tag>#{r.ordinal}</Tag>
            </span>
          ),
        },
        {
          key: 'status',
          title: t('pods.col.status'),
          render: (_, r) => (
            <span data-testid="pod-status">
              <Typography.Text type={r.reason && !['Completed', 'Terminating'].includes(r.reason) && r.phase !== 'Running' ? 'danger' : r.reason === 'CrashLoopBackOff' ? 'danger' : undefined}>
                {r.phase}
              </Typography.Text>{' '}
              {r.ready}/{r.total}
              {r.reason ? <Typography.Text type="secondary"> · {r.reason}</Typography.Text> : null}
            </span>
          ),
        },
        {
          key: 'revision',
          title: t('pods.col.revision'),
          render: (_, r) => (
            <span data-testid="pod-revision">
              #{shortRevision(r.revision, sts.metadata.name)} <Tag color={r.updated ? 'green' : 'orange'}>{r.updated ? t('pods.updated') : t('pods.old')}</Tag>
            </span>
          ),
        },
        { key: 'node', title: t('pods.col.node'), render: (_, r) => <span data-testid="pod-node">{r.node ?? '—'}</span> },
        { key: 'ip', title: t('pods.col.ip'), render: (_, r) => <span data-testid="pod-ip">{r.podIP ?? '—'}</span> },
        { key: 'restarts', title: t('pods.col.restarts'), render: (_, r) => <span data-testid="pod-restarts">{r.restarts}</span> },
        {
          key: 'cpu',
          title: t('pods.col.cpu'),
          render: (_, r) => <span data-testid="pod-cpu">{usage?.get(r.name) ? formatCpu(usage.get(r.name)!.cpu) : '—'}</span>,
        },
        {
          key: 'memory',
          title: t('pods.col.memory'),
          render: (_, r) => <span data-testid="pod-memory">{usage?.get(r.name) ? formatBytes(usage.get(r.name)!.memory) : '—'}</span>,
        },
        { key: 'age', title: t('pods.col.age'), render: (_, r) => <RelativeTime time={r.created} /> },
        {
          key: 'actions',
          title: <span className="sr-only">{t('list.col.actions')}</span>,
          render: (_, r) => (
            <span style={{ display: 'inline-flex', gap: 4 }} onClick={(e) => e.stopPropagation()}>
              <Tooltip title={access.deniedText('podLogs') ?? t('pods.logs')}>
                <Button size="small" icon={<FileTextOutlined />} aria-label={t('pods.logsOf', { pod: r.name })} data-testid="pod-logs" disabled={access.allowed('podLogs') === false} onClick={() => onLogs(r.name)} />
              </Tooltip>
              <PermissionButton size="small" danger denied={access.deniedText('deletePod')} onClick={() => confirmDeletePod(t, cluster, ns, r.name)} data-testid="pod-delete">
                {t('actions.delete')}
              </PermissionButton>
            </span>
          ),
        },
      ]}
    />
  );
}
