import { describe, expect, it } from 'vitest';
import { ChunkedDecoder } from './chunkedDecoder';

function decodeInPieces(wire: string, pieceSize: number): { body: string; done: boolean } {
  const decoder = new ChunkedDecoder();
  let body = '';
  const bytes = Buffer.from(wire, 'latin1');
  for (let i = 0; i < bytes.length; i += pieceSize) {
    // Decode from an offset inside a larger buffer, as the load generator does after the response head.
    const padded = Buffer.concat([Buffer.from('xx'), bytes.subarray(i, i + pieceSize)]);
    decoder.push(padded, (buf, start, end) => (body += buf.toString('latin1', start, end)), 2, padded.length);
  }
  return { body, done: decoder.done };
}

describe('ChunkedDecoder', () => {
  const wire = '5\r\nhello\r\nb;ext=1\r\n, chunked!\n\r\n0\r\n\r\n';

  it('joins chunk data and notices the last chunk', () => {
    expect(decodeInPieces(wire, wire.length)).toEqual({ body: 'hello, chunked!\n', done: true });
  });

  it('survives every split point, down to one byte per read', () => {
    for (const size of [1, 2, 3, 7])
      expect(decodeInPieces(wire, size)).toEqual({ body: 'hello, chunked!\n', done: true });
  });

  it('rejects a broken size line', () => {
    expect(() => new ChunkedDecoder().push(Buffer.from('zz\r\n'), () => undefined)).toThrow(/size/);
  });
});
