// Columns of the StatefulSet list (console-spec.md §2.2) for ResourceTable.
import { Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { TFunction } from 'i18next';
import type { Access } from '../../api/access';
import type { Column } from '../../components/ResourceTable';
import { StatusBadge } from '../../components/StatusBadge';
import { RelativeTime } from '../../components/RelativeTime';
import type { StatefulSetRow } from './listModel';
import { RowActions } from './RowActions';

function PodsCell({ row }: { row: StatefulSetRow }) {
  const pct = row.desired > 0 ? Math.min(100, (row.ready / row.desired) * 100) : 0;
  return (
    <div data-testid="pods" style={{ lineHeight: 1.2 }}>
      <span>
        {row.ready}/{row.desired}
      </span>
      <div aria-hidden style={{ height: 3, background: 'rgba(0,0,0,0.06)', borderRadius: 2, marginTop: 4, width: 64 }}>
        <div style={{ height: 3, width: `${pct}%`, background: row.ready >= row.desired ? '#52c41a' : '#1677ff', borderRadius: 2 }} />
      </div>
    </div>
  );
}

/** Columns the column chooser can hide (Name, Status, Pods and Actions always show). */
export const OPTIONAL_COLUMNS = ['revision', 'images', 'strategy', 'service', 'labels', 'created'] as const;
/** Hidden until chosen (console-spec.md §2.2: Labels is hidden by default). */
export const DEFAULT_HIDDEN = ['labels'];

export function listColumns(t: TFunction, opts: { all: boolean; access: Access; now: number }): Column<StatefulSetRow>[] {
  const cols: Column<StatefulSetRow>[] = [
    {
      key: 'name',
      title: t('list.col.name'),
      width: 'minmax(120px, 2fr)',
      sortable: true,
      render: (r) => (
        <div style={{ lineHeight: 1.3, minWidth: 0 }}>
          <Tooltip title={r.description}>
            <Link to={`/ns/${r.namespace}/statefulsets/${r.name}/resource-status`} data-testid="sts-link">
              {r.name}
            </Link>
          </Tooltip>
          {r.displayName && (
            <div>
              <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }} data-testid="display-name">
                {r.displayName}
              </span>
            </div>
          )}
        </div>
      ),
    },
    { key: 'status', title: t('list.col.status'), width: 'minmax(120px, 2fr)', sortable: true, render: (r) => <StatusBadge status={r.status} compact /> },
    { key: 'pods', title: t('list.col.pods'), width: '72px', sortable: true, render: (r) => <PodsCell row={r} /> },
    {
      key: 'revision',
      title: t('list.col.revision'),
      width: 'minmax(90px, 1fr)',
      render: (r) => (
        <span data-testid="revision">
          {r.updated}/{r.desired}
          {r.partition > 0 && <Tag style={{ marginInlineStart: 4 }}>{t('list.partitioned')}</Tag>}
          {r.strategy === 'OnDelete' && r.updated < r.desired && <Tag style={{ marginInlineStart: 4 }}>{t('list.onDeletePending')}</Tag>}
        </span>
      ),
    },
    {
      key: 'images',
      title: t('list.col.images'),
      width: 'minmax(80px, 1.5fr)',
      render: (r) =>
        r.images.length > 1 ? (
          <Tooltip title={r.images.join(', ')}>
            <span>
              {r.images[0]} <span style={{ color: 'rgba(0,0,0,0.45)' }}>+{r.images.length - 1}</span>
            </span>
          </Tooltip>
        ) : (
          (r.images[0] ?? '—')
        ),
    },
    {
      key: 'strategy',
      title: t('list.col.strategy'),
      width: 'minmax(90px, 1fr)',
      render: (r) =>
        r.strategy === 'OnDelete' ? 'OnDelete' : r.partition > 0 ? `RollingUpdate · ${t('list.partition', { p: r.partition })}` : 'RollingUpdate',
    },
    {
      key: 'service',
      title: t('list.col.service'),
      width: 'minmax(64px, 1fr)',
      render: (r) => (r.serviceName ? <Link to={`/ns/${r.namespace}/services/${r.serviceName}`}>{r.serviceName}</Link> : '—'),
    },
  ];
  cols.push({
    key: 'labels',
    title: t('list.col.labels'),
    width: 'minmax(120px, 1.5fr)',
    render: (r) => {
      const all = Object.entries(r.labels).map(([k, v]) => `${k}=${v}`);
      return (
        <Tooltip title={all.length > 2 ? all.join(', ') : undefined}>
          <span>
            {all.slice(0, 2).map((l) => (
              <Tag key={l}>{l}</Tag>
            ))}
            {all.length > 2 && <span style={{ color: 'rgba(0,0,0,0.45)' }}>+{all.length - 2}</span>}
          </span>
        </Tooltip>
      );
    },
  });
  if (opts.all) {
    cols.push({ key: 'namespace', title: t('list.col.namespace'), width: 'minmax(80px, 1fr)', sortable: true, render: (r) => r.namespace });
  }
  cols.push(
    { key: 'created', title: t('list.col.created'), width: '72px', sortable: true, render: (r) => <RelativeTime time={r.creationTimestamp} now={opts.now} /> },
    { key: 'actions', title: <span className="sr-only">{t('list.col.actions')}</span>, width: '100px', render: (r) => <RowActions sts={r.sts} access={opts.access} /> },
  );
  return cols;
}
