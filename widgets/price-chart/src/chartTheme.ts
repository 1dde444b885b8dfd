import type * as Charts from './chartLib';
import type { DeepPartial, ChartOptions, Time } from 'lightweight-charts';

/** The library's enums this file needs, passed in so only the chart itself loads the library (lazily). */
type ChartLib = Pick<typeof Charts, 'ColorType' | 'TickMarkType'>;

/** The widget kit's colours as resolved on the widget right now (light, dark, or the reader's preference). */
export interface ChartColors {
  bg: string;
  fg: string;
  muted: string;
  border: string;
  grid: string;
  up: string;
  down: string;
  accent: string;
  font: string;
}

/** Reads the kit's resolved tokens (`--qli-*`, the page's `--ql-*` or the theme's) from the widget element: the canvas cannot use CSS, so colours are passed in. */
export function readChartColors(widget: Element): ChartColors {
  const style = getComputedStyle(widget);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    bg: token('--qli-bg', '#ffffff'),
    fg: token('--qli-fg', '#111827'),
    muted: token('--qli-muted', '#4b5563'),
    border: token('--qli-border', '#d1d5db'),
    grid: token('--qli-head', '#f3f4f6'),
    up: token('--qli-up', '#046c2c'),
    down: token('--qli-down', '#b42318'),
    accent: token('--qli-accent', '#1d4ed8'),
    font: token('--qli-font-family', 'system-ui, sans-serif'),
  };
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const full = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const asDate = (time: Time) => new Date((time as number) * 1000);

/** Chart options for these colours; times in the reader's own zone (the library draws UTC by default). */
export function chartOptions(colors: ChartColors, lib: ChartLib): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    layout: {
      background: { type: lib.ColorType.Solid, color: colors.bg },
      textColor: colors.muted,
      fontFamily: colors.font,
      attributionLogo: true,
    },
    grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    rightPriceScale: { borderColor: colors.border },
    timeScale: {
      borderColor: colors.border,
      timeVisible: true,
      secondsVisible: false,
      // room after the last bar, so its time label is not cut off at the price scale
      rightOffset: 6,
      barSpacing: 8,
      tickMarkFormatter: (time: Time, type: number) =>
        type >= lib.TickMarkType.Time ? clock.format(asDate(time)) : day.format(asDate(time)),
    },
    localization: { timeFormatter: (time: Time) => full.format(asDate(time)) },
    crosshair: {
      vertLine: { color: colors.muted, labelBackgroundColor: colors.fg },
      horzLine: { color: colors.muted, labelBackgroundColor: colors.fg },
    },
  };
}

/** Series colours: up and down candles, or the line. */
export function seriesColors(colors: ChartColors, kind: 'candles' | 'line') {
  return kind === 'line'
    ? { color: colors.accent, lineWidth: 2 as const }
    : {
        upColor: colors.up,
        downColor: colors.down,
        borderUpColor: colors.up,
        borderDownColor: colors.down,
        wickUpColor: colors.up,
        wickDownColor: colors.down,
      };
}
