import { describe, expect, it } from 'vitest';
import { parseMigrateArgs } from './migrateArgs';

describe('parseMigrateArgs', () => {
  it('parses the three commands with sqlite as the default provider', () => {
    expect(parseMigrateArgs(['create', 'init'])).toEqual({ command: 'create', name: 'init', provider: 'sqlite' });
    expect(parseMigrateArgs(['deploy'])).toEqual({ command: 'deploy', provider: 'sqlite' });
    expect(parseMigrateArgs(['status', '--provider', 'postgresql'])).toEqual({ command: 'status', provider: 'postgresql' });
  });

  it('rejects missing names, extra words, unknown commands and providers', () => {
    expect(() => parseMigrateArgs(['create'])).toThrow(/Usage/);
    expect(() => parseMigrateArgs(['deploy', 'now'])).toThrow(/Usage/);
    expect(() => parseMigrateArgs(['reset'])).toThrow(/Usage/);
    expect(() => parseMigrateArgs(['deploy', '--provider', 'mysql'])).toThrow(/Unknown provider/);
  });
});
