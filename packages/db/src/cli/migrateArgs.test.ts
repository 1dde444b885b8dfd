import { describe, expect, it } from 'vitest';
import { parseMigrateArgs } from './migrateArgs';

describe('parseMigrateArgs', () => {
  it('parses the three commands, with the provider DATABASE_URL names', () => {
    expect(parseMigrateArgs(['create', 'init'], 'sqlite')).toEqual({
      command: 'create',
      name: 'init',
      provider: 'sqlite',
    });
    expect(parseMigrateArgs(['deploy'], 'postgresql')).toEqual({ command: 'deploy', provider: 'postgresql' });
    expect(parseMigrateArgs(['status', '--provider', 'postgresql'], 'postgresql')).toEqual({
      command: 'status',
      provider: 'postgresql',
    });
  });

  it('rejects missing names, extra words, unknown commands and providers, and a provider DATABASE_URL contradicts', () => {
    expect(() => parseMigrateArgs(['create'], 'sqlite')).toThrow(/Usage/);
    expect(() => parseMigrateArgs(['deploy', 'now'], 'sqlite')).toThrow(/Usage/);
    expect(() => parseMigrateArgs(['reset'], 'sqlite')).toThrow(/Usage/);
    expect(() => parseMigrateArgs(['deploy', '--provider', 'mysql'], 'sqlite')).toThrow(/Unknown provider/);
    expect(() => parseMigrateArgs(['deploy', '--provider', 'postgresql'], 'sqlite')).toThrow(
      /does not match DATABASE_URL/,
    );
  });
});
