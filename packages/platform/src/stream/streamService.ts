import { invalid, subscriptionRequestSchema, topicListSchema, type SubscriptionResponse } from '@quoteline/protocol';
import type { Connection, OpenRequest, StreamHub, SubscriptionControl } from '@quoteline/stream';
import type { EmbedCaller, EmbedGrant, EmbedKeys } from '../embed/embedKeys';
import type { Principal } from '../sessions/principal';
import type { StreamPrincipal } from './streamPrincipal';

/** What the stream service needs from the platform. */
export interface StreamServiceDeps {
  hub: Pick<StreamHub<StreamPrincipal>, 'open' | 'dropAll'>;
  /** Where subscription changes go: the hub holding the connection, wherever it runs. */
  control: Pick<SubscriptionControl<StreamPrincipal>, 'change'>;
  embedKeys: Pick<EmbedKeys, 'grant'>;
}

/** A stream request as read from the request. */
export interface StreamRequest {
  topics: string | null;
  lastEventId: string | null;
  /** `replay=latest`: resume with only the latest update per symbol. */
  replay?: string | null;
  principal: Principal;
  /** embed key (`key` parameter) of a third-party page, and the page's Origin */
  key?: string | null;
  origin?: string | null;
}

/** A validated stream request, ready to open: what the hub opens, and the embed key's grant when a third-party page named one. */
export interface StreamOpening {
  open: OpenRequest<StreamPrincipal>;
  grant: EmbedGrant | null;
}

/**
 * Opening streams and changing their topics. Whole-request refusals (the
 * topic list, the embed key and Origin) throw before any byte is sent; topics
 * are then decided one by one by the hub's topic directory.
 */
export class StreamService {
  constructor(private readonly deps: StreamServiceDeps) {}

  /** Validates a stream request and decides its opener: a third-party page's key must allow its Origin, and then decides each topic. */
  async prepare(request: StreamRequest): Promise<StreamOpening> {
    const topics = topicListSchema.safeParse(request.topics ?? '');
    if (!topics.success)
      throw invalid(
        'invalid_topic',
        `The topics parameter must list 1 to 32 topics (feed:<slug>, account:<id> or admin:connections), comma-separated.`,
        topics.error.issues,
      );
    // Any last id, however malformed, is passed on: the log answers what it cannot replay with a `reset`.
    const lastEventId = request.lastEventId ? request.lastEventId.slice(0, 256) : null;
    // A third-party page: its key must allow this Origin; it then decides each topic, and never grants private ones.
    const grant = request.key ? await this.deps.embedKeys.grant(request.key, request.origin ?? null) : null;
    const principal: StreamPrincipal = grant ? { embed: grant } : request.principal;
    return {
      open: {
        topics: topics.data,
        principal,
        lastEventId,
        symbols: grant?.symbols,
        latestOnly: request.replay === 'latest',
      },
      grant,
    };
  }

  /** Opens a prepared stream; refuses (throws) only when every topic is refused, each refusal listed. */
  open(opening: StreamOpening): Promise<Connection<StreamPrincipal>> {
    return this.deps.hub.open(opening.open);
  }

  /**
   * Changes the topics of an open stream wherever it lives, each topic decided
   * on its own. With an embed key, the key must allow the Origin; a stream
   * opened with a key is decided by that key whatever the request carries.
   */
  async changeSubscriptions(body: unknown, principal: Principal, embed?: EmbedCaller): Promise<SubscriptionResponse> {
    const parsed = subscriptionRequestSchema.safeParse(body);
    if (!parsed.success) {
      const topicIssue = parsed.error.issues.some((i) => i.path[0] === 'subscribe' || i.path[0] === 'unsubscribe');
      throw invalid(
        topicIssue ? 'invalid_topic' : 'invalid_body',
        'The subscription request is not valid.',
        parsed.error.issues,
      );
    }
    const grant = embed ? await this.deps.embedKeys.grant(embed.key, embed.origin) : null;
    return this.deps.control.change({ ...parsed.data, principal: grant ? { embed: grant } : principal });
  }

  /** Drops every open stream of this instance, as a crash or a deploy would (test hook). */
  dropAll(): number {
    return this.deps.hub.dropAll('dropped');
  }
}
