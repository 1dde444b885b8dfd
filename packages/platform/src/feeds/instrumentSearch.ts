import type { MarketEngine } from '@quoteline/market';
import {
  feedTopic,
  instrumentSearchQuerySchema,
  invalid,
  MAX_INSTRUMENT_QUERY_LENGTH,
  MAX_INSTRUMENT_SEARCH_RESULTS,
  QuotelineError,
  type AddEvent,
  type InstrumentMatch,
  type InstrumentSearchResponse,
} from '@quoteline/protocol';
import type { TopicDirectory, TopicViews } from '@quoteline/stream';
import type { EmbedCaller, EmbedGrant, EmbedKeys } from '../embed/embedKeys';
import type { Principal } from '../sessions/principal';
import type { StreamPrincipal } from '../stream/streamPrincipal';

/** What searching instruments needs from the platform. */
export interface InstrumentSearchDeps {
  /** Which feeds this instance runs. */
  engine: Pick<MarketEngine, 'feedSlugs'>;
  /** The live quotes, as the stream hands them out. */
  views: Pick<TopicViews, 'snapshot'>;
  /** The stream's rule of who may read which topic: a search shows only feeds the caller could subscribe to. */
  directory: Pick<TopicDirectory<StreamPrincipal>, 'authorize'>;
  embedKeys: Pick<EmbedKeys, 'grant'>;
}

/** A search request's query as given (validated here). */
export interface InstrumentSearchInput {
  q?: string;
  limit?: string;
}

/** How well an instrument matches, best first: the exact symbol, a symbol prefix, a word of the name. */
const RANK = { exactSymbol: 0, symbolPrefix: 1, nameWord: 2 } as const;
type Rank = (typeof RANK)[keyof typeof RANK];

/** True when `query` (lower case) starts at the beginning of a word of `name`: "us dol" matches "Euro / US Dollar". */
function startsAWord(name: string, query: string): boolean {
  const text = name.toLowerCase();
  for (const word of text.matchAll(/[\p{L}\p{N}]+/gu)) if (text.startsWith(query, word.index)) return true;
  return false;
}

/** How well an instrument matches the query, or null when it does not. */
function rankOf(row: AddEvent, query: string): Rank | null {
  const symbolQuery = query.toUpperCase();
  if (row.symbol === symbolQuery) return RANK.exactSymbol;
  if (row.symbol.startsWith(symbolQuery)) return RANK.symbolPrefix;
  return startsAWord(row.name, query.toLowerCase()) ? RANK.nameWord : null;
}

/**
 * "Type a symbol": instruments of every feed the caller may read, by symbol and
 * by the words of their name. A session (or nobody) reads every feed, as over
 * the stream; an embedding page's key limits the answer to its feeds and symbols.
 */
export class InstrumentSearch {
  constructor(private readonly deps: InstrumentSearchDeps) {}

  /** Best match first: the exact symbol, then symbols starting with the text, then names with a word starting with it; ties by symbol. */
  async search(
    input: InstrumentSearchInput,
    principal: Principal,
    embed: EmbedCaller | null,
  ): Promise<{ result: InstrumentSearchResponse; grant: EmbedGrant | null }> {
    const query = instrumentSearchQuerySchema.safeParse(input);
    if (!query.success) {
      const badLimit = query.error.issues.some((i) => i.path[0] === 'limit');
      throw invalid(
        'bad_request',
        badLimit
          ? `The limit must be a whole number from 1 to ${MAX_INSTRUMENT_SEARCH_RESULTS}.`
          : `Send q: 1 to ${MAX_INSTRUMENT_QUERY_LENGTH} characters of a symbol or a name, without control characters.`,
        query.error.issues,
      );
    }
    const { q, limit } = query.data;
    const grant = embed ? await this.deps.embedKeys.grant(embed.key, embed.origin) : null;
    const reader: StreamPrincipal = grant ? { embed: grant } : principal;

    const found: { rank: Rank; match: InstrumentMatch }[] = [];
    for (const feed of await this.readableFeeds(reader)) {
      for (const row of this.deps.views.snapshot(feedTopic(feed))) {
        if (grant?.symbols && !grant.symbols.includes(row.symbol)) continue;
        const rank = rankOf(row, q);
        if (rank === null) continue;
        const { symbol, name, decimals, price } = row;
        found.push({ rank, match: { symbol, name, feed, decimals, last: price } });
      }
    }
    found.sort((a, b) => a.rank - b.rank || (a.match.symbol < b.match.symbol ? -1 : 1));
    return { result: { instruments: found.slice(0, limit).map((f) => f.match) }, grant };
  }

  /** The feeds whose topic the stream would grant this reader; a refusal leaves the feed out, anything else fails the search. */
  private async readableFeeds(reader: StreamPrincipal): Promise<string[]> {
    const feeds: string[] = [];
    for (const feed of this.deps.engine.feedSlugs()) {
      try {
        await this.deps.directory.authorize(feedTopic(feed), reader);
        feeds.push(feed);
      } catch (error) {
        if (!(error instanceof QuotelineError)) throw error;
      }
    }
    return feeds;
  }
}
