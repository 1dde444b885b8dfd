import type { MarketEngine, MarketEvent } from '@quoteline/market';
import type { EventLog } from '@quoteline/stream';
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
    if (!isMarketEntry(entry) || !followsFromLog(entry, role.active, engine)) return;
    engine.follow(entry as unknown as MarketEvent);
    // A pause or resume made on another instance: its replay (if any) follows the status the log just set.
    if (entry.type === 'status') replays.follow(entry.topic.slice('feed:'.length));
  });
}

function isMarketEntry(entry: { type: string; topic: string }): boolean {
  return entry.topic.startsWith('feed:') && ['add', 'update', 'remove', 'status', 'topic_closed'].includes(entry.type);
}

/**
 * Which shared-log market events this instance's engine takes over: all of
 * them, except that the producer keeps its own walk of simulated and replayed
 * feeds (its state is ahead of its own updates coming back); pushed ticks can
 * come from any instance.
 */
function followsFromLog(
  entry: { type: string; topic: string },
  producing: boolean,
  engine: Pick<MarketEngine, 'feedSource'>,
): boolean {
  if (entry.type !== 'update' || !producing) return true;
  return engine.feedSource(entry.topic.slice('feed:'.length)) === 'push';
}
