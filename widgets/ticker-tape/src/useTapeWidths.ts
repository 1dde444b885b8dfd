'use client';
import { useEffect, useState, type RefObject } from 'react';

/** Widths the tape's speed depends on: the visible strip and one copy of the list. */
export interface TapeWidths {
  viewport: number;
  list: number;
}

/** Measures the strip and the list whenever either resizes (fonts, prices, container), from ResizeObserver callbacks. */
export function useTapeWidths(
  viewport: RefObject<HTMLElement | null>,
  list: RefObject<HTMLElement | null>,
  active: boolean,
): TapeWidths {
  const [widths, setWidths] = useState<TapeWidths>({ viewport: 0, list: 0 });
  useEffect(() => {
    const v = viewport.current;
    const l = list.current;
    if (!active || !v || !l || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const next = { viewport: v.clientWidth, list: l.scrollWidth };
      setWidths((prev) => (prev.viewport === next.viewport && prev.list === next.list ? prev : next));
    });
    observer.observe(v);
    observer.observe(l);
    return () => observer.disconnect();
  }, [viewport, list, active]);
  return widths;
}
