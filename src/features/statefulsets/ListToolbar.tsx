// The list's action bar (console-spec.md §2.1): search, label and status filters, Clear,
// Refresh, column chooser and the live indicator. Memoized: a watch batch re-renders the
// table rows that changed, not these antd controls.
import { memo } from 'react';
import { Button, Select, Space, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { WatchStatus } from '../../api/listWatch';
import { STATE_ORDER, type StatefulSetState } from '../../k8s/statefulSetStatus';
import { LiveIndicator } from '../../components/LiveIndicator';
import { TextInput } from '../../components/TextInput';
import { ColumnChooser } from './ColumnChooser';
import { LabelFilter } from './LabelFilter';
import type { ListView } from './listModel';

interface Props {
  q: string;
  onQ(q: string): void;
  label: string;
  status: StatefulSetState[];
  setView(patch: Partial<ListView>): void;
  filtersActive: boolean;
  onClear(): void;
  onRefresh(): void;
  hidden: string[];
  onHidden(next: string[]): void;
  watchStatus: WatchStatus;
}

export const ListToolbar = memo(function ListToolbar(p: Props) {
  const { t } = useTranslation();
  return (
    <Space wrap style={{ marginBottom: 12, width: '100%' }}>
      <TextInput
        type="search"
        data-testid="list-search"
        aria-label={t('list.search')}
        placeholder={t('list.search')}
        value={p.q}
        onChange={(e) => p.onQ(e.target.value)}
        style={{ width: 240 }}
      />
      <LabelFilter value={p.label} onChange={(label) => p.setView({ label })} />
      <Select<StatefulSetState[]>
        mode="multiple"
        allowClear
        data-testid="status-filter"
        aria-label={t('list.statusFilter')}
        placeholder={t('list.statusFilter')}
        style={{ minWidth: 180 }}
        value={p.status}
        onChange={(status) => p.setView({ status })}
        options={STATE_ORDER.map((s) => ({ value: s, label: t(`state.${s}`) }))}
      />
      {p.filtersActive && (
        <Button onClick={p.onClear} data-testid="clear-filters">
          {t('list.clearFilters')}
        </Button>
      )}
      <Tooltip title={t('list.refresh')}>
        <Button icon={<ReloadOutlined />} aria-label={t('list.refresh')} data-testid="list-refresh" onClick={p.onRefresh} />
      </Tooltip>
      <ColumnChooser hidden={p.hidden} onChange={p.onHidden} />
      <LiveIndicator status={p.watchStatus} />
    </Space>
  );
});
