import { z } from 'zod';
import { marketStateSchema } from './marketSessions';
import { fillEventSchema, orderEventSchema, positionEventSchema } from './privateEvents';
import { symbolSchema, topicRefusalSchema, topicSchema } from './topics';

// Every event the stream carries, one schema each. Prices on the wire are JSON
// numbers already rounded to the instrument's tick (the engine keeps integer
// minor units); `ts` is the publish time in ms since the Unix epoch.

const price = z.number().finite().nonnegative();
const ts = z.number().int().nonnegative();

/** First event of every stream: who you are talking to and how to change subscriptions. */
export const readyEventSchema = z.object({
  connectionId: z.string().min(1),
  token: z.string().min(16),
  instance: z.string().min(1),
  protocol: z.number().int().positive(),
  topics: z.array(topicSchema),
});

/** An instrument appears on a feed (snapshot or added live), with its full quote. */
export const addEventSchema = z.object({
  topic: topicSchema,
  symbol: symbolSchema,
  name: z.string(),
  price,
  bid: price,
  ask: price,
  /** reference price the change is measured from */
  open: price,
  /** decimals the feed quotes this instrument with */
  decimals: z.number().int().min(0).max(8),
  ts,
});

/** An instrument leaves a feed; clients drop its row. */
export const removeEventSchema = z.object({ topic: topicSchema, symbol: symbolSchema });

/** A new quote for an instrument already added; conflatable (only the latest matters). */
export const updateEventSchema = z.object({
  topic: topicSchema,
  symbol: symbolSchema,
  price,
  bid: price,
  ask: price,
  ts,
});

/** Whether a feed publishes updates; admins pause and resume feeds. */
export const feedStatusSchema = z.enum(['running', 'paused']);
/** A feed's status. */
export type FeedStatus = z.infer<typeof feedStatusSchema>;

/**
 * A feed was paused or resumed, or its market opened or closed (on `feed:`
 * topics). Published when any of it changes and when a feed is loaded; a
 * snapshot carries the latest after its `add`s while the feed is paused or has
 * a calendar or staleness bound, so no `status` in a snapshot means `running`
 * and always open.
 */
export const statusEventSchema = z.object({
  topic: topicSchema,
  status: feedStatusSchema,
  /**
   * Optional (clients that ignore them see the events they always did); present
   * on feeds with a trading calendar or a staleness bound: `halted` while paused, else `open` or `closed` by the
   * calendar; `nextChange` (ms since the epoch) when that changes by itself,
   * null when it does not; `timeZone` the market's zone to show it in.
   */
  state: marketStateSchema.optional(),
  nextChange: ts.nullable().optional(),
  timeZone: z.string().optional(),
  /** a quote of this feed older than this many ms is stale */
  staleAfterMs: z.number().int().positive().optional(),
});

const count = z.number().int().nonnegative();
const rate = z.number().finite().nonnegative();

/** One of the slowest consumers of an instance: the open streams with the most unsent bytes. */
export const slowConsumerSchema = z.object({
  connectionId: z.string().min(1),
  /** who opened it: `anonymous`, `trader`, `admin` or `embed` (more kinds may appear) */
  principal: z.string().min(1),
  /** topics the stream carries */
  topics: count,
  /** bytes queued and not yet handed to the transport */
  pendingBytes: count,
  /** how long its oldest unsent frame has waited, in ms (0 when nothing waits) */
  lagMs: count,
});

/**
 * A periodic sample of one app instance's streams, on `admin:connections`.
 * Every instance appends its own; samples of different instances never
 * replace each other, so readers merge them by `instance`.
 */
