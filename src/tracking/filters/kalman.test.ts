import { describe, expect, it } from 'vitest';
import { kalmanFilter, rtsSmoother } from './kalman.js';

const LOG_2PI = Math.log(2 * Math.PI);

describe('kalmanFilter', () => {
  // scalar random walk F = H = Q = R = 1, prior N(0, 1), z = [1, 2], worked by hand:
  // step 0: S = 2, K = 1/2, x = 0.5, P = 0.5, NIS = 1/2
  // step 1: x⁻ = 0.5, P⁻ = 1.5, S = 2.5, K = 0.6, x = 0.5 + 0.6·1.5 = 1.4, P = 0.6, NIS = 1.5²/2.5 = 0.9
  const walk = { F: [[1]], Q: [[1]], H: [[1]], R: [[1]], x0: [0], P0: [[1]] };

  it('reproduces a scalar random walk worked by hand', () => {
    const res = kalmanFilter(walk, [[1], [2]]);
    const [s0, s1] = res.steps;
    expect(s0.predicted.x[0]).toBe(0);
    expect(s0.K![0]).toBeCloseTo(0.5, 15);
    expect(s0.filtered.x[0]).toBeCloseTo(0.5, 15);
    expect(s0.filtered.P[0]).toBeCloseTo(0.5, 15);
    expect(s0.nis).toBeCloseTo(0.5, 15);
    expect(s1.predicted.P[0]).toBeCloseTo(1.5, 15);
    expect(s1.S![0]).toBeCloseTo(2.5, 15);
    expect(s1.K![0]).toBeCloseTo(0.6, 15);
    expect(s1.filtered.x[0]).toBeCloseTo(1.4, 14);
    expect(s1.filtered.P[0]).toBeCloseTo(0.6, 14);
    expect(s1.nis).toBeCloseTo(0.9, 14);
    const ll = -0.5 * (LOG_2PI + Math.log(2) + 0.5) - 0.5 * (LOG_2PI + Math.log(2.5) + 0.9);
    expect(res.logLikelihood).toBeCloseTo(ll, 13);
  });

  it('RTS smoother matches the hand-worked two-step random walk', () => {
    // C_0 = P_0|0 / P_1|0 = 1/3; x_0|1 = 0.5 + (1.4 − 0.5)/3 = 0.8; P_0|1 = 0.5 + (0.6 − 1.5)/9 = 0.4
    const res = kalmanFilter(walk, [[1], [2]]);
    const sm = rtsSmoother(res, walk);
    expect(sm[1].x[0]).toBeCloseTo(1.4, 14);
    expect(sm[0].x[0]).toBeCloseTo(0.8, 14);
    expect(sm[0].P[0]).toBeCloseTo(0.4, 14);
  });

  it('treats a null measurement as predict-only', () => {
    const res = kalmanFilter(walk, [[1], null, [2]]);
    expect(res.steps[1].filtered.x[0]).toBe(res.steps[0].filtered.x[0]);
    expect(res.steps[1].filtered.P[0]).toBeCloseTo(1.5, 15);
    expect(res.steps[1].K).toBeNull();
    expect(Number.isNaN(res.steps[1].nis)).toBe(true);
    expect(res.steps[2].predicted.P[0]).toBeCloseTo(2.5, 15);
  });

  it('steady-state NCV gain equals the α-β gains of Kalata’s tracking index', () => {
    // DWNA model (Bar-Shalom et al. 2001 §6.3.3, §6.5.3): λ = σ_a T² / σ_v,
    // α = −(λ² + 8λ − (λ + 4)√(λ² + 8λ))/8, β = (λ² + 4λ − λ√(λ² + 8λ))/4, K = [α, β/T]
    for (const [T, sigmaA, sigmaV] of [
      [1, 2, 20],
      [0.5, 10, 5],
      [2, 1, 50],
    ]) {
      const q = sigmaA * sigmaA;
      const model = {
        F: Float64Array.of(1, T, 0, 1),
        Q: Float64Array.of((q * T ** 4) / 4, (q * T ** 3) / 2, (q * T ** 3) / 2, q * T * T),
        H: Float64Array.of(1, 0),
        R: Float64Array.of(sigmaV * sigmaV),
        x0: [0, 0],
        P0: Float64Array.of(1e6, 0, 0, 1e4),
      };
      const zs = Array.from({ length: 400 }, () => [0]);
      const res = kalmanFilter(model, zs);
      const K = res.steps[res.steps.length - 1].K!;
      const lambda = (sigmaA * T * T) / sigmaV;
      const root = Math.sqrt(lambda * lambda + 8 * lambda);
      const alpha = -(lambda * lambda + 8 * lambda - (lambda + 4) * root) / 8;
      const beta = (lambda * lambda + 4 * lambda - lambda * root) / 4;
      expect(K[0]).toBeCloseTo(alpha, 9);
      expect(K[1]).toBeCloseTo(beta / T, 9);
    }
  });

  it('smoothed covariance is never larger than the filtered one (2-D NCV)', () => {
    const model = {
      F: [
        [1, 1],
        [0, 1],
      ],
      Q: [
        [1 / 3, 1 / 2],
        [1 / 2, 1],
      ],
      H: [[1, 0]],
      R: [[4]],
      x0: [0, 1],
      P0: [
        [10, 0],
        [0, 10],
      ],
    };
    const zs = [[0.5], [2.2], null, [3.1], [5.0], [5.8]];
    const res = kalmanFilter(model, zs);
    const sm = rtsSmoother(res, model);
    for (let k = 0; k < zs.length; k++) {
      expect(sm[k].P[0]).toBeLessThanOrEqual(res.steps[k].filtered.P[0] + 1e-12);
      expect(sm[k].P[3]).toBeLessThanOrEqual(res.steps[k].filtered.P[3] + 1e-12);
    }
  });
});
