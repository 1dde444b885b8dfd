export { quoteRow } from './quoteRow';
