import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@quoteline/db';
import { QuotelineError } from '@quoteline/protocol';
import type { Principal } from '../directory';
import { dummyHash, verifyPassword } from './passwords';
import { FailureThrottle } from './throttle';

/** How long a session lasts without signing in again. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** A session id is the SHA-256 of the cookie's token: a database leak reveals no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Database-backed sessions. The cookie carries 32 random bytes; the database
 * keeps only their hash. Failed sign-ins are throttled per email and per client.
 */
export class Sessions {
  // Per email: guessing one account's password. Per client: spraying many accounts
  // from one address, with a higher bound since offices and proxies share addresses.
  private readonly perEmail = new FailureThrottle({ maxFailures: 5, windowMs: 15 * 60_000 });
  private readonly perClient = new FailureThrottle({ maxFailures: 50, windowMs: 15 * 60_000 });

  constructor(private readonly db: Db) {}

  /** Checks credentials (same work whether or not the email exists) and opens a session. */
  async signIn(email: string, password: string, client: string | null): Promise<{ token: string; expires: Date; principal: NonNullable<Principal> }> {
    const buckets: [FailureThrottle, string][] = [[this.perEmail, email], ...(client ? [[this.perClient, client] as [FailureThrottle, string]] : [])];
    const wait = Math.max(...buckets.map(([t, k]) => t.retryAfter(k)));
    if (wait > 0) throw new QuotelineError('too_many_requests', `Too many failed sign-ins; try again in ${wait} s.`);
    const user = await this.db.user.findUnique({ where: { email }, include: { account: true } });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || !user.account) {
      buckets.forEach(([t, k]) => t.fail(k));
      throw new QuotelineError('invalid_credentials', 'That email and password do not match an account.');
    }
    this.perEmail.clear(email);
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + SESSION_TTL_MS);
    const id = sessionIdOf(token);
    await this.db.session.create({ data: { id, userId: user.id, expiresAt: expires } });
    return { token, expires, principal: { userId: user.id, email: user.email, accountId: user.account.id, role: user.role === 'admin' ? 'admin' : 'trader', sessionId: id } };
  }

  /** The principal of a session token, or null when it is unknown or expired. */
  async resolve(token: string | null): Promise<Principal> {
    if (!token || token.length > 100) return null;
    const session = await this.db.session.findUnique({ where: { id: sessionIdOf(token) }, include: { user: { include: { account: true } } } });
    if (!session || session.expiresAt.getTime() < Date.now() || !session.user.account) return null;
    const { user } = session;
    return { userId: user.id, email: user.email, accountId: user.account!.id, role: user.role === 'admin' ? 'admin' : 'trader', sessionId: session.id };
  }

  /** Ends a session; returns its id (null when there was none). */
  async signOut(token: string | null): Promise<string | null> {
    if (!token) return null;
    const id = sessionIdOf(token);
    await this.db.session.deleteMany({ where: { id } });
    return id;
  }
}
