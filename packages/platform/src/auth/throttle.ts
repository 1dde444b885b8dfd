/** Options of the sign-in throttle. */
export interface ThrottleOptions {
  /** Failures allowed per key in the window. */
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

/**
 * Counts recent failures per key (e.g. email, client address): how long a key
 * must wait, a failure, a reset after success. In memory here; the scaled
 * shape shares the counts between instances through Redis.
 */
export interface FailureCounter {
  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): Promise<number> | number;
  fail(key: string): Promise<void> | void;
  clear(key: string): Promise<void> | void;
}

/** A key that failed too often within the window is refused. In memory, per instance. */
export class FailureThrottle implements FailureCounter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.options.maxFailures) return 0;
    return Math.ceil((recent[0]! + this.options.windowMs - this.now()) / 1000);
  }

  /** Records a failure of the key. */
  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  /** Forgets the key's failures (after a success). */
  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
