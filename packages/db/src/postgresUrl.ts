/** What pg needs to reach one PostgreSQL database, as separate fields (see PRISMA.md quirk 4 for why not a connectionString). */
export interface PgConnectionFields {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  /** false = plain TCP; otherwise TLS, verifying the server certificate unless sslmode is require/prefer */
  ssl: false | { rejectUnauthorized: boolean };
}

/** A parsed `postgres://` / `postgresql://` DATABASE_URL: connection fields plus Prisma's `?schema=` (default public). */
export interface PgUrl {
  fields: PgConnectionFields;
  schema?: string;
}

const NO_HOST = 'no-host.invalid';

/** True for the URL schemes PostgreSQL connection strings use. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl);
}

/** WHATWG URL parses the authority of http:// the same way; an empty host (a socket folder in ?host=) gets a placeholder. */
function asHttpUrl(databaseUrl: string): URL {
  return new URL(
    databaseUrl
      .replace(/^postgres(ql)?:\/\//i, 'http://')
      .replace(/^http:\/\/([^/?#]*@)?(?=[/?#]|$)/, `http://$1${NO_HOST}`),
  );
}

/** The same URL naming another database on the same server (credentials and parameters kept). */
export function withDatabase(databaseUrl: string, database: string): string {
  if (!isPostgresUrl(databaseUrl)) throw new Error('withDatabase takes a PostgreSQL URL');
  const scheme = /^postgres(ql)?:/i.exec(databaseUrl)![0];
  const url = asHttpUrl(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return `${scheme}${url.href.slice('http:'.length).replace(NO_HOST, '')}`; // the authority comes first, so this is the placeholder
}

/**
 * Splits a PostgreSQL URL into separate fields: host (or `?host=` for a unix socket folder), port (default 5432),
 * percent-decoded user and password, database (default: the user's name), `?sslmode=` and Prisma's `?schema=`.
 */
export function parsePostgresUrl(databaseUrl: string): PgUrl {
  if (!isPostgresUrl(databaseUrl))
    throw new Error(
      `DATABASE_URL for PostgreSQL must start with "postgresql://" or "postgres://" (got "${databaseUrl.slice(0, 12)}…")`,
    );
  const url = asHttpUrl(databaseUrl);
  const params = url.searchParams;
  const user = decodeURIComponent(url.username) || params.get('user') || 'postgres';
  const rawPassword = url.password ? decodeURIComponent(url.password) : params.get('password');
  const host =
    params.get('host') || (url.hostname === NO_HOST ? '' : url.hostname.replace(/^\[(.*)\]$/, '$1')) || 'localhost';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
  const port = Number(url.port || params.get('port') || 5432);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`DATABASE_URL names an invalid port "${url.port}"`);
  const sslmode = params.get('sslmode') ?? (params.get('ssl') === 'true' ? 'require' : 'disable');
  const ssl =
    sslmode === 'disable' || sslmode === 'allow' || sslmode === 'prefer'
      ? false
      : { rejectUnauthorized: sslmode === 'verify-ca' || sslmode === 'verify-full' };
  const fields: PgConnectionFields = { host, port, user, database, ssl };
  if (rawPassword !== null) fields.password = rawPassword;
  const schema = params.get('schema');
  return schema ? { fields, schema } : { fields };
}
