'use client';
import type { TopicProblem } from '@quoteline/client';
import { useRetryTopic } from '@quoteline/client/react';
import { MESSAGES, type Messages } from './locale/messages';
import { useWidgetLocale } from './locale/widgetLocale';

/** What a reader is told when the stream does not carry a widget's feed, and what they can do about it. */
export function problemText(
  problem: TopicProblem,
  feed: string,
  t: Messages = MESSAGES.en,
): { title: string; hint: string } {
  switch (problem.code) {
    case 'unknown_topic':
      return t.problem.unknownTopic(feed);
    case 'deleted':
      return t.problem.deleted;
    case 'forbidden':
    case 'revoked':
      return t.problem.forbidden;
    case 'signed_out':
      return t.problem.signedOut;
    case 'invalid_topic':
      return t.problem.invalidTopic(feed);
  }
}

/**
 * Why this widget's feed is not on the stream (refused or closed), in words,
 * with the server's own explanation and a way to ask again. The rest of the
 * page's widgets go on; only this one shows it.
 */
export function TopicNotice({ problem, feed }: { problem: TopicProblem; feed: string }) {
  const retry = useRetryTopic(`feed:${feed}`);
  const { t } = useWidgetLocale();
  const { title, hint } = problemText(problem, feed, t);
  return (
    <div className="ql-notice" data-testid="topic-problem" data-code={problem.code}>
      <p className="ql-notice-title">{title}</p>
      <p className="ql-muted">{problem.message}</p>
      <p className="ql-muted">{hint}</p>
      <button type="button" onClick={retry}>
        {t.tryAgain}
      </button>
    </div>
  );
}
