import { describe, expect, it } from 'vitest';
import { conflationKeyOf, RingLog } from './ringLog';
import type { LogInput } from './eventLog';
import type { OrderEvent, StatsEvent } from '@quoteline/protocol';

const update = (symbol: string, price: number): LogInput => ({
  topic: 'feed:demo',
  type: 'update',
  data: { topic: 'feed:demo', symbol, price, bid: price, ask: price, ts: 1 },
});

describe('RingLog', () => {
  it('assigns increasing epoch:offset ids and encodes each frame once', async () => {
    const log = new RingLog({ epoch: 'e1', capacity: 4 });
    expect(log.head()).toBe('e1:0');
    const a = await log.append(update('A', 1));
    const b = await log.append(update('B', 2));
    expect([a.id, b.id]).toEqual(['e1:1', 'e1:2']);
    expect(new TextDecoder().decode(a.frame)).toBe(
      'id: e1:1\nevent: update\ndata: {"topic":"feed:demo","symbol":"A","price":1,"bid":1,"ask":1,"ts":1}\n\n',
    );
    expect(a.conflationKey).toBe('feed:demo\u0000A');
    expect(log.head()).toBe('e1:2');
  });

  it('reads after a position, across wrap-around', () => {
    const log = new RingLog({ epoch: 'e1', capacity: 4 });
    for (let i = 1; i <= 10; i++) log.appendSync(update('A', i));
    const r = log.readAfterSync('e1:7');
    expect(r.ok && r.entries.map((e) => e.id)).toEqual(['e1:8', 'e1:9', 'e1:10']);
    const oldest = log.readAfterSync('e1:6');
    expect(oldest.ok && oldest.entries.map((e) => e.id)).toEqual(['e1:7', 'e1:8', 'e1:9', 'e1:10']);
    const none = log.readAfterSync('e1:10');
    expect(none.ok && none.entries).toEqual([]);
  });

  it('explains why it cannot replay', () => {
    const log = new RingLog({ epoch: 'e1', capacity: 4 });
    for (let i = 1; i <= 10; i++) log.appendSync(update('A', i));
    expect(log.readAfterSync('e1:5')).toEqual({ ok: false, reason: 'history_trimmed' });
    expect(log.readAfterSync('e0:9')).toEqual({ ok: false, reason: 'epoch_changed' });
    expect(log.readAfterSync('e1:11')).toEqual({ ok: false, reason: 'unknown_id' });
    expect(log.readAfterSync('garbage')).toEqual({ ok: false, reason: 'unknown_id' });
  });

  it('tails new entries in order and stops after unsubscribe', () => {
    const log = new RingLog({ epoch: 'e1' });
    const seen: string[] = [];
    const stop = log.tail((e) => seen.push(e.id));
    log.appendSync(update('A', 1));
    stop();
    log.appendSync(update('A', 2));
    expect(seen).toEqual(['e1:1']);
    expect(log.compare('e1:2', 'e1:10')).toBeLessThan(0);
  });
});

describe('conflationKeyOf', () => {
  it('keys updates by symbol and stats samples by instance; status and private events never conflate', () => {
    expect(conflationKeyOf(update('A', 1))).toBe('feed:demo\u0000A');
    const stats = (instance: string): LogInput => ({
      topic: 'admin:connections',
      type: 'stats',
      data: { topic: 'admin:connections', instance } as StatsEvent,
    });
    expect(conflationKeyOf(stats('web-1'))).toBe('admin:connections\u0000web-1');
    expect(conflationKeyOf(stats('web-2'))).not.toBe(conflationKeyOf(stats('web-1')));
    expect(
      conflationKeyOf({ topic: 'feed:demo', type: 'status', data: { topic: 'feed:demo', status: 'paused' } }),
    ).toBeNull();
    expect(
      conflationKeyOf({ topic: 'account:a', type: 'order', data: { topic: 'account:a', symbol: 'A' } as OrderEvent }),
    ).toBeNull();
  });
});
