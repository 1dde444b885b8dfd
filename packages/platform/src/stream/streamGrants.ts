import { isPrivateTopic, parseTopic } from '@quoteline/protocol';
import type { StreamHub, TopicClosure } from '@quoteline/stream';
import type { EmbedKeys } from '../embed/embedKeys';
import type { Sessions } from '../sessions/sessions';
import { isEmbedPrincipal, sessionOf, type StreamPrincipal } from './streamPrincipal';

/** The hub of the platform's streams, whose topics are granted to sessions and embed keys. */
type Hub = StreamHub<StreamPrincipal>;

/** Why topics leave open streams, in the words the widgets show. */
export const CLOSURES = {
  signedOut: { reason: 'signed_out', message: 'You signed out; sign in again to see this.' },
  sessionEnded: { reason: 'signed_out', message: 'Your session ended; sign in again to see this.' },
  notAdmin: { reason: 'forbidden', message: 'Only admins may see this; your account is no longer an admin.' },
  keyRevoked: { reason: 'revoked', message: 'This embed key was revoked; the site owner needs a new key.' },
  feedNotInKey: (slug: string): TopicClosure => ({
    reason: 'revoked',
    message: `This embed key no longer allows feed "${slug}".`,
  }),
} as const satisfies Record<string, TopicClosure | ((slug: string) => TopicClosure)>;

/** Takes a signed-out session's private topics off this instance's streams (its public topics go on). */
export function closeSessionTopics(hub: Hub, sessionId: string): number {
  return hub.closeTopics((topic, grantedTo) =>
    isPrivateTopic(topic) && sessionOf(grantedTo)?.sessionId === sessionId ? CLOSURES.signedOut : null,
  );
}

/** Ends every stream opened with one of these embed keys (revoked): each topic closes, then the stream. */
export function endKeyStreams(hub: Hub, keyIds: ReadonlySet<string>): number {
  return hub.endWhere((opener) => isEmbedPrincipal(opener) && keyIds.has(opener.embed.keyId), CLOSURES.keyRevoked);
}

/**
 * Re-checks every grant of the open streams against the database every
 * `intervalMs`, wherever a change came from (the admin console, the CLI,
 * another instance, a direct edit): revoked keys end their streams, a feed
 * taken off a key closes on its streams, a session that ended or lost the
 * admin role loses its private topics. Only grants looked up in this round
 * are judged, so a topic added meanwhile waits for the next one.
 */
export function watchGrants(
  hub: Hub,
  deps: { embedKeys: EmbedKeys; sessions: Sessions },
  intervalMs: number,
): () => void {
  let running = false;
  const check = async () => {
    const keyIds = new Set<string>();
    const sessionIds = new Set<string>();
    hub.forEachGrant((topic, grantedTo, opener) => {
      if (isEmbedPrincipal(opener)) keyIds.add(opener.embed.keyId);
      else if (isPrivateTopic(topic)) {
        const session = sessionOf(grantedTo);
        if (session) sessionIds.add(session.sessionId);
      }
    });
    if (keyIds.size === 0 && sessionIds.size === 0) return;
    const [keys, sessions] = await Promise.all([
      deps.embedKeys.rowsById([...keyIds]),
      deps.sessions.current([...sessionIds]),
    ]);
    const revoked = new Set([...keyIds].filter((id) => !keys.get(id) || keys.get(id)!.revoked));
    if (revoked.size) {
      deps.embedKeys.invalidate();
      endKeyStreams(hub, revoked);
    }
    hub.closeTopics((topic, grantedTo, opener) => {
      if (isEmbedPrincipal(opener)) {
        const row = keys.get(opener.embed.keyId);
        const parsed = parseTopic(topic);
        return row && parsed?.kind === 'feed' && !row.feeds.includes(parsed.slug)
          ? CLOSURES.feedNotInKey(parsed.slug)
          : null;
      }
      const sessionId = sessionOf(grantedTo)?.sessionId;
      if (!isPrivateTopic(topic) || !sessionId || !sessionIds.has(sessionId)) return null;
      const session = sessions.get(sessionId);
      if (!session) return CLOSURES.sessionEnded;
      return topic.startsWith('admin:') && session.role !== 'admin' ? CLOSURES.notAdmin : null;
    });
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    check()
      .catch((error) => console.error('quoteline: re-checking stream grants failed', error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
