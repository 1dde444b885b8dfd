import { describe, expect, it } from 'vitest';
import { createFeedRequestSchema, replayOptionsSchema, updateFeedRequestSchema } from './requests';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('feed requests (the API and the admin console validate with these)', () => {
  it('creates a simulator feed with its settings and seed; other sources need only a slug and a name', () => {
    expect(
      createFeedRequestSchema.parse({
        slug: 'sim',
        name: ' Sim ',
        tickIntervalMs: 200,
        volatility: 0.5,
        drift: -0.1,
        spreadBps: 20,
        seed: 7,
      }),
    ).toEqual({
      slug: 'sim',
      name: 'Sim',
      source: 'simulator',
      tickIntervalMs: 200,
      volatility: 0.5,
      drift: -0.1,
      spreadBps: 20,
      seed: 7,
    });
    expect(createFeedRequestSchema.parse({ slug: 'pushed', name: 'Pushed', source: 'push' })).toEqual({
      slug: 'pushed',
      name: 'Pushed',
      source: 'push',
    });
    expect(createFeedRequestSchema.safeParse({ slug: 'x', name: 'x', pushToken: 'no' }).success).toBe(false);
  });

  it('says the allowed range next to each field, and "enter a number" for what is not one', () => {
    const r = createFeedRequestSchema.safeParse({
      slug: 'Bad',
      name: ' ',
      tickIntervalMs: 10,
      volatility: Number.NaN,
      drift: 9,
      spreadBps: 1.5,
      seed: -1,
    });
    expect(messages(r)).toEqual({
      slug: 'a feed slug is 1-32 lowercase letters, digits or dashes',
      name: 'enter a name',
      tickIntervalMs: 'a tick interval is 50 to 60000 ms',
      volatility: 'enter a number',
      drift: 'drift is -5 to 5 (0.1 = +10 % a year)',
      spreadBps: 'whole basis points',
      seed: 'a seed is 0 to 2147483647',
    });
    expect(messages(updateFeedRequestSchema.safeParse({ volatility: 9 }))).toEqual({
      volatility: 'volatility is 0 to 5 (0.4 = 40 % a year)',
    });
    expect(updateFeedRequestSchema.parse({ name: 'Renamed' })).toEqual({ name: 'Renamed' });
  });

  it('reads the replay query: speed 0.1-1000 (default 1), looping unless loop=false', () => {
    expect(replayOptionsSchema.parse({})).toEqual({ speed: 1, loop: true });
    expect(replayOptionsSchema.parse({ speed: '10', loop: 'false' })).toEqual({ speed: 10, loop: false });
    expect(replayOptionsSchema.parse({ speed: '0.5', loop: 'yes' })).toEqual({ speed: 0.5, loop: true });
    for (const speed of ['0', '', 'fast', '1001']) expect(replayOptionsSchema.safeParse({ speed }).success).toBe(false);
  });
});
