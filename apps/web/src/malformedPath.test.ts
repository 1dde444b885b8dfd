import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MALFORMED_PATH } from './malformedPath';

const decodes = (path: string) => {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
};

describe('MALFORMED_PATH', () => {
  // A bad or cut-off escape, or bytes that are not UTF-8 (overlong, surrogate, past U+10FFFF), space-separated.
  const malformed = '/api/instruments/%ZZ/candles /% /a%4 /%E0%A4%A /%FF /%C0%80 /%ED%A0%80 /%F4%90%80%80 /%e2%82';
  const wellFormed = '/ /api/instruments/ACME/candles /%41CME /caf%C3%A9 /%e2%82%ac /%F0%9F%98%80 /%25ZZ /a%2Fb';
  it.each([
    ...malformed.split(' ').map((path) => [path, true] as const),
    ...wellFormed.split(' ').map((path) => [path, false] as const),
  ])('%s is malformed: %s', (path, expected) => {
    expect(MALFORMED_PATH.test(path)).toBe(expected);
  });

  it('agrees with decodeURIComponent on any mix of escapes and characters', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', '/', '%', '-', 'é'),
      fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`),
      fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).toUpperCase()}`),
      fc.string({ maxLength: 2 }).map((s) => `%${s}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const path = `/${pieces.join('')}`;
        expect(MALFORMED_PATH.test(path)).toBe(!decodes(path));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with decodeURIComponent on every encoded code point', () => {
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x800 ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const path = `/${encodeURIComponent(String.fromCodePoint(cp))}`;
      expect(MALFORMED_PATH.test(path)).toBe(false);
    }
  });
});
