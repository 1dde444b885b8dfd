import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ERROR_CODES, QuotelineError, topicRefusalSchema, type ErrorCode } from '@quoteline/protocol';
import type { StreamHub, SubscriptionChange, SubscriptionControl, SubscriptionResult } from '@quoteline/stream';
import { closeRedis, connectRedis } from './client';

/** Settings of the routed subscription control; `url`, `hub` and `instance` are required. */
export interface RedisSubscriptionControlOptions<P = unknown> {
  url: string;
  /** This instance's hub: changes for its connections are applied here, whoever asked. */
  hub: Pick<StreamHub<P>, 'hasConnection' | 'changeSubscriptions'>;
  /** This instance's name (for connection names and replies). */
  instance: string;
  /** Prefix of the pub/sub channels (default `quoteline:control`). */
  channel?: string;
  /** How long to wait for the holder's answer before `not_found` (default 2 s). */
  timeoutMs?: number;
  /** Where failures are reported (default console.warn). */
  onError?: (error: unknown) => void;
}

const changeSchema = z.object({
  connectionId: z.string().min(1).max(100),
  token: z.string().max(200),
  subscribe: z.array(z.string()).max(100),
  unsubscribe: z.array(z.string()).max(100),
  rates: z.record(z.string(), z.number().int().nonnegative()).optional(),
  principal: z.unknown(),
});
const requestSchema = z.object({ requestId: z.string().min(1), replyTo: z.string().min(1), change: changeSchema });
const errorCodeSchema = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);
const replySchema = z.discriminatedUnion('ok', [
  z.object({
    requestId: z.string(),
    ok: z.literal(true),
    topics: z.array(z.string()),
    refused: z.array(topicRefusalSchema),
  }),
  z.object({
    requestId: z.string(),
    ok: z.literal(false),
    error: z.object({
      code: errorCodeSchema,
      message: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
    }),
  }),
]);
type Reply = z.infer<typeof replySchema>;

interface Pending {
  resolve(result: SubscriptionResult): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Routes a subscription change to the instance holding the stream. A change for
 * a connection of the local hub is applied here; any other is broadcast on
 * `<channel>:requests` (connection ids do not name their instance), the holder
 * applies it and answers on the asker's own reply channel with the topics or
 * the hub's error (same code, message and issues). No answer in time: `not_found`,
 * as the hub itself says for a stream it does not hold.
 */
export class RedisSubscriptionControl<P = unknown> implements SubscriptionControl<P> {
  private readonly pending = new Map<string, Pending>();
  private closed = false;

  /** Connects and listens for requests and replies before resolving. */
  static async open<P>(options: RedisSubscriptionControlOptions<P>): Promise<RedisSubscriptionControl<P>> {
    const prefix = options.channel ?? 'quoteline:control';
    const replyTo = `${prefix}:replies:${options.instance}:${randomBytes(6).toString('base64url')}`;
    const publisher = connectRedis({ url: options.url, name: `${options.instance}:control` });
    const subscriber = connectRedis({ url: options.url, name: `${options.instance}:control-sub` });
    const control = new RedisSubscriptionControl(options, `${prefix}:requests`, replyTo, publisher, subscriber);
    subscriber.on('message', (channel: string, message: string) => control.onMessage(channel, message));
    try {
      await subscriber.subscribe(control.requests, replyTo);
    } catch (error) {
      await control.close();
      throw error;
    }
    return control;
  }

  private constructor(
    private readonly options: RedisSubscriptionControlOptions<P>,
    private readonly requests: string,
    private readonly replyTo: string,
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {}

  /** Applies the change where the stream lives and returns its topics and refusals; throws the holder's QuotelineError. */
  async change(change: SubscriptionChange<P>): Promise<SubscriptionResult> {
    if (this.options.hub.hasConnection(change.connectionId)) return this.options.hub.changeSubscriptions(change);
    if (this.closed) throw new QuotelineError('unavailable', 'The instance is shutting down; try again.');
    const requestId = randomBytes(9).toString('base64url');
    const answer = new Promise<SubscriptionResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new QuotelineError('not_found', 'No open stream has this connectionId; reopen the stream.'));
      }, this.options.timeoutMs ?? 2000);
      this.pending.set(requestId, { resolve, reject, timer });
    });
    const request = { requestId, replyTo: this.replyTo, change: { ...change, principal: change.principal ?? null } };
    try {
      await this.publisher.publish(this.requests, JSON.stringify(request));
    } catch (cause) {
      this.settle(requestId)?.reject(
        new QuotelineError('unavailable', 'Subscription changes cannot be routed right now; try again.', { cause }),
      );
    }
    return answer;
  }

  /** Stops listening; changes still waiting fail with `unavailable`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const id of [...this.pending.keys()])
      this.settle(id)?.reject(new QuotelineError('unavailable', 'The instance is shutting down; try again.'));
    await Promise.all([closeRedis(this.publisher), closeRedis(this.subscriber)]);
  }

  private onMessage(channel: string, message: string): void {
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      return this.warn(new Error(`ignored a malformed message on ${channel}`));
    }
    if (channel === this.replyTo) {
      const reply = replySchema.safeParse(json);
      if (!reply.success) return this.warn(new Error(`ignored a malformed reply on ${channel}`));
      return this.answer(reply.data);
    }
    if (channel !== this.requests) return;
    const request = requestSchema.safeParse(json);
    if (!request.success) return this.warn(new Error(`ignored a malformed request on ${channel}`));
    const { requestId, replyTo, change } = request.data;
    // Only the instance holding the stream answers; the asker checked its own hub already.
    if (replyTo === this.replyTo || !this.options.hub.hasConnection(change.connectionId)) return;
    // The asking instance's platform serialised its principal; it comes back as that type.
    void this.apply(requestId, replyTo, change as SubscriptionChange<P>);
  }

  private async apply(requestId: string, replyTo: string, change: SubscriptionChange<P>): Promise<void> {
    let reply: Reply;
    try {
      reply = { requestId, ok: true, ...(await this.options.hub.changeSubscriptions(change)) };
    } catch (error) {
      reply = { requestId, ok: false, error: QuotelineError.from(error).toBody().error };
    }
    await this.publisher.publish(replyTo, JSON.stringify(reply)).catch((error: unknown) => this.warn(error));
  }

  private answer(reply: Reply): void {
    const pending = this.settle(reply.requestId);
    if (!pending) return; // timed out already
    if (reply.ok) pending.resolve({ topics: reply.topics, refused: reply.refused });
    else
      pending.reject(
        new QuotelineError(
          reply.error.code,
          reply.error.message,
          reply.error.issues ? { issues: reply.error.issues } : undefined,
        ),
      );
  }

  private settle(requestId: string): Pending | undefined {
    const pending = this.pending.get(requestId);
    if (!pending) return undefined;
    this.pending.delete(requestId);
    clearTimeout(pending.timer);
    return pending;
  }

  private warn(error: unknown): void {
    (
      this.options.onError ??
      ((e: unknown) => console.warn('quoteline: subscription control:', e instanceof Error ? e.message : e))
    )(error);
  }
}
