import { describe, expect, it } from 'vitest';
import { ApiError } from '@quoteline/client';
import { byField, issuesOf, numberOf } from './adminApi';

describe('admin form helpers', () => {
  it('keeps the first message per field; issues without a path go to the form', () => {
    expect(byField([
      { path: ['slug'], message: 'first' },
      { path: ['slug'], message: 'second' },
      { path: [], message: 'whole form' },
    ])).toEqual({ slug: 'first', form: 'whole form' });
    expect(issuesOf(new ApiError(400, 'invalid_body', 'The feed is not valid.', [{ path: ['name'], message: 'enter a name' }]))).toEqual({ name: 'enter a name' });
    expect(issuesOf(new Error('boom'))).toEqual({});
  });

  it('reads typed numbers, NaN for empty or junk so the schema says "enter a number"', () => {
    expect(numberOf(' 0.4 ')).toBe(0.4);
    expect(numberOf('')).toBeNaN();
    expect(numberOf('lots')).toBeNaN();
  });
});
