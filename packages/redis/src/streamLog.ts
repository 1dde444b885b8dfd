import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { encodeEvent, eventSchemas, TOPIC_EVENT_TYPES, type TopicEvent } from '@quoteline/protocol';
import {
  conflationKeyOf,
  type EventLog,
  type LogEntry,
  type LogInput,
  type LogReset,
  type ReadAfterResult,
  type ResetReason,
} from '@quoteline/stream';
import { closeRedis, connectRedis } from './client';
import { FenceRejectedError, type Fence } from './errors';
import { APPEND, ENSURE_EPOCH } from './lua';
import { guard, reportOncePerOutage } from './reporting';
import { ORIGIN, compareStreamIds, formatEventId, parseEventId } from './streamIds';

/** Settings of the Redis Streams event log; all but `url` have defaults. */
export interface RedisStreamLogOptions {
  url: string;
  /** The stream's key (default `quoteline:log`); the epoch lives at `<key>:epoch`. */
  key?: string;
  /** Approximate number of entries Redis keeps (`XADD MAXLEN ~`, default 10,000); older ids get a `reset`. */
  maxLen?: number;
  /** Where this instance's tail starts: after the newest entry (`end`, default) or at the oldest retained one (`start`). */
  tailFrom?: 'end' | 'start';
  /** How long one XREAD blocks (default 5 s); the epoch is checked after every idle block. */
  blockMs?: number;
  /** Names this instance's connections in `CLIENT LIST` (default `log`). */
  name?: string;
  /** Timeout of non-blocking commands (default 2 s). */
  commandTimeoutMs?: number;
  /** Where failures are reported (default console.warn, once per outage). */
  onError?: (error: unknown) => void;
}

/** Options of one append. */
export interface AppendOptions {
  /** Appends only while this lease token is current (market events); rejects with FenceRejectedError otherwise. */
  fence?: Fence;
}

const storedEntrySchema = z.object({
  e: z.string().min(1),
  n: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  t: z.string().min(1),
  y: z.enum(TOPIC_EVENT_TYPES),
  d: z.string(),
});
type RawEntry = [id: string, fields: string[]];
/** A stream entry read back: the epoch and number it was written with, and the log entry. */
interface Decoded {
  epoch: string;
  n: number;
  entry: LogEntry;
}

const newEpoch = () => randomBytes(6).toString('base64url');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The event log of the scaled shape: one Redis stream that every instance
 * appends to (XADD with bounded retention) and reads in full itself (plain
 * XREAD BLOCK on its own connection, no consumer group). Ids are
 * `<epoch>:<stream id>`; the epoch lives in Redis, so a flushed or restored
 * Redis is noticed and resuming clients get `reset` rather than a silent gap.
 * Entries are numbered 1, 2, … within an epoch, so the tail notices when
 * entries it had not read yet were trimmed, and says so rather than skip them.
 * Each entry's SSE frame is encoded once per instance: entries this instance
 * appended or read are kept (up to `maxLen`) and reused by the tail and replays.
 */
export class RedisStreamLog implements EventLog {
  private currentEpoch: string;
  /** Stream id of the last entry delivered to tail listeners: the tail resumes after it. */
  private cursor: string;
  /** Number of that entry in its epoch; the next one must be one more (null: accept whatever comes). */
  private lastN: number | null;
  private readonly key: string;
  private readonly epochKey: string;
  private readonly counterKey: string;
  private readonly maxLen: number;
  private readonly blockMs: number;
  private readonly commands: Redis;
  private readonly blocking: Redis;
  private readonly listeners = new Set<(entry: LogEntry) => void>();
  private readonly resetListeners = new Set<(reset: LogReset) => void>();
  /** Decoded entries by SSE id, oldest first: frames are encoded once. */
  private readonly recent = new Map<string, LogEntry>();
  /** Epochs seen in the stream that are no longer current: their entries are skipped. */
  private readonly deadEpochs = new Set<string>();
  /** Reports Redis failures, once per outage. */
  private readonly report: (error: unknown) => void;
  /** Reports everything else (a throwing listener, a foreign entry). */
  private readonly warn: (error: unknown) => void;
  private reading: Promise<void> | null = null;
  private closed = false;

