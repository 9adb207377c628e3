// Read-only Service view (console-spec.md §0.3 / §4.2): the target of "find the headless
// Service". Fields, the StatefulSets it serves, and its endpoints (Pod, IP, ready).
import { Breadcrumb, Descriptions, Result, Skeleton, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useList, useObject } from '../../api/hooks';
import { EndpointsKind, ServiceKind, StatefulSetKind } from '../../k8s/kinds';
import { matchesSelector, parseSelector } from '../../k8s/labelSelector';
import type { K8sObject, Service, StatefulSet } from '../../k8s/types';
import { RelativeTime } from '../../components/RelativeTime';
import { LiveIndicator } from '../../components/LiveIndicator';

interface Endpoints extends K8sObject {
  subsets?: {
    addresses?: { ip: string; targetRef?: { name?: string } }[];
    notReadyAddresses?: { ip: string; targetRef?: { name?: string } }[];
  }[];
}

export function ServiceViewPage() {
  const { t } = useTranslation();
  const { ns = 'default', svc = '' } = useParams();
  const q = useObject<Service>(ServiceKind, ns, svc);
  const eps = useObject<Endpoints>(EndpointsKind, ns, svc);
  const sets = useList<StatefulSet>(StatefulSetKind, ns);
  const s = q.object;
  const crumbs = <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={`/ns/${ns}/services`}>{t('nav.services')}</Link> }, { title: svc }]} />;
  if (q.error) return <>{crumbs}<Result status="error" title={q.error.message} /></>;
  if (q.isLoading) return <>{crumbs}<Skeleton active /></>;
  if (!s) return <>{crumbs}<Result status="404" title={t('service.notFound', { name: svc, namespace: ns })} /></>;
  const selector = s.spec?.selector ?? {};
  const reqs = parseSelector(Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(','));
  const usedBy = sets.items.filter(
    (x) => x.spec.serviceName === svc || (reqs.length > 0 && matchesSelector(reqs, x.spec.template?.metadata?.labels)),
  );
  const endpoints = (eps.object?.subsets ?? []).flatMap((sub) => [
    ...(sub.addresses ?? []).map((a) => ({ pod: a.targetRef?.name ?? '—', ip: a.ip, ready: true })),
    ...(sub.notReadyAddresses ?? []).map((a) => ({ pod: a.targetRef?.name ?? '—', ip: a.ip, ready: false })),
  ]);
  return (
    <section aria-labelledby="page-title">
      {crumbs}
      <h1 id="page-title" style={{ fontSize: 24, fontWeight: 600, margin: '0 0 12px', display: 'flex', gap: 12, alignItems: 'baseline' }}>
        {svc} <LiveIndicator status={q.watchStatus} />
      </h1>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, lg: 3 }}
        data-testid="service-attributes"
        items={[
          { key: 'type', label: t('resources.type'), children: s.spec?.clusterIP === 'None' ? 'Headless' : (s.spec?.type ?? 'ClusterIP') },
          { key: 'ip', label: t('resources.clusterIP'), children: s.spec?.clusterIP ?? '—' },
          { key: 'ports', label: t('containers.ports'), children: (s.spec?.ports ?? []).map((p) => `${p.name ? `${p.name} ` : ''}${p.port}→${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`).join(', ') || '—' },
          { key: 'selector', label: t('attrs.selector'), children: Object.entries(selector).map(([k, v]) => <Tag key={k}>{`${k}=${v}`}</Tag>) },
          {
            key: 'usedBy',
            label: t('service.usedBy'),
            children: usedBy.length
              ? usedBy.map((x) => (
                  <Link key={x.metadata.name} to={`/ns/${ns}/statefulsets/${x.metadata.name}/resource-status`} style={{ marginInlineEnd: 8 }}>
                    {x.metadata.name}
                  </Link>
                ))
              : '—',
          },
          { key: 'age', label: t('pods.col.age'), children: <RelativeTime time={s.metadata.creationTimestamp} /> },
        ]}
      />
      <h2 style={{ fontSize: 16, fontWeight: 600, margin: '20px 0 8px' }}>{t('service.endpoints')}</h2>
      <Table
        size="small"
        data-testid="service-endpoints"
        rowKey={(r) => `${r.pod}/${r.ip}`}
        pagination={false}
        dataSource={endpoints}
        locale={{ emptyText: t('service.noEndpoints') }}
        columns={[
          { key: 'pod', title: t('pods.col.pod'), render: (_, r) => (r.pod !== '—' ? <Link to={`/ns/${ns}/pods/${r.pod}/containers`}>{r.pod}</Link> : '—') },
          { key: 'ip', title: t('pods.col.ip'), dataIndex: 'ip' },
          { key: 'ready', title: t('containers.ready'), render: (_, r) => (r.ready ? t('common.yes') : t('common.no')) },
        ]}
      />
    </section>
  );
}
