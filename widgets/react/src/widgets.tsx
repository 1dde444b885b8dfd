'use client';
import { memo, type ComponentType, type NamedExoticComponent } from 'react';
import { PriceChart as Chart } from '@quoteline/price-chart';
import { QuoteBoard as Board } from '@quoteline/quote-board';
import { TickerTape as Tape } from '@quoteline/ticker-tape';
import type { PriceChartProps, QuoteBoardProps, TickerTapeProps } from './props';
import { sameProps } from './sameProps';
import { ShadowMount } from './ShadowMount';

/**
 * A widget in its own Shadow DOM host, named for React DevTools, that
 * re-renders only when its props change (a parent's re-render remounts nothing).
 */
function mounted<P extends object>(
  name: string,
  kind: string,
  placeholder: (props: P) => string,
  Widget: ComponentType<P>,
): NamedExoticComponent<P> {
  const Mounted = (props: P) => (
    <ShadowMount kind={kind} placeholder={placeholder(props)}>
      <Widget {...props} />
    </ShadowMount>
  );
  Mounted.displayName = name;
  return memo(Mounted, sameProps);
}

/** A scrolling strip of last prices and changes. */
export const TickerTape: NamedExoticComponent<TickerTapeProps> = mounted(
  'TickerTape',
  'ticker-tape',
  () => 'Loading the ticker tape…',
  Tape,
);

/** A table of live quotes of one feed. */
export const QuoteBoard: NamedExoticComponent<QuoteBoardProps> = mounted(
  'QuoteBoard',
  'quote-board',
  () => 'Loading quotes…',
  Board,
);

/** Candles or a line of one instrument, extended live. */
export const PriceChart: NamedExoticComponent<PriceChartProps> = mounted(
  'PriceChart',
  'price-chart',
  (props) => `Loading the ${props.symbol} chart…`,
  Chart,
);
