// A Pod's containers (console-spec.md §3.3 row expansion and §4.1 Containers tab): name,
// type, image, state with reason, ready, restarts, ports, started time and a log button.
import { Button, Table, Tag } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Container, ContainerStatus, Pod } from '../../../k8s/types';
import { RelativeTime } from '../../../components/RelativeTime';

interface Row {
  c: Container;
  init: boolean;
  status?: ContainerStatus;
}

function stateText(s: ContainerStatus | undefined): string {
  if (!s?.state) return 'Waiting';
  if (s.state.running) return 'Running';
  if (s.state.waiting) return `Waiting · ${s.state.waiting.reason ?? ''}`;
  if (s.state.terminated) return `Terminated · ${s.state.terminated.reason ?? ''} (${s.state.terminated.exitCode ?? '?'})`;
  return '—';
}

export function ContainerList({ pod, onLogs }: { pod: Pod; onLogs(container: string): void }) {
  const { t } = useTranslation();
  const find = (list: ContainerStatus[] | undefined, n: string) => list?.find((s) => s.name === n);
  const rows: Row[] = [
    ...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true, status: find(pod.status?.initContainerStatuses, c.name) })),
    ...(pod.spec?.containers ?? []).map((c) => ({ c, init: false, status: find(pod.status?.containerStatuses, c.name) })),
  ];
  return (
    <Table<Row>
      size="small"
      data-testid="container-list"
      rowKey={(r) => r.c.name}
      pagination={false}
      dataSource={rows}
      columns={[
        { key: 'name', title: t('containers.name'), render: (_, r) => <strong>{r.c.name}</strong> },
        { key: 'type', title: t('containers.type'), render: (_, r) => <Tag>{r.init ? t('pods.init') : t('pods.worker')}</Tag> },
        { key: 'image', title: t('containers.image'), render: (_, r) => r.c.image },
        { key: 'state', title: t('containers.state'), render: (_, r) => <span data-testid="container-state">{stateText(r.status)}</span> },
        { key: 'ready', title: t('containers.ready'), render: (_, r) => (r.status?.ready ? t('common.yes') : t('common.no')) },
        { key: 'restarts', title: t('containers.restarts'), render: (_, r) => r.status?.restartCount ?? 0 },
        { key: 'ports', title: t('containers.ports'), render: (_, r) => (r.c.ports ?? []).map((p) => `${p.name ? `${p.name}:` : ''}${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') || '—' },
        { key: 'started', title: t('containers.started'), render: (_, r) => <RelativeTime time={r.status?.state?.running?.startedAt} /> },
        {
          key: 'logs',
          title: <span className="sr-only">{t('pods.logs')}</span>,
          render: (_, r) => (
            <Button size="small" icon={<FileTextOutlined />} aria-label={t('pods.logsOf', { pod: `${pod.metadata.name}/${r.c.name}` })} data-testid="container-logs" onClick={() => onLogs(r.c.name)} />
          ),
        },
      ]}
    />
  );
}
