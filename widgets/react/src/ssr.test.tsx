import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { PriceChart, QuoteBoard, QuotelineProvider, TickerTape } from './index';
import { sameProps } from './sameProps';

describe('server rendering', () => {
  it('renders a placeholder per widget, opens no stream and leaves no page-global client behind', () => {
    const html = renderToString(
      <QuotelineProvider url="https://quoteline.example/" embedKey="pk_test">
        <TickerTape feed="demo" symbols={['ACME', 'GLOBX']} />
        <QuoteBoard columns={['symbol', 'last']} />
        <PriceChart symbol="ACME" interval="5m" />
      </QuotelineProvider>,
    );
    expect(html).toContain('data-quoteline-react="ticker-tape"');
    expect(html).toContain('data-quoteline-react="quote-board"');
    expect(html).toContain('data-quoteline-react="price-chart"');
    expect(html.match(/data-quoteline-placeholder/g)).toHaveLength(3);
    expect(html).toContain('Loading the ACME chart…');
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('quoteline.streamClient')]).toBeUndefined();
  });
});

describe('sameProps', () => {
  it('treats fresh arrays with the same values as the same props, and any changed value as a change', () => {
    expect(sameProps({ feed: 'demo', symbols: ['A', 'B'] }, { feed: 'demo', symbols: ['A', 'B'] })).toBe(true);
    expect(sameProps({ feed: 'demo', symbols: ['A', 'B'] }, { feed: 'demo', symbols: ['B', 'A'] })).toBe(false);
    expect(sameProps({ feed: 'demo' }, { feed: 'fx' })).toBe(false);
    expect(sameProps<{ feed?: string }>({ feed: 'demo' }, {})).toBe(false);
  });
});
