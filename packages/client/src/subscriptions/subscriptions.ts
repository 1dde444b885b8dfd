import type { TopicClosedReason, TopicRefusal } from '@quoteline/protocol';
import { MAX_TOPICS_PER_STREAM } from '@quoteline/protocol/patterns';

/** Why the stream does not carry a topic a widget wants: a refusal's code or a closing's reason. */
export type TopicProblemCode = TopicRefusal['code'] | TopicClosedReason;

/** A wanted topic's problem, in words for the widget that wants it. */
export interface TopicProblem {
  code: TopicProblemCode;
  message: string;
}

interface Refusal extends TopicProblem {
  /** When to ask for it again; null: not until a widget asks again. */
  retryAt: number | null;
  attempts: number;
}

/** A topic to add or remove on the open stream, as the subscriptions POST carries it. */
export interface SubscriptionChangeRequest {
  subscribe: string[];
  unsubscribe: string[];
  /** Per carried topic whose rate changes: its update interval in ms (0: every update). */
  rates?: Record<string, number>;
}

/** Settings of the bookkeeping; the clock and randomness are for tests. */
export interface SubscriptionsOptions {
  now?: () => number;
  random?: () => number;
  /** First wait before asking again for a feed that did not exist (default 30 s); doubles per attempt. */
  retryBaseMs?: number;
  /** Longest wait between such attempts (default 5 min). */
  retryCapMs?: number;
}

/** Refusals worth asking again after a while: a feed that does not exist (yet), or was deleted, may be created. */
const RETRIED: ReadonlySet<TopicProblemCode> = new Set(['unknown_topic', 'deleted']);

/**
 * Which topics the page wants, which the open stream carries, and which were
 * refused, and so which to open a stream with and what to POST. A refused
 * topic never goes into a stream URL or a POST again until a widget asks for
 * it anew, except `unknown_topic` / `deleted`, asked again over POST on the
 * open stream after a slow, growing wait.
 */
export class Subscriptions {
  private readonly wanted = new Set<string>();
  private readonly refused = new Map<string, Refusal>();
  /** What the ready stream carries or was asked to add; null while no stream is ready. */
  private onStream: Set<string> | null = null;
  /** Topics asked at a slow rate (every widget of them out of sight): their update interval in ms. */
  private readonly rates = new Map<string, number>();
  /** The rate the ready stream was last asked for, per carried topic (absent: every update; NaN: unknown, ask again). */
  private readonly streamRates = new Map<string, number>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly retryBaseMs: number;
  private readonly retryCapMs: number;

  constructor(options: SubscriptionsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.retryBaseMs = options.retryBaseMs ?? 30_000;
    this.retryCapMs = options.retryCapMs ?? 300_000;
  }

  /** A widget asks for the topic: it is wanted, and any refusal of it is forgotten (asking again is how a person retries). */
  ask(topic: string): void {
    this.wanted.add(topic);
    this.refused.delete(topic);
  }

  /** Nobody wants the topic any more. */
  release(topic: string): void {
    this.wanted.delete(topic);
    this.refused.delete(topic);
    this.rates.delete(topic);
  }

  /** The update interval the stream should give a topic: ms, or 0 for every update. */
  setRate(topic: string, ms: number): void {
    if (ms > 0) this.rates.set(topic, ms);
    else this.rates.delete(topic);
  }

  /** Every wanted topic. */
  wantedTopics(): string[] {
    return [...this.wanted];
  }

  /** True when some widget wants the topic. */
  isWanted(topic: string): boolean {
    return this.wanted.has(topic);
  }

  /** Why a wanted topic is not on the stream, or null. */
  problem(topic: string): TopicProblem | null {
    const refusal = this.refused.get(topic);
    return refusal ? { code: refusal.code, message: refusal.message } : null;
  }

  /** The topics to open (or reopen) a stream with: wanted and not refused, at most a stream's worth. */
  streamTopics(): string[] {
    return [...this.wanted].filter((t) => !this.refused.has(t)).slice(0, MAX_TOPICS_PER_STREAM);
  }

  /** Refused topics whose wait is over, when no stream is open to ask for them by POST. */
  dueTopics(): string[] {
    const now = this.now();
    return [...this.refused]
      .filter(([t, r]) => this.wanted.has(t) && r.retryAt !== null && r.retryAt <= now)
      .map(([t]) => t);
  }