  /** Connects, reads (or creates) the epoch and finds where the tail starts. */
  static async open(options: RedisStreamLogOptions): Promise<RedisStreamLog> {
    const name = options.name ?? 'log';
    const commands = connectRedis({
      url: options.url,
      name: `${name}:log`,
      commandTimeoutMs: options.commandTimeoutMs,
    });
    const blocking = connectRedis({ url: options.url, name: `${name}:tail`, commandTimeoutMs: null });
    try {
      const log = new RedisStreamLog(options, commands, blocking);
      await log.start(options.tailFrom ?? 'end');
      return log;
    } catch (error) {
      await Promise.all([closeRedis(commands), closeRedis(blocking)]);
      throw error;
    }
  }

  private constructor(options: RedisStreamLogOptions, commands: Redis, blocking: Redis) {
    this.key = options.key ?? 'quoteline:log';
    this.epochKey = `${this.key}:epoch`;
    this.counterKey = `${this.key}:n`;
    this.maxLen = options.maxLen ?? 10_000;
    if (!Number.isInteger(this.maxLen) || this.maxLen < 1) throw new Error('maxLen must be a positive integer');
    this.blockMs = options.blockMs ?? 5000;
    this.commands = commands;
    this.blocking = blocking;
    this.currentEpoch = '';
    this.cursor = ORIGIN;
    this.lastN = null;
    this.warn =
      options.onError ??
      ((error) => console.warn('quoteline: redis log:', error instanceof Error ? error.message : error));
    this.report = reportOncePerOutage(this.warn);
  }

  /** Reads (or creates) the epoch and places the cursor: after the newest entry, or before the oldest. */
  private async start(from: 'start' | 'end'): Promise<void> {
    this.currentEpoch = await this.ensureEpoch();
    if (from === 'start') return;
    const newest = (await this.commands.xrevrange(this.key, '+', '-', 'COUNT', 1)) as RawEntry[];
    if (!newest[0]) return;
    const decoded = this.decode(newest[0]);
    this.cursor = newest[0][0];
    this.lastN = decoded?.epoch === this.currentEpoch ? decoded.n : null;
  }

  /** True while both connections to Redis are up (health reports it as the bus). */
  get connected(): boolean {
    return this.commands.status === 'ready' && this.blocking.status === 'ready';
  }

  /** The epoch the tail is in; it changes when Redis was flushed or restored. */
  get epoch(): string {
    return this.currentEpoch;
  }

  /**
   * Appends one entry. With `fence`, the XADD runs only while the lease still
   * holds that token (checked in the same Lua script), else FenceRejectedError.
   */
  async append(input: LogInput, options: AppendOptions = {}): Promise<LogEntry> {
    const { fence } = options;
    const reply = (await APPEND.run(
      this.commands,
      [this.key, this.epochKey, this.counterKey, fence?.key ?? this.epochKey],
      [newEpoch(), this.maxLen, fence?.token ?? '', input.topic, input.type, JSON.stringify(input.data)],
    )) as string[];
    if (reply[0] === 'fenced') throw new FenceRejectedError(fence!);
    const id = formatEventId(reply[1]!, reply[2]!);
    // The tail may have read it before this reply arrived: one entry, one frame.
    const known = this.recent.get(id);
    if (known) return known;
    const entry = makeEntry(id, input);
    this.remember(entry);
    return entry;
  }

