'use client';
import { useStreamStatus } from '@quoteline/client/react';
import { useWidgetLocale } from './locale/widgetLocale';

/**
 * The stream's status in words, announced politely to screen readers; for a
 * widget whose own feed the stream does not carry, "Unavailable" instead
 * (the widget's notice says why), since "Live" would not be true for it.
 */
export function StreamStatus({ unavailable = false }: { unavailable?: boolean } = {}) {
  const status = useStreamStatus();
  const { t } = useWidgetLocale();
  return (
    <span className="ql-status" data-status={unavailable ? 'unavailable' : status} role="status" aria-live="polite">
      {t.status[unavailable ? 'unavailable' : status]}
    </span>
  );
}
