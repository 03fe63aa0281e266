import { describe, expect, it } from 'vitest';
import { FilterStateStore } from './filterState.js';
import { stateLayout } from './models/layout.js';
import { positionMeasurementModel, rangeAzimuthMeasurementModel } from './models/measurement.js';
import {
  constantAccelerationModel,
  constantVelocityModel,
  coordinatedTurnEstimatedModel,
  coordinatedTurnModel,
} from './models/transition.js';
import { kalmanPredictor } from './predictor/kalmanPredictor.js';
import { unscentedPredictor } from './predictor/unscentedPredictor.js';
import { kalmanUpdater } from './updater/kalmanUpdater.js';
import { unscentedUpdater } from './updater/unscentedUpdater.js';

const layout2 = stateLayout(2, 2, false);

function storeWith(x: number[], pDiag: number[]): FilterStateStore {
  const s = new FilterStateStore(x.length, 1, 1);
  s.x.set(x);
  pDiag.forEach((v, i) => {
    s.P[i * x.length + i] = v;
  });
  s.P[1] = s.P[x.length] = 3; // some x–vx correlation
  s.mu[0] = 1;
  return s;
}

describe('UKF and EKF on the linear NCV / position model', () => {
  it('unscented predict + update equals the Kalman predict + update to rounding', () => {
    const motion = constantVelocityModel(layout2, 2);
    const meas = positionMeasurementModel(layout2, 15);
    const a = storeWith([100, 10, -50, 5], [400, 50, 300, 80]);
    const b = storeWith([100, 10, -50, 5], [400, 50, 300, 80]);
    const z = Float64Array.of(125, -40);
    kalmanPredictor(motion).predict(a, 0, 1.5);
    kalmanUpdater(meas).update(a, 0, z, Int32Array.of(0), 1, null);
    unscentedPredictor(motion).predict(b, 0, 1.5);
    unscentedUpdater(meas).update(b, 0, z, Int32Array.of(0), 1, null);
    for (let i = 0; i < 4; i++) expect(b.x[i]).toBeCloseTo(a.x[i], 9);
    for (let i = 0; i < 16; i++) expect(b.P[i]).toBeCloseTo(a.P[i], 7);
  });

  it('EKF update with a range/azimuth radar matches the hand-computed case', () => {
    // target due north at 1000 m, σ_pos = 10 m; radar σ_r = 5 m, σ_az = 0.01 rad; z = (1010 m, 0.01 rad)
    // H = [[0,0,1,0],[1e-3,0,0,0]], S = diag(125, 2e-4), K_y,r = 0.8, K_x,az = 500 ⇒ x⁺ = (5, 1008), P_xx 50, P_yy 20
    const meas = rangeAzimuthMeasurementModel(layout2, [0, 0], 5, 0.01);
    const s = new FilterStateStore(4, 1, 1);
    s.x.set([0, 0, 1000, 0]);
    s.P.set([100, 0, 0, 0, 0, 1, 0, 0, 0, 0, 100, 0, 0, 0, 0, 1]);
    s.mu[0] = 1;
    kalmanUpdater(meas).update(s, 0, Float64Array.of(1010, 0.01), Int32Array.of(0), 1, null);
    expect(s.x[0]).toBeCloseTo(5, 9);
    expect(s.x[2]).toBeCloseTo(1008, 9);
    expect(s.P[0]).toBeCloseTo(50, 9);
    expect(s.P[10]).toBeCloseTo(20, 9);
    // the UKF on the same case agrees to a fraction of a metre (the model is nearly linear over 10 m)
    const u = new FilterStateStore(4, 1, 1);
    u.x.set([0, 0, 1000, 0]);
    u.P.set(s.P.fill(0));
    u.P.set([100, 0, 0, 0, 0, 1, 0, 0, 0, 0, 100, 0, 0, 0, 0, 1]);
    u.mu[0] = 1;
    unscentedUpdater(meas).update(u, 0, Float64Array.of(1010, 0.01), Int32Array.of(0), 1, null);
    expect(Math.abs(u.x[0] - 5)).toBeLessThan(0.2);
    expect(Math.abs(u.x[2] - 1008)).toBeLessThan(0.2);
  });

  it('range/azimuth residual wraps the azimuth across ±π', () => {
    const meas = rangeAzimuthMeasurementModel(layout2, [0, 0], 5, 0.01);
    const out = new Float64Array(2);
    meas.residual(out, 0, Float64Array.of(100, Math.PI - 0.01), 0, Float64Array.of(100, -Math.PI + 0.01));
    expect(out[1]).toBeCloseTo(-0.02, 12);
  });
});

describe('transition models', () => {
  it('estimated-rate turn Jacobian matches central differences, and the known-rate turn matches it at that ω', () => {
    const layout = stateLayout(2, 2, true);
    const ct = coordinatedTurnEstimatedModel(layout, 1, 1e-4);
    const x = Float64Array.of(10, 120, -30, 40, 0.06);
    const J = new Float64Array(25);
    ct.jacobian(J, x, 0, 2);
    const plus = new Float64Array(5);
    const minus = new Float64Array(5);
    for (let c = 0; c < 5; c++) {
      const h = 1e-6 * Math.max(1, Math.abs(x[c]));
      const xp = Float64Array.from(x);
      const xm = Float64Array.from(x);
      xp[c] += h;
      xm[c] -= h;
      ct.apply(plus, xp, 0, 2);
      ct.apply(minus, xm, 0, 2);
      for (let r = 0; r < 5; r++) expect(J[r * 5 + c]).toBeCloseTo((plus[r] - minus[r]) / (2 * h), 4);
    }
    const known = coordinatedTurnModel(layout, 1, 0.06);
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    known.apply(a, x, 0, 2);
    ct.apply(b, x, 0, 2);
    for (let i = 0; i < 4; i++) expect(a[i]).toBeCloseTo(b[i], 9);
  });

  it('constant acceleration integrates a constant acceleration exactly', () => {
    const layout = stateLayout(2, 3, false);
    const ca = constantAccelerationModel(layout, 1);
    const out = new Float64Array(6);
    ca.apply(out, Float64Array.of(0, 10, 2, 5, 0, -1), 0, 3);
    expect(Array.from(out)).toEqual([0 + 30 + 9, 16, 2, 5 + 0 - 4.5, -3, -1]);
  });
});
