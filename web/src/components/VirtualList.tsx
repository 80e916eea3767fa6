import { useEffect, useRef, useState, type ReactNode } from "react";

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  height: number;
  label: string;
  render: (item: T, index: number) => ReactNode;
  itemKey: (item: T) => string;
  /** Keeps the newest row in view while the user is at the end of the list (a live feed). */
  follow?: boolean;
}

/**
 * A list that creates elements only for the rows in view (plus a margin): a document's 2,000 annotations make a
 * few dozen list items, not 2,000. Rows have one fixed height.
 */
export function VirtualList<T>({ items, rowHeight, height, label, render, itemKey, follow }: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const atEnd = useRef(true);
  const total = items.length * rowHeight;

  useEffect(() => {
    const element = box.current;
    if (follow && element && atEnd.current) element.scrollTop = total;
  }, [follow, total]);

  const overscan = 6;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <li key={itemKey(items[i])} style={{ position: "absolute", top: i * rowHeight, height: rowHeight, left: 0, right: 0 }} aria-setsize={items.length} aria-posinset={i + 1}>
        {render(items[i], i)}
      </li>,
    );
  }
  return (
    <div
      ref={box}
      className="virtual-list"
      style={{ height, overflowY: "auto", position: "relative" }}
      tabIndex={0}
      role="region"
      aria-label={label}
      onScroll={(e) => {
        const element = e.currentTarget;
        atEnd.current = element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight;
        setScrollTop(element.scrollTop);
      }}
    >
      <ul style={{ height: total, position: "relative", margin: 0, padding: 0, listStyle: "none" }}>{rows}</ul>
    </div>
  );
}
