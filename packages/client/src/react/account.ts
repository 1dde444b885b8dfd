'use client';
import { useEffect, useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrdersResponse, PortfolioResponse, SessionResponse } from '@quoteline/protocol';
import { mergeAccount, reduceAccountEvents, type AccountView } from '../accountState';
import { apiJson } from '../api';
import { useTopicState } from './hooks';

/** Query keys of the account's REST state. */
export const accountKeys = {
  session: ['quoteline', 'session'] as const,
  orders: (accountId: string) => ['quoteline', 'orders', accountId] as const,
  portfolio: (accountId: string) => ['quoteline', 'portfolio', accountId] as const,
};

/** Who is signed in (null when nobody); undefined while loading. */
export function useSession(): SessionResponse['user'] | undefined {
  const { data } = useQuery({
    queryKey: accountKeys.session,
    queryFn: () => apiJson<SessionResponse>('/api/session'),
    staleTime: 60_000,
  });
  return data?.user;
}

/**
 * The signed-in account, live: REST state from react-query plus the private
 * `account:<id>` events of the page's one stream. Undefined while loading.
 */
export function useAccount(accountId: string): { account: AccountView | undefined; error: Error | null } {
  const queryClient = useQueryClient();
  const orders = useQuery({
    queryKey: accountKeys.orders(accountId),
    queryFn: () => apiJson<OrdersResponse>('/api/orders'),
  });
  const portfolio = useQuery({
    queryKey: accountKeys.portfolio(accountId),
    queryFn: () => apiJson<PortfolioResponse>('/api/portfolio'),
  });
  const events = useTopicState(`account:${accountId}`, reduceAccountEvents);
  const resets = events?.resets ?? 0;
  useEffect(() => {
    // After a reset the stream cannot tell what was missed: ask the database again.
    if (resets > 0)
      void queryClient.invalidateQueries({
        queryKey: ['quoteline'],
        predicate: (q) => q.queryKey[1] === 'orders' || q.queryKey[1] === 'portfolio',
      });
  }, [resets, queryClient]);
  const account = useMemo(
    () => (orders.data && portfolio.data ? mergeAccount(orders.data, portfolio.data, events?.events ?? []) : undefined),
    [orders.data, portfolio.data, events],
  );
  return { account, error: orders.error ?? portfolio.error };
}
