// One row of ResourceTable: CSS grid cells, optional selection checkbox, memoized.
import { memo, type CSSProperties } from 'react';
import { Checkbox } from 'antd';
import type { ResourceTableProps } from './ResourceTable';
import styles from './ResourceTable.module.css';

interface RowProps<R> extends ResourceTableProps<R> {
  row: R;
  template: string;
  rowHeight: number;
  style?: CSSProperties;
  index?: number;
}

function RowImpl<R>({ row, columns, rowKey, selection, template, rowHeight, style, flashKeys, index }: RowProps<R>) {
  const key = rowKey(row);
  const selected = selection?.selected.has(key);
  const cls = [styles.row, selected ? styles.selected : '', flashKeys?.has(key) ? styles.flash : ''].join(' ');
  return (
    <div
      role="row"
      className={cls}
      data-row-key={key}
      aria-selected={selection ? !!selected : undefined}
      aria-rowindex={index === undefined ? undefined : index + 2}
      style={{ gridTemplateColumns: template, height: rowHeight, ...style }}
    >
      {selection && (
        <div role="cell" className={styles.cell}>
          <Checkbox
            aria-label={selection.label(row)}
            checked={!!selected}
            onChange={(e) => {
              const next = new Set(selection.selected);
              if (e.target.checked) next.add(key);
              else next.delete(key);
              selection.onChange(next);
            }}
          />
        </div>
      )}
      {columns.map((c) => (
        <div key={c.key} role="cell" className={styles.cell} data-column={c.key} style={{ textAlign: c.align }}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}
// Rows re-render only when their object (or selection) changes: watch batches replace only
// the objects that changed, so a status change repaints one row.
export const Row = memo(RowImpl) as typeof RowImpl;

