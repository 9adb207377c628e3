// The virtualized body of ResourceTable (window scrolling, fixed row height): only rows in view
// are in the DOM, so 10,000 rows keep the DOM small and scrolling smooth.
import { useLayoutEffect, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { ResourceTableProps } from './ResourceTable';
import { Row } from './ResourceTableRow';
import styles from './ResourceTable.module.css';

export default function VirtualBody<R>(props: ResourceTableProps<R> & { template: string; rowHeight: number; onToggle(id: string, checked: boolean): void }) {
  const { rows, rowKey, rowHeight, columns, template, selection, flashKeys, fadeKeys, onToggle } = props;
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
          rowId={String(item.key)}
          columns={columns}
          template={template}
          rowHeight={rowHeight}
          selected={selection ? selection.selected.has(String(item.key)) : undefined}
          selectLabel={selection?.label(rows[item.index])}
          onToggle={selection ? onToggle : undefined}
          flash={flashKeys?.has(String(item.key))}
          fade={fadeKeys?.has(String(item.key))}
          offset={item.start - margin}
        />
      ))}
    </div>
  );
}
