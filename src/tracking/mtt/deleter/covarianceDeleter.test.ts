import { describe, expect, it } from 'vitest';
import { AspisError } from '../../../errors.js';
import {
  createMttTracker,
  defaultMttTrackerConfig,
  INITIAL_VELOCITY_STD_mps,
  type MttScanOutput,
  type MttSetup,
  type MttTrackerConfig,
} from '../../mttTracker.js';
import { createFullCovTracker } from '../fullCovTracker.js';
import { stateLayout } from '../models/layout.js';
import { anyDeleter, consecutiveMissDeleter, covarianceDeleter, positionCovarianceTrace } from './index.js';

/** Scene: one detection at scan 0, then `numScans − 1` empty scans (the confirmed track coasts). */
const setup: MttSetup = { dim: 2, dt: 2, q: 0.5, sigma: 15, pd: 0.9, clutterDensity: 1e-8 };
const numScans = 15;
const scans = Array.from({ length: numScans }, (_, k) => ({
  k,
  t: k * setup.dt,
  z: k === 0 ? [[1000, -500]] : [],
}));

/**
 * Position-block trace after n coasting scans of a track born (and, with confirmM = 1, confirmed) at scan 0 with
 * P = diag(σ², σ_v²) per axis (σ_v = INITIAL_VELOCITY_STD_mps = 100 m/s): with T = n·dt, the NCV prediction
 * P(T) = F(T) P F(T)ᵀ + Q(T), F(T) = [[1, T], [0, 1]], Q(T) = q·[[T³/3, T²/2], [T²/2, T]] gives per axis
 *   p_pp(T) = σ² + T²·σ_v² + q·T³/3,
 * and tr(P_pos) = dim·p_pp(T). Here (σ = 15, dt = 2, q = 0.5, dim = 2):
 *   n = 1: 2·(225 +  40 000 +  4/3) =  80 452.67
 *   n = 2: 2·(225 + 160 000 + 32/3) = 320 471.33
 *   n = 3: 2·(225 + 360 000 + 36)   = 720 522
 * so with a threshold of 500 000 m² the rule first fires at n = 3, i.e. at scan k = 3.
 */
function coastingTrace(n: number): number {
  const T = n * setup.dt;
  const sv = INITIAL_VELOCITY_STD_mps;
  return setup.dim * (setup.sigma ** 2 + T * T * sv * sv + (setup.q * T ** 3) / 3);
}
const THRESHOLD_m2 = 500_000;
const EXPECTED_DELETION_SCAN = 3;

function config(over: Partial<MttTrackerConfig>): MttTrackerConfig {
  return { ...defaultMttTrackerConfig(), confirmM: 1, confirmN: 1, deleteMisses: 10, ...over };
}

/** Trace of the position block of the reported 4×4 covariance [x, vx, y, vy]. */
function reportedPositionTrace(P: readonly number[]): number {
  return P[0] + P[2 * 4 + 2];
}

const variants: [
  string,
  (c: MttTrackerConfig) => { step: (k: number, t: number, z: number[][]) => MttScanOutput },
][] = [
  ['kf + gnn (native fast path)', (c) => createMttTracker(setup, c)],
  ['kf + gnn (full-covariance tracker)', (c) => createFullCovTracker(setup, c)],
  ['ekf + gnn', (c) => createMttTracker(setup, { ...c, filter: 'ekf' })],
  ['ukf + gnn', (c) => createMttTracker(setup, { ...c, filter: 'ukf' })],
  ['kf + jpda', (c) => createMttTracker(setup, { ...c, assoc: 'jpda' })],
];

function run(
  make: (c: MttTrackerConfig) => { step: (k: number, t: number, z: number[][]) => MttScanOutput },
  c: MttTrackerConfig,
): MttScanOutput[] {
  const tracker = make(c);
  return scans.map((s) => tracker.step(s.k, s.t, s.z));
}

