import { describe, expect, it } from 'vitest';
import { explainEngineError, isMissingMigrationsTable } from './engineErrors';

describe('explainEngineError', () => {
  it('appends the driver error hidden behind "External error id#N"', () => {
    const registry = {
      consumeError: (id: number) => (id === 3 ? { error: new RangeError('too many statements') } : undefined),
    };
    const message = explainEngineError(new Error('Failed: External error id#3'), [undefined, registry]);
    expect(message).toBe('Failed: External error id#3 (RangeError: too many statements)');
  });

  it('drops the engine’s Rust span trace', () => {
    expect(explainEngineError(new Error('Boom\n   0: sql_schema_connector::x\n at y'), [])).toBe('Boom');
  });
});

describe('isMissingMigrationsTable', () => {
  it('recognises quirk 2 only', () => {
    expect(
      isMissingMigrationsTable(new Error('The underlying table for model `_prisma_migrations` does not exist.')),
    ).toBe(true);
    expect(isMissingMigrationsTable(new Error('The underlying table for model `nope` does not exist.'))).toBe(false);
  });
});
