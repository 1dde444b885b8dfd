import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@quoteline/db';
import { QuotelineError } from '@quoteline/protocol';
import type { Principal } from '../directory';
import { dummyHash, verifyPassword } from './passwords';
import { FailureThrottle, type FailureCounter, type ThrottleLimits } from './throttle';

/** How long a session lasts without signing in again. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** A session id is the SHA-256 of the cookie's token: a database leak reveals no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Failed sign-ins allowed in 15 minutes, per email and per client address. */
const SIGN_IN_LIMITS = {
  perEmail: { maxFailures: 5, windowMs: 15 * 60_000 },
  perClient: { maxFailures: 50, windowMs: 15 * 60_000 },
} as const;

/**
 * Database-backed sessions. The cookie carries 32 random bytes; the database
 * keeps only their hash. Failed sign-ins are throttled per email and per client.
 */
export class Sessions {
  private readonly perEmail: FailureCounter;
  private readonly perClient: FailureCounter;

  /** `throttles` makes failure counters (shared through Redis when scaled); in memory by default. */
  constructor(
    private readonly db: Db,
    throttles: (name: string, limits: ThrottleLimits) => FailureCounter = (_name, limits) => new FailureThrottle(limits),
  ) {
    // Per email: guessing one account's password. Per client: spraying many accounts
    // from one address, with a higher bound since offices and proxies share addresses.
    this.perEmail = throttles('email', SIGN_IN_LIMITS.perEmail);
    this.perClient = throttles('client', SIGN_IN_LIMITS.perClient);
  }

  /** Checks credentials (same work whether or not the email exists) and opens a session. */
  async signIn(email: string, password: string, client: string | null): Promise<{ token: string; expires: Date; principal: NonNullable<Principal> }> {
    const buckets: [FailureCounter, string][] = [[this.perEmail, email], ...(client ? [[this.perClient, client] as [FailureCounter, string]] : [])];
    const held = await reserveAll(buckets);
    let outcome: 'failed' | 'signed-in' | 'error' = 'error';
    try {
      const user = await this.db.user.findUnique({ where: { email }, include: { account: true } });
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
      if (!user || !ok || !user.account) {
        outcome = 'failed'; // the reserved attempts stay counted
        throw new QuotelineError('invalid_credentials', 'That email and password do not match an account.');
      }
      const token = randomBytes(32).toString('base64url');
      const expires = new Date(Date.now() + SESSION_TTL_MS);
      const id = sessionIdOf(token);
      await this.db.session.create({ data: { id, userId: user.id, expiresAt: expires } });
      outcome = 'signed-in';
      return { token, expires, principal: { userId: user.id, email: user.email, accountId: user.account.id, role: user.role === 'admin' ? 'admin' : 'trader', sessionId: id } };
    } finally {
      // A success, or a failure of ours (database), is no failed guess.
      if (outcome !== 'failed') await Promise.all(held.map(([t, k, slot]) => t.release(k, slot)));
      if (outcome === 'signed-in') await this.perEmail.clear(email);
    }
  }

  /** The principal of a session token, or null when it is unknown or expired. */
  async resolve(token: string | null): Promise<Principal> {
    if (!token || token.length > 100) return null;
    const session = await this.db.session.findUnique({ where: { id: sessionIdOf(token) }, include: { user: { include: { account: true } } } });
    if (!session || session.expiresAt.getTime() < Date.now() || !session.user.account) return null;
    const { user } = session;
    return { userId: user.id, email: user.email, accountId: user.account!.id, role: user.role === 'admin' ? 'admin' : 'trader', sessionId: session.id };
  }

  /** The sessions among `ids` that are still valid, with their user's role now (for re-checking grants of open streams). */
  async current(ids: readonly string[]): Promise<Map<string, { role: 'trader' | 'admin'; accountId: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.session.findMany({ where: { id: { in: [...ids] }, expiresAt: { gt: new Date() } }, include: { user: { include: { account: true } } } });
    return new Map(rows.map((s) => [s.id, { role: s.user.role === 'admin' ? 'admin' : 'trader', accountId: s.user.account?.id ?? null }] as const));
  }

  /** Ends a session; returns its id (null when there was none). */
  async signOut(token: string | null): Promise<string | null> {
    if (!token) return null;
    const id = sessionIdOf(token);
    await this.db.session.deleteMany({ where: { id } });
    return id;
  }
}

/** Reserves one attempt in every bucket, or gives back those already taken and refuses with the longest wait. */
async function reserveAll(buckets: [FailureCounter, string][]): Promise<[FailureCounter, string, string][]> {
  const held: [FailureCounter, string, string][] = [];
  for (const [counter, key] of buckets) {
    const claim = await counter.reserve(key);
    if (!claim.granted) {
      await Promise.all(held.map(([t, k, slot]) => t.release(k, slot)));
      throw new QuotelineError('too_many_requests', `Too many failed sign-ins; try again in ${claim.retryAfter} s.`);
    }
    held.push([counter, key, claim.slot]);
  }
  return held;
}
