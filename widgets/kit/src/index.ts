export * from './format';
export * from './theme';
export * from './StreamStatus';
export * from './FeedPaused';
export * from './money';
export * from './configFields';
export * from './useRarely';
export * from './change';
