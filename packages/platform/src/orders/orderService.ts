import type { Db } from '@quoteline/db';
import {
  accountTopic,
  feedSlugOf,
  invalid,
  orderRequestSchema,
  QuotelineError,
  type OrderEvent,
} from '@quoteline/protocol';
import {
  execute,
  executionPrice,
  formatMinor,
  LimitBook,
  offGridMessage,
  parsePrice,
  priceOnGrid,
  tickSizeText,
  release,
  reserve,
  wireToMinor,
  type OrderTerms,
  type RestingOrder,
  type TickGrid,
} from '@quoteline/trading';
import { tradingRefusal, type MarketStatus } from '@quoteline/market';
import type { EventLog, TopicViews } from '@quoteline/stream';
import type { Principal } from '../sessions/principal';
import { AccountEvents, type PrivateEvent } from './accountEvents';
import { inAccountTransaction, readHoldings, refusal, writeHoldings } from './accountStore';
import {
  IdempotencyKeys,
  KeyAlreadyCommitted,
  requestHash,
  type IdempotencyOptions,
  type KeyAnswer,
} from './idempotencyKeys';
import { KeyedMutex } from './keyedMutex';
import {
  fillView,
  orderEvent,
  orderView,
  positionView,
  type FillRow,
  type OrderRow,
  type PlacedOrder,
} from './orderViews';
import { MONEY_SCALE } from '../money';

/** What the order service needs from the platform. */
export interface OrderServiceDeps {
  db: Db;
  log: EventLog;
  views: TopicViews;
  /** A feed's market now: open, closed by its calendar, or halted (paused); null for an unknown feed. */
  marketStatus(slug: string): MarketStatus | null;
  /** How an instrument is quoted (decimals, tick size); null when its feed does not know it. */
  tickGrid(slug: string, symbol: string): TickGrid | null;
  /** This instance as the owner of Idempotency-Key claims, and their lease. */
  idempotency: IdempotencyOptions;
}

/**
 * What placing an order answers: the order, or, for a retried Idempotency-Key
 * whose first request was refused, that same refusal (a first refusal is thrown).
 */
export type Placement = KeyAnswer;

/**
 * Orders of long-only cash accounts. Every fill changes order, cash and
 * position in ONE transaction; the resulting order/fill/position events go
 * to the account's private topic, and the answer carries their stream position.
 */
export class OrderService {
  readonly book = new LimitBook();
  private readonly idempotency: IdempotencyKeys;
  private readonly mutex = new KeyedMutex();
  /** Appends account events in order, holding them while the log is down. */
  private readonly publisher: AccountEvents;

  constructor(private readonly deps: OrderServiceDeps) {
    this.idempotency = new IdempotencyKeys(deps.db, deps.idempotency);
    this.publisher = new AccountEvents(deps.log);
  }

  /** Loads resting limit orders into the book (at start). */
  async loadBook(): Promise<void> {
    const open = await this.deps.db.order.findMany({
      where: { status: 'open', type: 'limit' },
      orderBy: { createdAt: 'asc' },
    });
    for (const o of open) this.book.add(toResting(o));
  }

  /** Places an order: validates it, applies the Idempotency-Key, executes or rests it. */
  async place(principal: Principal, idempotencyKey: string | null, body: unknown): Promise<Placement> {
    if (!principal) throw new QuotelineError('unauthorized', 'Sign in to trade.');
    if (!idempotencyKey)
      throw new QuotelineError(
        'idempotency_key_required',
        'Send an Idempotency-Key header (any unique string per order) so a retry cannot buy twice.',
      );
    if (idempotencyKey.length > 200)
      throw new QuotelineError('bad_request', 'The Idempotency-Key is longer than 200 characters.');
    const parsed = orderRequestSchema.safeParse(body);
    if (!parsed.success) throw invalid('invalid_body', 'The order is not valid.', parsed.error.issues);
    const request = parsed.data;
    const quote = this.deps.views.findSymbol(request.symbol);
    if (!quote) throw new QuotelineError('unknown_symbol', `There is no instrument ${request.symbol}.`);
    const slug = feedSlugOf(quote.topic) ?? '';
    const limitPrice = this.limitOnGrid(
      request,
      this.deps.tickGrid(slug, request.symbol) ?? { decimals: quote.decimals, tickSize: 1 },
    );
    if (quote.decimals !== MONEY_SCALE)
      throw new QuotelineError('unprocessable', `${request.symbol} is quoted in a precision that cannot be traded.`);
    const refusal = tradingRefusal(request.symbol, this.deps.marketStatus(slug));
    if (refusal) throw new QuotelineError(refusal.code, refusal.message);

    const claim = await this.idempotency.claim(principal.accountId, idempotencyKey, requestHash(request));
    if (claim.kind === 'replay') return claim.answer;
    if (claim.kind === 'committed') return this.answerFromOrder(claim.id, claim.orderId);
    const keyId = claim.id;
    return this.idempotency.hold(keyId, async () => {
      try {
        const terms: OrderTerms = { side: request.side, type: request.type, quantity: request.quantity, limitPrice };
        const touch = { bid: wireToMinor(quote.bid, MONEY_SCALE), ask: wireToMinor(quote.ask, MONEY_SCALE) };
        const order = await this.mutex.run(principal.accountId, () =>
          this.open(principal.accountId, keyId, request.symbol, terms, executionPrice(terms, touch)),
        );
        await this.idempotency.complete(keyId, { order });
        return { order };
      } catch (error) {
        const committed = error instanceof KeyAlreadyCommitted ? await this.idempotency.committedOrder(keyId) : null;
        if (committed) return this.answerFromOrder(keyId, committed);
        const known = error instanceof QuotelineError && error.status < 500;
        if (known) await this.idempotency.complete(keyId, { refusal: error });
        else await this.idempotency.abandon(keyId);
        throw error;
      }
    });
  }