  /** The next time a refused topic is due to be asked again, or null. */
  nextRetryAt(): number | null {
    let next: number | null = null;
    for (const [topic, r] of this.refused)
      if (this.wanted.has(topic) && r.retryAt !== null && (next === null || r.retryAt < next)) next = r.retryAt;
    return next;
  }

  /**
   * A stream is ready and carries `topics`. Those of the request it lacks
   * count as carried until their `topic_error` (sent right after `ready`)
   * says why, so they are not asked for again in between.
   */
  streamReady(topics: readonly string[], requested: readonly string[] = topics): void {
    this.onStream = new Set([...topics, ...requested]);
    this.streamRates.clear(); // a new stream gives every topic every update
  }

  /** The stream is gone (closed, dropped, refused). */
  streamGone(): void {
    this.onStream = null;
    this.streamRates.clear();
  }

  /** True when the ready stream carries (or was asked to add) the topic. */
  carries(topic: string): boolean {
    return this.onStream?.has(topic) ?? false;
  }

  /**
   * What to ask of the ready stream now, or null: wanted topics it lacks
   * (refused ones only once due) and carried ones nobody wants. The topics to
   * add count as carried from now on, so they are asked for once.
   */
  takeChanges(): SubscriptionChangeRequest | null {
    const onStream = this.onStream;
    if (!onStream) return null;
    const now = this.now();
    const askable = (t: string) => {
      const refusal = this.refused.get(t);
      return !refusal || (refusal.retryAt !== null && refusal.retryAt <= now);
    };
    const subscribe = [...this.wanted].filter((t) => !onStream.has(t) && askable(t));
    const unsubscribe = [...onStream].filter((t) => !this.wanted.has(t));
    for (const t of subscribe) onStream.add(t);
    for (const t of unsubscribe) {
      onStream.delete(t);
      this.streamRates.delete(t); // the stream forgets the rate of a topic that leaves it
    }
    const rates = this.rateChanges(onStream);
    if (subscribe.length === 0 && unsubscribe.length === 0 && !rates) return null;
    return rates ? { subscribe, unsubscribe, rates } : { subscribe, unsubscribe };
  }

  /** Carried topics whose rate differs from what the stream was asked, marked asked from now on; null when none. */
  private rateChanges(onStream: ReadonlySet<string>): Record<string, number> | null {
    let changes: Record<string, number> | null = null;
    for (const t of onStream) {
      const want = this.rates.get(t) ?? 0;
      if (want === (this.streamRates.get(t) ?? 0)) continue;
      (changes ??= {})[t] = want;
      if (want > 0) this.streamRates.set(t, want);
      else this.streamRates.delete(t);
    }
    return changes;
  }

  /** The stream's answer to a change: what it carries now; each refused topic is remembered with its code. */
  changed(
    asked: SubscriptionChangeRequest,
    result: { topics: readonly string[]; refused: readonly TopicRefusal[] },
  ): void {
    if (this.onStream) this.onStream = new Set(result.topics);
    for (const t of this.streamRates.keys()) if (!result.topics.includes(t)) this.streamRates.delete(t);
    for (const topic of asked.subscribe) if (result.topics.includes(topic)) this.refused.delete(topic);
    for (const refusal of result.refused) this.refuse(refusal.topic, refusal.code, refusal.message);
  }

  /** A change the stream did not answer (gone, unreachable): its topics are not carried. */
  changeFailed(asked: SubscriptionChangeRequest): void {
    for (const t of asked.subscribe) this.onStream?.delete(t);
    for (const t of Object.keys(asked.rates ?? {})) this.streamRates.set(t, NaN); // unknown: asked again next time
  }

  /** A topic was refused (at open, by POST, or every topic of a GET): remembered, retried later only for a missing feed. */
  refuse(topic: string, code: TopicProblemCode, message: string): void {
    this.onStream?.delete(topic);
    this.streamRates.delete(topic);
    if (!this.wanted.has(topic)) return;
    const attempts = (this.refused.get(topic)?.attempts ?? 0) + 1;
    const retryAt = RETRIED.has(code) ? this.now() + this.retryDelay(attempts) : null;
    this.refused.set(topic, { code, message, retryAt, attempts });
  }

  /** The topic came on a stream: not refused any more. */
  accepted(topic: string): void {
    this.refused.delete(topic);
  }

  private retryDelay(attempts: number): number {
    const ceiling = Math.min(this.retryCapMs, this.retryBaseMs * 2 ** Math.min(attempts - 1, 10));
    // Half fixed, half jitter: never sooner than half the wait, and many pages do not ask in lockstep.
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}
