export * from './config';
export * from './directory';
export * from './feeds';
export * from './platform';
export * from './streamService';
export * from './health';
export * from './http';
export * from './runtime';
