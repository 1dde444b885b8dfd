import { describe, expect, it, vi } from 'vitest';
import { parseReplayCsv } from './replayCsv';
import { ReplayPlayer } from './replayPlayer';

describe('replay CSV', () => {
  it('reads rows with a header, ISO or Unix timestamps, optional bid/ask', () => {
    const { rows, errors } = parseReplayCsv(
      'timestamp,symbol,price,bid,ask\n2026-01-01T00:00:00Z,ACME,10.5,10.4,10.6\n1767225601,ACME,10.55\n\n1767225602000,GLOBX,3\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, at: Date.parse('2026-01-01T00:00:00Z'), symbol: 'ACME', price: 1050, bid: 1040, ask: 1060 },
      { line: 3, at: 1767225601000, symbol: 'ACME', price: 1055 },
      { line: 5, at: 1767225602000, symbol: 'GLOBX', price: 300 },
    ]);
  });

  it('reports every bad row with its line number', () => {
    const { rows, errors } = parseReplayCsv(
      'yesterday,ACME,1\n1767225601,acme,1\n1767225601,ACME,-1\n1767225601,ACME,1.001\n1767225601,ACME,1,2,1\n1767225601,ACME\n1767225601,ACME,1\n1767225600,ACME,1\n',
    );
    expect(rows.map((r) => r.line)).toEqual([7]);
    expect(errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(errors[0]!.message).toMatch(/timestamp/);
    expect(errors.at(-1)!.message).toMatch(/backwards/);
  });

  it('refuses prices above 10,000,000, which a database column of cents cannot hold on PostgreSQL', () => {
    const { rows, errors } = parseReplayCsv(
      '1767225600,ACME,10000000\n1767225601,ACME,30000000\n1767225602,ACME,10,9,999999999\n',
    );
    expect(rows.map((r) => r.line)).toEqual([1]);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
    expect(errors[0]!.message).toMatch(/at most 10,000,000/);
  });
});

describe('replay player', () => {
  it('plays rows at their recorded pace divided by the speed, and loops', () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const rows = parseReplayCsv('1767225600,A,1\n1767225602,A,2\n1767225604,A,3').rows;
    const player = new ReplayPlayer(rows, { speed: 2, loop: true }, (r) => seen.push(r.price));
    player.start();
    vi.advanceTimersByTime(0);
    expect(seen).toEqual([100]);
    vi.advanceTimersByTime(999);
    expect(seen).toEqual([100]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([100, 200]);
    vi.advanceTimersByTime(1000 + 500);
    expect(seen).toEqual([100, 200, 300, 100]);
    player.stop();
    vi.useRealTimers();
  });
});
