'use client';
import { STATUS_TEXT } from '@quoteline/client';
import { useStreamStatus } from '@quoteline/client/react';

/**
 * The stream's status in words, announced politely to screen readers; for a
 * widget whose own feed the stream does not carry, "Unavailable" instead
 * (the widget's notice says why), since "Live" would not be true for it.
 */
export function StreamStatus({ unavailable = false }: { unavailable?: boolean } = {}) {
  const status = useStreamStatus();
  return (
    <span className="ql-status" data-status={unavailable ? 'unavailable' : status} role="status" aria-live="polite">
      {unavailable ? 'Unavailable' : STATUS_TEXT[status]}
    </span>
  );
}
