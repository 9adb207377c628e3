// Resource Status tab (console-spec.md §3.3): replica card, ports, Pods with logs.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Access } from '../../../api/access';
import { useCluster, useList, useObject } from '../../../api/hooks';
import { requestJson } from '../../../api/http';
import { PodKind, PodMetricsKind, proxyPath, ServiceKind } from '../../../k8s/kinds';
import { matchLabelsToString } from '../../../k8s/labelSelector';
import type { Pod, PodMetrics, Service, StatefulSet } from '../../../k8s/types';
import { ReplicaCard } from './ReplicaCard';
import { PodTable } from './PodTable';
import { usageByPod } from './podModel';

const LogViewer = lazy(() => import('../../logs/LogViewer').then((m) => ({ default: m.LogViewer })));

/** Pods owned by this StatefulSet (the selector may match others; the owner reference decides). */
export function ownedPods(pods: readonly Pod[], sts: StatefulSet): Pod[] {
  return pods.filter((p) => p.metadata.ownerReferences?.some((o) => o.controller && o.kind === 'StatefulSet' && o.name === sts.metadata.name));
}

export function ResourceStatusTab({ sts, access }: { sts: StatefulSet; access: Access }) {
  const { t } = useTranslation();
  const cluster = useCluster();
  const ns = sts.metadata.namespace ?? '';
  const selector = matchLabelsToString(sts.spec.selector?.matchLabels);
  const podList = useList<Pod>(PodKind, ns, { labelSelector: selector });
  const pods = useMemo(() => ownedPods(podList.items, sts), [podList.items, sts]);
  const service = useObject<Service>(ServiceKind, ns, sts.spec.serviceName ?? '');
  // metrics.k8s.io has no watch: poll every 30 s (console-spec.md §3.3); absent → "—".
  const metrics = useQuery({
    queryKey: ['metrics', cluster, ns, selector],
    queryFn: () =>
      requestJson<{ items: PodMetrics[] }>(`${proxyPath(cluster, PodMetricsKind, ns)}?labelSelector=${encodeURIComponent(selector)}`),
    refetchInterval: 30_000,
    retry: false,
  });
  const usage = useMemo(() => (metrics.data ? usageByPod(metrics.data.items ?? []) : undefined), [metrics.data]);
  const [logs, setLogs] = useState<{ pod: string; container?: string }>();

  const ports = (sts.spec.template?.spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((p) => {
      const svcPort = service.object?.spec?.ports?.find((sp) => sp.targetPort === p.containerPort || (p.name && sp.targetPort === p.name) || (!sp.targetPort && sp.port === p.containerPort));
      return { key: `${c.name}/${p.containerPort}/${p.protocol ?? 'TCP'}`, container: c.name, name: p.name ?? '—', port: p.containerPort, protocol: p.protocol ?? 'TCP', servicePort: svcPort?.port };
    }),
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReplicaCard sts={sts} access={access} />
      <Card size="small" title={t('ports.title')}>
        <Table
          size="small"
          data-testid="ports-table"
          pagination={false}
          dataSource={ports}
          locale={{ emptyText: t('ports.none') }}
          columns={[
            { key: 'container', title: t('ports.container'), dataIndex: 'container' },
            { key: 'name', title: t('ports.name'), dataIndex: 'name' },
            { key: 'port', title: t('ports.containerPort'), dataIndex: 'port' },
            { key: 'protocol', title: t('ports.protocol'), dataIndex: 'protocol' },
            { key: 'servicePort', title: t('ports.servicePort'), dataIndex: 'servicePort', render: (v?: number) => v ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title={t('pods.title', { k: pods.length })}>
        <PodTable sts={sts} pods={pods} usage={usage} access={access} loading={podList.isLoading} onLogs={(pod, container) => setLogs({ pod, container })} />
      </Card>
      {logs && (
        <Suspense fallback={null}>
          <LogViewer pods={pods} pod={logs.pod} container={logs.container} onClose={() => setLogs(undefined)} />
        </Suspense>
      )}
    </Space>
  );
}
