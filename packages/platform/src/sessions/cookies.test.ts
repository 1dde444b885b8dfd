import { describe, expect, it } from 'vitest';
import { readCookie, sessionCookie } from './cookies';

describe('session cookie', () => {
  it('reads the session cookie and writes it httpOnly, SameSite, Secure over TLS', () => {
    expect(readCookie('a=1; ql_session=abc; b=2', 'ql_session')).toBe('abc');
    expect(readCookie('ql_session=%E0%A4%A', 'ql_session')).toBeNull(); // not decodable: signed out, not a URIError
    expect(sessionCookie('t', new Date(0), true)).toMatch(/HttpOnly; SameSite=Lax; .*; Secure$/);
  });
});
