import { describe, expect, it } from 'vitest';
import { isPostgresUrl, parsePostgresUrl, withDatabase } from './postgresUrl';

describe('parsePostgresUrl', () => {
  it('splits a URL into separate connection fields', () => {
    expect(parsePostgresUrl('postgresql://app:s3cret@db.internal:6543/quoteline')).toEqual({
      fields: { host: 'db.internal', port: 6543, user: 'app', password: 's3cret', database: 'quoteline', ssl: false },
    });
  });

  it('decodes percent-encoded credentials and database names, and accepts postgres://', () => {
    const { fields } = parsePostgresUrl('postgres://a%40b:p%2Fw%3Ad%40@127.0.0.1:5432/my%20db');
    expect(fields).toMatchObject({ user: 'a@b', password: 'p/w:d@', database: 'my db' });
  });

  it('defaults the port to 5432, the database to the user, and leaves a missing password out', () => {
    expect(parsePostgresUrl('postgresql://alice@localhost').fields).toEqual({
      host: 'localhost',
      port: 5432,
      user: 'alice',
      database: 'alice',
      ssl: false,
    });
  });

  it("reads ?host= (a unix socket folder), ?sslmode= and Prisma's ?schema=", () => {
    expect(parsePostgresUrl('postgresql://u@/q?host=/var/run/postgresql').fields.host).toBe('/var/run/postgresql');
    expect(parsePostgresUrl('postgresql://u@h/q?sslmode=require').fields.ssl).toEqual({ rejectUnauthorized: false });
    expect(parsePostgresUrl('postgresql://u@h/q?sslmode=verify-full').fields.ssl).toEqual({ rejectUnauthorized: true });
    expect(parsePostgresUrl('postgresql://u@h/q?schema=tenant_1').schema).toBe('tenant_1');
    expect(parsePostgresUrl('postgresql://u@[::1]:5433/q').fields).toMatchObject({ host: '::1', port: 5433 });
  });

  it('rejects other schemes', () => {
    expect(isPostgresUrl('file:./x.db')).toBe(false);
    expect(() => parsePostgresUrl('mysql://u@h/q')).toThrow(/must start with "postgresql:\/\/"/);
  });
});

describe('withDatabase', () => {
  it('names another database on the same server, keeping credentials and parameters', () => {
    expect(withDatabase('postgresql://u:p%40ss@127.0.0.1:5433/quoteline?schema=s', 'scratch_1')).toBe(
      'postgresql://u:p%40ss@127.0.0.1:5433/scratch_1?schema=s',
    );
    expect(withDatabase('postgres://u@/q?host=/run/pg', 'x')).toBe('postgres://u@/x?host=/run/pg');
  });
});
