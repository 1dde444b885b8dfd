import { z } from 'zod';
import { fillEventSchema, orderEventSchema, positionEventSchema } from './privateEvents';
import { symbolSchema, topicSchema } from './topics';

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
export const updateEventSchema = z.object({ topic: topicSchema, symbol: symbolSchema, price, bid: price, ask: price, ts });

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
export type ResetEvent = EventData<'reset'>;
export type OrderEvent = EventData<'order'>;
export type FillEvent = EventData<'fill'>;
export type PositionEvent = EventData<'position'>;

/** Events that belong to a topic and travel through the event log. */
export type TopicEventType = 'add' | 'remove' | 'update' | 'order' | 'fill' | 'position';

/** Market events may be conflated per symbol; private events never are. */
export const CONFLATABLE: ReadonlySet<EventType> = new Set(['update']);

/** True when `type` is an event type this protocol version knows. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventSchemas, type);
}
