import { describe, expect, it } from 'vitest';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { analyticTrajectory, incomingThreat } from './analytic-trajectory.js';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from './fixtures.js';
import { buildFlyoutTable, type InterceptSolution, predictInterceptPoint } from './flyout.js';
import { type FlightOptions, type FlyInterceptorArgs, flyInterceptor } from './interceptor.js';

const SITE: Geodetic = { lat_rad: (32 * Math.PI) / 180, lon_rad: (44 * Math.PI) / 180, h_m: 50 };
const SITE_ECEF = geodeticRecordToEcef(SITE);
const DEG = Math.PI / 180;

const noiseless = (type: InterceptorType): InterceptorType => ({
  ...type,
  guidanceNoise_m: 0,
  reliability: 1,
});

/** The brief's reference threat: 2 km/s from 120 km range and 60 km height, coming down on the site. */
function referenceThreat(ballistic: boolean): Trajectory {
  return incomingThreat({
    aim: SITE,
    groundRange_m: 120_000,
    height_m: 60_000,
    fromAzimuth_rad: 30 * DEG,
    speed_mps: 2000,
    launchTime_s: 0,
    ballistic,
  });
}

function solvePip(type: InterceptorType, target: Trajectory, now_s = 0): InterceptSolution {
  const table = buildFlyoutTable(type);
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const pip = predictInterceptPoint(
    table,
    type,
    SITE_ECEF,
    SITE,
    (t) => (target.stateAt(t, pos, vel) ? { pos, vel } : null),
    now_s,
    5,
  );
  if (!pip.ok) throw new Error(`no PIP: ${pip.reason}`);
  return pip;
}

function argsFor(
  type: InterceptorType,
  target: Trajectory,
  pip: InterceptSolution,
  seed: number,
  options?: Partial<FlightOptions>,
): FlyInterceptorArgs {
  return {
    type,
    site: SITE,
    launchTime_s: pip.launchTime_s,
    aimPoint_ecef: pip.point_ecef,
    target,
    rng: createRng(seed),
    step_s: 0.05,
    recordEvery_s: 0.5,
    flightTimeHint_s: pip.flightTime_s,
    options,
  };
}

