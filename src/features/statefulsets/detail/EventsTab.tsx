// Events tab (console-spec.md §3.8), first slice: the StatefulSet's own events, newest first,
// with a Type filter.
import { useMemo, useState } from 'react';
import { Segmented, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KubeEvent } from '../../../k8s/types';
import { RelativeTime } from '../../../components/RelativeTime';

const when = (e: KubeEvent) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';

export function EventsTab({ events }: { events: KubeEvent[] }) {
  const { t } = useTranslation();
  const [type, setType] = useState<'all' | 'Normal' | 'Warning'>('all');
  const rows = useMemo(
    () => events.filter((e) => type === 'all' || e.type === type).sort((a, b) => when(b).localeCompare(when(a))),
    [events, type],
  );
  return (
    <div data-testid="events-tab">
      <Segmented
        style={{ marginBottom: 8 }}
        value={type}
        onChange={(v) => setType(v as typeof type)}
        options={[
          { value: 'all', label: t('events.all') },
          { value: 'Normal', label: t('events.normal') },
          { value: 'Warning', label: t('events.warning') },
        ]}
      />
      <Table<KubeEvent>
        size="small"
        rowKey={(e) => e.metadata.uid ?? e.metadata.name}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('events.none') }}
        columns={[
          { key: 'type', title: t('events.type'), render: (_, e) => <Tag color={e.type === 'Warning' ? 'orange' : undefined}>{e.type}</Tag> },
          { key: 'reason', title: t('events.reason'), render: (_, e) => e.reason },
          { key: 'message', title: t('events.message'), render: (_, e) => e.message },
          { key: 'count', title: t('events.count'), render: (_, e) => e.count ?? 1 },
          { key: 'time', title: t('events.time'), render: (_, e) => <RelativeTime time={when(e) || undefined} /> },
        ]}
      />
    </div>
  );
}
