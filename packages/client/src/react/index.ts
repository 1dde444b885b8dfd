export * from './context';
export * from './hooks';
