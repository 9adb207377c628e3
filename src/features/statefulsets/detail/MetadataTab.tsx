// Metadata tab (console-spec.md §3.5): labels and annotations; console-owned annotations
// (ordinal.dev/*) are listed separately, read-only.
import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatefulSet } from '../../../k8s/types';

const CONSOLE = /^ordinal\.dev\//;

export function MetadataTab({ sts }: { sts: StatefulSet }) {
  const { t } = useTranslation();
  const ann = Object.entries(sts.metadata.annotations ?? {});
  const list = (entries: [string, string][]) =>
    entries.length ? (
      <Descriptions size="small" column={1} bordered items={entries.map(([k, v]) => ({ key: k, label: k, children: <span style={{ wordBreak: 'break-all' }}>{v}</span> }))} />
    ) : (
      '—'
    );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="metadata-tab">
      <Card size="small" title={t('metadata.labels')}>
        {Object.entries(sts.metadata.labels ?? {}).map(([k, v]) => (
          <Tag key={k}>{`${k}=${v}`}</Tag>
        ))}
      </Card>
      <Card size="small" title={t('metadata.annotations')}>{list(ann.filter(([k]) => !CONSOLE.test(k)))}</Card>
      <Card size="small" title={t('metadata.console')}>{list(ann.filter(([k]) => CONSOLE.test(k)))}</Card>
    </Space>
  );
}
