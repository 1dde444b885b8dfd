import { describe, expect, it } from 'vitest';
import { FrameScanner } from './frameScanner';

const update = (id: number, ts: number) =>
  `id: ep:${id}\nevent: update\ndata: {"topic":"feed:bench","symbol":"B${id}","price":1.5,"bid":1,"ask":2,"ts":${ts}}\n\n`;
const body =
  'retry: 1000\n\n' +
  'event: ready\ndata: {"connectionId":"c","topics":["feed:bench"]}\n\n' +
  'id: ep:1\nevent: add\ndata: {"topic":"feed:bench","symbol":"B0","price":1,"ts":5}\n\n' +
  update(2, 1_795_000_000_123) +
  ': keep-alive\n\n' +
  update(3, 1_795_000_000_456);

function scan(pieces: string[]) {
  const seen = { ts: [] as number[], comments: 0, others: 0 };
  const scanner = new FrameScanner({
    update: (ts) => seen.ts.push(ts),
    other: (isComment) => (isComment ? seen.comments++ : seen.others++),
  });
  for (const piece of pieces) scanner.push(Buffer.from(piece));
  return seen;
}

describe('FrameScanner', () => {
  it('reads ts of update frames only and counts the rest', () => {
    expect(scan([body])).toEqual({ ts: [1_795_000_000_123, 1_795_000_000_456], comments: 1, others: 3 });
  });

  it('gives the same result at every split point, including inside the blank line', () => {
    const whole = scan([body]);
    for (let cut = 1; cut < body.length; cut++) expect(scan([body.slice(0, cut), body.slice(cut)])).toEqual(whole);
  });

  it('waits for the end of an unfinished frame', () => {
    expect(scan([update(4, 77).slice(0, -1)]).ts).toEqual([]);
  });

  it('reports NaN for an update without ts', () => {
    expect(scan(['event: update\ndata: {"symbol":"X"}\n\n']).ts).toEqual([NaN]);
  });
});
