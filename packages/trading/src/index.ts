export * from './money';
export * from './orderLogic';
export * from './limitBook';
export * from './tickGrid';