export const statsEventSchema = z.object({
  topic: topicSchema,
  instance: z.string().min(1),
  ts,
  /** how often this instance samples, in ms; a reader may forget an instance silent for a few intervals */
  intervalMs: z.number().int().positive(),
  /** open streams now */
  streams: count,
  /** streams opened since the instance started */
  opened: count,
  /** how many distinct topics have at least one stream */
  topicCount: count,
  /** the topics with the most streams, most first (at most 10) */
  topics: z.array(z.object({ topic: topicSchema, streams: count })),
  /** frames and bytes written to streams per second since the previous sample */
  eventsPerSecond: rate,
  bytesPerSecond: rate,
  /** totals since the instance started: updates superseded while a stream was backed up, frames discarded with streams cut off as too slow, and those streams */
  conflated: count,
  dropped: count,
  slowConsumers: count,
  /** the open streams with the most unsent bytes, most first (at most 5) */
  slowest: z.array(slowConsumerSchema),
});

/** A topic of the request was refused; the stream goes on with the others (no id: it concerns this stream only). */
export const topicErrorEventSchema = topicRefusalSchema;

/** Why a topic left a stream it was on. */
export const topicClosedReasonSchema = z.enum(['deleted', 'revoked', 'signed_out', 'forbidden']);
export type TopicClosedReason = z.infer<typeof topicClosedReasonSchema>;

/** A topic left the stream without being asked to: its feed deleted, its grant gone; the stream goes on with the others. */
export const topicClosedEventSchema = z.object({
  topic: topicSchema,
  reason: topicClosedReasonSchema,
  message: z.string(),
});

/** History could not be replayed; the client must drop its state, the snapshot follows. */
export const resetEventSchema = z.object({
  reason: z.enum(['unknown_id', 'epoch_changed', 'history_trimmed', 'too_far_behind']),
});

/** Map of event type → schema of its JSON data; the single source of wire types. */
export const eventSchemas = {
  ready: readyEventSchema,
  add: addEventSchema,
  remove: removeEventSchema,
  update: updateEventSchema,
  reset: resetEventSchema,
  order: orderEventSchema,
  fill: fillEventSchema,
  position: positionEventSchema,
  status: statusEventSchema,
  stats: statsEventSchema,
  topic_error: topicErrorEventSchema,
  topic_closed: topicClosedEventSchema,
} as const;

/** Every event type name. */
export type EventType = keyof typeof eventSchemas;
/** The JSON data of an event of type T. */
export type EventData<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;
/** A decoded stream event: its type, its data and its log id (absent on `ready`). */
export type StreamEvent = { [T in EventType]: { type: T; id?: string; data: EventData<T> } }[EventType];

export type ReadyEvent = EventData<'ready'>;
export type AddEvent = EventData<'add'>;
export type RemoveEvent = EventData<'remove'>;
export type UpdateEvent = EventData<'update'>;
export type OrderEvent = EventData<'order'>;
export type StatusEvent = EventData<'status'>;
export type StatsEvent = EventData<'stats'>;
export type TopicClosedEvent = EventData<'topic_closed'>;

/** Every event type that belongs to a topic and goes through the log (`topic_closed` does when a feed is deleted). */
export const TOPIC_EVENT_TYPES = [
  'add',
  'remove',
  'update',
  'order',
  'fill',
  'position',
  'status',
  'stats',
  'topic_closed',
] as const;
export type TopicEventType = (typeof TOPIC_EVENT_TYPES)[number];

/** An event of a topic as the event log carries it, discriminated by `type`: the topic it is on, and its data. */
export type TopicEvent = { [T in TopicEventType]: { topic: string; type: T; data: EventData<T> } }[TopicEventType];

/** The instrument an event is about, for the events that have one. */
export function symbolOf(event: { data: object }): string | undefined {
  return 'symbol' in event.data && typeof event.data.symbol === 'string' ? event.data.symbol : undefined;
}

/**
 * Events a newer one of the same subject may supersede: a market `update` per
 * (topic, symbol), a `stats` sample per (topic, instance). Everything else,
 * private events included, is never conflated.
 */
export const CONFLATABLE: ReadonlySet<EventType> = new Set(['update', 'stats']);

/** True when `type` is an event type this protocol version knows. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventSchemas, type);
}
