// StatefulSet detail page (console-spec.md §3): header with status and actions, attributes,
// tabs (Resource Status, Metadata, Events). Everything is watched and updates live.
import { useMemo, useState } from 'react';
import { Breadcrumb, Button, Dropdown, Empty, Result, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, MoreOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useList, useObject } from '../../../api/hooks';
import { EventKind, PodKind, ServiceKind, StatefulSetKind } from '../../../k8s/kinds';
import { matchLabelsToString } from '../../../k8s/labelSelector';
import { statefulSetStatus } from '../../../k8s/statefulSetStatus';
import type { KubeEvent, Pod, Service, StatefulSet } from '../../../k8s/types';
import { StatusBadge } from '../../../components/StatusBadge';
import { LiveIndicator } from '../../../components/LiveIndicator';
import { PermissionButton } from '../../../components/PermissionButton';
import { usePermissions } from '../../../app/usePermissions';
import { useNow } from '../../../app/useNow';
import { clusterLabel, useClusterChoice } from '../../../app/ClusterProvider';
import { NoClusterNotice } from '../../../app/NoClusterNotice';
import { DISPLAY_NAME } from '../listModel';
import { StatefulSetActionsProvider, useStatefulSetActions } from '../dialogs/StatefulSetActions';
import { AttributesPanel } from './AttributesPanel';
import { ResourceStatusTab, ownedPods } from './ResourceStatusTab';
import { MetadataTab } from './MetadataTab';
import { EventsTab } from './EventsTab';

const TABS = ['resource-status', 'metadata', 'events'] as const;
const LATER_TABS = ['revisions', 'monitoring', 'env', 'storage'];

export function StatefulSetDetailPage() {
  const choice = useClusterChoice();
  if (!choice.current) return <NoClusterNotice />;
  return (
    <StatefulSetActionsProvider>
      <Detail />
    </StatefulSetActionsProvider>
  );
}

