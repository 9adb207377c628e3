// Column chooser (console-spec.md §2.1): optional columns on/off, remembered in the browser.
import { Button, Checkbox, Popover, Tooltip } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OPTIONAL_COLUMNS } from './listColumns';

export function ColumnChooser({ hidden, onChange }: { hidden: string[]; onChange(next: string[]): void }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      content={
        <Checkbox.Group
          data-testid="column-chooser"
          style={{ display: 'grid', gap: 6 }}
          value={OPTIONAL_COLUMNS.filter((c) => !hidden.includes(c))}
          onChange={(shown) => onChange(OPTIONAL_COLUMNS.filter((c) => !shown.includes(c)))}
          options={OPTIONAL_COLUMNS.map((c) => ({ value: c, label: t(`list.col.${c}`) }))}
        />
      }
    >
      <Tooltip title={t('list.columns')}>
        <Button icon={<SettingOutlined />} aria-label={t('list.columns')} data-testid="column-chooser-button" />
      </Tooltip>
    </Popover>
  );
}
