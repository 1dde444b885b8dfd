import { parseTopic, QuotelineError } from '@quoteline/protocol';
import type { MarketEngine } from '@quoteline/market';
import type { TopicDirectory } from '@quoteline/stream';

/** Who is asking: a signed-in session, or null for anonymous readers of public market data. */
export type Principal = { userId: string; email: string; accountId: string; role: 'trader' | 'admin'; sessionId: string } | null;

/** What kind of opener a stream has, as admins see it: `anonymous`, `trader`, `admin` or `embed` (a third-party page's key). */
export function principalKind(principal: unknown): string {
  if (!principal) return 'anonymous';
  if (typeof principal === 'object' && 'embed' in principal) return 'embed';
  return (principal as NonNullable<Principal>).role ?? 'anonymous';
}

/** Answers "may this principal read this topic": feeds must exist; account topics are their owner's only; admin topics are admins' only. */
export function createTopicDirectory(engine: MarketEngine): TopicDirectory {
  return {
    authorize(topic, principal) {
      const parsed = parseTopic(topic);
      if (!parsed) throw new QuotelineError('invalid_topic', `"${topic}" is not a topic; use feed:<slug>, account:<id> or admin:connections.`);
      if (parsed.kind === 'feed') {
        if (!engine.hasFeed(parsed.slug)) throw new QuotelineError('unknown_topic', `There is no feed "${parsed.slug}".`);
        return;
      }
      const who = principal as Principal;
      if (parsed.kind === 'admin') {
        // Embed principals have no role, so they land here too.
        if (who?.role !== 'admin') throw new QuotelineError('forbidden', 'Only admins may read admin topics; sign in as an admin.');
        return;
      }
      if (!who || who.accountId !== parsed.accountId)
        throw new QuotelineError('forbidden', 'This account topic belongs to someone else; sign in as its owner.');
    },
  };
}
