import { describe, expect, it } from 'vitest';
import { formatStatus, statusExitCode, type MigrationStatus } from './migrateCommands';

const clean: MigrationStatus = { total: 2, pending: [], failed: [], edited: [], missingLocally: [] };

describe('status reporting', () => {
  it('exits 0 when up to date, 1 when only pending, 2 when a human must look', () => {
    expect(statusExitCode(clean)).toBe(0);
    expect(statusExitCode({ ...clean, pending: ['b'] })).toBe(1);
    expect(statusExitCode({ ...clean, pending: ['b'], failed: ['a'] })).toBe(2);
    expect(statusExitCode({ ...clean, edited: ['a'] })).toBe(2);
    expect(statusExitCode({ ...clean, missingLocally: ['z'] })).toBe(2);
  });

  it('prints short plain lines', () => {
    expect(formatStatus(clean)).toEqual(['2 migration(s) found', 'Database schema is up to date']);
    expect(formatStatus({ ...clean, pending: ['a', 'b'] })).toEqual(['2 migration(s) found', 'Pending: a, b']);
  });
});