function Detail() {
  const { t } = useTranslation();
  const { ns = 'default', name = '', tab = 'resource-status' } = useParams();
  const navigate = useNavigate();
  const choice = useClusterChoice();
  const actions = useStatefulSetActions();
  const access = usePermissions(ns);
  const now = useNow();
  const stsQ = useObject<StatefulSet>(StatefulSetKind, ns, name);
  const sts = stsQ.object;
  const selector = matchLabelsToString(sts?.spec.selector?.matchLabels);
  const pods = useList<Pod>(PodKind, ns, { labelSelector: selector, enabled: !!sts && selector !== '' });
  const events = useList<KubeEvent>(EventKind, ns, { fieldSelector: `involvedObject.kind=StatefulSet,involvedObject.name=${name}` });
  const service = useObject<Service>(ServiceKind, ns, sts?.spec.serviceName || '-');
  const [refreshedAt, setRefreshedAt] = useState<number>();
  const owned = useMemo(() => (sts ? ownedPods(pods.items, sts) : []), [pods.items, sts]);
  const status = useMemo(() => (sts ? statefulSetStatus(sts, owned, events.items, now) : undefined), [sts, owned, events.items, now]);
  const listPath = `/ns/${ns}/statefulsets`;

  const header = (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <Link to={listPath}>{t('nav.statefulsets')}</Link> }, { title: name }]}
    />
  );
  if (stsQ.error) return <>{header}<Result status="error" title={t('detail.loadFailed')} subTitle={stsQ.error.message} /></>;
  if (stsQ.isLoading) return <>{header}<Skeleton active /></>;
  if (!sts || !status) {
    return (
      <>
        {header}
        <Result status="404" title={t('detail.notFound', { name, namespace: ns })} extra={<Link to={listPath}><Button type="primary">{t('detail.backToList')}</Button></Link>} />
      </>
    );
  }

  const displayName = sts.metadata.annotations?.[DISPLAY_NAME];
  const patchDenied = access.deniedText('patchStatefulSet');
  const deleteDenied = access.deniedText('deleteStatefulSet');
  const later = t('actions.later');
  const refresh = async () => {
    await Promise.all([stsQ.refetch(), pods.refetch(), events.refetch(), service.refetch()]);
    setRefreshedAt(Date.now());
  };
  const label = (text: string, hover?: string) => (hover ? <Tooltip title={hover}>{text}</Tooltip> : text);

  return (
    <section aria-labelledby="page-title">
      {header}
      <div style={{ display: 'flex', alignItems: 'flex-start', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('detail.back')} onClick={() => void navigate(listPath)} />
        <div style={{ flex: 1, minWidth: 240 }}>
          <Space align="baseline" wrap>
            <Typography.Title level={3} id="page-title" style={{ margin: 0 }}>
              {sts.metadata.name}
            </Typography.Title>
            {displayName && <Typography.Text type="secondary">{displayName}</Typography.Text>}
            <LiveIndicator status={stsQ.watchStatus} />
          </Space>
          <div style={{ marginTop: 4 }} data-testid="detail-status">
            <StatusBadge status={status} />
          </div>
        </div>
        <Space wrap>
          <PermissionButton type="primary" denied={access.deniedText('scale')} onClick={() => actions.scale(sts)} data-testid="detail-scale">
            {t('actions.scale')}
          </PermissionButton>
          <Tooltip title={patchDenied ?? later}>
            <Button disabled>{t('actions.editSettings')}</Button>
          </Tooltip>
          <Button icon={<ReloadOutlined />} onClick={() => void refresh()} data-testid="detail-refresh">
            {t('list.refresh')}
          </Button>
          {refreshedAt && now - refreshedAt < 60_000 && (
            <Typography.Text type="secondary" data-testid="refreshed">
              {t('detail.updatedJustNow')}
            </Typography.Text>
          )}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'rollback', label: label(t('actions.rollBack'), patchDenied ?? later), disabled: true },
                { key: 'edit-info', label: label(t('actions.editInformation'), patchDenied ?? later), disabled: true },
                ...(sts.spec.serviceName ? [{ key: 'edit-service', label: label(t('actions.editService'), later), disabled: true }] : []),
                { key: 'yaml', label: label(patchDenied ? t('actions.viewYaml') : t('actions.editYaml'), later), disabled: true },
                { key: 'redeploy', label: label(t('actions.redeploy'), patchDenied), disabled: !!patchDenied },
                { type: 'divider' },
                { key: 'delete', label: label(t('actions.delete'), deleteDenied), danger: true, disabled: !!deleteDenied },
              ],
              onClick: ({ key }) => {
                if (key === 'redeploy') actions.redeploy(sts);
                if (key === 'delete') actions.remove([sts], () => void navigate(listPath));
              },
            }}
          >
            <Button icon={<MoreOutlined />} data-testid="detail-more">
              {t('actions.moreMenu')}
            </Button>
          </Dropdown>
        </Space>
      </div>
      <AttributesPanel sts={sts} status={status} clusterLabel={clusterLabel(choice.current, t('header.simulatedCluster'))} serviceMissing={!!sts.spec.serviceName && service.notFound} />
      <Tabs
        style={{ marginTop: 16 }}
        activeKey={tab}
        onChange={(k) => void navigate(`/ns/${ns}/statefulsets/${name}/${k}`)}
        items={TABS.map((k) => ({ key: k, label: t(`detail.tab.${k}`) }))}
      />
      {tab === 'resource-status' && <ResourceStatusTab sts={sts} access={access} />}
      {tab === 'metadata' && <MetadataTab sts={sts} />}
      {tab === 'events' && <EventsTab events={events.items} />}
      {LATER_TABS.includes(tab) && <Empty description={t('detail.tabLater')} />}
      {!(TABS as readonly string[]).includes(tab) && !LATER_TABS.includes(tab) && <Result status="404" title={t('page.notFoundTitle')} />}
    </section>
  );
}
