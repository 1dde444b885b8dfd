import { TickerTape, tickerTapeConfigSchema } from '@quoteline/ticker-tape';
import { lookOf } from '../dataset';
import { mountInShadow, type EmbedContext } from '../runtime';

/** `<div data-quoteline="ticker-tape" data-feed="demo" data-symbols="ACME,GLOBX" data-speed="60">`. */
export function mount(element: HTMLElement, context: EmbedContext): () => void {
  const d = element.dataset;
  const config = tickerTapeConfigSchema.parse({ feed: d.feed, symbols: d.symbols, speed: d.speed, title: d.title });
  return mountInShadow(element, context, TickerTape, { ...config, ...lookOf(d) });
}
