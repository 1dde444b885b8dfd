'use client';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, placeOrder } from '@quoteline/client';
import { useAccount, useFeed } from '@quoteline/client/react';
import { orderRequestSchema } from '@quoteline/protocol';
import { FeedPaused, formatCents, StreamStatus, toCents, TopicNotice, WidgetFrame } from '@quoteline/widget-kit';
import type { WidgetLook } from '@quoteline/widget-kit';
import { orderTicketConfigSchema, type OrderTicketConfig } from './config';
import { estimateCents } from './estimate';
import { OrderFields, type OrderDraft } from './OrderFields';
import { OrderOutcome, type Phase } from './OrderOutcome';

const css = `
.ql-ticket form{display:grid;grid-template-columns:1fr 1fr;gap:10px 12px}
.ql-ticket .ql-wide{grid-column:1 / -1}
.ql-ticket fieldset{border:none;padding:0;margin:0;display:flex;gap:12px}
.ql-ticket legend{font-size:12px;font-weight:600;color:var(--qli-muted);margin-bottom:4px;padding:0}
.ql-ticket fieldset label{display:inline-flex;align-items:center;gap:6px;font-size:14px;color:var(--qli-fg);font-weight:400;margin:0}
.ql-ticket fieldset input{width:auto}
.ql-ticket .ql-touch{display:flex;gap:16px;font-variant-numeric:tabular-nums}
.ql-ticket .ql-outcome{margin:0;padding:8px;border-radius:6px;border:1px solid var(--qli-border)}
.ql-ticket .ql-outcome[data-kind="rejected"]{border-color:var(--qli-down);color:var(--qli-down)}
.ql-ticket .ql-outcome[data-kind="filled"]{border-color:var(--qli-up)}
.ql-ticket .ql-paused-reason{margin:0;color:var(--qli-warn)}
.ql-ticket button[aria-describedby]:disabled{cursor:not-allowed}
`;

/** Validation issues (the schema's or the API's) as one message per field (the last), `form` when none is named. */
const errorsByField = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((i) => [String(i.path[0] ?? 'form'), i.message]));

const IDLE: Phase = { kind: 'idle' };

/** Buy or sell one instrument: validated before sending, live bid/ask and estimated cost, then pending → accepted → filled. */
export function OrderTicket(props: Partial<OrderTicketConfig> & { accountId: string } & Omit<WidgetLook, 'locale'>) {
  const config = orderTicketConfigSchema.parse(props);
  const feed = useFeed(config.feed);
  const { account } = useAccount(config.accountId);
  const id = useId();
  const [draft, setDraft] = useState<OrderDraft>({
    symbol: '',
    side: 'buy',
    type: 'market',
    quantity: '10',
    limitPrice: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // The instrument the last order was for: its outcome shows only while the ticket is still on that instrument.
  const [phaseFor, setPhaseFor] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());

  // A pick from the list holds until the page names another instrument (`symbol`).
  const [pickedFor, setPickedFor] = useState(config.symbol);
  const picked = pickedFor === config.symbol && feed?.rows[draft.symbol] ? draft.symbol : '';
  const preset = config.symbol && feed?.rows[config.symbol] ? config.symbol : '';
  const symbol = picked || preset || feed?.symbols[0] || '';
  const quote = symbol ? feed?.rows[symbol] : undefined;
  const estimate = estimateCents(draft, quote);
  // On another instrument the last outcome is old news: drop it (during render, as React advises for derived resets).
  if (phaseFor && phaseFor !== symbol && phase.kind !== 'pending') {
    setPhase(IDLE);
    setPhaseFor('');
  }
  // The server refuses orders on a paused feed (409 feed_paused): say so before anyone tries.
  const paused = feed?.status === 'paused';

  const update = (patch: Partial<OrderDraft>) => {
    if (patch.symbol !== undefined) setPickedFor(config.symbol);
    setDraft((d) => ({ ...d, ...patch }));
    setKey(crypto.randomUUID()); // a changed order is a new order
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (paused) return;
    const candidate = {
      symbol,
      side: draft.side,
      type: draft.type,
      quantity: draft.quantity.trim() === '' ? Number.NaN : Number(draft.quantity),
      ...(draft.type === 'limit' ? { limitPrice: draft.limitPrice.trim() } : {}),
    };
    const parsed = orderRequestSchema.safeParse(candidate);
    if (!parsed.success) {
      setErrors(errorsByField(parsed.error.issues));
      return;
    }
    setErrors({});
    setPhase({ kind: 'pending' });
    setPhaseFor(symbol);
    try {
      const order = await placeOrder(parsed.data, key);
      setPhase({ kind: 'accepted', order });
      setKey(crypto.randomUUID());
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) setErrors(errorsByField(error.issues));
      setPhase({
        kind: 'rejected',
        message: error instanceof Error ? error.message : 'The order could not be placed.',
      });
    }
  };

  return (
    <WidgetFrame
      look={props}
      css={css}
      className="ql-ticket"
      aria-labelledby={`${id}-title`}
      data-testid="order-ticket"
    >
      <header>
        <h2 id={`${id}-title`}>{config.title}</h2>
        <span className="ql-header-end">
          <FeedPaused status={feed?.status} feed={config.feed} />
          <StreamStatus unavailable={!!feed?.problem} />
        </span>
      </header>
      {feed?.problem && <TopicNotice problem={feed.problem} feed={config.feed} />}
      <form onSubmit={submit} noValidate>
        <OrderFields
          id={id}
          draft={draft}
          symbol={symbol}
          feed={feed}
          quote={quote}
          errors={errors}
          onChange={update}
        />
        <p className="ql-wide ql-muted" data-testid="ticket-estimate">
          Estimated {draft.side === 'buy' ? 'cost' : 'proceeds'}: {estimate === null ? '—' : formatCents(estimate)}
          {account && <> · Cash {formatCents(toCents(account.cash))}</>}
        </p>
        {paused && (
          <p className="ql-wide ql-paused-reason" id={`${id}-paused`} data-testid="ticket-paused">
            Trading is paused: feed {config.feed} is not updating, so orders are refused until it resumes.
          </p>
        )}
        <button
          type="submit"
          className="ql-primary ql-wide"
          disabled={phase.kind === 'pending' || !feed || paused}
          aria-describedby={paused ? `${id}-paused` : undefined}
        >
          {phase.kind === 'pending' ? 'Sending…' : `${draft.side === 'buy' ? 'Buy' : 'Sell'} ${symbol}`}
        </button>
        <OrderOutcome phase={phaseFor === symbol ? phase : IDLE} orders={account?.orders} />
      </form>
    </WidgetFrame>
  );
}
