import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrationAdapterFactory, withScriptFallback } from './adapterFactory';

const raw = (sql: string) => ({ sql, args: [], argTypes: [] });

describe('withScriptFallback (quirk 1)', () => {
  it('runs a multi-statement executeRaw as a script', async () => {
    const plain = await new PrismaBetterSqlite3({ url: ':memory:' }).connect();
    await expect(plain.executeRaw(raw('CREATE TABLE a (x INT); CREATE TABLE b (y INT);'))).rejects.toThrow(
      /more than one statement/,
    );
    const adapter = withScriptFallback(plain);
    await adapter.executeRaw(raw('CREATE TABLE a (x INT); CREATE TABLE b (y INT);'));
    const tables = await adapter.queryRaw(raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    expect(tables.rows).toEqual([['a'], ['b']]);
    await adapter.dispose();
  });

  it('still reports real SQL errors', async () => {
    const adapter = withScriptFallback(await new PrismaBetterSqlite3({ url: ':memory:' }).connect());
    await expect(adapter.executeRaw(raw('INSERT INTO missing VALUES (1)'))).rejects.toThrow();
    await adapter.dispose();
  });
});

describe('migrationAdapterFactory', () => {
  it('picks adapter-pg for PostgreSQL without connecting yet', () => {
    expect(migrationAdapterFactory('postgresql', 'postgresql://u:p@127.0.0.1:1/x', '/repo').factory.provider).toBe(
      'postgres',
    );
  });
});
