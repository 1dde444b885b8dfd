import { describe, expect, it } from 'vitest';
import { providerOf, redactPassword } from './databaseUrl';

describe('providerOf', () => {
  it('picks the database by the URL scheme', () => {
    expect(providerOf('file:./.data/quoteline.db')).toBe('sqlite');
    expect(providerOf('postgresql://u:p@127.0.0.1:5432/q')).toBe('postgresql');
    expect(providerOf('postgres://u@h/q')).toBe('postgresql');
  });

  it('names only the scheme of an unsupported URL (never its password)', () => {
    expect(() => providerOf('mysql://root:secret@h/q')).toThrow(/not "mysql:"$/);
  });
});

describe('redactPassword', () => {
  it('masks the password of a URL for log lines', () => {
    expect(redactPassword('postgresql://app:s3cr%40t@db:5432/q')).toBe('postgresql://app:***@db:5432/q');
    expect(redactPassword('postgresql://app@db/q')).toBe('postgresql://app@db/q');
    expect(redactPassword('file:./.data/quoteline.db')).toBe('file:./.data/quoteline.db');
  });
});
