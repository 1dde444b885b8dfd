/** Limits of one sign-in throttle. */
export interface ThrottleLimits {
  /** Attempts per key in the window; each counts as a failure unless released. */
  maxFailures: number;
  windowMs: number;
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

/** A key that used its attempts within the window is refused until the oldest slides out. In memory, per instance. */
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
    if (recent.length >= this.options.maxFailures) {
      this.attempts.set(key, recent);
      return { granted: false, retryAfter: Math.max(1, Math.ceil((recent[0]!.at + this.options.windowMs - now) / 1000)) };
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
