const LF = 10;
const FRAME_END = Buffer.from('\n\n');
const TS_KEY = Buffer.from('"ts":');
const EVENT_UPDATE = Buffer.from('event: update\n');
const ID_PREFIX = Buffer.from('id:');

/** What a scanner reports: the `ts` of every `update` frame, and a count of the rest. */
export interface FrameListener {
  /** An `update` frame with its publish time (ms since the epoch), or NaN when it has no `"ts":`. */
  update(ts: number): void;
  /** Any other complete frame: a comment (`: keep-alive`) or another event (`retry`, `ready`, `add`). */
  other(isComment: boolean): void;
}

/**
 * Splits an SSE body into frames at `\n\n` and pulls `"ts":` out of `update`
 * frames without decoding text or parsing JSON, so one load-generator process
 * can keep up with tens of thousands of streams. It relies on the servers'
 * own framing (LF line ends, `id:` then `event:` then one `data:` line), not
 * the full SSE grammar: a load generator, not a general client.
 */
export class FrameScanner {
  /** Bytes of a frame split across reads; null when the last read ended on a frame boundary. */
  private carry: Buffer | null = null;

  constructor(private readonly listener: FrameListener) {}

  /** Scans `buf[start..end)`; the buffer may be reused by the caller afterwards. */
  push(buf: Buffer, start = 0, end = buf.length): void {
    if (this.carry) {
      // Rare with writes that end on frame boundaries: join once, then scan normally.
      const joined = Buffer.concat([this.carry, buf.subarray(start, end)]);
      this.carry = null;
      this.scan(joined, 0, joined.length);
    } else this.scan(buf, start, end);
  }

  private scan(buf: Buffer, start: number, end: number): void {
    let pos = start;
    while (pos < end) {
      const stop = buf.indexOf(FRAME_END, pos);
      if (stop === -1 || stop + 2 > end) {
        this.carry = Buffer.from(buf.subarray(pos, end));
        return;
      }
      this.frame(buf, pos, stop);
      pos = stop + 2;
    }
  }

  /** One frame `buf[start..stop)`, without its blank line. */
  private frame(buf: Buffer, start: number, stop: number): void {
    if (buf[start] === 0x3a /* ':' */) return this.listener.other(true);
    let line = start;
    if (startsWith(buf, line, stop, ID_PREFIX)) {
      const lf = buf.indexOf(LF, line);
      line = lf === -1 || lf > stop ? stop : lf + 1;
    }
    if (!startsWith(buf, line, stop, EVENT_UPDATE)) return this.listener.other(false);
    // `ts` is the last field of an update, so search backwards from the frame end.
    const key = buf.lastIndexOf(TS_KEY, stop);
    this.listener.update(key < line ? NaN : readInt(buf, key + TS_KEY.length, stop));
  }
}

function startsWith(buf: Buffer, at: number, stop: number, prefix: Buffer): boolean {
  if (at + prefix.length > stop + 1) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix[i]) return false;
  return true;
}

/** A non-negative decimal integer at `at` (spaces skipped); NaN when there is none. */
function readInt(buf: Buffer, at: number, stop: number): number {
  while (at < stop && buf[at] === 0x20) at++;
  let value = 0;
  let digits = 0;
  for (; at < stop; at++, digits++) {
    const d = buf[at]! - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  return digits === 0 ? NaN : value;
}
