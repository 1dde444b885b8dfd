export * from './context';
export * from './hooks';
export * from './account';
export * from './connectionStats';
