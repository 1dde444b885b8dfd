import { describe, expect, it } from 'vitest';
import { echoTopic, parseTopic, topicListSchema } from './topics';
import { orderRequestSchema } from './requests';

describe('topics', () => {
  it('parses feed and account topics', () => {
    expect(parseTopic('feed:demo')).toEqual({ kind: 'feed', name: 'feed:demo', slug: 'demo' });
    expect(parseTopic('account:abc_1')).toEqual({ kind: 'account', name: 'account:abc_1', accountId: 'abc_1' });
  });

  it('parses the admin connections topic and no other admin channel', () => {
    expect(parseTopic('admin:connections')).toEqual({
      kind: 'admin',
      name: 'admin:connections',
      channel: 'connections',
    });
    expect(parseTopic('admin:secrets')).toBeNull();
    expect(topicListSchema.parse('feed:demo,admin:connections')).toEqual(['feed:demo', 'admin:connections']);
  });

  it.each([
    '',
    'demo',
    'feed:',
    'feed:Demo',
    'feed:-x',
    'feed:a b',
    'stock:demo',
    'account:',
    'admin:',
    'admin:Connections',
    'feed:demo\n',
  ])('rejects %j', (t) => expect(parseTopic(t)).toBeNull());

  it('splits, trims and de-duplicates a topic list, leaving each topic to be judged on its own', () => {
    expect(topicListSchema.parse(' feed:demo,feed:demo , feed:fx')).toEqual(['feed:demo', 'feed:fx']);
    expect(topicListSchema.safeParse('').success).toBe(false);
    expect(topicListSchema.safeParse(' , ,').success).toBe(false);
    expect(topicListSchema.parse('feed:demo,bogus')).toEqual(['feed:demo', 'bogus']);
    expect(topicListSchema.safeParse(Array.from({ length: 33 }, (_, i) => `feed:f${i}`).join(',')).success).toBe(false);
  });

  it('echoes a refused topic cut to 80 characters', () => {
    expect(echoTopic('feed:demo')).toBe('feed:demo');
    expect(echoTopic('x'.repeat(300))).toHaveLength(80);
  });
});

describe('order request', () => {
  it('needs a limit price exactly for limit orders', () => {
    expect(orderRequestSchema.safeParse({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 }).success).toBe(
      true,
    );
    expect(orderRequestSchema.safeParse({ symbol: 'ACME', side: 'buy', type: 'limit', quantity: 1 }).success).toBe(
      false,
    );
    expect(
      orderRequestSchema.safeParse({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1, limitPrice: 2 }).success,
    ).toBe(false);
  });

  it.each([0, -1, 1.5, Number.NaN, 1e12])('rejects quantity %s', (quantity) => {
    expect(orderRequestSchema.safeParse({ symbol: 'ACME', side: 'buy', type: 'market', quantity }).success).toBe(false);
  });
});
