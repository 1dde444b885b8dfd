'use client';
import { STATUS_TEXT } from '@quoteline/client';
import { useStreamStatus } from '@quoteline/client/react';

/** The stream's status in words, announced politely to screen readers. */
export function StreamStatus() {
  const status = useStreamStatus();
  return (
    <span className="ql-status" data-status={status} role="status" aria-live="polite">
      {STATUS_TEXT[status]}
    </span>
  );
}
