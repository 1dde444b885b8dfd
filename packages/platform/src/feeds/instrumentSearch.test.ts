import { describe, expect, it } from 'vitest';
import { QuotelineError, type AddEvent } from '@quoteline/protocol';
import type { EmbedGrant } from '../embed/embedKeys';
import { isEmbedPrincipal } from '../stream/streamPrincipal';
import { InstrumentSearch, type InstrumentSearchDeps } from './instrumentSearch';

const row = (topic: string, symbol: string, name: string, price = 1): AddEvent => ({
  topic,
  symbol,
  name,
  price,
  bid: price,
  ask: price,
  open: price,
  decimals: 2,
  ts: 0,
});
const ROWS: Record<string, AddEvent[]> = {
  'feed:a': [row('feed:a', 'ZED', 'Zed Partners'), row('feed:a', 'PART', 'Particle Works', 12.5)],
  'feed:b': [row('feed:b', 'PARTX', 'Other'), row('feed:b', 'QQ', 'Some Part Holdings')],
};
const GRANT: EmbedGrant = { keyId: 'k', key: 'pk_k', origin: 'https://shop.example', feeds: ['a'], symbols: null };

function searchWith(overrides: Partial<InstrumentSearchDeps> = {}) {
  return new InstrumentSearch({
    engine: { feedSlugs: () => ['a', 'b'] },
    views: { snapshot: (topic) => ROWS[topic] ?? [] },
    directory: {
      authorize(topic, principal) {
        if (isEmbedPrincipal(principal) && !principal.embed.feeds.includes(topic.slice('feed:'.length)))
          throw new QuotelineError('forbidden', 'not this feed');
      },
    },
    embedKeys: { grant: async () => GRANT },
    ...overrides,
  });
}
const symbolsOf = async (search: InstrumentSearch, q: string, embed = false) =>
  (await search.search({ q }, null, embed ? { key: 'pk_k', origin: GRANT.origin } : null)).result.instruments.map(
    (i) => i.symbol,
  );

describe('InstrumentSearch', () => {
  it('ranks the exact symbol, symbol prefixes, then name words, ties by symbol, across feeds', async () => {
    expect(await symbolsOf(searchWith(), 'part')).toEqual(['PART', 'PARTX', 'QQ', 'ZED']);
    const [first] = (await searchWith().search({ q: 'PART' }, null, null)).result.instruments;
    expect(first).toEqual({ symbol: 'PART', name: 'Particle Works', feed: 'a', decimals: 2, last: 12.5 });
  });

  it("leaves out the feeds the stream would refuse the reader, and an embed key's other symbols", async () => {
    expect(await symbolsOf(searchWith(), 'part', true)).toEqual(['PART', 'ZED']);
    const narrow = searchWith({ embedKeys: { grant: async () => ({ ...GRANT, symbols: ['ZED'] }) } });
    expect(await symbolsOf(narrow, 'part', true)).toEqual(['ZED']);
  });

  it('fails the search when asking whether a feed may be read fails (an outage), rather than answering less', async () => {
    const down = searchWith({
      directory: {
        authorize() {
          throw new Error('database is down');
        },
      },
    });
    await expect(down.search({ q: 'part' }, null, null)).rejects.toThrow('database is down');
  });

  it.each([[{}], [{ q: '' }], [{ q: ' ' }], [{ q: 'x'.repeat(65) }], [{ q: 'a\u0000' }], [{ q: 'a', limit: '0' }]])(
    'refuses %j with bad_request',
    async (input) => {
      await expect(searchWith().search(input, null, null)).rejects.toMatchObject({ code: 'bad_request' });
    },
  );
});
