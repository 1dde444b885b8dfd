export * from './config';
export * from './styles';
export * from './QuoteBoard';
