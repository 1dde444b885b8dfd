import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis } from './client';
import type { Fence } from './errors';
import { ACQUIRE, RELEASE, RENEW } from './lua';
import { guard, reportOncePerOutage } from './reporting';

/** The lease's timing unless configured: a grant lasts `ttlMs` unrenewed; a non-holder tries every `retryMs`. */
export const LEASE_DEFAULTS = { ttlMs: 3000, retryMs: 1000 } as const;

/** Settings of the producer lease; `url` and the callbacks are required. */
export interface ProducerLeaseOptions {
  url: string;
  /** The lease key (default `quoteline:producer`); its token counter is `<key>:token`. */
  key?: string;
  /** How long a grant lasts without renewal (default 3 s); renewed every third of it. */
  ttlMs?: number;
  /** How often an instance without the lease tries to take it (default 1 s). */
  retryMs?: number;
  /** Names the connection in `CLIENT LIST` (default `lease`). */
  name?: string;
  /** This instance now holds the lease: start producing, appending with `fence`. */
  onAcquired(fence: Fence): void;
  /** This instance no longer holds it (renewal refused or failed, paused too long, released): stop producing at once. */
  onLost(): void;
  /** Where failures are reported (default console.warn, once per outage). */
  onError?: (error: unknown) => void;
}

/**
 * Exactly one active producer across instances: a Redis key set with NX and an
 * expiry, holding a fencing token numbered by INCR. The holder renews it every
 * ttl/3 with a compare-and-pexpire; anything but a confirmed renewal (a refusal,
 * an error, a timeout, or noticing that the process was paused longer than the
 * ttl) ends the holding. The others try every `retryMs`, so a dead holder's
 * lease passes on within ttl + retryMs (plus one round trip): its last renewal
 * left at most ttl on the key, and a contender's next try comes at most
 * retryMs after the key expired. It passes on no sooner than ttl - ttl/3 (the
 * holder died just before a renewal). Appends fenced with the token are
 * refused by Redis once the lease moved on, whatever the old holder believes.
 */
export class ProducerLease {
  private readonly key: string;
  private readonly counterKey: string;
  private readonly ttlMs: number;
  private readonly retryMs: number;
  private readonly redis: Redis;
  private readonly nonce = randomBytes(6).toString('base64url');
  /** Reports Redis failures, once per outage. */
  private readonly report: (error: unknown) => void;
  /** Reports a throwing callback. */
  private readonly warn: (error: unknown) => void;
  private current: { token: string; validFrom: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  constructor(private readonly options: ProducerLeaseOptions) {
    this.key = options.key ?? 'quoteline:producer';
    this.counterKey = `${this.key}:token`;
    this.ttlMs = options.ttlMs ?? LEASE_DEFAULTS.ttlMs;
    this.retryMs = options.retryMs ?? LEASE_DEFAULTS.retryMs;
    if (!(this.ttlMs >= 30) || !(this.retryMs > 0)) throw new Error('ttlMs must be at least 30 and retryMs positive');
    // A renewal must answer well within the ttl, or it counts as failed.
    this.redis = connectRedis({
      url: options.url,
      name: `${options.name ?? 'lease'}:lease`,
      commandTimeoutMs: Math.max(10, Math.floor(this.ttlMs / 3)),
    });
    const sink =
      options.onError ??
      ((error: unknown) => console.warn('quoteline: producer lease:', error instanceof Error ? error.message : error));
    this.warn = sink;
    this.report = reportOncePerOutage(sink);
  }

  /** The fence to append with while holding the lease, else null. */
  get fence(): Fence | null {
    return this.current ? { key: this.key, token: this.current.token } : null;
  }

  /** True while this instance holds the lease. */
  get held(): boolean {
    return this.current !== null;
  }

  /** Starts competing for the lease (at once, then every `retryMs`). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0, () => this.tryAcquire());
  }

  /** Stops competing; when holding, ends it (onLost) and frees the key so another instance takes over at once. */
  async release(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const held = this.current;
    if (held) this.lose();
    if (held) await RELEASE.run(this.redis, [this.key], [held.token]).catch((error: unknown) => this.report(error));
    await closeRedis(this.redis);
  }

  private async tryAcquire(): Promise<void> {
    const startedAt = performance.now();
    try {
      const token = (await ACQUIRE.run(this.redis, [this.key, this.counterKey], [this.ttlMs, this.nonce])) as
        string | null;
      this.report(null);
      if (!this.running) {
        if (token) await RELEASE.run(this.redis, [this.key], [token]);
        return;
      }
      if (token) {
        this.current = { token, validFrom: startedAt };
        guard(() => this.options.onAcquired({ key: this.key, token }), this.warn);
        this.schedule(this.ttlMs / 3, () => this.renew());
        return;
      }
    } catch (error) {
      this.report(error);
    }
    this.schedule(this.retryMs, () => this.tryAcquire());
  }

  private async renew(): Promise<void> {
    const held = this.current;
    if (!held) return;
    const startedAt = performance.now();
    // Paused (GC, SIGSTOP, an overloaded host) past the ttl: the grant may be gone already.
    if (startedAt - held.validFrom >= this.ttlMs) return this.loseAndRetry();
    try {
      const renewed = Number(await RENEW.run(this.redis, [this.key], [held.token, this.ttlMs]));
      this.report(null);
      if (this.current !== held) return;
      if (renewed !== 1) return this.loseAndRetry();
      held.validFrom = startedAt;
      this.schedule(this.ttlMs / 3, () => this.renew());
    } catch (error) {
      this.report(error);
      if (this.current === held) this.loseAndRetry();
    }
  }

  private loseAndRetry(): void {
    this.lose();
    this.schedule(this.retryMs, () => this.tryAcquire());
  }

  private lose(): void {
    if (!this.current) return;
    this.current = null;
    guard(() => this.options.onLost(), this.warn);
  }

  private schedule(ms: number, work: () => Promise<void>): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void work();
    }, ms);
    this.timer.unref?.();
  }
}
