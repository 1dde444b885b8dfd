import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** A seedable random source, so a feed with the same seed replays the same prices. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (mean 0, variance 1). */
  gaussian(): number;
}

/** Creates a deterministic random source from an integer seed (pure-rand's xoroshiro128+). */
export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed | 0);
  let spare: number | null = null;
  const next = () => uniformFloat64(rng);
  return {
    next,
    gaussian() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // Box–Muller: two uniforms give two independent normals; keep the second.
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}
