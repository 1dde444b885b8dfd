export * from './random';
export * from './simulator';
export * from './money';
export * from './engine';
export * from './candleBuilder';
export * from './simulatedHistory';
export * from './replayCsv';
export * from './replayPlayer';
