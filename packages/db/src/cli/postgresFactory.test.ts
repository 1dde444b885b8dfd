import { describe, expect, it } from 'vitest';
import {
  CHAR_OID,
  CharAsTextClient,
  migrationPoolConfig,
  reportCharAsText,
  temporaryDatabaseName,
  TEXT_OID,
} from './postgresFactory';

const result = (...ids: number[]) => ({
  rows: [],
  fields: ids.map((dataTypeID, i) => ({ name: `c${i}`, dataTypeID })),
});

describe('reportCharAsText (quirk 3)', () => {
  it('reports "char" columns (OID 18) as text and leaves every other type alone', () => {
    expect(reportCharAsText(result(CHAR_OID, 23, 1043)).fields.map((f) => f.dataTypeID)).toEqual([TEXT_OID, 23, 1043]);
  });

  it('handles the array a multi-statement query returns, and results without fields', () => {
    const both = reportCharAsText([result(CHAR_OID), result(20)]);
    expect(both.map((r) => r.fields[0]!.dataTypeID)).toEqual([TEXT_OID, 20]);
    expect(reportCharAsText(undefined)).toBeUndefined();
    expect(reportCharAsText({ command: 'CREATE' })).toEqual({ command: 'CREATE' });
  });
});

describe('CharAsTextClient', () => {
  // Replaces pg.Client's own query (the parent's) with a fake, so no server is needed.
  function withFakeQuery(run: () => Promise<void>) {
    const parent = Object.getPrototypeOf(CharAsTextClient.prototype) as { query: unknown };
    const original = parent.query;
    parent.query = function (...args: unknown[]) {
      const last = args[args.length - 1];
      if (typeof last === 'function')
        return void setImmediate(() => (last as (e: unknown, r: unknown) => void)(null, result(CHAR_OID)));
      return Promise.resolve(result(CHAR_OID));
    };
    return run().finally(() => (parent.query = original));
  }

  it('fixes results in both calling styles (promise, and the callback style pg-pool uses)', () =>
    withFakeQuery(async () => {
      const client = new CharAsTextClient();
      const viaPromise = (await client.query('SELECT 1')) as ReturnType<typeof result>;
      expect(viaPromise.fields[0]!.dataTypeID).toBe(TEXT_OID);
      const viaCallback = await new Promise<ReturnType<typeof result>>((done) =>
        client.query({ text: 'SELECT 1' }, undefined, (_: unknown, r: ReturnType<typeof result>) => done(r)),
      );
      expect(viaCallback.fields[0]!.dataTypeID).toBe(TEXT_OID);
    }));
});

describe('migrationPoolConfig and temporaryDatabaseName (quirk 4)', () => {
  it('gives pg separate fields (no connectionString to override the database) and the quirk-3 client', () => {
    const fields = { host: '127.0.0.1', port: 5433, user: 'u', password: 'p', database: 'main', ssl: false as const };
    const config = migrationPoolConfig(fields, 'quoteline_shadow_x');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 5433,
      user: 'u',
      password: 'p',
      database: 'quoteline_shadow_x',
      Client: CharAsTextClient,
    });
    expect(config).not.toHaveProperty('connectionString');
  });

  it('names temporary databases uniquely, in lowercase', () => {
    const a = temporaryDatabaseName('shadow');
    expect(a).toMatch(/^quoteline_shadow_[a-z0-9]+_[0-9a-f]{8}$/);
    expect(temporaryDatabaseName('shadow')).not.toBe(a);
  });
});
