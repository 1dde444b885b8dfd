'use client';
import { memo, useRef, useState, type CSSProperties } from 'react';
import type * as z from 'zod/mini';
import type { QuoteRow } from '@quoteline/client';
import { useFeed } from '@quoteline/client/react';
import {
  FeedPaused,
  quoteChange,
  StreamStatus,
  TopicNotice,
  useRarely,
  useWidgetLocale,
  WidgetFrame,
} from '@quoteline/widget-kit';
import type { WidgetLook } from '@quoteline/widget-kit';
import { tickerTapeConfigSchema } from './config';
import { tickerTapeCss } from './styles';
import { movedMuch, tapeRows, tapeSummary } from './summary';
import { useTapeWidths } from './useTapeWidths';

/** Props of the ticker tape: its configuration (validated), and its look: theme, locale (the browser's by default), tokens. */
export type TickerTapeProps = Partial<z.input<typeof tickerTapeConfigSchema>> & WidgetLook;

const ARROW = { up: '▲', down: '▼', flat: '■' } as const;

/**
 * A scrolling strip of last prices and changes on the page's one stream.
 * Direction shows as colour, arrow and (for screen readers) a word; a polite
 * summary is announced at most every 30 s or on a large move, never per tick.
 */
export function TickerTape(props: TickerTapeProps) {
  const config = tickerTapeConfigSchema.parse(props);
  const l10n = useWidgetLocale(props.locale);
  const { t } = l10n;
  const feed = useFeed(config.feed);
  const rows = tapeRows(feed, config.symbols);
  const [paused, setPaused] = useState(false);
  const viewport = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const widths = useTapeWidths(viewport, list, rows.length > 0);
  const announced = useRarely(feed, 30_000, movedMuch);
  const summary = tapeSummary(tapeRows(announced, config.symbols));

  const moving = rows.length > 0 && widths.list > 0;
  // Whole seconds: prices changing width by a pixel must not nudge the running animation.
  const duration = Math.max(5, Math.round(Math.max(widths.list, widths.viewport) / config.speed));
  const trackStyle = { '--qli-tape-duration': `${duration}s` } as CSSProperties;
  const listStyle = widths.viewport ? { minWidth: widths.viewport } : undefined;

  return (
    <WidgetFrame
      l10n={l10n}
      look={props}
      css={tickerTapeCss}
      className="ql-tape"
      aria-label={config.title}
      data-testid="ticker-tape"
      data-moving={moving}
      data-paused={paused}
    >
      <div className="ql-tape-bar">
        <div className="ql-tape-side">
          <StreamStatus unavailable={!!feed?.problem} />
          <FeedPaused status={feed?.status} feed={config.feed} />
          <button type="button" className="ql-tape-toggle" onClick={() => setPaused((p) => !p)}>
            {paused ? t.tapePlay : t.tapePause}
          </button>
        </div>
        <div className="ql-tape-viewport" ref={viewport} aria-busy={feed === undefined}>
          {feed === undefined ? (
            <ul className="ql-tape-list ql-tape-skeleton" aria-hidden="true">
              {Array.from({ length: 6 }, (_, i) => (
                <li key={i}>
                  <span className="ql-skeleton-line" />
                </li>
              ))}
            </ul>
          ) : feed.problem ? (
            <TopicNotice problem={feed.problem} feed={config.feed} />
          ) : rows.length === 0 ? (
            <p className="ql-empty">{t.tapeEmpty}</p>
          ) : (
            <div className="ql-tape-track" style={trackStyle}>
              <ul className="ql-tape-list" ref={list} style={listStyle} aria-label={t.tapeListLabel}>
                {rows.map((row) => (
                  <Item key={row.symbol} row={row} />
                ))}
              </ul>
              <ul className="ql-tape-list ql-tape-copy" style={listStyle} aria-hidden="true">
                {rows.map((row) => (
                  <Item key={row.symbol} row={row} />
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <p className="ql-visually-hidden" aria-live="polite" data-testid="ticker-tape-summary">
        {summary}
      </p>
    </WidgetFrame>
  );
}

const Item = memo(function Item({ row }: { row: QuoteRow }) {
  const { change, percent, direction } = quoteChange(row.price, row.open, row.decimals);
  const { format, t } = useWidgetLocale();
  return (
    <li data-symbol={row.symbol}>
      <span className="ql-tape-sym">{row.symbol}</span>
      <span>{format.price(row.price, row.decimals)}</span>
      <span className={`ql-tape-move ql-${direction}`}>
        <span aria-hidden="true">{ARROW[direction]} </span>
        <span className="ql-visually-hidden">{t.direction[direction]} </span>
        {format.change(change, row.decimals)} ({format.percent(percent)})
      </span>
    </li>
  );
});
