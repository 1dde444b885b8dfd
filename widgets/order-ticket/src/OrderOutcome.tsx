import type { OrderView } from '@quoteline/protocol';

/** Where the ticket's last order is: nothing sent, sending, accepted by the server, or refused. */
export type Phase =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'accepted'; order: OrderView }
  | { kind: 'rejected'; message: string };

/** An accepted order in words, by the status the stream last gave it. */
function acceptedText(order: OrderView, live: OrderView | undefined): string {
  switch (live?.status) {
    case 'filled':
      return `Filled: ${order.side} ${order.quantity} ${order.symbol} at ${live.averagePrice ?? order.averagePrice}`;
    case 'open':
      return `Accepted: resting at ${order.limitPrice} until the market reaches it`;
    case 'cancelled':
      return 'Cancelled';
    case 'rejected':
      return `Rejected: ${live.reason ?? 'by the market'}`;
    default:
      return 'Accepted: confirming…';
  }
}

/** The ticket's outcome line, announced politely: the refusal, or the accepted order followed live to filled, resting or cancelled. */
export function OrderOutcome({ phase, orders }: { phase: Phase; orders: OrderView[] | undefined }) {
  // Read-your-writes: the ticket trusts the stream, so "Filled" shows when the stream delivered the fill.
  const live = phase.kind === 'accepted' ? orders?.find((o) => o.id === phase.order.id) : undefined;
  return (
    <div className="ql-wide" role="status" aria-live="polite">
      {phase.kind === 'rejected' && (
        <p className="ql-outcome" data-kind="rejected" data-testid="ticket-outcome">
          Rejected: {phase.message}
        </p>
      )}
      {phase.kind === 'accepted' && (
        <p className="ql-outcome" data-kind={live?.status ?? 'accepted'} data-testid="ticket-outcome">
          {acceptedText(phase.order, live)}
        </p>
      )}
    </div>
  );
}
