import type { ErrorBody, OrderRequest, OrderView } from '@quoteline/protocol';

/** A failed API call, with the server's machine-readable code and its message for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: (string | number)[]; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Calls a JSON endpoint of our own origin with the session cookie; throws ApiError on an error answer. */
export async function apiJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      headers: { Accept: 'application/json', ...init.headers },
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach Quoteline; check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!response.ok) {
    const error = body?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}.`,
      error?.issues ?? [],
    );
  }
  return body as T;
}

/** Places an order; `idempotencyKey` stays the same across retries of one submission. */
export function placeOrder(order: OrderRequest, idempotencyKey: string): Promise<OrderView> {
  return apiJson<OrderView>('/api/orders', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(order),
  });
}

/** Cancels a resting order. */
export function cancelOrder(id: string): Promise<OrderView> {
  return apiJson<OrderView>(`/api/orders/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
