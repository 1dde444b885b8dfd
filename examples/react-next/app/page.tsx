// A server component: it renders the provider and the widgets directly (the HTML carries
// their placeholders); the client part below re-renders them and changes their props.
import { QuotelineProvider, TickerTape } from '@quoteline/react';
import { Playground } from './Playground';

// Read where Quoteline is at request time, not at build time.
export const dynamic = 'force-dynamic';

export default function Page() {
  const url = process.env.QUOTELINE_URL ?? 'http://localhost:3000';
  const embedKey = process.env.QUOTELINE_KEY ?? 'pk_demo_localhost_only';
  return (
    <QuotelineProvider url={url} embedKey={embedKey}>
      <h1>Quoteline React example</h1>
      <TickerTape feed="demo" symbols={['ACME', 'GLOBX', 'HOOLI']} />
      {/* A script-tag widget on the same page: it joins the React widgets' stream. */}
      <div data-quoteline="ticker-tape" data-feed="demo" data-symbols="HOOLI" data-title="Script-tag tape" />
      <script async src={`${url}/embed.js`} data-key={embedKey} />
      <Playground />
    </QuotelineProvider>
  );
}
