export * from './client';
export * from './errors';
export * from './streamIds';
export * from './streamLog';
export * from './lease';
export * from './subscriptionControl';
export * from './failureThrottle';
