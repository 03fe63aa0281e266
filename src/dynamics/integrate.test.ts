import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRk4Workspace, type DerivativeFn, eulerStep, rk4Step } from './integrate.js';

/** Integrates from 0 to t_end with n equal steps of the chosen method; returns the final state. */
function integrate(
  method: 'rk4' | 'euler',
  deriv: DerivativeFn,
  y0: number[],
  tEnd_s: number,
  steps: number,
) {
  const y = Float64Array.from(y0);
  const work = createRk4Workspace(y.length);
  const scratch = new Float64Array(y.length);
  const h = tEnd_s / steps;
  for (let i = 0; i < steps; i++) {
    if (method === 'rk4') rk4Step(deriv, i * h, y, h, work);
    else eulerStep(deriv, i * h, y, h, scratch);
  }
  return y;
}

/** Harmonic oscillator x'' = −ω² x as [x, v]; exact solution x = cos ωt for x(0) = 1, v(0) = 0. */
const OMEGA = 2;
const oscillator: DerivativeFn = (_t, y, dydt) => {
  dydt[0] = y[1];
  dydt[1] = -OMEGA * OMEGA * y[0];
};

function oscillatorError(method: 'rk4' | 'euler', steps: number): number {
  const tEnd = 3;
  const y = integrate(method, oscillator, [1, 0], tEnd, steps);
  return Math.hypot(y[0] - Math.cos(OMEGA * tEnd), y[1] + OMEGA * Math.sin(OMEGA * tEnd));
}

describe('rk4Step', () => {
  it('integrates exponential decay y′ = −y to e^{−1} with error below 1e-7 at h = 0.05', () => {
    const y = integrate('rk4', (_t, s, d) => (d[0] = -s[0]), [1], 1, 20);
    expect(Math.abs(y[0] - Math.exp(-1))).toBeLessThan(1e-7);
  });

  it('integrates a time-dependent right-hand side y′ = t² exactly (RK4 is exact for cubics)', () => {
    const y = integrate('rk4', (t, _s, d) => (d[0] = t * t), [0], 2, 3);
    expect(y[0]).toBeCloseTo(8 / 3, 13);
  });

  it('shows fourth-order convergence on the harmonic oscillator: error ratio ≈ 16 per halving', () => {
    const ratios = [50, 100, 200].map((n) => oscillatorError('rk4', n) / oscillatorError('rk4', 2 * n));
    for (const ratio of ratios) {
      expect(ratio).toBeGreaterThan(14);
      expect(ratio).toBeLessThan(18);
    }
  });

  it('beats forward Euler, which converges at first order (ratio ≈ 2)', () => {
    expect(oscillatorError('rk4', 100)).toBeLessThan(oscillatorError('euler', 100) / 1e4);
    const eulerRatio = oscillatorError('euler', 4000) / oscillatorError('euler', 8000);
    expect(eulerRatio).toBeGreaterThan(1.8);
    expect(eulerRatio).toBeLessThan(2.2);
  });

  it('has error below Euler for any decay rate and step (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.integer({ min: 5, max: 200 }),
        (rate, steps) => {
          const exact = Math.exp(-rate);
          const decay: DerivativeFn = (_t, s, d) => (d[0] = -rate * s[0]);
          const rk4 = Math.abs(integrate('rk4', decay, [1], 1, steps)[0] - exact);
          const euler = Math.abs(integrate('euler', decay, [1], 1, steps)[0] - exact);
          expect(rk4).toBeLessThan(euler);
        },
      ),
    );
  });

  it('returns the state array and rejects a workspace of the wrong size', () => {
    const y = new Float64Array([1]);
    expect(rk4Step((_t, s, d) => (d[0] = s[0]), 0, y, 0.1, createRk4Workspace(1))).toBe(y);
    expect(() => rk4Step(oscillator, 0, new Float64Array(2), 0.1, createRk4Workspace(3))).toThrow(RangeError);
    expect(() => createRk4Workspace(-1)).toThrow(RangeError);
  });
});
