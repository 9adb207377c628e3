// The virtualized body of ResourceTable (window scrolling, fixed row height): only rows in view
// are in the DOM, so 10,000 rows keep the DOM small and scrolling smooth.
import { useLayoutEffect, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import type { ResourceTableProps } from './ResourceTable';
import { Row } from './ResourceTableRow';
import styles from './ResourceTable.module.css';

export default function VirtualBody<R>(props: ResourceTableProps<R> & { template: string; rowHeight: number }) {
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
