'use client';
import { memo, type NamedExoticComponent } from 'react';
import { PriceChart as Chart } from '@quoteline/price-chart';
import { QuoteBoard as Board } from '@quoteline/quote-board';
import { TickerTape as Tape } from '@quoteline/ticker-tape';
import type { PriceChartProps, QuoteBoardProps, TickerTapeProps } from './props';
import { sameProps } from './sameProps';
import { ShadowMount } from './ShadowMount';

/** A scrolling strip of last prices and changes. */
export const TickerTape: NamedExoticComponent<TickerTapeProps> = memo(function TickerTape(props: TickerTapeProps) {
  return (
    <ShadowMount kind="ticker-tape" placeholder="Loading the ticker tape…">
      <Tape {...props} />
    </ShadowMount>
  );
}, sameProps);

/** A table of live quotes of one feed. */
export const QuoteBoard: NamedExoticComponent<QuoteBoardProps> = memo(function QuoteBoard(props: QuoteBoardProps) {
  return (
    <ShadowMount kind="quote-board" placeholder="Loading quotes…">
      <Board {...props} />
    </ShadowMount>
  );
}, sameProps);

/** Candles or a line of one instrument, extended live. */
export const PriceChart: NamedExoticComponent<PriceChartProps> = memo(function PriceChart(props: PriceChartProps) {
  return (
    <ShadowMount kind="price-chart" placeholder={`Loading the ${props.symbol} chart…`}>
      <Chart {...props} />
    </ShadowMount>
  );
}, sameProps);
