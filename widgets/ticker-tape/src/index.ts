export * from './config';
export * from './summary';
export * from './TickerTape';
