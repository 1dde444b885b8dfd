export * from './Blotter';
