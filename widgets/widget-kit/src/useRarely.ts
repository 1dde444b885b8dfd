'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * The value as last published: at most once per `everyMs`, or at once when
 * `isUrgent(shown, next)` says so. For screen-reader text that must not
 * chatter on every tick (polite live regions, chart labels).
 */
export function useRarely<T>(value: T, everyMs: number, isUrgent?: (shown: T, next: T) => boolean): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const published = useRef(value);

  useEffect(() => {
    latest.current = value;
    if (value === published.current || !isUrgent?.(published.current, value)) return;
    // Published from a task, not during the effect: one render per urgent change.
    const timer = setTimeout(() => {
      published.current = latest.current;
      setShown(latest.current);
    }, 0);
    return () => clearTimeout(timer);
  }, [value, isUrgent]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (latest.current === published.current) return;
      published.current = latest.current;
      setShown(latest.current);
    }, everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);

  return shown;
}
