import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matMul, sandwich, transpose } from './denseMatrix.js';
import { unscentedTransform } from './unscented.js';

describe('unscentedTransform', () => {
  it('gives the exact Gaussian moments of an affine map y = A x + b', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(0.5, 1, 1e-3),
        (n, m, seed, alpha) => {
          let s = seed + 1;
          const rand = (): number => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            return s / 4294967296 - 0.5;
          };
          const mu = Array.from({ length: n }, () => 10 * rand());
          // P = B Bᵀ + I is positive definite
          const B = Float64Array.from({ length: n * n }, rand);
          const P = matMul(B, transpose(B, n, n), n, n, n);
          for (let i = 0; i < n; i++) P[i * n + i] += 1;
          const A = Float64Array.from({ length: m * n }, rand);
          const b = Array.from({ length: m }, rand);
          const res = unscentedTransform(
            mu,
            P,
            (x) => {
              const y = new Float64Array(m);
              for (let i = 0; i < m; i++) {
                y[i] = b[i];
                for (let j = 0; j < n; j++) y[i] += A[i * n + j] * x[j];
              }
              return y;
            },
            { alpha, kappa: Math.max(3 - n, 0) },
          );
          const wantMean = Array.from(
            { length: m },
            (_, i) => b[i] + mu.reduce((acc, v, j) => acc + A[i * n + j] * v, 0),
          );
          const wantCov = sandwich(A, P, m, n);
          const wantCross = matMul(P, transpose(A, m, n), n, n, m);
          const tol = alpha < 0.01 ? 1e-4 : 1e-9;
          const close = (got: Float64Array, want: ArrayLike<number>): void => {
            for (let i = 0; i < got.length; i++) {
              expect(Math.abs(got[i] - want[i])).toBeLessThan(tol * (1 + Math.abs(want[i])));
            }
          };
          close(res.mean, wantMean);
          close(res.cov, wantCov);
          close(res.crossCov, wantCross);
          expect(res.sigmaPoints).toHaveLength(2 * n + 1);
          expect(res.weightsMean.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('matches E[x²] and Var[x²] of a scalar Gaussian exactly with n + κ = 3 (Julier & Uhlmann)', () => {
    // x ~ N(μ, σ²): E[x²] = μ² + σ², Var[x²] = 4μ²σ² + 2σ⁴
    const mu = 1.7;
    const sigma = 0.6;
    const res = unscentedTransform([mu], [[sigma * sigma]], (x) => [x[0] * x[0]], {
      alpha: 1,
      beta: 0,
      kappa: 2,
    });
    expect(res.mean[0]).toBeCloseTo(mu * mu + sigma * sigma, 12);
    expect(res.cov[0]).toBeCloseTo(4 * mu * mu * sigma * sigma + 2 * sigma ** 4, 12);
  });

  it('rejects a covariance that is not positive definite', () => {
    expect(() =>
      unscentedTransform(
        [0, 0],
        [
          [1, 2],
          [2, 1],
        ],
        (x) => x,
      ),
    ).toThrow(RangeError);
  });
});
