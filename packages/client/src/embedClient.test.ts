import { afterEach, describe, expect, it } from 'vitest';
import { getEmbedStreamClient } from './embedClient';
import { getPageStreamClient } from './pageClient';

const KEY = Symbol.for('quoteline.streamClient');

describe('getEmbedStreamClient', () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[KEY];
  });

  it('is the page-global stream: every bundle asking for it (script tag, React package) gets the same one', () => {
    const first = getEmbedStreamClient({ base: 'https://quoteline.example', key: 'pk_a' });
    expect(getEmbedStreamClient({ base: 'https://quoteline.example', key: 'pk_a' })).toBe(first);
    expect(getPageStreamClient()).toBe(first);
  });
});
