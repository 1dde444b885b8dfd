import { describe, expect, it } from 'vitest';
import { sqliteFilePath } from './sqliteUrl';

describe('sqliteFilePath', () => {
  it('resolves relative paths against the given root, not the cwd', () => {
    expect(sqliteFilePath('file:./.data/q.db', '/repo')).toBe('/repo/.data/q.db');
    expect(sqliteFilePath('file:data/q.db?connection_limit=1', '/repo')).toBe('/repo/data/q.db');
  });

  it('keeps absolute paths, file:// URLs and :memory:', () => {
    expect(sqliteFilePath('file:/abs/q.db', '/repo')).toBe('/abs/q.db');
    expect(sqliteFilePath('file:///abs/q.db', '/repo')).toBe('/abs/q.db');
    expect(sqliteFilePath('file::memory:', '/repo')).toBe(':memory:');
  });

  it('rejects non-file URLs', () => {
    expect(() => sqliteFilePath('postgresql://localhost/db', '/repo')).toThrow(/must start with "file:"/);
  });
});
