export * from './config';
export * from './bars';
export * from './PriceChart';
