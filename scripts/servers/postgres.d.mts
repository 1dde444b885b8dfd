// Types of postgres.mjs, for the TypeScript tests and scripts that start a private PostgreSQL.

/** A running private PostgreSQL server. */
export interface PostgresServer {
  /** URL of the database named at start (password auth over 127.0.0.1). */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** the folder holding data/, run/ (sockets), postgres.log and password */
  dir: string;
  /** Stops the server but keeps its data, port and password: a database outage, ended by start(). */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same port. */
  start(): Promise<void>;
  /** pg_ctl stop -m fast; a temp instance's folder is removed. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** where data persists (reused next time); default a temp folder removed on stop */
  dir?: string;
  /** default a free loopback port */
  port?: number;
  /** database to create, default "quoteline" */
  database?: string;
  /** false skips fsync (tests); default true */
  durable?: boolean;
  /** install Debian's postgresql when missing (default true) */
  install?: boolean;
  log?: (line: string) => void;
}

export function startPostgres(options?: StartPostgresOptions): Promise<PostgresServer>;
export function postgresBinDir(root?: string): string;
export function asPostgresUser(command: string, args: string[], uid?: number): [string, string[]];
export function postgresUrl(parts: {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}): string;
export function serverOptions(options: { port: number; socketDir: string; durable: boolean }): string;
