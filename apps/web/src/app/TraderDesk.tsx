'use client';
import Link from 'next/link';
import { useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { useFeed, useSession } from '@quoteline/client/react';
import { Blotter } from '@quoteline/blotter';
import { OrderTicket } from '@quoteline/order-ticket';
import { Portfolio } from '@quoteline/portfolio';
import { PriceChart } from '@quoteline/price-chart';
import { QuoteBoard } from '@quoteline/quote-board';
import { TickerTape } from '@quoteline/ticker-tape';
import { openDeskInstrument, useDeskInstrument, type DeskInstrument } from './deskInstrument';
import { InstrumentSearch } from './InstrumentSearch';

/** The trader's desk: every widget on the page shares the browser's one stream. */
export function TraderDesk() {
  const user = useSession();
  const queryClient = useQueryClient();
  const chosen = useDeskInstrument();
  const signOut = async () => {
    await apiJson('/api/session', { method: 'DELETE' }).catch(() => undefined);
    queryClient.clear();
    window.location.assign('/');
  };
  return (
    <>
      <header className="page-header desk-header">
        <div>
          <h1>Quoteline</h1>
          <p>Live quotes of the demo market, streamed over one connection.</p>
        </div>
        <nav aria-label="Pages and account">
          <Link href="/docs/embed">Embed widgets</Link>
          {user === undefined ? null : user ? (
            <>
              <span className="who">
                Signed in as <strong>{user.email}</strong>
              </span>
              {user.role === 'admin' && <Link href="/admin">Admin</Link>}
              <button type="button" className="link-button" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : (
            <Link href="/signin" className="button-link">
              Sign in to trade
            </Link>
          )}
        </nav>
      </header>
      <TickerTape feed="demo" title="Demo market ticker" />
      <InstrumentSearch onOpen={openDeskInstrument} />
      <div className={user ? 'desk' : undefined}>
        <div className="desk-main">
          <QuoteBoard feed="demo" title="Demo market" />
          <DeskChart chosen={chosen} />
          {user && <Blotter accountId={user.accountId} />}
        </div>
        {user && (
          <div className="desk-side">
            <OrderTicket
              accountId={user.accountId}
              feed={chosen?.feed ?? 'demo'}
              symbol={chosen?.symbol}
              title={`Order ticket · ${chosen?.feed ?? 'demo'}`}
            />
            <Portfolio accountId={user.accountId} feed="demo" />
          </div>
        )}
      </div>
    </>
  );
}

/**
 * The chart of the instrument opened from the search, or else of the demo feed's first; its own component so ticks
 * re-render the chart, not the desk.
 */
function DeskChart({ chosen }: { chosen: DeskInstrument | null }) {
  const demo = useFeed('demo');
  return <PriceChart symbol={chosen?.symbol ?? demo?.symbols[0] ?? 'ACME'} feed={chosen?.feed ?? 'demo'} />;
}
