import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@quoteline/db';
import { QuotelineError } from '@quoteline/protocol';
import type { Principal } from './principal';
import { dummyHash, verifyPassword } from './passwords';
import { clientBucket, FailureThrottle, type FailureCounter, type ThrottleLimits } from './throttle';

/** How long a session lasts without signing in again. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** A session id is the SHA-256 of the cookie's token: a database leak reveals no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sign-in limits, all over 15 minutes. The hard limits name the client, so a
 * guesser locks out only themself; the limit on an email alone (which anyone
 * can name) is a growing delay, never a lock.
 */
const SIGN_IN_LIMITS = {
  // One client guessing one account's password.
  perEmailAndClient: { maxFailures: 5, windowMs: 15 * 60_000 },
  // One client spraying many accounts, with a higher bound since offices and proxies share addresses.
  perClient: { maxFailures: 50, windowMs: 15 * 60_000 },
  // Many clients guessing one account: past 5 failures, 1 s after the latest, then 2 s, 4 s … at most 1 min apart.
  perEmail: { maxFailures: 5, windowMs: 15 * 60_000, delay: { baseMs: 1_000, maxMs: 60_000 } },
} as const;

/** What sessions need from the platform. */
export interface SessionsDeps {
  db: Db;
  /** Makes failure counters (shared through Redis when scaled); in memory by default. */
  throttles?: (name: string, limits: ThrottleLimits) => FailureCounter;
  /** Told of each session that signed out: its private topics leave every open stream, on every instance. */
  signedOut?: (sessionId: string) => Promise<void>;
}

/**
 * Database-backed sessions. The cookie carries 32 random bytes; the database
 * keeps only their hash. Failed sign-ins are throttled per email and client,
 * per client, and (with a growing delay) per email.
 */
export class Sessions {
  private readonly db: Db;
  private readonly perEmailAndClient: FailureCounter;
  private readonly perClient: FailureCounter;
  private readonly perEmail: FailureCounter;

  constructor(private readonly deps: SessionsDeps) {
    this.db = deps.db;
    const throttles = deps.throttles ?? ((_name, limits) => new FailureThrottle(limits));
    this.perEmailAndClient = throttles('email-client', SIGN_IN_LIMITS.perEmailAndClient);
    this.perClient = throttles('client', SIGN_IN_LIMITS.perClient);
    this.perEmail = throttles('email', SIGN_IN_LIMITS.perEmail);
  }

  /** Checks credentials (same work whether or not the email exists) and opens a session; `client` is the client's address. */
  async signIn(
    email: string,
    password: string,
    client: string,
  ): Promise<{ token: string; expires: Date; principal: NonNullable<Principal> }> {
    const bucket = clientBucket(client);
    const pair = `${email} ${bucket}`;
    // The client's own limits first: a client refused there takes no attempt from the email's delay.
    const held = await reserveAll([
      [this.perEmailAndClient, pair],
      [this.perClient, bucket],
      [this.perEmail, email],
    ]);
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
      return {
        token,
        expires,
        principal: {
          userId: user.id,
          email: user.email,
          accountId: user.account.id,
          role: user.role === 'admin' ? 'admin' : 'trader',
          sessionId: id,
        },
      };
    } finally {
      // A success, or a failure of ours (database), is no failed guess.
      if (outcome !== 'failed') await Promise.all(held.map(([t, k, slot]) => t.release(k, slot)));
      if (outcome === 'signed-in') await Promise.all([this.perEmail.clear(email), this.perEmailAndClient.clear(pair)]);
    }
  }

  /** The principal of a session token, or null when it is unknown or expired. */
  async resolve(token: string | null): Promise<Principal> {
    if (!token || token.length > 100) return null;
    const session = await this.db.session.findUnique({
      where: { id: sessionIdOf(token) },
      include: { user: { include: { account: true } } },
    });
    if (!session || session.expiresAt.getTime() < Date.now() || !session.user.account) return null;
    const { user } = session;
    return {
      userId: user.id,
      email: user.email,
      accountId: user.account!.id,
      role: user.role === 'admin' ? 'admin' : 'trader',
      sessionId: session.id,
    };
  }

  /** The sessions among `ids` that are still valid, with their user's role now (for re-checking grants of open streams). */
  async current(ids: readonly string[]): Promise<Map<string, { role: 'trader' | 'admin'; accountId: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.session.findMany({
      where: { id: { in: [...ids] }, expiresAt: { gt: new Date() } },
      include: { user: { include: { account: true } } },
    });
    return new Map(
      rows.map(
        (s) =>
          [
            s.id,
            { role: s.user.role === 'admin' ? 'admin' : 'trader', accountId: s.user.account?.id ?? null },
          ] as const,
      ),
    );
  }

  /** Ends a session and closes its private topics; returns its id (null when there was none). */
  async signOut(token: string | null): Promise<string | null> {
    if (!token) return null;
    const id = sessionIdOf(token);
    await this.db.session.deleteMany({ where: { id } });
    await this.deps.signedOut?.(id);
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
