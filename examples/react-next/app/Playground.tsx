'use client';
import { useState } from 'react';
import { PriceChart, QuoteBoard } from '@quoteline/react';

/** Re-renders its widgets with fresh (equal) props on demand, and switches the board's feed. */
export function Playground() {
  const [renders, setRenders] = useState(0);
  const [feed, setFeed] = useState('demo');
  const rerender = async () => {
    for (let i = 0; i < 100; i++) {
      setRenders((n) => n + 1);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return (
    <section aria-label="Playground">
      <p>
        <button type="button" onClick={rerender}>
          Re-render 100 times
        </button>{' '}
        <button type="button" onClick={() => setFeed((f) => (f === 'demo' ? 'fx' : 'demo'))}>
          Switch the board to {feed === 'demo' ? 'fx' : 'demo'}
        </button>{' '}
        <output data-testid="renders">{renders}</output> re-renders
      </p>
      <QuoteBoard feed={feed} columns={['symbol', 'last', 'change', 'changePercent']} title={`Quotes (${feed})`} />
      <PriceChart symbol="ACME" interval="1m" kind="candles" />
    </section>
  );
}
