export * from './context';
export * from './hooks';
export * from './sight';
export * from './account';
export * from './connectionStats';
