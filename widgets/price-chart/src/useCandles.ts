'use client';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiJson } from '@quoteline/client';
import { useApiUrl } from '@quoteline/client/react';
import type { CandlesResponse } from '@quoteline/protocol';
import { CANDLE_INTERVALS, type CandleInterval } from '@quoteline/protocol/patterns';

const price = z.number().check(z.nonnegative());
/** The candles answer as the chart needs it (zod/mini: this widget is embedded on other sites). */
const candlesAnswer = z.object({
  symbol: z.string(),
  interval: z.enum(CANDLE_INTERVALS),
  decimals: z.number().check(z.int(), z.minimum(0), z.maximum(8)),
  candles: z.array(z.object({ time: z.number().check(z.int()), open: price, high: price, low: price, close: price })),
});

/** The path of an instrument's candles. */
export function candlesPath(symbol: string, interval: CandleInterval): string {
  return `/api/instruments/${encodeURIComponent(symbol)}/candles?interval=${interval}`;
}

/** An instrument's candle history from the server, validated; live ticks extend it on the chart. */
export function useCandles(symbol: string, interval: CandleInterval): UseQueryResult<CandlesResponse> {
  const url = useApiUrl(candlesPath(symbol, interval));
  return useQuery({
    queryKey: ['quoteline', 'candles', symbol, interval],
    queryFn: async () => candlesAnswer.parse(await apiJson<unknown>(url)) as CandlesResponse,
    // History only matters when the chart mounts; live ticks keep it current afterwards.
    staleTime: Infinity,
    gcTime: 60_000,
  });
}
