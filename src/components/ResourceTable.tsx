// A table for Kubernetes lists built from CSS grid rows (OpenShift VirtualizedTable idea,
// style.md). Up to VIRTUAL_THRESHOLD rows render plainly; above it only the rows in view are
// rendered (window scrolling, fixed row height, sticky header), so 10,000 rows stay smooth and
// the DOM stays small. antd tokens give it the look of antd's Table without its weight.
import { memo, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Checkbox, theme } from 'antd';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import styles from './ResourceTable.module.css';

export const VIRTUAL_THRESHOLD = 200;

export interface Column<R> {
  key: string;
  title: ReactNode;
  /** A CSS grid track: `minmax(180px, 2fr)`, `120px`. */
  width: string;
  render(row: R): ReactNode;
  sortable?: boolean;
  align?: 'start' | 'end' | 'center';
}

export interface ResourceTableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): string;
  rowHeight?: number;
  sort?: { key?: string; order?: 'asc' | 'desc'; onSort(key: string): void };
  selection?: { selected: ReadonlySet<string>; onChange(next: Set<string>): void; label(row: R): string; allLabel: string };
  /** Keys that should flash once (new rows). */
  flashKeys?: ReadonlySet<string>;
  testId?: string;
}

function SortIndicator({ order }: { order?: 'asc' | 'desc' }) {
  return (
    <span className={`${styles.sortIcon} ${order ? styles.sortActive : ''}`} aria-hidden>
      {order === 'desc' ? '▼' : order === 'asc' ? '▲' : '↕'}
    </span>
  );
}

export function ResourceTable<R>(props: ResourceTableProps<R>) {
  const { rows, columns, rowKey, rowHeight = 56, sort, selection, testId } = props;
  const { token } = theme.useToken();
  const template = [selection ? '32px' : '', ...columns.map((c) => c.width)].filter(Boolean).join(' ');
  const vars = {
    '--ord-border': token.colorBorderSecondary,
    '--ord-bg': token.colorBgContainer,
    '--ord-header-bg': token.colorFillAlter,
    '--ord-hover': token.colorFillQuaternary,
    '--ord-selected': token.controlItemBgActive,
    '--ord-primary': token.colorPrimary,
    '--ord-flash': token.colorPrimaryBg,
  } as CSSProperties;
  const allSelected = selection && rows.length > 0 && rows.every((r) => selection.selected.has(rowKey(r)));
  const someSelected = selection && rows.some((r) => selection.selected.has(rowKey(r)));
  return (
    <div role="table" className={styles.table} style={vars} data-testid={testId} aria-rowcount={rows.length + 1}>
      <div role="rowgroup" className={styles.header}>
        <div role="row" className={styles.row} style={{ gridTemplateColumns: template, minHeight: 44 }}>
          {selection && (
            <div role="columnheader" className={styles.cell}>
              <Checkbox
                aria-label={selection.allLabel}
                checked={!!allSelected}
                indeterminate={!allSelected && !!someSelected}
                onChange={(e) => {
                  const next = new Set(selection.selected);
                  for (const r of rows) {
                    if (e.target.checked) next.add(rowKey(r));
                    else next.delete(rowKey(r));
                  }
                  selection.onChange(next);
                }}
              />
            </div>
          )}
          {columns.map((c) => {
            const active = sort && sort.key === c.key ? sort.order : undefined;
            return (
              <div
                key={c.key}
                role="columnheader"
                className={styles.cell}
                data-column={c.key}
                aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : c.sortable ? 'none' : undefined}
                style={{ textAlign: c.align }}
              >
                {c.sortable && sort ? (
                  <button type="button" className={styles.sortButton} onClick={() => sort.onSort(c.key)} data-testid={`sort-${c.key}`}>
                    {c.title}
                    <SortIndicator order={active} />
                  </button>
                ) : (
                  c.title
                )}
              </div>
            );
          })}
        </div>
      </div>
      {rows.length > VIRTUAL_THRESHOLD ? (
        <VirtualBody {...props} template={template} rowHeight={rowHeight} />
      ) : (
        <div role="rowgroup" className={styles.body}>
          {rows.map((r) => (
            <Row key={rowKey(r)} row={r} {...props} template={template} rowHeight={rowHeight} />
          ))}
        </div>
      )}
    </div>
  );
}

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
const Row = memo(RowImpl) as typeof RowImpl;

function VirtualBody<R>(props: ResourceTableProps<R> & { template: string; rowHeight: number }) {
  const { rows, rowKey, rowHeight } = props;
  const bodyRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (el) setMargin(el.getBoundingClientRect().top + window.scrollY);
  }, []);
  const v = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin: margin,
    getItemKey: (i) => rowKey(rows[i]),
  });
  return (
    <div role="rowgroup" ref={bodyRef} className={styles.body} style={{ height: v.getTotalSize(), position: 'relative' }}>
      {v.getVirtualItems().map((item) => (
        <Row
          key={item.key}
          index={item.index}
          row={rows[item.index]}
          {...props}
          style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start - margin}px)` }}
        />
      ))}
    </div>
  );
}