describe('flyInterceptor', () => {
  it('with zero guidance noise and no gravity/drag, PN hits a constant-velocity target to < 1 m', () => {
    const target = referenceThreat(false);
    for (const type of [NOTIONAL_PAC3_MSE, NOTIONAL_PAC2_GEM]) {
      const pip = solvePip(type, target);
      for (const guidanceLaw of ['pn', 'apn'] as const) {
        const r = flyInterceptor(
          argsFor(noiseless(type), target, pip, 1, { gravity: false, drag: false, guidanceLaw }),
        );
        expect(r.outcome.kind).toBe('intercept');
        if (r.outcome.kind === 'intercept') expect(r.outcome.miss_m).toBeLessThan(1);
      }
    }
  });

  it('with full physics and zero noise, APN intercepts a vacuum-ballistic 2 km/s threat inside the envelope', () => {
    const target = referenceThreat(true);
    for (const type of [NOTIONAL_PAC3_MSE, NOTIONAL_PAC2_GEM]) {
      const pip = solvePip(type, target);
      const r = flyInterceptor(argsFor(noiseless(type), target, pip, 2));
      expect(r.outcome.kind).toBe('intercept');
      if (r.outcome.kind !== 'intercept') continue;
      expect(r.outcome.miss_m).toBeLessThan(1);
      // near the predicted point and time, and inside the envelope
      expect(Math.abs(r.outcome.time_s - pip.interceptTime_s)).toBeLessThan(5);
      const pos = new Float64Array(3);
      const vel = new Float64Array(3);
      target.stateAt(r.outcome.time_s, pos, vel);
      const heightAboveSite_m =
        Math.hypot(pos[0], pos[1], pos[2]) - Math.hypot(SITE_ECEF[0], SITE_ECEF[1], SITE_ECEF[2]);
      expect(heightAboveSite_m).toBeGreaterThan(type.minInterceptAltitude_m - 500);
      expect(heightAboveSite_m).toBeLessThan(type.maxInterceptAltitude_m + 500);
      expect(r.outcome.closingSpeed_mps).toBeGreaterThan(2000);
    }
  });

  it('guidance noise gives Rayleigh-like misses of the order of guidanceNoise_m', () => {
    const target = referenceThreat(true);
    for (const type of [NOTIONAL_PAC3_MSE, NOTIONAL_PAC2_GEM]) {
      const pip = solvePip(type, target);
      const misses: number[] = [];
      for (let seed = 0; seed < 40; seed++) {
        const r = flyInterceptor(argsFor({ ...type, reliability: 1 }, target, pip, seed));
        expect(r.outcome.kind).toBe('intercept');
        if (r.outcome.kind === 'intercept') misses.push(r.outcome.miss_m);
      }
      const mean = misses.reduce((a, b) => a + b, 0) / misses.length;
      // Rayleigh mean σ √(π/2) ≈ 1.25 σ; allow sampling spread
      expect(mean).toBeGreaterThan(0.6 * type.guidanceNoise_m);
      expect(mean).toBeLessThan(2.5 * type.guidanceNoise_m);
      expect(Math.min(...misses)).toBeGreaterThan(0);
    }
  });

  it('never exceeds maxSpeed_mps nor the lateral acceleration limit, even from a bad launch direction', () => {
    const target = referenceThreat(true);
    const type = noiseless(NOTIONAL_PAC3_MSE);
    const pip = solvePip(type, target);
    // aim 90° off in azimuth: the seeker must turn hard, saturating the command
    const wrongAim = geodeticRecordToEcef({
      lat_rad: SITE.lat_rad - 0.003,
      lon_rad: SITE.lon_rad + 0.001,
      h_m: 15_000,
    });
    for (const aim of [pip.point_ecef, wrongAim]) {
      const r = flyInterceptor({ ...argsFor(type, target, pip, 3), aimPoint_ecef: aim });
      expect(r.stats.maxSpeed_mps).toBeLessThanOrEqual(type.maxSpeed_mps * (1 + 1e-12));
      expect(r.stats.maxCommandedAccel_mps2).toBeLessThanOrEqual(type.maxAccel_mps2 * (1 + 1e-12));
      // speeds along the recorded path (finite differences over ≥ 0.5 s) stay under the cap as well
      const p = r.path.pos_ecef;
      for (let i = 1; i < r.path.times_s.length; i++) {
        const dt = r.path.times_s[i] - r.path.times_s[i - 1];
        if (dt < 0.25) continue;
        const d = Math.hypot(
          p[3 * i] - p[3 * i - 3],
          p[3 * i + 1] - p[3 * i - 2],
          p[3 * i + 2] - p[3 * i - 1],
        );
        expect(d / dt).toBeLessThanOrEqual(type.maxSpeed_mps * 1.001);
      }
    }
    // a weak airframe (2 g) saturates: the command sits exactly at its limit
    const weak = { ...type, maxAccel_mps2: 20 };
    const hard = flyInterceptor({ ...argsFor(weak, target, pip, 3), aimPoint_ecef: wrongAim });
    expect(hard.stats.maxCommandedAccel_mps2).toBeCloseTo(weak.maxAccel_mps2, 9);
  });

  it('the same rng seed gives identical results; another seed changes the miss', () => {
    const target = referenceThreat(true);
    const pip = solvePip(NOTIONAL_PAC2_GEM, target);
    const a = flyInterceptor(argsFor(NOTIONAL_PAC2_GEM, target, pip, 42));
    const b = flyInterceptor(argsFor(NOTIONAL_PAC2_GEM, target, pip, 42));
    expect(b).toEqual(a);
    const c = flyInterceptor(argsFor({ ...NOTIONAL_PAC2_GEM, reliability: 1 }, target, pip, 43));
    const d = flyInterceptor(argsFor({ ...NOTIONAL_PAC2_GEM, reliability: 1 }, target, pip, 44));
    expect(c.outcome).not.toEqual(d.outcome);
  });

  it('a round that fails its reliability draw self-destructs early', () => {
    const target = referenceThreat(true);
    const pip = solvePip(NOTIONAL_PAC3_MSE, target);
    const r = flyInterceptor(argsFor({ ...NOTIONAL_PAC3_MSE, reliability: 0 }, target, pip, 5));
    expect(r.stats.failed).toBe(true);
    expect(r.outcome).toMatchObject({ kind: 'miss', reason: 'self-destruct' });
    expect(r.outcome.time_s - pip.launchTime_s).toBeGreaterThanOrEqual(0.5);
    expect(r.outcome.time_s - pip.launchTime_s).toBeLessThanOrEqual(5 + 1e-9);
  });

  it('ends with target-gone when the target trajectory ends before the intercept', () => {
    const full = referenceThreat(false);
    const pip = solvePip(NOTIONAL_PAC3_MSE, full);
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    full.stateAt(0, pos, vel);
    // same path, cut 3 s after launch (a kill by another unit, or a failure)
    const cut = analyticTrajectory({
      pos0_ecef: pos,
      vel0_ecef: vel,
      accel_ecef: new Float64Array(3),
      launchTime_s: 0,
      maxEndTime_s: pip.launchTime_s + 3,
    });
    const r = flyInterceptor(argsFor(noiseless(NOTIONAL_PAC3_MSE), cut, pip, 6));
    expect(r.outcome).toMatchObject({ kind: 'miss', reason: 'target-gone' });
    expect(r.outcome.time_s).toBeCloseTo(pip.launchTime_s + 3, 1);
  });

  it('gives up with below-min-altitude when launched too late at a descending target', () => {
    const target = referenceThreat(true);
    const type = noiseless(NOTIONAL_PAC2_GEM);
    const pip = solvePip(type, target);
    // launch 8 s before impact: the threat gets below the keep-out altitude first
    const r = flyInterceptor({ ...argsFor(type, target, pip, 7), launchTime_s: target.endTime_s - 8 });
    expect(r.outcome).toMatchObject({ kind: 'miss', reason: 'below-min-altitude' });
  });

  it('records a decimated replay path from the launcher to the end point', () => {
    const target = referenceThreat(true);
    const pip = solvePip(NOTIONAL_PAC3_MSE, target);
    const r = flyInterceptor(argsFor(noiseless(NOTIONAL_PAC3_MSE), target, pip, 8));
    const n = r.path.times_s.length;
    expect(r.path.pos_ecef.length).toBe(3 * n);
    expect(r.path.times_s[0]).toBe(pip.launchTime_s);
    expect(r.path.times_s[n - 1]).toBeCloseTo(r.outcome.time_s, 9);
    for (let i = 1; i < n; i++) expect(r.path.times_s[i]).toBeGreaterThan(r.path.times_s[i - 1]);
    const first = r.path.pos_ecef.subarray(0, 3);
    expect(
      Math.hypot(first[0] - SITE_ECEF[0], first[1] - SITE_ECEF[1], first[2] - SITE_ECEF[2]),
    ).toBeLessThan(10);
    expect(n).toBeLessThan(Math.ceil((r.outcome.time_s - pip.launchTime_s) / 0.5) + 3);
  });
});
