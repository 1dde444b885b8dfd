'use client';
import type { FeedStatus } from '@quoteline/protocol';
import { useWidgetLocale } from './locale/widgetLocale';

/**
 * "Paused" while an admin has paused the feed: a visible badge in words (not
 * colour alone) inside a polite live region that is always rendered, so
 * screen readers hear it appear and can tell stale prices from quiet ones.
 */
export function FeedPaused({ status, feed }: { status: FeedStatus | undefined; feed: string }) {
  const { t } = useWidgetLocale();
  return (
    // A live region without role="status": the widget's one status stays the stream's (StreamStatus).
    <span className="ql-feed-status" aria-live="polite" aria-atomic="true" data-feed-status={status ?? 'loading'}>
      {status === 'paused' && (
        <span className="ql-paused" data-testid="feed-paused" title={t.pausedTitle(feed)}>
          <span aria-hidden="true">❚❚ </span>
          {t.paused}
          <span className="ql-visually-hidden">{t.pausedSpoken(feed)}</span>
        </span>
      )}
    </span>
  );
}
