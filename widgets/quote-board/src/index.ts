export * from './config';
export * from './format';
export * from './styles';
export * from './QuoteBoard';
