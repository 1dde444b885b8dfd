'use client';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { apiJson } from '@quoteline/client';
import { candlesResponseSchema, type CandleInterval, type CandlesResponse } from '@quoteline/protocol';

/** The URL of an instrument's candles. */
export function candlesUrl(symbol: string, interval: CandleInterval): string {
  return `/api/instruments/${encodeURIComponent(symbol)}/candles?interval=${interval}`;
}

/** An instrument's candle history from the server, validated; live ticks extend it on the chart. */
export function useCandles(symbol: string, interval: CandleInterval): UseQueryResult<CandlesResponse> {
  return useQuery({
    queryKey: ['quoteline', 'candles', symbol, interval],
    queryFn: async () => candlesResponseSchema.parse(await apiJson<unknown>(candlesUrl(symbol, interval))),
    // History only matters when the chart mounts; live ticks keep it current afterwards.
    staleTime: Infinity,
    gcTime: 60_000,
  });
}
