'use client';
import type { TopicProblem } from '@quoteline/client';
import { useRetryTopic } from '@quoteline/client/react';

/** What a reader is told when the stream does not carry a widget's feed, and what they can do about it. */
export function problemText(problem: TopicProblem, feed: string): { title: string; hint: string } {
  switch (problem.code) {
    case 'unknown_topic':
      return {
        title: `No feed "${feed}"`,
        hint: 'Check the feed name, or ask an admin to create it; this widget shows it as soon as it exists.',
      };
    case 'deleted':
      return {
        title: 'This feed was removed',
        hint: 'An admin deleted it; this widget shows it again if it is created anew.',
      };
    case 'forbidden':
    case 'revoked':
      return {
        title: 'Not available with this key',
        hint: "Try again once the site's owner has changed the key; the rest of the page is not affected.",
      };
    case 'signed_out':
      return { title: 'Signed out', hint: 'Sign in again to see this.' };
    case 'invalid_topic':
      return { title: `Cannot show feed "${feed}"`, hint: 'Check the feed name in the page.' };
  }
}

/**
 * Why this widget's feed is not on the stream (refused or closed), in words,
 * with the server's own explanation and a way to ask again. The rest of the
 * page's widgets go on; only this one shows it.
 */
export function TopicNotice({ problem, feed }: { problem: TopicProblem; feed: string }) {
  const retry = useRetryTopic(`feed:${feed}`);
  const { title, hint } = problemText(problem, feed);
  return (
    <div className="ql-notice" data-testid="topic-problem" data-code={problem.code}>
      <p className="ql-notice-title">{title}</p>
      <p className="ql-muted">{problem.message}</p>
      <p className="ql-muted">{hint}</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
