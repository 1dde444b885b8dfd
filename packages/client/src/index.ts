export * from './status';
export * from './backoff';
export * from './feedState';
export * from './batcher';
export * from './streamClient';
export * from './pageClient';
export * from './shared/messages';
export * from './shared/sharedStreamClient';
