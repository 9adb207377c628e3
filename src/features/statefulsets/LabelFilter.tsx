// Label filter (console-spec.md §2.4): key + optional value → chip `key=value`; the key box also
// takes selector syntax (`k!=v`, `!k`, `k in (a,b)`). Chips are ANDed.
import { useState } from 'react';
import { Button, Popover, Tag } from 'antd';
import { TagOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatRequirement, tryParseSelector } from '../../k8s/labelSelector';
import { TextInput } from '../../components/TextInput';

export function LabelFilter({ value, onChange }: { value: string; onChange(next: string): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState('');
  const [val, setVal] = useState('');
  const [error, setError] = useState(false);
  const chips = (tryParseSelector(value) ?? []).map(formatRequirement);
  const add = () => {
    const text = val.trim() ? `${key.trim()}=${val.trim()}` : key.trim();
    const reqs = text ? tryParseSelector(text) : undefined;
    if (!reqs || reqs.length === 0) {
      setError(true);
      return;
    }
    const next = [...chips, ...reqs.map(formatRequirement).filter((c) => !chips.includes(c))];
    onChange(next.join(','));
    setKey('');
    setVal('');
    setError(false);
    setOpen(false);
  };
  const enter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') add();
  };
  return (
    <>
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        content={
          <div style={{ width: 300 }} data-testid="label-filter-popover">
            <div style={{ display: 'flex', gap: 6 }}>
              <TextInput placeholder={t('list.labelKey')} aria-label={t('list.labelKey')} value={key} onChange={(e) => setKey(e.target.value)} onKeyDown={enter} data-testid="label-key" autoFocus style={{ flex: 1, minWidth: 0 }} />
              <TextInput placeholder={t('list.labelValue')} aria-label={t('list.labelValue')} value={val} onChange={(e) => setVal(e.target.value)} onKeyDown={enter} data-testid="label-value" style={{ flex: 1, minWidth: 0 }} />
            </div>
            {error && (
              <div role="alert" style={{ color: '#ff4d4f', marginTop: 6 }} data-testid="label-error">
                {t('list.labelInvalid')}
              </div>
            )}
            <Button type="primary" size="small" style={{ marginTop: 8 }} onClick={add} data-testid="label-add">
              {t('list.labelAdd')}
            </Button>
          </div>
        }
      >
        <Button icon={<TagOutlined />} data-testid="label-filter">
          {t('list.label')}
        </Button>
      </Popover>
      {value && !tryParseSelector(value) && (
        <span role="alert" style={{ color: '#ff4d4f' }} data-testid="label-error">
          {t('list.labelInvalid')}
        </span>
      )}
      {chips.map((c) => (
        <Tag key={c} closable onClose={() => onChange(chips.filter((x) => x !== c).join(','))} data-testid="label-chip">
          {c}
        </Tag>
      ))}
    </>
  );
}
