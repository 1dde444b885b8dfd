'use client';
import { useState, type FormEvent } from 'react';
import { feedSlugSchema, type CandleInterval } from '@quoteline/protocol';
import { PriceChart } from '@quoteline/price-chart';
import { QuoteBoard } from '@quoteline/quote-board';
import { TickerTape } from '@quoteline/ticker-tape';

/** What the gallery shows besides boards: ticker tapes, price charts and their options. */
export interface GalleryWidgets {
  tapes: string[];
  charts: string[];
  /** the feed of the charts' symbols */
  chartFeed: string;
  interval: CandleInterval;
  kind: 'candles' | 'line';
  theme?: 'light' | 'dark';
}

/** Ticker tapes and price charts, then quote boards for the given feeds, plus a form to add a board later (it joins the existing stream). */
export function WidgetGallery({
  initialFeeds,
  tapes,
  charts,
  chartFeed,
  interval,
  kind,
  theme,
}: { initialFeeds: string[] } & GalleryWidgets) {
  const [boards, setBoards] = useState(() => initialFeeds.map((feed, i) => ({ id: i, feed })));
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const parsed = feedSlugSchema.safeParse(draft.trim());
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Not a feed name.');
      return;
    }
    setError(null);
    setBoards((b) => [...b, { id: (b.at(-1)?.id ?? 0) + 1, feed: parsed.data }]);
    setDraft('');
  };

  return (
    <>
      {tapes.map((feed, i) => (
        <div key={`tape-${i}`} className="gallery-wide">
          <TickerTape feed={feed} title={`Ticker of feed ${feed}`} theme={theme} />
        </div>
      ))}
      {charts.length > 0 && (
        <div className="gallery gallery-charts">
          {charts.map((symbol) => (
            <PriceChart key={symbol} symbol={symbol} feed={chartFeed} interval={interval} kind={kind} theme={theme} />
          ))}
        </div>
      )}
      <form className="gallery-form" onSubmit={add} noValidate>
        <label htmlFor="feed-input">Add a quote board for feed</label>
        <input
          id="feed-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="demo"
          aria-invalid={error !== null}
          aria-describedby={error ? 'feed-error' : undefined}
        />
        <button type="submit">Add board</button>
        {error && (
          <p id="feed-error" className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <div className="gallery">
        {boards.map((b) => (
          <div key={b.id} className="gallery-item">
            <QuoteBoard
              feed={b.feed}
              title={`Feed ${b.feed}`}
              theme={theme}
              columns={['symbol', 'last', 'change', 'changePercent', 'time']}
            />
            <button
              type="button"
              className="link-button"
              onClick={() => setBoards((all) => all.filter((x) => x.id !== b.id))}
            >
              Remove this board
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
