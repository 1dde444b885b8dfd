import { parseTopic, QuotelineError } from '@quoteline/protocol';
import type { MarketEngine } from '@quoteline/market';
import type { TopicDirectory } from '@quoteline/stream';
import type { EmbedKeys } from '../embed/embedKeys';
import { isEmbedPrincipal, sessionOf, type StreamPrincipal } from './streamPrincipal';

/**
 * Answers "may this principal read this topic", one topic at a time: it must
 * be a topic; an embed key allows the feeds it lists (as stored now) and
 * nothing private; feeds must exist; account topics are their owner's only;
 * admin topics are admins' only. A stream opened with a key stays bound to it.
 */
export function createTopicDirectory(
  engine: MarketEngine,
  embedKeys: Pick<EmbedKeys, 'feedsOf'>,
): TopicDirectory<StreamPrincipal> {
  return {
    async authorize(topic, principal) {
      const parsed = parseTopic(topic);
      if (!parsed)
        throw new QuotelineError(
          'invalid_topic',
          `"${topic.slice(0, 80)}" is not a topic; use feed:<slug>, account:<id> or admin:connections.`,
        );
      if (isEmbedPrincipal(principal)) {
        // Checked before existence: a third-party page learns nothing about feeds its key does not name.
        const feeds = parsed.kind === 'feed' ? await embedKeys.feedsOf(principal.embed.key) : null;
        if (!feeds?.includes(parsed.kind === 'feed' ? parsed.slug : ''))
          throw new QuotelineError(
            'forbidden',
            parsed.kind === 'feed'
              ? `This embed key does not allow feed "${parsed.slug}"; the key's owner can add it.`
              : 'Embedded widgets carry market feeds only.',
          );
      }
      if (parsed.kind === 'feed') {
        if (!engine.hasFeed(parsed.slug))
          throw new QuotelineError(
            'unknown_topic',
            engine.wasDeleted(parsed.slug)
              ? `The feed "${parsed.slug}" was deleted.`
              : `There is no feed "${parsed.slug}".`,
          );
        return;
      }
      const who = sessionOf(principal);
      if (parsed.kind === 'admin') {
        if (who?.role !== 'admin')
          throw new QuotelineError('forbidden', 'Only admins may read admin topics; sign in as an admin.');
        return;
      }
      if (!who || who.accountId !== parsed.accountId)
        throw new QuotelineError('forbidden', 'This account topic belongs to someone else; sign in as its owner.');
    },
    // An embedded stream is its key's for life: a cookie on a later POST adds nothing to it.
    principalFor: (opener, requester) => (isEmbedPrincipal(opener) ? opener : requester),
  };
}
