// One row of ResourceTable: CSS grid cells, optional selection checkbox. Memoized on plain
// props (row object, columns, selected, flash), so a watch batch re-renders only the rows
// whose object changed.
import { memo } from 'react';
import { Checkbox } from 'antd';
import type { Column } from './ResourceTable';
import styles from './ResourceTable.module.css';

interface RowProps<R> {
  row: R;
  rowId: string;
  columns: readonly Column<R>[];
  template: string;
  rowHeight: number;
  /** undefined when the table has no selection column. */
  selected?: boolean;
  selectLabel?: string;
  onToggle?: (rowId: string, checked: boolean) => void;
  flash?: boolean;
  fade?: boolean;
  /** Virtualized rows: absolute position (px from the body's top). */
  offset?: number;
  index?: number;
}

function RowImpl<R>({ row, rowId, columns, template, rowHeight, selected, selectLabel, onToggle, flash, fade, offset, index }: RowProps<R>) {
  const cls = [styles.row, selected ? styles.selected : '', flash ? styles.flash : '', fade ? styles.fade : ''].join(' ');
  return (
    <div
      role="row"
      className={cls}
      data-row-key={rowId}
      data-leaving={fade || undefined}
      aria-hidden={fade || undefined}
      aria-selected={selected}
      aria-rowindex={index === undefined ? undefined : index + 2}
      style={{
        gridTemplateColumns: template,
        height: rowHeight,
        ...(offset === undefined ? {} : { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${offset}px)` }),
      }}
    >
      {onToggle && (
        <div role="cell" className={styles.cell}>
          <Checkbox aria-label={selectLabel} checked={!!selected} onChange={(e) => onToggle(rowId, e.target.checked)} />
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

export const Row = memo(RowImpl) as typeof RowImpl;
