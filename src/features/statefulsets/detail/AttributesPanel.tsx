// Attributes panel (console-spec.md §3.2).
import { Descriptions, Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { absoluteTime } from '../../../k8s/format';
import type { StatefulSetStatusView } from '../../../k8s/statefulSetStatus';
import type { StatefulSet } from '../../../k8s/types';
import { StatusBadge } from '../../../components/StatusBadge';
import { shortRevision } from './podModel';

const CREATOR = 'ordinal.dev/creator';

/** Latest managedFields time, else creation (console-spec.md §3.2 "Update time"). */
function updateTime(sts: StatefulSet): string | undefined {
  const times = (sts.metadata.managedFields ?? []).map((f) => f.time).filter((x): x is string => !!x).sort();
  return times.at(-1) ?? sts.metadata.creationTimestamp;
}

function creatorOf(sts: StatefulSet): string | undefined {
  return sts.metadata.annotations?.[CREATOR] || sts.metadata.managedFields?.[0]?.manager || undefined;
}

export function AttributesPanel({ sts, status, clusterLabel, serviceMissing }: { sts: StatefulSet; status: StatefulSetStatusView; clusterLabel: string; serviceMissing: boolean }) {
  const { t } = useTranslation();
  const labels = sts.metadata.labels ?? {};
  const ns = sts.metadata.namespace ?? '';
  const ru = sts.spec.updateStrategy?.rollingUpdate;
  const strategy = sts.spec.updateStrategy?.type ?? 'RollingUpdate';
  const retention = sts.spec.persistentVolumeClaimRetentionPolicy;
  const item = (key: string, label: string, children: React.ReactNode) => ({ key, label, children: <span data-attr={key}>{children}</span> });
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
      data-testid="attributes"
      items={[
        item('cluster', t('attrs.cluster'), clusterLabel),
        item('namespace', t('attrs.namespace'), <Link to={`/ns/${ns}/statefulsets`}>{ns}</Link>),
        item('app', t('attrs.app'), labels['app.kubernetes.io/name'] ?? labels.app ?? '—'),
        item('status', t('attrs.status'), <StatusBadge status={status} />),
        item(
          'selector',
          t('attrs.selector'),
          <>
            {Object.entries(sts.spec.selector?.matchLabels ?? {}).map(([k, v]) => (
              <Tag key={k}>{`${k}=${v}`}</Tag>
            ))}
            {(sts.spec.selector?.matchExpressions ?? []).map((e) => (
              <Tag key={e.key + e.operator}>{`${e.key} ${e.operator} ${(e.values ?? []).join(',')}`}</Tag>
            ))}
          </>,
        ),
        item(
          'service',
          t('attrs.service'),
          sts.spec.serviceName ? (
            <>
              <Link to={`/ns/${ns}/services/${sts.spec.serviceName}`}>{sts.spec.serviceName}</Link>
              {serviceMissing && (
                <Tooltip title={t('attrs.serviceMissing')}>
                  <WarningOutlined style={{ color: '#faad14', marginInlineStart: 6 }} aria-label={t('attrs.serviceMissing')} />
                </Tooltip>
              )}
            </>
          ) : (
            '—'
          ),
        ),
        item(
          'strategy',
          t('attrs.strategy'),
          strategy === 'OnDelete'
            ? 'OnDelete'
            : `RollingUpdate · ${t('attrs.partition')} ${ru?.partition ?? 0}${ru?.maxUnavailable !== undefined ? ` · maxUnavailable ${ru.maxUnavailable}` : ''}`,
        ),
        item('podManagement', t('attrs.podManagement'), sts.spec.podManagementPolicy ?? 'OrderedReady'),
        item('retention', t('attrs.retention'), t('attrs.retentionValue', { deleted: retention?.whenDeleted ?? 'Retain', scaled: retention?.whenScaled ?? 'Retain' })),
        item(
          'revisions',
          t('attrs.revisions'),
          <Link to={`/ns/${ns}/statefulsets/${sts.metadata.name}/revisions`}>
            {t('attrs.revisionValue', { current: shortRevision(sts.status?.currentRevision, sts.metadata.name), update: shortRevision(sts.status?.updateRevision, sts.metadata.name) })}
          </Link>,
        ),
        item('created', t('attrs.created'), absoluteTime(sts.metadata.creationTimestamp)),
        item('updated', t('attrs.updated'), absoluteTime(updateTime(sts))),
        item('creator', t('attrs.creator'), creatorOf(sts) ?? '—'),
      ]}
    />
  );
}
