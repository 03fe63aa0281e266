/**
 * @module math/rng
 * The only source of randomness in aspis. One root seed derives independent, named streams
 * (`root → replication → component`) by hashing the path, so adding a radar never shifts another
 * component's draws and replication i is identical on any worker. Streams are xoroshiro128+ (pure-rand).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { AspisError } from '../errors.js';

/** Largest root seed, 2³² − 1: the generator keys on 32 bits, so a larger seed would silently wrap onto a smaller one. */
export const MAX_SEED = 0xffffffff;

/**
 * Checks a user-given root seed: an integer in 0..2³²−1 (`--seed 4294967297` would otherwise run as `--seed 1`).
 * @param where field or flag named in the error (`--seed`, `seed`)
 * @throws AspisError `E_USAGE` otherwise
 */
export function checkSeed(seed: number, where: string): number {
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED))
    throw new AspisError('E_USAGE', where, `expected an integer seed in 0..${MAX_SEED}, got ${seed}`);
  return seed;
}

/** A seeded random stream; mutable, owned by exactly one component. */
export interface Rng {
  /** Uniform in [0, 1), 53 random bits. */
  uniform(): number;
  /** Uniform in [lo, hi). */
  uniformRange(lo: number, hi: number): number;
  /** Uniform integer in [lo, hi] inclusive. */
  integer(lo: number, hi: number): number;
  /** Standard normal N(0, 1) (Box–Muller, cached pair). */
  normal(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Poisson count with the given mean (Knuth for small means, normal approximation above 500). */
  poisson(mean: number): number;
  /** Bernoulli trial: true with probability p. */
  chance(p: number): boolean;
  /** A child stream named `name`, independent of this one's draws so far. */
  fork(name: string): Rng;
}

/** 32-bit FNV-1a of a string, mixed with a running 32-bit state (used to derive child seeds). */
function hashName(state: number, name: string): number {
  let h = (0x811c9dc5 ^ state) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // splitmix-style finaliser spreads nearby names apart
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

class XoroshiroRng implements Rng {
  private readonly gen: JumpableRandomGenerator;
  private spare = Number.NaN;

  constructor(private readonly seed32: number) {
    this.gen = xoroshiro128plus(seed32 | 0);
  }

  uniform(): number {
    // 53 bits from two 32-bit outputs, exactly as pure-rand's uniformFloat64 does
    const hi = (this.gen.next() >>> 0) & 0x1fffff;
    const lo = this.gen.next() >>> 0;
    return (hi * 4294967296 + lo) / 9007199254740992;
  }

  uniformRange(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  integer(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    // 1 − u keeps the log argument in (0, 1]
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  fork(name: string): Rng {
    return new XoroshiroRng(hashName(this.seed32, name));
  }
}

/**
 * Root stream for a run: `createRng(seed).fork('rep:3').fork('radar:patriot-1')`. Seed: any integer.
 * @example
 * ```ts
 * import { createRng } from 'aspis';
 * const rng = createRng(1);
 * const noise = rng.fork('radar-noise'); // an independent, named stream
 * console.log(rng.uniform(), noise.normal());
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite integer, got ${seed}`);
  return new XoroshiroRng(hashName(Math.trunc(seed) >>> 0, 'aspis'));
}
