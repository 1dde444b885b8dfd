'use client';
import { useEffect, useRef, useState } from 'react';
import type { IChartApi, ISeriesApi, SeriesType, UTCTimestamp } from 'lightweight-charts';
import type { CandleInterval } from '@quoteline/protocol';
import { barWithTick, type Bar } from './bars';
import { chartOptions, readChartColors, seriesColors } from './chartTheme';

/** Props of the drawing surface: history, how to draw it, and the latest live tick. */
export interface ChartCanvasProps {
  bars: Bar[];
  decimals: number;
  kind: 'candles' | 'line';
  interval: CandleInterval;
  tickPrice: number | null;
  tickTs: number | null;
  /** what the chart shows, in words, for screen readers */
  label: string;
}

interface ChartHandle {
  chart: IChartApi;
  series: ISeriesApi<SeriesType>;
  last: Bar | null;
  count: number;
}

const point = (bar: Bar, kind: 'candles' | 'line') =>
  kind === 'line' ? { time: bar.time as UTCTimestamp, value: bar.close } : { ...bar, time: bar.time as UTCTimestamp };

/** What the canvas draws, readable from outside (tests, tools): the bar count and the last close. */
function mark(el: HTMLDivElement | null, handle: ChartHandle, decimals: number): void {
  el?.setAttribute('data-bars', String(handle.count));
  if (handle.last) el?.setAttribute('data-last', handle.last.close.toFixed(decimals));
  else el?.removeAttribute('data-last');
}

/**
 * The lightweight-charts canvas. Client-only: the library is loaded when the
 * chart mounts (never on the server), and the kit's colours are read from
 * the widget and re-applied when its theme, its tokens (style) or the reader's preference changes.
 */
export function ChartCanvas({ bars, decimals, kind, interval, tickPrice, tickTs, label }: ChartCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const api = useRef<ChartHandle | null>(null);
  const [ready, setReady] = useState(0);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let dispose = () => undefined as void;
    void import('./chartLib').then((lib) => {
      if (disposed) return;
      const widget = el.closest('.ql-widget') ?? el;
      const colors = readChartColors(widget);
      const chart = lib.createChart(el, chartOptions(colors, lib));
      const priceFormat = { type: 'price' as const, precision: decimals, minMove: 1 / 10 ** decimals };
      const series: ISeriesApi<SeriesType> =
        kind === 'line'
          ? chart.addSeries(lib.LineSeries, { ...seriesColors(colors, 'line'), priceFormat })
          : chart.addSeries(lib.CandlestickSeries, { ...seriesColors(colors, 'candles'), priceFormat });
      const retheme = () => {
        const next = readChartColors(widget);
        chart.applyOptions(chartOptions(next, lib));
        series.applyOptions(seriesColors(next, kind));
        el.dataset.chartBg = next.bg;
      };
      el.dataset.chartBg = colors.bg;
      const observer = new MutationObserver(retheme);
      observer.observe(widget, { attributes: true, attributeFilter: ['data-theme', 'style'] });
      const media = matchMedia('(prefers-color-scheme: dark)');
      media.addEventListener('change', retheme);
      dispose = () => {
        observer.disconnect();
        media.removeEventListener('change', retheme);
        chart.remove();
      };
      api.current = { chart, series, last: null, count: 0 };
      setReady((n) => n + 1);
    });
    return () => {
      disposed = true;
      api.current = null;
      dispose();
    };
  }, [kind, decimals]);

  useEffect(() => {
    const handle = api.current;
    if (!handle) return;
    handle.series.setData(bars.map((b) => point(b, kind)));
    handle.last = bars.at(-1) ?? null;
    handle.count = bars.length;
    mark(container.current, handle, decimals);
  }, [bars, kind, decimals, ready]);

  useEffect(() => {
    const handle = api.current;
    if (!handle || tickPrice === null || tickTs === null) return;
    const bar = barWithTick(handle.last, tickPrice, tickTs, interval);
    if (!bar) return;
    if (!handle.last || bar.time > handle.last.time) handle.count++;
    handle.series.update(point(bar, kind));
    handle.last = bar;
    mark(container.current, handle, decimals);
  }, [tickPrice, tickTs, interval, kind, decimals, ready]);

  return (
    <div
      ref={container}
      className="ql-chart-canvas"
      role="img"
      aria-label={label}
      tabIndex={0}
      data-testid="price-chart-canvas"
    />
  );
}
