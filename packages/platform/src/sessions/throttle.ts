import { isIP } from 'node:net';

/** Limits of one sign-in throttle. */
export interface ThrottleLimits {
  /** Attempts per key in the window; each counts as a failure unless released. */
  maxFailures: number;
  windowMs: number;
  /**
   * Past `maxFailures`, instead of refusing until failures age out: allow one
   * attempt `baseMs` after the latest, doubling with each further failure, at
   * most `maxMs` apart. Used where a hard lock would let anyone lock others out.
   */
  delay?: { baseMs: number; maxMs: number };
}

/** Options of the in-memory throttle. */
export interface ThrottleOptions extends ThrottleLimits {
  now?: () => number;
}

/** The answer to a reservation: an attempt the caller holds, or how long to wait. */
export type Claim = { granted: true; slot: string } | { granted: false; retryAfter: number };

/**
 * Counts recent failures per key (e.g. email, client address). An attempt is
 * reserved BEFORE the password is checked and counts as a failure until it is
 * released: checking first and recording afterwards let a burst of parallel
 * guesses all pass the check. In memory here; the scaled shape shares the
 * counts between instances through Redis.
 */
export interface FailureCounter {
  /** Takes one attempt of the key in one step: granted, or refused with the seconds to wait. */
  reserve(key: string): Promise<Claim> | Claim;
  /** Gives a reserved attempt back: it was not a failed guess. */
  release(key: string, slot: string): Promise<void> | void;
  /** Forgets the key's failures (after a success). */
  clear(key: string): Promise<void> | void;
}

/**
 * A key that used its attempts within the window is refused until the oldest
 * slides out, or with `delay` until the growing delay after the latest has
 * passed. In memory, per instance.
 */
export class FailureThrottle implements FailureCounter {
  private readonly attempts = new Map<string, { at: number; slot: string }[]>();
  private readonly now: () => number;
  private sequence = 0;

  constructor(private readonly options: ThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  reserve(key: string): Claim {
    const now = this.now();
    const recent = (this.attempts.get(key) ?? []).filter((a) => a.at > now - this.options.windowMs);
    const freeAt = nextAttemptAt(this.options, recent.length, recent[0]?.at ?? now, recent.at(-1)?.at ?? now);
    if (freeAt > now) {
      this.attempts.set(key, recent);
      return { granted: false, retryAfter: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
    }
    const slot = String(this.sequence++);
    recent.push({ at: now, slot });
    this.attempts.set(key, recent);
    if (this.attempts.size > 100_000) this.attempts.delete(this.attempts.keys().next().value!);
    return { granted: true, slot };
  }

  release(key: string, slot: string): void {
    const left = (this.attempts.get(key) ?? []).filter((a) => a.slot !== slot);
    if (left.length) this.attempts.set(key, left);
    else this.attempts.delete(key);
  }

  clear(key: string): void {
    this.attempts.delete(key);
  }
}

/** When a key with `count` attempts in the window (the oldest and the latest at the times given) may try again. */
export function nextAttemptAt(limits: ThrottleLimits, count: number, oldest: number, latest: number): number {
  if (count < limits.maxFailures) return -Infinity;
  if (!limits.delay) return oldest + limits.windowMs;
  return latest + Math.min(limits.delay.baseMs * 2 ** (count - limits.maxFailures), limits.delay.maxMs);
}

/** The throttle key of a client address: an IPv6 client is given a whole /64, so its /64 counts as one client. */
export function clientBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const words = (part: string | undefined) =>
    part ? part.split(':').flatMap((w) => (w.includes('.') ? ['0', '0'] : [w])) : [];
  const front = words(head);
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array<string>(8 - front.length - words(tail).length).fill('0'), ...words(tail)];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
