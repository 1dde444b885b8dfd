export * from './format';
export * from './theme';
export * from './StreamStatus';
export * from './money';
export * from './useRarely';
export * from './change';
