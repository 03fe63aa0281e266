import { describe, expect, it } from 'vitest';
import { createRng } from '../../math/rng.js';
import { coordinatedTurnTransition, type ImmState, immStep, ncvProcessNoise, ncvTransition } from './imm.js';
import { kalmanFilter } from './kalman.js';

const H = Float64Array.of(1, 0, 0, 0, 0, 0, 1, 0);
const R = Float64Array.of(100, 0, 0, 100);

function initial(r: number): ImmState {
  const P = new Float64Array(16);
  P[0] = 100;
  P[5] = 1e4;
  P[10] = 100;
  P[15] = 1e4;
  return {
    estimates: Array.from({ length: r }, () => ({ x: Float64Array.of(0, 0, 0, 0), P: Float64Array.from(P) })),
    modeProbabilities: new Float64Array(r).fill(1 / r),
  };
}

describe('IMM', () => {
  it('with two identical modes equals the Kalman filter', () => {
    const F = ncvTransition(2, 1);
    const Q = ncvProcessNoise(2, 1, 1);
    const rng = createRng(1).fork('z');
    const zs = Array.from({ length: 20 }, (_, k) => [
      30 * k + 10 * rng.normal(),
      -20 * k + 10 * rng.normal(),
    ]);
    // the KF convention has x0 as the prior at step 0; feed the IMM the same prior through a zero-noise identity step
    const kf = kalmanFilter({ F, Q, H, R, x0: [0, 0, 0, 0], P0: initial(1).estimates[0].P }, zs);
    const modes = [
      { F, Q },
      { F, Q },
    ];
    const trans = Float64Array.of(0.9, 0.1, 0.2, 0.8);
    let state = initial(2);
    const identity = { F: ncvTransition(2, 0), Q: new Float64Array(16) };
    for (let k = 0; k < zs.length; k++) {
      const ms = k === 0 ? [identity, identity] : modes;
      const res = immStep(state, ms, trans, H, R, Float64Array.from(zs[k]));
      state = res.state;
      const want = kf.steps[k].filtered;
      for (let i = 0; i < 4; i++) expect(res.combined.x[i]).toBeCloseTo(want.x[i], 8);
      for (let i = 0; i < 16; i++) expect(res.combined.P[i]).toBeCloseTo(want.P[i], 6);
      expect(res.state.modeProbabilities[0] + res.state.modeProbabilities[1]).toBeCloseTo(1, 12);
    }
  });

  it('switches to the coordinated-turn mode during a turn and back afterwards', () => {
    const omega = 0.1; // rad/s, about 6 °/s
    const modes = [
      { F: ncvTransition(2, 1), Q: ncvProcessNoise(2, 1, 0.5) },
      { F: coordinatedTurnTransition(omega, 1), Q: ncvProcessNoise(2, 1, 0.5) },
    ];
    const trans = Float64Array.of(0.95, 0.05, 0.05, 0.95);
    const rng = createRng(2).fork('z');
    // truth: 30 s straight, 30 s turn at ω, 30 s straight; 200 m/s
    let x = Float64Array.of(0, 200, 0, 0);
    let state = initial(2);
    const turnProb: number[] = [];
    for (let k = 0; k < 90; k++) {
      if (k > 0) {
        const F = k > 30 && k <= 60 ? coordinatedTurnTransition(omega, 1) : ncvTransition(2, 1);
        const nx = new Float64Array(4);
        for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) nx[r] += F[r * 4 + c] * x[c];
        x = nx;
      }
      const z = Float64Array.of(x[0] + 10 * rng.normal(), x[2] + 10 * rng.normal());
      if (k === 0) {
        state = {
          estimates: state.estimates.map((e) => ({ x: Float64Array.of(z[0], 200, z[1], 0), P: e.P })),
          modeProbabilities: state.modeProbabilities,
        };
        turnProb.push(0.5);
        continue;
      }
      const res = immStep(state, modes, trans, H, R, z);
      state = res.state;
      turnProb.push(res.state.modeProbabilities[1]);
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(turnProb.slice(10, 30))).toBeLessThan(0.3);
    expect(mean(turnProb.slice(40, 60))).toBeGreaterThan(0.7);
    expect(mean(turnProb.slice(72, 90))).toBeLessThan(0.3);
  });

  it('coordinated-turn transition preserves speed and tends to NCV as ω → 0', () => {
    const F = coordinatedTurnTransition(0.3, 2);
    const v = Float64Array.of(0, 120, 0, 50);
    const out = new Float64Array(4);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) out[r] += F[r * 4 + c] * v[c];
    expect(Math.hypot(out[1], out[3])).toBeCloseTo(130, 10);
    const F0 = coordinatedTurnTransition(1e-15, 2);
    const Fcv = ncvTransition(2, 2);
    for (let i = 0; i < 16; i++) expect(F0[i]).toBeCloseTo(Fcv[i], 12);
  });
});
