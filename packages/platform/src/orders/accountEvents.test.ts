import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderEvent } from '@quoteline/protocol';
import type { LogInput } from '@quoteline/stream';
import { AccountEvents, type PrivateEvent } from './accountEvents';

/** A log that refuses appends while `down`, and records what it took. */
function flakyLog() {
  const taken: LogInput[] = [];
  const log = {
    down: false,
    head: () => `e:${taken.length}`,
    async append(input: LogInput) {
      if (log.down) throw new Error('log unreachable');
      taken.push(input);
      return { id: `e:${taken.length}` };
    },
  };
  return {
    log,
    taken,
    names: () => taken.map((t) => `${t.topic}/${(t.data as unknown as { orderId: string }).orderId}`),
  };
}
const order = (orderId: string): PrivateEvent => ({ type: 'order', data: { orderId } as OrderEvent });

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('account events', () => {
  it('appends in order and answers the last id', async () => {
    const { log, names } = flakyLog();
    const events = new AccountEvents(log as never);
    expect(await events.publish([order('1'), order('2')], 'a')).toBe('e:2');
    expect(names()).toEqual(['account:a/1', 'account:a/2']);
  });

  it('keeps what the log refused, appends it once the log is back, and never lets later events of the account overtake it', async () => {
    const { log, names } = flakyLog();
    const events = new AccountEvents(log as never, { retryMs: 1_000, giveUpMs: 60_000 });
    log.down = true;
    await events.publish([order('1'), order('2')], 'a'); // the order stands; its events wait
    log.down = false;
    await events.publish([order('3')], 'a'); // the log answers again, but 1 and 2 go first
    await events.publish([order('x')], 'b'); // other accounts are not held up
    expect(names()).toEqual(['account:b/x']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(names()).toEqual(['account:b/x', 'account:a/1', 'account:a/2', 'account:a/3']);
    await events.publish([order('4')], 'a'); // backlog gone: straight to the log
    expect(names().at(-1)).toBe('account:a/4');
  });

  it('retries while the log stays down and gives up after giveUpMs', async () => {
    const { log, names } = flakyLog();
    const events = new AccountEvents(log as never, { retryMs: 1_000, giveUpMs: 5_000 });
    log.down = true;
    await events.publish([order('1')], 'a');
    await vi.advanceTimersByTimeAsync(3_000);
    log.down = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(names()).toEqual(['account:a/1']);

    log.down = true;
    await events.publish([order('2')], 'a');
    await vi.advanceTimersByTimeAsync(7_000);
    log.down = false;
    await events.publish([order('3')], 'a'); // the backlog was given up: 3 goes straight through
    expect(names()).toEqual(['account:a/1', 'account:a/3']);
    expect(console.error).toHaveBeenCalledWith(
      expect.stringContaining('giving up appending 1 order event(s)'),
      expect.any(Error),
    );
  });
});
