import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDopri5Workspace,
  createRk4Workspace,
  type DerivativeFn,
  dopri5NextStep,
  dopri5Step,
  eulerStep,
  rk4Step,
} from './integrate.js';

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

/** Adaptive Dormand–Prince integration of `deriv` from 0 to `tEnd_s` at absolute tolerance `tol`; state and steps. */
function integrateAdaptive(deriv: DerivativeFn, y0: number[], tEnd_s: number, tol: number) {
  const y = Float64Array.from(y0);
  const work = createDopri5Workspace(y.length);
  const tolerance = new Float64Array(y.length).fill(tol);
  let t = 0;
  let h = 0.01;
  let accepted = 0;
  deriv(t, y, work.k1);
  while (t < tEnd_s) {
    const step = Math.min(h, tEnd_s - t);
    const err = dopri5Step(deriv, t, y, step, work, tolerance);
    h = dopri5NextStep(step, err);
    if (err <= 1) {
      y.set(work.yNew);
      work.k1.set(work.k7);
      t += step;
      accepted++;
    }
  }
  return { y, accepted };
}

describe('dopri5Step', () => {
  it('is fifth order: halving the step divides the error of one step by about 2⁶ = 64 (local error O(h⁶))', () => {
    const decay: DerivativeFn = (_t, s, d) => (d[0] = -s[0]);
    const oneStep = (h: number): number => {
      const work = createDopri5Workspace(1);
      const y = Float64Array.of(1);
      decay(0, y, work.k1);
      dopri5Step(decay, 0, y, h, work, Float64Array.of(1));
      return Math.abs(work.yNew[0] - Math.exp(-h));
    };
    expect(oneStep(0.4) / oneStep(0.2)).toBeGreaterThan(40);
  });

  it('meets its tolerance on the harmonic oscillator over five periods in a bounded number of steps', () => {
    const tEnd = 5 * Math.PI; // five periods at ω = 2
    for (const tol of [1e-6, 1e-9]) {
      const { y, accepted } = integrateAdaptive(oscillator, [1, 0], tEnd, tol);
      expect(Math.abs(y[0] - Math.cos(OMEGA * tEnd))).toBeLessThan(1000 * tol);
      expect(accepted).toBeLessThan(tol === 1e-6 ? 200 : 800);
    }
  });

  it("estimates the error it makes: the fourth-order estimate bounds the fifth-order step's true error", () => {
    const decay: DerivativeFn = (_t, s, d) => (d[0] = -3 * s[0]);
    for (const h of [0.05, 0.1, 0.2]) {
      const work = createDopri5Workspace(1);
      const y = Float64Array.of(1);
      decay(0, y, work.k1);
      const est = dopri5Step(decay, 0, y, h, work, Float64Array.of(1));
      const truth = Math.abs(work.yNew[0] - Math.exp(-3 * h));
      expect(est).toBeGreaterThan(truth);
      expect(est).toBeLessThan(1e4 * truth + 1e-15);
    }
  });

  it('grows a step well inside the tolerance (at most 5×), shrinks a rejected one (at least to 0.2×)', () => {
    expect(dopri5NextStep(1, 0)).toBe(5);
    expect(dopri5NextStep(1, 1e-3)).toBeCloseTo(0.9 * 1e-3 ** -0.2, 12);
    expect(dopri5NextStep(1, 1e9)).toBe(0.2);
    expect(() =>
      dopri5Step(oscillator, 0, new Float64Array(2), 0.1, createDopri5Workspace(3), new Float64Array(2)),
    ).toThrow(RangeError);
  });
});
