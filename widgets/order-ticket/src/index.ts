export * from './config';
export * from './OrderTicket';
