/** A signed-in test client: its cookie, and helpers that send it with our own Origin. */
export interface TestSession {
  cookie: string;
  accountId: string;
  /** fetch with the session cookie and a same-origin Origin header */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** a JSON request with the session; no body when `body` is undefined */
  send(method: string, path: string, body?: unknown): Promise<Response>;
  order(body: unknown, key?: string): Promise<Response>;
}

/** Signs in over HTTP and returns a client carrying the session cookie. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<TestSession> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { user } = (await response.json()) as { user: { accountId: string } };
  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { Origin: baseUrl, cookie, ...(init.headers as Record<string, string>) },
    });
  return {
    cookie,
    accountId: user.accountId,
    fetch: send,
    send: (method, path, body) =>
      send(path, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    order: (body, key = crypto.randomUUID()) =>
      send('/api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      }),
  };
}
