/** Receives a slice of decoded body bytes; the buffer is only valid during the call. */
export type BodySlice = (buf: Buffer, start: number, end: number) => void;

const CR = 13;
const LF = 10;

/**
 * Incremental HTTP/1.1 `Transfer-Encoding: chunked` decoder. Hands body bytes
 * on as slices of the socket's buffers (no copy), because both servers under
 * test send their SSE bodies chunked and the load generator must stay cheap.
 */
export class ChunkedDecoder {
  /** Bytes left in the current chunk's data. */
  private remaining = 0;
  /** 'size': reading the hex size line; 'data': inside a chunk; 'crlf': the CRLF after data; 'done': saw the last chunk. */
  private state: 'size' | 'data' | 'crlf' | 'done' = 'size';
  private sizeLine = '';
  private crlfLeft = 0;

  /** True once the terminating zero-size chunk arrived. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** Decodes `buf[start..end)`; throws on a malformed size line. */
  push(buf: Buffer, onBody: BodySlice, start = 0, end = buf.length): void {
    let i = start;
    while (i < end && this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, end - i);
        onBody(buf, i, i + take);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) {
          this.state = 'crlf';
          this.crlfLeft = 2;
        }
      } else if (this.state === 'crlf') {
        const byte = buf[i++];
        if (byte !== (this.crlfLeft === 2 ? CR : LF)) throw new Error('chunked: missing CRLF after chunk data');
        if (--this.crlfLeft === 0) this.state = 'size';
      } else {
        const lf = buf.indexOf(LF, i);
        const stop = lf === -1 || lf >= end ? end : lf;
        this.sizeLine += buf.toString('latin1', i, stop);
        if (stop === end) return;
        i = lf + 1;
        const size = parseInt(this.sizeLine.replace(/\r$/, '').split(';')[0]!.trim(), 16);
        this.sizeLine = '';
        if (!Number.isFinite(size) || size < 0) throw new Error('chunked: bad chunk size line');
        // Trailers after the last chunk are ignored: an SSE body never ends normally here.
        if (size === 0) this.state = 'done';
        else {
          this.remaining = size;
          this.state = 'data';
        }
      }
    }
  }
}
