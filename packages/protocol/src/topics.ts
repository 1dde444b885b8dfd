import { z } from 'zod';
import { invalid } from './errors';
import { ACCOUNT_ID_PATTERN, FEED_SLUG_PATTERN, MAX_TOPICS_PER_STREAM, SYMBOL_PATTERN } from './patterns';

/** A feed slug: lowercase letters, digits and dashes, so it is safe in URLs and topics. */
export const feedSlugSchema = z
  .string()
  .regex(FEED_SLUG_PATTERN, 'a feed slug is 1-32 lowercase letters, digits or dashes');

/** An instrument symbol: 1-12 uppercase letters, digits, dots or dashes. */
export const symbolSchema = z
  .string()
  .regex(SYMBOL_PATTERN, 'a symbol is 1-12 uppercase letters, digits, dots or dashes');

/** The symbol a path or body names, or a 400 `invalid_symbol` saying what a symbol is. */
export function parseSymbol(value: unknown): string {
  const symbol = symbolSchema.safeParse(value);
  if (symbol.success) return symbol.data;
  throw invalid(
    'invalid_symbol',
    'A symbol is 1-12 uppercase letters, digits, dots or dashes.',
    symbol.error.issues.map((i) => ({ ...i, path: ['symbol'] })),
  );
}

const accountIdSchema = z.string().regex(ACCOUNT_ID_PATTERN);

/** Admin-only topics, by the name after `admin:`; a short fixed list, since each is produced by the platform itself. */
export const ADMIN_CHANNELS = ['connections'] as const;
/** One admin channel. */
export type AdminChannel = (typeof ADMIN_CHANNELS)[number];

/** Parsed form of a topic string; `feed:<slug>` is public market data, `account:<id>` is private, `admin:<channel>` is for admins only. */
export type Topic =
  | { kind: 'feed'; name: string; slug: string }
  | { kind: 'account'; name: string; accountId: string }
  | { kind: 'admin'; name: string; channel: AdminChannel };

/** Parses one topic string, or returns null when it is not a valid topic. */
export function parseTopic(value: string): Topic | null {
  const colon = value.indexOf(':');
  if (colon < 0) return null;
  const kind = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (kind === 'feed' && feedSlugSchema.safeParse(rest).success) return { kind, name: value, slug: rest };
  if (kind === 'account' && accountIdSchema.safeParse(rest).success) return { kind, name: value, accountId: rest };
  if (kind === 'admin' && (ADMIN_CHANNELS as readonly string[]).includes(rest))
    return { kind, name: value, channel: rest as AdminChannel };
  return null;
}

/** The feed slug of a `feed:` topic, or null for any other topic. */
export function feedSlugOf(topic: string): string | null {
  return topic.startsWith('feed:') ? topic.slice('feed:'.length) : null;
}

/** The topic name of a feed. */
export const feedTopic = (slug: string): string => `feed:${slug}`;
/** The private topic name of an account. */
export const accountTopic = (accountId: string): string => `account:${accountId}`;
/** True for topics only some principals may read (`account:` and `admin:`); signing out takes them away. */
export const isPrivateTopic = (topic: string): boolean => topic.startsWith('account:') || topic.startsWith('admin:');

/** A single valid topic string. */
export const topicSchema = z
  .string()
  .max(80)
  .refine((v) => parseTopic(v) !== null, {
    message: 'a topic is feed:<slug>, account:<id> or admin:connections',
  });

export { MAX_TOPICS_PER_STREAM };

/** Longest topic string a request may name at all; a longer one is refused without being echoed whole. */
export const MAX_TOPIC_NAME_LENGTH = 200;

/**
 * The `topics` query parameter as a list: comma-separated, trimmed,
 * de-duplicated, 1..MAX_TOPICS_PER_STREAM items. Items are NOT validated here:
 * each topic is accepted or refused on its own (a malformed one gets its own
 * `invalid_topic`), so one bad topic never costs the others their stream.
 */
export const topicListSchema = z
  .string()
  .transform((v) => [
    ...new Set(
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string())
      .min(1, 'name at least one topic')
      .max(MAX_TOPICS_PER_STREAM, `name at most ${MAX_TOPICS_PER_STREAM} topics`),
  );

/** A topic as it may be echoed back in a refusal: cut to the topic grammar's 80 characters. */
export const echoTopic = (topic: string): string => (topic.length > 80 ? `${topic.slice(0, 79)}…` : topic);

/** Why one topic was refused (GET `topic_error`, POST `refused`): the codes a single topic can get. */
export const topicRefusalCodeSchema = z.enum(['invalid_topic', 'unknown_topic', 'forbidden']);
export type TopicRefusalCode = z.infer<typeof topicRefusalCodeSchema>;

/** One refused topic with its code and a message for people. */
export const topicRefusalSchema = z.object({
  topic: z.string().max(MAX_TOPIC_NAME_LENGTH),
  code: topicRefusalCodeSchema,
  message: z.string(),
});
export type TopicRefusal = z.infer<typeof topicRefusalSchema>;
