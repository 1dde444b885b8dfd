import { QuoteBoard } from '@quoteline/quote-board';

/** The trader page: the demo feed's live quotes. */
export default function TraderPage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Quoteline</h1>
        <p>Live quotes of the demo market, streamed over one connection.</p>
      </header>
      <QuoteBoard feed="demo" title="Demo market" />
    </main>
  );
}
