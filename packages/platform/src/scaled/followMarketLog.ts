import { feedSlugOf } from '@quoteline/protocol';
import type { MarketEngine, MarketEvent } from '@quoteline/market';
import type { EventLog, LogEntry } from '@quoteline/stream';
import type { Replays } from '../feeds/replays';
import type { ProducerRole } from './producerRole';

/** What following other instances' market events needs. */
export interface FollowMarketLogDeps {
  log: Pick<EventLog, 'tail'>;
  engine: Pick<MarketEngine, 'follow' | 'feedSource'>;
  replays: Pick<Replays, 'follow'>;
  role: Pick<ProducerRole, 'active'>;
}

/**
 * Scaled, every instance's engine follows the shared log: other instances'
 * `add` / `remove` / `update` / `status` events fold into it, so its feeds,
 * prices and statuses match the log's. Returns the unsubscribe.
 */
export function followMarketLog({ log, engine, replays, role }: FollowMarketLogDeps): () => void {
  return log.tail((entry) => {
    const slug = feedSlugOf(entry.topic);
    if (slug === null || !isMarketEntry(entry) || !followsFromLog(entry, slug, role.active, engine)) return;
    engine.follow(entry);
    // A pause or resume made on another instance: its replay (if any) follows the status the log just set.
    if (entry.type === 'status') replays.follow(slug);
  });
}

function isMarketEntry(entry: LogEntry): entry is LogEntry & MarketEvent {
  return (
    entry.type === 'add' ||
    entry.type === 'update' ||
    entry.type === 'remove' ||
    entry.type === 'status' ||
    entry.type === 'topic_closed'
  );
}

/**
 * Which shared-log market events this instance's engine takes over: all of
 * them, except that the producer keeps its own walk of simulated and replayed
 * feeds (its state is ahead of its own updates coming back); pushed ticks can
 * come from any instance.
 */
function followsFromLog(
  entry: MarketEvent,
  slug: string,
  producing: boolean,
  engine: Pick<MarketEngine, 'feedSource'>,
): boolean {
  if (entry.type !== 'update' || !producing) return true;
  return engine.feedSource(slug) === 'push';
}
