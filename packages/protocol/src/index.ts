export * from './version';
export * from './topics';
export * from './events';
export * from './privateEvents';
export * from './requests';
export * from './responses';
export * from './errors';
export * from './sse';