  /**
   * Every retained entry after `id`, in order. An id of another epoch gets
   * `epoch_changed`, one older than the oldest retained entry `history_trimmed`,
   * anything else not in the stream `unknown_id`. When Redis cannot be reached
   * the answer is `history_trimmed` too: a reset with fresh snapshots beats failing.
   */
  async readAfter(id: string): Promise<ReadAfterResult> {
    const parsed = parseEventId(id);
    if (!parsed) return { ok: false, reason: 'unknown_id' };
    try {
      const replies = await this.commands
        .multi()
        .get(this.epochKey)
        .xrange(this.key, parsed.streamId, '+')
        .xrange(this.key, '-', '+', 'COUNT', 1)
        .exec();
      if (!replies) throw new Error('the read transaction was aborted');
      for (const [error] of replies) if (error) throw error;
      const epoch = replies[0]![1] as string | null;
      const range = replies[1]![1] as RawEntry[];
      const first = (replies[2]![1] as RawEntry[])[0]?.[0];
      if (epoch === null || parsed.epoch !== epoch) return { ok: false, reason: 'epoch_changed' };
      const origin = parsed.streamId === ORIGIN;
      if (!origin && range[0]?.[0] !== parsed.streamId) {
        const trimmed = first !== undefined && compareStreamIds(parsed.streamId, first) < 0;
        return { ok: false, reason: trimmed ? 'history_trimmed' : 'unknown_id' };
      }
      const entries: Decoded[] = [];
      for (const raw of origin ? range : range.slice(1)) {
        const decoded = this.decode(raw);
        if (decoded?.epoch === epoch) entries.push(decoded);
      }
      // From the origin, the epoch's entry 1 must still be there.
      if (origin && entries.length > 0 && entries[0]!.n !== 1) return { ok: false, reason: 'history_trimmed' };
      return { ok: true, entries: entries.map((d) => d.entry) };
    } catch (error) {
      this.report(error);
      return { ok: false, reason: 'history_trimmed' };
    }
  }

