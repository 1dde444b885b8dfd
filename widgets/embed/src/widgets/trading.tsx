import { apiJson } from '@quoteline/client';
import type { SessionResponse } from '@quoteline/protocol';
import { Blotter } from '@quoteline/blotter';
import { OrderTicket } from '@quoteline/order-ticket';
import { Portfolio } from '@quoteline/portfolio';
import { lookOf } from '../dataset';
import { mountInShadow, mountMessage, type EmbedContext } from '../runtime';

// Built on its own (see build.mjs): it carries the full order validation and
// is only ever loaded on Quoteline's own origin, so third-party pages never pay for it.

/** Order ticket, blotter or portfolio through the loader on Quoteline's own pages, for the signed-in account. */
export function mount(element: HTMLElement, context: EmbedContext): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  void apiJson<SessionResponse>('/api/session').then(
    ({ user }) => {
      if (cancelled) return;
      if (!user) {
        mountMessage(element, 'Sign in on Quoteline to use this widget.');
        return;
      }
      const d = element.dataset;
      let look;
      try {
        const { theme, tokens } = lookOf(d);
        look = { theme, tokens };
      } catch (error) {
        mountMessage(element, `This Quoteline widget is misconfigured: ${(error as Error).message}`);
        return;
      }
      if (d.quoteline === 'order-ticket')
        stop = mountInShadow(element, context, OrderTicket, { accountId: user.accountId, feed: d.feed, ...look });
      else if (d.quoteline === 'blotter')
        stop = mountInShadow(element, context, Blotter, { accountId: user.accountId, ...look });
      else stop = mountInShadow(element, context, Portfolio, { accountId: user.accountId, feed: d.feed, ...look });
    },
    () => mountMessage(element, 'Could not reach Quoteline to check who is signed in.'),
  );
  return () => {
    cancelled = true;
    stop?.();
  };
}
