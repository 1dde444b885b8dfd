import { QuoteBoard, quoteBoardConfigSchema } from '@quoteline/quote-board';
import { listOf, lookOf } from '../dataset';
import { mountInShadow, type EmbedContext } from '../runtime';

/** `<div data-quoteline="quote-board" data-feed="demo" data-columns="symbol,last,change">`. */
export function mount(element: HTMLElement, context: EmbedContext): () => void {
  const d = element.dataset;
  const config = quoteBoardConfigSchema.parse({ feed: d.feed, title: d.title, columns: listOf(d.columns) });
  return mountInShadow(element, context, QuoteBoard, { ...config, ...lookOf(d) });
}
