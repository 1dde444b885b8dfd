import type { Db } from '@quoteline/db';
import type { MarketEngine } from '@quoteline/market';
import { addInstrumentRequestSchema, invalid, parseSymbol, QuotelineError } from '@quoteline/protocol';
import { offGridMessage, parsePrice, priceOnGrid, tickSizeText } from '@quoteline/trading';
import type { Admin } from '../admin/adminAccess';
import type { AuditLog } from '../admin/auditLog';
import type { FeedService } from './feedService';

/** What the instrument service needs from the platform. */
export interface InstrumentServiceDeps {
  db: Db;
  engine: Pick<MarketEngine, 'addInstrument' | 'removeInstrument'>;
  feeds: Pick<FeedService, 'find'>;
  audit: Pick<AuditLog, 'record'>;
}

/** A feed's instruments as admins add and remove them: stored first (the database is the truth), then every subscriber sees it live. */
export class InstrumentService {
  constructor(private readonly deps: InstrumentServiceDeps) {}

  /** Adds an instrument to a feed; subscribers see an `add`. */
  async add(admin: Admin, slugParam: string, body: unknown) {
    const { db, engine } = this.deps;
    const feed = await this.deps.feeds.find(slugParam);
    parseSymbol((body as { symbol?: unknown } | null)?.symbol); // a bad symbol is answered as such, before the rest
    const parsed = addInstrumentRequestSchema.safeParse(body);
    if (!parsed.success)
      throw invalid('invalid_body', 'Send {"symbol","name","price","decimals"?,"tickSize"?}.', parsed.error.issues);
    const { decimals } = parsed.data;
    const tickSize = parsed.data.tickSize === undefined ? 1 : parsePrice(parsed.data.tickSize, decimals);
    if (tickSize === null || tickSize <= 0)
      throw invalid('invalid_price', `The tick size needs at most ${decimals} decimals.`, [
        { path: ['tickSize'], message: `at most ${decimals} decimals` },
      ]);
    const grid = { decimals, tickSize };
    const price = priceOnGrid(parsed.data.price, grid);
    if (price === null)
      throw invalid('invalid_price', offGridMessage('The price', grid), [
        { path: ['price'], message: `a multiple of ${tickSizeText(grid)}` },
      ]);
    if (await db.instrument.findUnique({ where: { symbol: parsed.data.symbol } }))
      throw new QuotelineError(
        'duplicate_symbol',
        `${parsed.data.symbol} already exists; symbols are unique across feeds.`,
      );
    const row = await db.instrument.create({
      data: {
        feedId: feed.id,
        symbol: parsed.data.symbol,
        name: parsed.data.name,
        priceScale: decimals,
        tickSize,
        openPrice: price,
        lastPrice: price,
      },
    });
    engine.addInstrument(feed.slug, {
      symbol: row.symbol,
      name: row.name,
      priceScale: row.priceScale,
      tickSize: row.tickSize,
      openPrice: row.openPrice,
      lastPrice: row.lastPrice,
    });
    await this.deps.audit.record(admin.email, 'instrument.add', `feed:${feed.slug}/${row.symbol}`, {
      name: row.name,
      price: parsed.data.price,
      decimals,
      tickSize: tickSizeText(grid),
    });
    return {
      feed: feed.slug,
      symbol: row.symbol,
      name: row.name,
      price: parsed.data.price,
      decimals,
      tickSize: tickSizeText(grid),
    };
  }

  /** Removes an instrument from a feed; subscribers see a `remove`. */
  async remove(admin: Admin, slugParam: string, symbolParam: string): Promise<void> {
    const feed = await this.deps.feeds.find(slugParam);
    const symbol = parseSymbol(symbolParam);
    const { count } = await this.deps.db.instrument.deleteMany({ where: { symbol, feedId: feed.id } });
    if (count === 0) throw new QuotelineError('unknown_symbol', `Feed ${feed.slug} has no instrument ${symbol}.`);
    this.deps.engine.removeInstrument(feed.slug, symbol);
    await this.deps.audit.record(admin.email, 'instrument.remove', `feed:${feed.slug}/${symbol}`);
  }
}
