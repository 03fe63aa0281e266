import { describe, expect, it } from 'vitest';
import { createRng } from '../../math/rng.js';
import { unscentedTransform } from '../filters/unscented.js';
import { createUnscentedWork, unscentedTransformAt } from './unscentedKernel.js';

/** A random SPD n×n matrix A Aᵀ + n I. */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = createRng(seed).fork('spd');
  const a = Array.from({ length: n * n }, () => rng.normal());
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
      p[i * n + j] = s;
    }
  return p;
}

describe('allocation-free unscented transform', () => {
  it('matches filters/unscented.ts bit for bit on a nonlinear map, reading the prior at an offset', () => {
    for (const n of [4, 5, 6]) {
      const m = 2;
      const fn = (x: ArrayLike<number>, off = 0): [number, number] => [
        Math.hypot(x[off], x[off + 2]),
        Math.atan2(x[off], x[off + 2]) + 0.1 * x[off + 1] * x[off + 3],
      ];
      const mu = Float64Array.from({ length: n }, (_, i) => 10 + 3 * i);
      const P = randomSpd(n, n);
      const ref = unscentedTransform(mu, P, (x) => fn(x));
      const work = createUnscentedWork(n, m);
      // the prior sits in a larger store at offsets 3 and 7
      const xs = new Float64Array(3 + n);
      xs.set(mu, 3);
      const Ps = new Float64Array(7 + n * n);
      Ps.set(P, 7);
      // run twice: stale buffers must not leak into the second result
      for (let rep = 0; rep < 2; rep++) {
        unscentedTransformAt(work, xs, 3, Ps, 7, (out, sigma, off) => out.set(fn(sigma, off)));
        expect(Array.from(work.mean)).toEqual(Array.from(ref.mean));
        expect(Array.from(work.cov)).toEqual(Array.from(ref.cov));
        expect(Array.from(work.crossCov)).toEqual(Array.from(ref.crossCov));
      }
    }
  });

  it('throws on a covariance that is not positive definite, like the reference', () => {
    const work = createUnscentedWork(2, 2);
    const P = Float64Array.of(1, 2, 2, 1);
    expect(() =>
      unscentedTransformAt(work, Float64Array.of(0, 0), 0, P, 0, (o, s, f) => o.set(s.subarray(f, f + 2))),
    ).toThrow(RangeError);
  });
});
