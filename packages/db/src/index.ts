// Types and small helpers only: importing this file opens no database and loads no generated runtime code.
export type { Feed, Instrument, Prisma } from './generated/sqlite/client';
export type { Db } from './client';
export type { Provider } from './paths';
export { providerOf, redactPassword, resolveDatabaseUrl } from './databaseUrl';