  /** A limit order's price in minor units, refused (400 invalid_price, naming the tick size) when off the instrument's grid. */
  private limitOnGrid(request: { limitPrice?: number | string }, grid: TickGrid): number | null {
    if (request.limitPrice === undefined) return null;
    const minor = priceOnGrid(request.limitPrice, grid);
    if (minor === null)
      throw invalid('invalid_price', offGridMessage('The limit price', grid), [
        { path: ['limitPrice'], message: `a multiple of ${tickSizeText(grid)}` },
      ]);
    return minor;
  }

  /** The answer for a key whose order committed but whose answer was not stored (its first attempt died): the order as it stands. */
  private async answerFromOrder(keyId: string, orderId: string): Promise<Placement> {
    const row = await this.deps.db.order.findUniqueOrThrow({ where: { id: orderId } });
    const answer = { order: { ...orderView(row), streamPosition: this.deps.log.head() } };
    await this.idempotency.complete(keyId, answer);
    return answer;
  }

  /** Cancels a resting order of the principal. */
  async cancel(principal: Principal, orderId: string): Promise<PlacedOrder> {
    if (!principal) throw new QuotelineError('unauthorized', 'Sign in to trade.');
    const { accountId } = principal;
    return this.mutex.run(accountId, async () => {
      const order = await inAccountTransaction(this.deps.db, async (tx) => {
        const o = await tx.order.findFirst({ where: { id: orderId, accountId } });
        if (!o) throw new QuotelineError('not_found', 'No order of yours has this id.');
        if (o.status !== 'open')
          throw new QuotelineError('order_not_open', `This order is ${o.status}; only open orders can be cancelled.`);
        const before = await readHoldings(tx, accountId, o.symbol);
        await writeHoldings(tx, accountId, o.symbol, before, release(before.account, before.position, toTerms(o)));
        return tx.order.update({ where: { id: o.id }, data: { status: 'cancelled' } });
      });
      this.book.remove(order.id, order.symbol);
      const streamPosition = await this.publisher.publish([{ type: 'order', data: orderEvent(order) }], accountId);
      return { ...orderView(order), streamPosition };
    });
  }

  /**
   * Keeps the book equal to the open limit orders the log announces, wherever
   * they were placed (several instances share one log). Adding twice is
   * harmless: a fill re-reads the order and skips it unless it is still open.
   */
  followOrder(event: OrderEvent): void {
    if (event.type !== 'limit' || event.limitPrice === null) return;
    if (event.status !== 'open') {
      this.book.remove(event.orderId, event.symbol);
      return;
    }
    const accountId = event.topic.slice('account:'.length);
    this.book.add({
      id: event.orderId,
      accountId,
      symbol: event.symbol,
      side: event.side,
      quantity: event.quantity,
      limitPrice: parsePrice(event.limitPrice, MONEY_SCALE)!,
    });
  }

  /** Fills the resting orders a new touch crosses; called for every market update. */
  onTouch(symbol: string, bid: number, ask: number): void {
    for (const resting of this.book.takeCrossing(symbol, { bid, ask })) {
      const price = resting.side === 'buy' ? ask : bid;
      void this.mutex
        .run(resting.accountId, () => this.fillResting(resting, price))
        .catch((error) => console.error('quoteline: filling a resting order failed', error));
    }
  }

  /** The newest orders and fills of the principal. */
  async list(principal: Principal) {
    if (!principal) throw new QuotelineError('unauthorized', 'Sign in to see your orders.');
    const streamPosition = this.deps.log.head();
    const [orders, fills] = await Promise.all([
      this.deps.db.order.findMany({
        where: { accountId: principal.accountId },
        orderBy: { createdAt: 'desc' },
        take: 200,
      }),
      this.deps.db.fill.findMany({
        where: { accountId: principal.accountId },
        orderBy: { createdAt: 'desc' },
        take: 200,
      }),
    ]);
    return { orders: orders.map(orderView), fills: fills.map(fillView), streamPosition };
  }

