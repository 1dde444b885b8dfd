import { describe, expect, it } from 'vitest';
import { listeningOrigins, originSchema } from './publicOrigins';

describe('originSchema', () => {
  it.each([
    ['https://Quotes.Example.com', 'https://quotes.example.com'],
    ['https://quotes.example.com:443/', 'https://quotes.example.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('takes %s as %s', (value, origin) => expect(originSchema.parse(value)).toBe(origin));
  it.each([
    'quotes.example.com',
    'https://quotes.example.com/app',
    'ftp://quotes.example.com',
    'https://a@quotes.example.com',
    'https://quotes.example.com?x=1',
  ])('refuses %s', (value) => {
    expect(originSchema.safeParse(value).success).toBe(false);
  });
});

describe('listeningOrigins', () => {
  it('names the loopback aliases and the host listened on', () => {
    expect(listeningOrigins('127.0.0.1', 3000)).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ]);
    expect(listeningOrigins('192.0.2.10', 8080)).toContain('http://192.0.2.10:8080');
  });
  it('names every interface address on a wildcard host (and the loopback names)', () => {
    const origins = listeningOrigins('0.0.0.0', 3000);
    expect(origins).toContain('http://localhost:3000');
    expect(origins).toContain('http://127.0.0.1:3000');
    expect(origins.every((o) => o.endsWith(':3000'))).toBe(true);
  });
});
