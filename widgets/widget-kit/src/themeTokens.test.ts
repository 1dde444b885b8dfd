import { describe, expect, it } from 'vitest';
import { checkTokens, parseTokens, tokenDeclarations, tokenStyle } from './themeTokens';

describe('theme tokens', () => {
  it('resolve each token from the page first, then the theme default', () => {
    const light = tokenDeclarations(0);
    expect(light).toContain('--qli-bg:var(--ql-bg,#ffffff);');
    expect(light).toContain('--qli-density:var(--ql-density,1);');
    const dark = tokenDeclarations(1);
    expect(dark).toContain('--qli-bg:var(--ql-bg,#0f172a);');
    // type, radius and density are the same in both themes: dark declares colours only
    expect(dark).not.toContain('--qli-radius');
  });

  it.each([
    ['up: #0a7d32; radius: 0', { up: '#0a7d32', radius: '0' }],
    [
      ' font-family: Georgia, "Times New Roman", serif ;density:0.75;',
      { 'font-family': 'Georgia, "Times New Roman", serif', density: '0.75' },
    ],
    ['bg: rgb(255 251 230 / 90%)', { bg: 'rgb(255 251 230 / 90%)' }],
    ['', {}],
  ])('reads data-tokens %j', (value, tokens) => {
    expect(parseTokens(value)).toEqual(tokens);
  });

  it.each([
    ['colour: red', 'Unknown theme token "colour"'],
    ['bg: url(https://tracker.example/x.png)', 'not a plain CSS value'],
    ['bg: red}body{display:none', 'not a plain CSS value'],
    ['up #0a7d32', 'is not "name: value"'],
  ])('refuses data-tokens %j in words', (value, message) => {
    expect(() => parseTokens(value)).toThrow(message);
  });

  it('is absent when the attribute is', () => {
    expect(parseTokens(undefined)).toBeUndefined();
    expect(tokenStyle(undefined)).toBeUndefined();
  });

  it('sets a prop’s tokens as --ql-* custom properties and leaves a bad one out', () => {
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...args: unknown[]) => warned.push(args);
    try {
      expect(tokenStyle({ up: '#0a7d32', bg: 'url(x)' })).toEqual({ '--ql-up': '#0a7d32' });
    } finally {
      console.warn = warn;
    }
    expect(warned).toHaveLength(1);
    expect(checkTokens({ radius: '4px' })).toEqual({ radius: '4px' });
  });
});
