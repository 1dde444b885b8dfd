export { QuotelineProvider } from './QuotelineProvider';
export { PriceChart, QuoteBoard, TickerTape } from './widgets';
export type * from './props';