  /** Cash and positions of the principal. */
  async portfolio(principal: Principal) {
    if (!principal) throw new QuotelineError('unauthorized', 'Sign in to see your portfolio.');
    const streamPosition = this.deps.log.head();
    const account = await this.deps.db.account.findUniqueOrThrow({
      where: { id: principal.accountId },
      include: { positions: { orderBy: { symbol: 'asc' } } },
    });
    return {
      cash: formatMinor(account.cash, MONEY_SCALE),
      reserved: formatMinor(account.reserved, MONEY_SCALE),
      available: formatMinor(account.cash - account.reserved, MONEY_SCALE),
      positions: account.positions.filter((p) => p.quantity > 0).map(positionView),
      streamPosition,
    };
  }

  private async open(
    accountId: string,
    keyId: string,
    symbol: string,
    terms: OrderTerms,
    price: number | null,
  ): Promise<PlacedOrder> {
    const result = await inAccountTransaction(this.deps.db, async (tx) => {
      const before = await readHoldings(tx, accountId, symbol);
      const after =
        price === null
          ? reserve(before.account, before.position, terms)
          : execute(before.account, before.position, terms.side, terms.quantity, price);
      if (typeof after === 'string') throw refusal(after);
      await writeHoldings(tx, accountId, symbol, before, after);
      const order = await tx.order.create({
        data: {
          accountId,
          symbol,
          side: terms.side,
          type: terms.type,
          quantity: terms.quantity,
          limitPrice: terms.limitPrice,
          status: price === null ? 'open' : 'filled',
          filledQuantity: price === null ? 0 : terms.quantity,
          averagePrice: price,
        },
      });
      await this.idempotency.linkOrder(tx, keyId, order.id);
      const fill =
        price === null
          ? null
          : await tx.fill.create({
              data: { orderId: order.id, accountId, symbol, side: terms.side, quantity: terms.quantity, price },
            });
      return { order, fill, after };
    });
    if (result.order.status === 'open') this.book.add(toResting(result.order));
    const streamPosition = await this.publisher.publish(
      this.eventsOf(result.order, result.fill, result.after),
      accountId,
    );
    return { ...orderView(result.order), streamPosition };
  }

  private async fillResting(resting: RestingOrder, price: number): Promise<void> {
    const { accountId, symbol } = resting;
    const result = await inAccountTransaction(this.deps.db, async (tx) => {
      const order = await tx.order.findUnique({ where: { id: resting.id } });
      if (!order || order.status !== 'open') return null; // cancelled meanwhile
      const before = await readHoldings(tx, accountId, symbol);
      const released = release(before.account, before.position, toTerms(order));
      const after = execute(released.account, released.position, order.side as 'buy' | 'sell', order.quantity, price);
      if (typeof after === 'string') {
        await writeHoldings(tx, accountId, symbol, before, released);
        return {
          order: await tx.order.update({ where: { id: order.id }, data: { status: 'rejected', reason: after } }),
          fill: null,
          after: released,
        };
      }
      await writeHoldings(tx, accountId, symbol, before, after);
      const filled = await tx.order.update({
        where: { id: order.id },
        data: { status: 'filled', filledQuantity: order.quantity, averagePrice: price },
      });
      const fill = await tx.fill.create({
        data: { orderId: order.id, accountId, symbol, side: order.side, quantity: order.quantity, price },
      });
      return { order: filled, fill, after };
    });
    if (result) await this.publisher.publish(this.eventsOf(result.order, result.fill, result.after), accountId);
  }

  private eventsOf(
    order: OrderRow,
    fill: FillRow | null,
    after: { account: { cash: bigint }; position: { quantity: number; cost: bigint } },
  ): PrivateEvent[] {
    const events: PrivateEvent[] = [{ type: 'order', data: orderEvent(order) }];
    if (!fill) return events;
    const topic = accountTopic(order.accountId);
    const view = fillView(fill);
    events.push({
      type: 'fill',
      data: {
        topic,
        fillId: fill.id,
        orderId: fill.orderId,
        symbol: fill.symbol,
        side: view.side,
        quantity: fill.quantity,
        price: view.price,
        ts: fill.createdAt.getTime(),
      },
    });
    const position = positionView({
      symbol: fill.symbol,
      quantity: after.position.quantity,
      reserved: 0,
      cost: after.position.cost,
      realized: 0n,
    });
    events.push({
      type: 'position',
      data: {
        topic,
        symbol: fill.symbol,
        quantity: position.quantity,
        averageCost: position.averageCost,
        cash: formatMinor(after.account.cash, MONEY_SCALE),
        ts: fill.createdAt.getTime(),
      },
    });
    return events;
  }
}

function toTerms(o: { side: string; type: string; quantity: number; limitPrice: number | null }): OrderTerms {
  return {
    side: o.side as 'buy' | 'sell',
    type: o.type as 'market' | 'limit',
    quantity: o.quantity,
    limitPrice: o.limitPrice,
  };
}

function toResting(o: OrderRow): RestingOrder {
  const { side, quantity } = toTerms(o);
  return { id: o.id, accountId: o.accountId, symbol: o.symbol, side, quantity, limitPrice: o.limitPrice! };
}