describe('covariance deleter (unit)', () => {
  it('fires strictly above the trace threshold, ignoring misses', () => {
    const d = covarianceDeleter(100);
    expect(d.shouldDelete(0, 100)).toBe(false);
    expect(d.shouldDelete(99, 99.9)).toBe(false);
    expect(d.shouldDelete(0, 100.0001)).toBe(true);
  });

  it('anyDeleter fires when either rule does', () => {
    const d = anyDeleter([consecutiveMissDeleter(3), covarianceDeleter(100)]);
    expect(d.shouldDelete(2, 50)).toBe(false);
    expect(d.shouldDelete(3, 50)).toBe(true);
    expect(d.shouldDelete(0, 150)).toBe(true);
  });

  it('positionCovarianceTrace sums the position diagonal of the layout', () => {
    const layout = stateLayout(3, 3, true); // [x vx ax y vy ay z vz az ω], n = 10
    const P = new Float64Array(5 + 100);
    for (let i = 0; i < 10; i++) P[5 + i * 10 + i] = i + 1;
    expect(positionCovarianceTrace(layout, P, 5)).toBe(1 + 4 + 7);
  });
});

describe('covariance deleter in the trackers: a coasting track', () => {
  it('the hand-computed traces bracket the threshold at scan 3', () => {
    expect(coastingTrace(1)).toBeCloseTo(80_452.6667, 3);
    expect(coastingTrace(2)).toBeCloseTo(320_471.3333, 3);
    expect(coastingTrace(3)).toBeCloseTo(720_522, 6);
    const first = scans.findIndex((_, n) => coastingTrace(n) > THRESHOLD_m2);
    expect(first).toBe(EXPECTED_DELETION_SCAN);
  });

  for (const [name, make] of variants) {
    it(`${name}: deleted at the scan where tr(P_pos) first exceeds the threshold, not before`, () => {
      const out = run(make, config({ deleteCovariance_m2: THRESHOLD_m2 }));
      for (let k = 0; k < EXPECTED_DELETION_SCAN; k++) {
        expect(out[k].ids, `scan ${k}`).toEqual(['T000001']);
        const trace = reportedPositionTrace(out[k].P![0]);
        expect(Math.abs(trace - coastingTrace(k)) / coastingTrace(k), `trace at scan ${k}`).toBeLessThan(
          1e-9,
        );
        expect(trace).toBeLessThanOrEqual(THRESHOLD_m2);
      }
      for (let k = EXPECTED_DELETION_SCAN; k < numScans; k++) expect(out[k].ids, `scan ${k}`).toEqual([]);
    });

    it(`${name}: with the rule off the track survives until the miss rule (10th miss, scan 10)`, () => {
      const out = run(make, config({}));
      for (let k = 0; k < 10; k++) expect(out[k].ids, `scan ${k}`).toEqual(['T000001']);
      for (let k = 10; k < numScans; k++) expect(out[k].ids, `scan ${k}`).toEqual([]);
    });

    it(`${name}: either rule deletes (the miss rule first when it is earlier)`, () => {
      const out = run(make, config({ deleteMisses: 2, deleteCovariance_m2: THRESHOLD_m2 }));
      expect(out.map((o) => o.ids.length).slice(0, 4)).toEqual([1, 1, 0, 0]);
    });
  }

  it('imm: the moment-matched position trace drives deletion before the miss rule', () => {
    const out = run(
      (c) => createMttTracker(setup, c),
      config({ filter: 'imm', deleteCovariance_m2: THRESHOLD_m2 }),
    );
    const alive = out.findIndex((o) => o.ids.length === 0);
    expect(alive).toBeGreaterThan(0);
    expect(alive).toBeLessThan(10);
    for (let k = 0; k < alive; k++)
      expect(reportedPositionTrace(out[k].P![0])).toBeLessThanOrEqual(THRESHOLD_m2);
  });
});

describe('covariance deleter configuration', () => {
  it('compat mode refuses it with E_USAGE', () => {
    const c = config({
      compat: 'stonesoup',
      confirmM: 3,
      confirmN: 4,
      deleteMisses: 3,
      deleteCovariance_m2: 1e4,
    });
    expect(() => createMttTracker(setup, c)).toThrowError(AspisError);
    try {
      createMttTracker(setup, c);
    } catch (e) {
      expect((e as AspisError).code).toBe('E_USAGE');
      expect((e as AspisError).path).toBe('--delete-covariance');
    }
  });

  it('rejects a threshold that is not a finite positive number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createMttTracker(setup, config({ deleteCovariance_m2: bad }))).toThrowError(/E_USAGE/);
      expect(() => createFullCovTracker(setup, config({ deleteCovariance_m2: bad }))).toThrowError(/E_USAGE/);
    }
  });
});
