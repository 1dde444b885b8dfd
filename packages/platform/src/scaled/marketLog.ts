import { feedSlugOf } from '@quoteline/protocol';
import type { MarketEngine, MarketEvent } from '@quoteline/market';
import { RingLog, type EventLog } from '@quoteline/stream';
import { soleProducer, type ProducerRole } from './producerRole';
import type { SharedParts } from './sharedParts';

/** The log an instance appends to and tails, whether it produces the feeds, and how the engine's market events reach the log. */
export interface MarketLog {
  log: EventLog;
  role: ProducerRole;
  /** Appends one of `engine`'s market events (the engine asks for this on every change). */
  publishMarket(event: MarketEvent, engine: Pick<MarketEngine, 'feedSource'>): void;
}

/** Alone: the in-process ring; this instance is always the producer, and every market event is appended at once. */
export function localMarketLog(capacity: number): MarketLog {
  const ring = new RingLog({ capacity });
  return { log: ring, role: soleProducer, publishMarket: (event) => void ring.appendSync(event) };
}

/**
 * Scaled: the shared log and the producer lease. Market appends are fenced by
 * the lease; simulated and replayed prices come from the producer only, pushed
 * ones from whichever instance received them.
 */
export function sharedMarketLog(shared: SharedParts): MarketLog {
  const { log, role } = shared;
  return {
    log,
    role,
    publishMarket(event, engine) {
      if (event.type === 'update' && !role.active && engine.feedSource(feedSlugOf(event.topic) ?? '') !== 'push')
        return;
      shared.appendMarket(event).catch((error) => console.error('quoteline: publishing a market event failed', error));
    },
  };
}
