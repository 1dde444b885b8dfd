export * from './Portfolio';
