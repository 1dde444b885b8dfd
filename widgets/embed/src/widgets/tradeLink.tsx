import { themeOf } from '../dataset';
import { mountInShadow, type EmbedContext } from '../runtime';
import { widgetBaseCss } from '@quoteline/widget-kit';

const NAMES: Record<string, string> = {
  'order-ticket': 'Order ticket',
  blotter: 'Orders and fills',
  portfolio: 'Portfolio',
};

/** Trading widgets never run on third-party pages (their cookies are blocked, and no private data is reachable with an embed key): a link instead. */
function TradeLink({ base, kind, theme }: { base: string; kind: string; theme?: 'light' | 'dark' }) {
  return (
    <section className="ql-widget" data-theme={theme}>
      <style>{widgetBaseCss}</style>
      <header>
        <h2>{NAMES[kind] ?? 'Trading'}</h2>
      </header>
      <p className="ql-muted">Trading happens on Quoteline itself, where you are signed in.</p>
      <p>
        <a href={`${base}/`} target="_blank" rel="noopener" style={{ color: 'var(--qli-accent)' }}>
          Trade on Quoteline ↗
        </a>
      </p>
    </section>
  );
}

/** Mounts the link in place of an order ticket, blotter or portfolio. */
export function mount(element: HTMLElement, context: EmbedContext): () => void {
  return mountInShadow(element, context, TradeLink, {
    base: context.base,
    kind: element.dataset.quoteline ?? '',
    theme: themeOf(element.dataset.theme),
  });
}
