'use client';
import type { FeedStatus } from '@quoteline/protocol';

/**
 * "Paused" while an admin has paused the feed: a visible badge in words (not
 * colour alone) inside a polite live region that is always rendered, so
 * screen readers hear it appear and can tell stale prices from quiet ones.
 */
export function FeedPaused({ status, feed }: { status: FeedStatus | undefined; feed: string }) {
  return (
    <span className="ql-feed-status" role="status" data-feed-status={status ?? 'loading'}>
      {status === 'paused' && (
        <span className="ql-paused" data-testid="feed-paused" title={`Feed ${feed} is paused: prices are not updating`}>
          <span aria-hidden="true">❚❚ </span>
          Paused
          <span className="ql-visually-hidden">: feed {feed} is not updating</span>
        </span>
      )}
    </span>
  );
}
