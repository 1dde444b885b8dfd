'use client';
import { useId } from 'react';
import type * as z from 'zod/mini';
import { ApiError } from '@quoteline/client';
import { useFeed } from '@quoteline/client/react';
import { FeedPaused, StreamStatus, TopicNotice, useRarely, useWidgetLocale, WidgetFrame } from '@quoteline/widget-kit';
import type { WidgetLook } from '@quoteline/widget-kit';
import { chartSummary } from './bars';
import { ChartCanvas } from './ChartCanvas';
import { priceChartConfigSchema } from './config';
import { priceChartCss } from './styles';
import { useCandles } from './useCandles';

/** Props of the price chart: its configuration (validated), and its look: theme, locale (the browser's by default), tokens. */
export type PriceChartProps = Partial<z.input<typeof priceChartConfigSchema>> & { symbol: string } & WidgetLook;

const WAITING = 'Waiting for the first price.';
/** The first real price replaces the placeholder label at once; after that the label changes at most every 30 s. */
const firstPrice = (shown: string, next: string) => shown.endsWith(WAITING) && !next.endsWith(WAITING);

/** Candles or a line of one instrument: history from the candles endpoint, extended live by the page's one stream. */
export function PriceChart(props: PriceChartProps) {
  const config = priceChartConfigSchema.parse(props);
  const l10n = useWidgetLocale(props.locale);
  const { t } = l10n;
  const history = useCandles(config.symbol, config.interval);
  const feed = useFeed(config.feed);
  const row = feed?.rows[config.symbol];
  const titleId = useId();
  const summary = chartSummary({
    symbol: config.symbol,
    interval: config.interval,
    kind: config.kind,
    quote: row ? { price: row.price, open: row.open, decimals: row.decimals } : null,
  });
  const label = useRarely(summary, 30_000, firstPrice);

  return (
    <WidgetFrame
      l10n={l10n}
      look={props}
      css={priceChartCss}
      className="ql-chart"
      aria-labelledby={titleId}
      data-testid="price-chart"
    >
      <header>
        <h2 id={titleId}>
          {config.title ?? config.symbol}
          <span className="ql-chart-sub">{config.interval}</span>
        </h2>
        <span className="ql-header-end">
          <FeedPaused status={feed?.status} feed={config.feed} />
          <StreamStatus unavailable={!!feed?.problem} />
        </span>
      </header>
      <div className="ql-chart-body" aria-busy={!history.data && !history.isError}>
        {feed?.problem ? (
          <TopicNotice problem={feed.problem} feed={config.feed} />
        ) : history.data ? (
          <ChartCanvas
            bars={history.data.candles}
            decimals={history.data.decimals}
            kind={config.kind}
            interval={config.interval}
            tickPrice={row?.price ?? null}
            tickTs={row?.ts ?? null}
            label={label}
          />
        ) : history.isError ? (
          <div className="ql-chart-error" role="alert">
            <p>{t.chartHistoryFailed(config.symbol)}</p>
            {history.error instanceof ApiError && <p className="ql-muted">{history.error.message}</p>}
            <button
              type="button"
              className="ql-primary"
              onClick={() => void history.refetch()}
              disabled={history.isFetching}
            >
              {history.isFetching ? t.retrying : t.retry}
            </button>
          </div>
        ) : (
          <div className="ql-chart-skeleton" data-testid="price-chart-loading">
            <span className="ql-visually-hidden">{t.chartLoading(config.symbol)}</span>
          </div>
        )}
      </div>
    </WidgetFrame>
  );
}
