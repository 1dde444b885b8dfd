import type { Random } from './random';

/** Parameters of a simulated feed, as configured per feed in the database. */
export interface SimulatorParams {
  /** Annualised volatility (0.35 = 35 %). */
  volatility: number;
  /** Annualised drift. */
  drift: number;
  /** Quoted spread in basis points of the price. */
  spreadBps: number;
}

/** A quote in integer minor units; bid < price-ish < ask, all ≥ one tick. */
export interface Quote {
  price: number;
  bid: number;
  ask: number;
}

/**
 * Simulated market time runs 60× wall time (one wall second is one trading
 * minute), so an annualised volatility gives visible moves in a demo.
 */
export const SIMULATION_SPEEDUP = 60;
/** Milliseconds of trading time in a trading year (252 days × 6.5 h). */
const TRADING_YEAR_MS = 252 * 6.5 * 3600 * 1000;

/**
 * One geometric-Brownian-motion step of an unrounded mid price over `dtMs`
 * of wall time: S·exp((μ − σ²/2)·dt + σ·√dt·Z). Always positive.
 */
export function gbmStep(mid: number, params: SimulatorParams, dtMs: number, random: Random): number {
  const dt = (dtMs * SIMULATION_SPEEDUP) / TRADING_YEAR_MS;
  const { volatility: sigma, drift: mu } = params;
  return mid * Math.exp((mu - (sigma * sigma) / 2) * dt + sigma * Math.sqrt(dt) * random.gaussian());
}

/** Rounds a mid price to the tick grid and spreads it into a quote with bid < ask, both ≥ one tick. */
export function quoteFromMid(mid: number, tickSize: number, spreadBps: number): Quote {
  const price = Math.max(tickSize, Math.round(mid / tickSize) * tickSize);
  const spreadTicks = Math.max(1, Math.round((price * spreadBps) / 10_000 / tickSize));
  const bid = Math.max(tickSize, price - Math.floor(spreadTicks / 2) * tickSize);
  return { price, bid, ask: bid + spreadTicks * tickSize };
}
