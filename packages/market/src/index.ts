export * from './random';
export * from './simulator';
export * from './money';
export * from './engine';
export * from './candleBuilder';
export * from './replayCsv';
export * from './replayPlayer';
