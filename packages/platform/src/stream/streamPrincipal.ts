import type { EmbedGrant } from '../embed/embedKeys';
import type { Principal } from '../sessions/principal';

/** Who opened an embedded stream: the grant of its key, which decides every topic of that stream for its whole life. */
export interface EmbedPrincipal {
  embed: EmbedGrant;
}

/** Whoever a stream topic is authorised for: a session (or nobody), or an embed key. */
export type StreamPrincipal = Principal | EmbedPrincipal;

/** True for the opener of a stream opened with an embed key. */
export function isEmbedPrincipal(principal: unknown): principal is EmbedPrincipal {
  return typeof principal === 'object' && principal !== null && 'embed' in principal;
}

/** What kind of opener a stream has, as admins see it: `anonymous`, `trader`, `admin` or `embed` (a third-party page's key). */
export function principalKind(principal: StreamPrincipal): string {
  if (!principal) return 'anonymous';
  if (isEmbedPrincipal(principal)) return 'embed';
  return principal.role;
}

/** The session behind a grant, or null (anonymous, or an embed key). */
export function sessionOf(principal: StreamPrincipal): NonNullable<Principal> | null {
  return principal && !isEmbedPrincipal(principal) ? principal : null;
}
