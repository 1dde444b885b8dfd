'use client';
import { Fragment, memo, useId, useState } from 'react';
import type { QuoteRow } from '@quoteline/client';
import { useFeed } from '@quoteline/client/react';
import {
  directionOf,
  FeedPaused,
  instrumentsChanged,
  StreamStatus,
  TopicNotice,
  useRarely,
  useWidgetLocale,
  WidgetFrame,
} from '@quoteline/widget-kit';
import type { WidgetLook } from '@quoteline/widget-kit';
import { boardSummary, nextSort, sortSymbols, type SortState } from './sorting';
import { quoteBoardConfigSchema, type QuoteBoardColumn, type QuoteBoardConfig } from './config';
import { quoteBoardCss } from './styles';

/** Columns a narrow board leaves out (a phone): the quote itself stays. */
const MINOR = new Set<QuoteBoardColumn>(['name', 'bid', 'ask', 'time']);

/** Columns right-aligned as numbers; their headings come from the locale's message table. */
const NUMERIC: Record<QuoteBoardColumn, boolean> = {
  symbol: false,
  name: false,
  last: true,
  change: true,
  changePercent: true,
  bid: true,
  ask: true,
  time: true,
};

const ARROW = { up: '▲', down: '▼', flat: '' } as const;

/** Props of the quote board: its configuration (validated), and its look: theme, locale (the browser's by default), tokens. */
export interface QuoteBoardProps extends Partial<QuoteBoardConfig>, WidgetLook {}

/** A live table of a feed's instruments, on the page's one stream. */
export function QuoteBoard(props: QuoteBoardProps) {
  const config = quoteBoardConfigSchema.parse(props);
  const l10n = useWidgetLocale(props.locale);
  const { t } = l10n;
  const feed = useFeed(config.feed);
  const titleId = useId();
  const [sort, setSort] = useState<SortState>(null);
  const symbols = feed ? sortSymbols(feed.symbols, feed.rows, sort) : [];
  // Screen readers hear the biggest mover once the quotes arrive, then every 30 s, never every tick.
  const announced = useRarely(feed, 30_000, instrumentsChanged);
  const summary = announced ? boardSummary(announced.symbols, announced.rows) : '';
  return (
    <WidgetFrame
      l10n={l10n}
      look={props}
      css={quoteBoardCss}
      className="ql-board"
      aria-labelledby={titleId}
      data-testid="quote-board"
    >
      <header>
        <h2 id={titleId}>{config.title}</h2>
        <span className="ql-header-end">
          <FeedPaused status={feed?.status} feed={config.feed} />
          <StreamStatus unavailable={!!feed?.problem} />
        </span>
      </header>
      <p className="ql-visually-hidden" aria-live="polite">
        {summary}
      </p>
      <div className="ql-table-wrap">
        <table aria-busy={feed === undefined}>
          <caption>{t.boardCaption(config.title, config.feed)}</caption>
          <thead>
            <tr>
              {config.columns.map((c) => (
                <th
                  key={c}
                  scope="col"
                  className={
                    [NUMERIC[c] && 'ql-num', MINOR.has(c) && 'ql-minor'].filter(Boolean).join(' ') || undefined
                  }
                  aria-sort={sort?.column === c ? sort.direction : undefined}
                >
                  <button type="button" className="ql-sort" onClick={() => setSort((s) => nextSort(s, c))}>
                    {t.columns[c]}
                    <span aria-hidden="true">
                      {sort?.column === c ? (sort.direction === 'ascending' ? ' ↑' : ' ↓') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {feed === undefined ? (
              <SkeletonRows columns={config.columns.length} />
            ) : feed.problem ? (
              <tr>
                <td colSpan={config.columns.length}>
                  <TopicNotice problem={feed.problem} feed={config.feed} />
                </td>
              </tr>
            ) : feed.symbols.length === 0 ? (
              <tr>
                <td className="ql-empty" colSpan={config.columns.length}>
                  {t.boardEmpty}
                </td>
              </tr>
            ) : (
              symbols.map((symbol) => <Row key={symbol} row={feed.rows[symbol]!} columns={config.columns} />)
            )}
          </tbody>
        </table>
      </div>
    </WidgetFrame>
  );
}

function SkeletonRows({ columns }: { columns: number }) {
  return (
    <>
      {Array.from({ length: 5 }, (_, r) => (
        <tr key={r} className="ql-skeleton" aria-hidden="true">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c}>
              <span />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

const Row = memo(function Row({ row, columns }: { row: QuoteRow; columns: QuoteBoardColumn[] }) {
  const { format } = useWidgetLocale();
  const scale = 10 ** row.decimals;
  const changeMinor = Math.round(row.price * scale) - Math.round(row.open * scale);
  const change = changeMinor / scale;
  const percent = row.open > 0 ? (changeMinor / Math.round(row.open * scale)) * 100 : 0;
  const direction = directionOf(change);
  const tick = row.previousPrice === null ? 'flat' : directionOf(row.price - row.previousPrice);
  const cell = (column: QuoteBoardColumn) => {
    switch (column) {
      case 'symbol':
        return <th scope="row">{row.symbol}</th>;
      case 'name':
        return <td className="ql-name ql-minor">{row.name}</td>;
      case 'last':
        return (
          <td className="ql-num">
            <span
              key={row.ts}
              className={tick === 'flat' ? undefined : `ql-flash-${tick}`}
              data-testid={`last-${row.symbol}`}
            >
              {format.price(row.price, row.decimals)}
            </span>
          </td>
        );
      case 'change':
        return (
          <td className={`ql-num ql-${direction}`}>
            <span aria-hidden="true">{ARROW[direction]} </span>
            {format.change(change, row.decimals)}
          </td>
        );
      case 'changePercent':
        return <td className={`ql-num ql-${direction}`}>{format.percent(percent)}</td>;
      case 'bid':
        return <td className="ql-num ql-minor">{format.price(row.bid, row.decimals)}</td>;
      case 'ask':
        return <td className="ql-num ql-minor">{format.price(row.ask, row.decimals)}</td>;
      case 'time':
        return (
          <td className="ql-num ql-minor">
            <time dateTime={new Date(row.ts).toISOString()}>{format.time(row.ts)}</time>
          </td>
        );
    }
  };
  return (
    <tr data-symbol={row.symbol}>
      {columns.map((c) => (
        <Fragment key={c}>{cell(c)}</Fragment>
      ))}
    </tr>
  );
});
