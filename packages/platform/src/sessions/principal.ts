/** Who is asking: a signed-in session, or null for anonymous readers of public market data. */
export type Principal = {
  userId: string;
  email: string;
  accountId: string;
  role: 'trader' | 'admin';
  sessionId: string;
} | null;