  /** Calls `listener` with every entry read from now on, in stream order, once each; starts the reader on first use. */
  tail(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    this.reading ??= this.readLoop();
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` whenever the tail cannot know what it missed (epoch change, trim or restore while disconnected). */
  onReset(listener: (reset: LogReset) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Orders two ids by their stream position (the epoch is not compared, as in the ring). */
  compare(a: string, b: string): number {
    return compareStreamIds(parseEventId(a)?.streamId ?? '', parseEventId(b)?.streamId ?? '');
  }

  /** The id of the last entry delivered to the tail (or where the tail starts). */
  head(): string {
    return formatEventId(this.currentEpoch, this.cursor);
  }

  /** Stops the tail and closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.resetListeners.clear();
    this.blocking.disconnect();
    await this.reading?.catch(() => undefined);
    await closeRedis(this.commands);
  }

  /**
   * The tail: XREAD BLOCK after the cursor, forever. After any failure, and after
   * every idle block, it checks the epoch and that the cursor entry still exists
   * (trimming only removes the oldest entries, so everything after it is intact);
   * when either fails, listeners are told to reset and reading goes on from the
   * nearest point that is known.
   */
  private async readLoop(): Promise<void> {
    let check = false;
    while (!this.closed) {
      try {
        if (check) await this.resync();
        check = false;
        const asked = Date.now();
        const reply = (await this.blocking.xread(
          'COUNT',
          1000,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          this.key,
          this.cursor,
        )) as [string, RawEntry[]][] | null;
        if (this.closed) return;
        if (!reply) {
          // Redis answers an idle BLOCK after blockMs; a null much later is the client's own
          // bound on a socket that silently died (it resolves null too): start a fresh one.
          if (Date.now() - asked > this.blockMs + 1000) this.blocking.disconnect(true);
          else this.report(null);
          check = true;
          continue;
        }
        this.report(null);
        for (const raw of reply[0]?.[1] ?? []) {
          const decoded = this.decode(raw);
          if (!decoded) this.warn(new Error(`skipped the malformed stream entry ${raw[0]}`));
          else if (decoded.epoch !== this.currentEpoch) {
            // Another epoch: either Redis was flushed (resync resets and rereads) or this is a leftover.
            if (!this.deadEpochs.has(decoded.epoch) && (await this.resync())) break;
            this.deadEpochs.add(decoded.epoch);
          } else {
            // A number skipped: entries were trimmed before this tail read them. A number repeated: history was rewritten (restore).
            if (this.lastN !== null && decoded.n !== this.lastN + 1)
              this.emitReset(decoded.n > this.lastN ? 'history_trimmed' : 'unknown_id');
            this.lastN = decoded.n;
            this.cursor = raw[0];
            this.deliver(decoded.entry);
            continue;
          }
          this.cursor = raw[0];
        }
      } catch (error) {
        if (this.closed) return;
        this.report(error);
        check = true;
        // A command that timed out may have met a dead socket: start a fresh blocking connection too.
        if (error instanceof Error && /timed out/i.test(error.message)) this.blocking.disconnect(true);
        await sleep(250);
      }
    }
  }

  /** Checks the epoch and the cursor; resets listeners and moves the cursor when history was lost. Returns true when it did. */
  private async resync(): Promise<boolean> {
    const epoch = await this.ensureEpoch();
    if (epoch !== this.currentEpoch) {
      this.deadEpochs.add(this.currentEpoch);
      this.deadEpochs.delete(epoch);
      this.currentEpoch = epoch;
      // Read the new epoch from its start: its entry 1 comes next (or the numbers tell it was trimmed).
      this.cursor = ORIGIN;
      this.lastN = 0;
      this.recent.clear();
      this.emitReset('epoch_changed');
      return true;
    }
    const lost = await this.lostAfterCursor();
    if (!lost) return false;
    this.cursor = lost.from;
    this.lastN = lost.n;
    this.emitReset(lost.reason);
    return true;
  }

  /**
   * Null when the cursor entry is still in the stream (so is everything after it:
   * trimming removes the oldest). Else Redis was restored from an older copy or
   * trimmed past it: why, and the point reading goes on from.
   */
  private async lostAfterCursor(): Promise<{ reason: ResetReason; from: string; n: number | null } | null> {
    if (this.cursor === ORIGIN) return null;
    const at = (await this.commands.xrange(this.key, this.cursor, this.cursor)) as RawEntry[];
    if (at.length > 0) return null;
    const before = (await this.commands.xrevrange(this.key, this.cursor, '-', 'COUNT', 1)) as RawEntry[];
    if (before[0]) {
      const decoded = this.decode(before[0]);
      return { reason: 'unknown_id', from: before[0][0], n: decoded?.epoch === this.currentEpoch ? decoded.n : null };
    }
    const first = (await this.commands.xrange(this.key, '-', '+', 'COUNT', 1)) as RawEntry[];
    return { reason: first.length > 0 ? 'history_trimmed' : 'unknown_id', from: ORIGIN, n: null };
  }

  private async ensureEpoch(): Promise<string> {
    return String(await ENSURE_EPOCH.run(this.commands, [this.epochKey, this.counterKey], [newEpoch()]));
  }

  private emitReset(reason: ResetReason): void {
    const reset: LogReset = { reason, head: this.head() };
    for (const listener of [...this.resetListeners]) guard(() => listener(reset), this.warn);
  }

  private deliver(entry: LogEntry): void {
    for (const listener of [...this.listeners]) guard(() => listener(entry), this.warn);
  }

  /** A stream entry as a log entry (cached by id), with the epoch it was written in; null for a foreign entry. */
  private decode([streamId, fields]: RawEntry): Decoded | null {
    const stored = storedEntrySchema.safeParse(Object.fromEntries(fieldMap(fields)));
    if (!stored.success) return null;
    const id = formatEventId(stored.data.e, streamId);
    const cached = this.recent.get(id);
    if (cached) return { epoch: stored.data.e, n: stored.data.n, entry: cached };
    // Another writer's bytes: each event is held to its type's schema, as the stream's clients are promised.
    let json: unknown;
    try {
      json = JSON.parse(stored.data.d);
    } catch {
      return null;
    }
    const data = eventSchemas[stored.data.y].safeParse(json);
    if (!data.success) return null;
    const entry = makeEntry(id, { topic: stored.data.t, type: stored.data.y, data: data.data } as TopicEvent);
    this.remember(entry);
    return { epoch: stored.data.e, n: stored.data.n, entry };
  }

  private remember(entry: LogEntry): void {
    this.recent.set(entry.id, entry);
    if (this.recent.size > this.maxLen) this.recent.delete(this.recent.keys().next().value!);
  }
}

function makeEntry(id: string, input: LogInput): LogEntry {
  return { ...input, id, frame: encodeEvent(input.type, input.data, id), conflationKey: conflationKeyOf(input) };
}

/** `[k1, v1, k2, v2, …]` as a map. */
function fieldMap(flat: readonly unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(String(flat[i]), flat[i + 1]);
  return map;
}
