// A table for Kubernetes lists built from CSS grid rows (OpenShift VirtualizedTable idea,
// style.md). Up to VIRTUAL_THRESHOLD rows render plainly; above it only the rows in view are
// rendered (window scrolling, fixed row height, sticky header), so 10,000 rows stay smooth and
// the DOM stays small. antd tokens give it the look of antd's Table without its weight.
import { lazy, Suspense, useCallback, type CSSProperties, type ReactNode } from 'react';
import { Checkbox, theme } from 'antd';
import styles from './ResourceTable.module.css';
import { Row } from './ResourceTableRow';
import { loadVirtualBody, VIRTUAL_THRESHOLD } from './virtualBodyLoader';

// Loaded only when a list passes VIRTUAL_THRESHOLD rows (keeps TanStack Virtual off small pages).
const VirtualBody = lazy(loadVirtualBody);

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
  /** Keys of rows that are going away (fade out). */
  fadeKeys?: ReadonlySet<string>;
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
  const selected = selection?.selected;
  const onSelect = selection?.onChange;
  const onToggle = useCallback(
    (id: string, checked: boolean) => {
      if (!selected || !onSelect) return;
      const next = new Set(selected);
      if (checked) next.add(id);
      else next.delete(id);
      onSelect(next);
    },
    [selected, onSelect],
  );
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
        <Suspense fallback={<div style={{ height: rows.length * rowHeight }} />}>
          <VirtualBody {...(props as ResourceTableProps<unknown>)} template={template} rowHeight={rowHeight} onToggle={onToggle} />
        </Suspense>
      ) : (
        <div role="rowgroup" className={styles.body}>
          {rows.map((r) => {
            const id = rowKey(r);
            return (
              <Row
                key={id}
                row={r}
                rowId={id}
                columns={columns}
                template={template}
                rowHeight={rowHeight}
                selected={selection ? selection.selected.has(id) : undefined}
                selectLabel={selection?.label(r)}
                onToggle={selection ? onToggle : undefined}
                flash={props.flashKeys?.has(id)}
                fade={props.fadeKeys?.has(id)}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}

