import { PriceChart, priceChartConfigSchema } from '@quoteline/price-chart';
import { lookOf } from '../dataset';
import { mountInShadow, type EmbedContext } from '../runtime';

/** `<div data-quoteline="price-chart" data-symbol="ACME" data-interval="1m" data-kind="candles">`. */
export function mount(element: HTMLElement, context: EmbedContext): () => void {
  const d = element.dataset;
  const config = priceChartConfigSchema.parse({
    symbol: d.symbol,
    feed: d.feed,
    interval: d.interval,
    kind: d.kind,
    title: d.title,
  });
  return mountInShadow(element, context, PriceChart, { ...config, ...lookOf(d) });
}
