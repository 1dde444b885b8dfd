import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiJson } from '@quoteline/client';
import type { z } from 'zod';

/** A feed as `GET /api/admin/feeds` lists it. */
export type Feed = {
  slug: string;
  name: string;
  source: 'simulator' | 'push' | 'replay';
  status: 'running' | 'paused';
  tickIntervalMs: number;
  volatility: number;
  drift: number;
  spreadBps: number;
  seed: number;
  /** a replay feed's stored file, null until one is uploaded */
  replay: { speed: number; loop: boolean } | null;
  instruments: { symbol: string; name: string; price: number }[];
};

/** react-query keys of the console; everything under `admin` is refetched after a change. */
export const adminKeys = {
  feeds: ['admin', 'feeds'],
  embedKeys: ['admin', 'embed-keys'],
  audit: ['admin', 'audit'],
} as const;

/** The feeds as the console shows them (one query, shared by every part that lists them). */
export const useFeeds = () =>
  useQuery({
    queryKey: adminKeys.feeds,
    queryFn: () => apiJson<{ feeds: Feed[] }>('/api/admin/feeds'),
    // Another admin may have changed a feed while this tab was in the background.
    refetchOnWindowFocus: true,
  });

/** A JSON request of the given method. */
export const json = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** Validation issues (zod's or the API's) as one message per field, the first one, keyed by the field's name; `form` when none is named. */
export function byField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

/** The API's issues of a failed call, by field. */
export const issuesOf = (e: unknown) => (e instanceof ApiError ? byField(e.issues) : {});

/** What a failed call shows on a form: its message under the form, the API's issues next to their fields. */
export const errorsOf = (e: Error): Record<string, string> => ({ form: e.message, ...issuesOf(e) });

/**
 * Form values checked with the API's own schema before sending: the body to
 * send, or null; either way `setErrors` shows what is wrong, by field (or nothing).
 */
export function validated<T>(
  schema: z.ZodType<T>,
  values: unknown,
  setErrors: (errors: Record<string, string>) => void,
): T | null {
  const parsed = schema.safeParse(values);
  setErrors(parsed.success ? {} : byField(parsed.error.issues));
  return parsed.success ? parsed.data : null;
}

/** A number typed into a text field: NaN when empty or not a number, so the schema says "enter a number". */
export const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** Refetches everything the console shows (feeds, keys, audit) after a change. */
export function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['admin'] });
}
