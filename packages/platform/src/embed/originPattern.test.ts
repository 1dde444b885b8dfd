import { describe, expect, it } from 'vitest';
import { embedKeyRequestSchema } from '@quoteline/protocol';
import { originAllowed } from './originPattern';

describe('originAllowed', () => {
  const patterns = ['https://example.com', 'http://localhost:*', 'https://*.shop.test', 'http://127.0.0.1:8080'];
  it.each([
    ['https://example.com', true],
    ['https://example.com:443', false], // not how browsers serialise an Origin (default ports are dropped)
    ['http://example.com', false],
    ['https://evil-example.com', false],
    ['https://example.com.evil.test', false],
    ['http://localhost:3000', true],
    ['http://localhost', true],
    ['https://localhost:3000', false],
    ['https://a.shop.test', true],
    ['https://shop.test', false],
    ['http://127.0.0.1:8080', true],
    ['http://127.0.0.1:8081', false],
    ['null', false],
    ['', false],
    ['https://example.com/', false],
    ['*', false],
  ])('%s → %s', (origin, allowed) => {
    expect(originAllowed(origin, patterns)).toBe(allowed);
  });

  it('never matches with a bare wildcard pattern', () => {
    expect(originAllowed('https://example.com', ['*'])).toBe(false);
    const key = (origin: string) =>
      embedKeyRequestSchema.safeParse({ label: 'k', origins: [origin], feeds: ['demo'] }).success;
    expect(key('*')).toBe(false);
    expect(key('https://*.example.com')).toBe(true);
  });
});
