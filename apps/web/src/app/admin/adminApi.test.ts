import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@quoteline/client';
import { byField, errorsOf, issuesOf, numberOf, validated } from './adminApi';

describe('admin form helpers', () => {
  it('keeps the first message per field; issues without a path go to the form', () => {
    expect(
      byField([
        { path: ['slug'], message: 'first' },
        { path: ['slug'], message: 'second' },
        { path: [], message: 'whole form' },
      ]),
    ).toEqual({ slug: 'first', form: 'whole form' });
    expect(
      issuesOf(
        new ApiError(400, 'invalid_body', 'The feed is not valid.', [{ path: ['name'], message: 'enter a name' }]),
      ),
    ).toEqual({ name: 'enter a name' });
    expect(issuesOf(new Error('boom'))).toEqual({});
  });

  it('reads typed numbers, NaN for empty or junk so the schema says "enter a number"', () => {
    expect(numberOf(' 0.4 ')).toBe(0.4);
    expect(numberOf('')).toBeNaN();
    expect(numberOf('lots')).toBeNaN();
  });

  it('shows a failed call as its message for the form and its issues by field', () => {
    expect(
      errorsOf(
        new ApiError(400, 'invalid_body', 'The feed is not valid.', [{ path: ['name'], message: 'enter a name' }]),
      ),
    ).toEqual({ form: 'The feed is not valid.', name: 'enter a name' });
    expect(errorsOf(new Error('offline'))).toEqual({ form: 'offline' });
  });

  it('validates with a schema: the data and no errors, or null and the errors by field', () => {
    const schema = z.object({ name: z.string().min(1, 'enter a name') });
    const shown: Record<string, string>[] = [];
    expect(validated(schema, { name: '' }, (errors) => shown.push(errors))).toBeNull();
    expect(validated(schema, { name: 'Demo' }, (errors) => shown.push(errors))).toEqual({ name: 'Demo' });
    expect(shown).toEqual([{ name: 'enter a name' }, {}]);
  });
});
