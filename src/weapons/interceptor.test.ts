import { describe, expect, it } from 'vitest';
import { analyticTrajectory, incomingThreat } from '../../test/support/analyticTrajectory.js';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from '../../test/support/weaponFixtures.js';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { defaultMaxNormalForceCoefficient } from './airframe.js';
import { buildFlyoutTable, type InterceptSolution, predictInterceptPoint } from './flyout.js';
import { directionEcef } from './geometry.js';
import {
  DEFAULT_SEEKER_ACQUISITION_RANGE_m,
  DEFAULT_SEEKER_FIELD_OF_VIEW_rad,
  type FlightOptions,
  type FlightStepSample,
  type FlyInterceptorArgs,
  flyInterceptor,
  startFlight,
} from './interceptor.js';

const SITE: Geodetic = { lat_rad: (32 * Math.PI) / 180, lon_rad: (44 * Math.PI) / 180, h_m: 50 };
const SITE_ECEF = geodeticRecordToEcef(SITE);
const DEG = Math.PI / 180;

const noiseless = (type: InterceptorType): InterceptorType => ({
  ...type,
  guidanceNoise_m: 0,
  reliability: 1,
});

/** The opt-in seeker, midcourse and dynamic-pressure model with its documented default parameters. */
const withSeeker = (type: InterceptorType): InterceptorType => ({
  ...type,
  seekerAcquisitionRange_m: DEFAULT_SEEKER_ACQUISITION_RANGE_m,
  seekerFieldOfView_rad: DEFAULT_SEEKER_FIELD_OF_VIEW_rad,
  maxNormalForceCoefficient: defaultMaxNormalForceCoefficient(type),
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

/** A shorter, lower threat (80 km, 30 km high): intercepts near 10 km, where the airframes are agile. */
function lowThreat(): Trajectory {
  return incomingThreat({
    aim: SITE,
    groundRange_m: 80_000,
    height_m: 30_000,
    fromAzimuth_rad: 30 * DEG,
    speed_mps: 2000,
    launchTime_s: 0,
    ballistic: true,
  });
}

/** `point` moved by `distance_m` along the site's local direction (azimuth, elevation). */
function offsetPoint(
  point: Readonly<Float64Array>,
  azimuth_rad: number,
  elevation_rad: number,
  distance_m: number,
): Float64Array {
  const dir = directionEcef(SITE.lat_rad, SITE.lon_rad, azimuth_rad, elevation_rad, new Float64Array(3));
  return Float64Array.from(point, (v, k) => v + distance_m * dir[k]);
}

/** Angle between `vel` and the direction from `pos` to `point`, rad. */
function angleTo(pos: ArrayLike<number>, vel: ArrayLike<number>, point: ArrayLike<number>): number {
  const d = [point[0] - pos[0], point[1] - pos[1], point[2] - pos[2]];
  const c =
    (d[0] * vel[0] + d[1] * vel[1] + d[2] * vel[2]) /
    (Math.hypot(d[0], d[1], d[2]) * Math.hypot(vel[0], vel[1], vel[2]));
  return Math.acos(Math.min(1, Math.max(-1, c)));
}

/** Copies of the step samples of a flight (the hook's arrays are scratch). */
function recordSteps(samples: FlightStepSample[]): (step: FlightStepSample) => void {
  return (step) =>
    samples.push({
      ...step,
      state: Float64Array.from(step.state),
      accelCommand_ecef: Float64Array.from(step.accelCommand_ecef),
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

  it('flies midcourse toward an offset PIP, then the seeker acquires the truth target and corrects', () => {
    const target = lowThreat();
    for (const type of [withSeeker(noiseless(NOTIONAL_PAC3_MSE)), withSeeker(noiseless(NOTIONAL_PAC2_GEM))]) {
      const pip = solvePip(type, target);
      // a bad track: the C2's PIP is 2 km east of the true one
      const aim = offsetPoint(pip.point_ecef, Math.PI / 2, 0, 2000);
      const samples: FlightStepSample[] = [];
      const r = flyInterceptor({
        ...argsFor(type, target, pip, 11),
        aimPoint_ecef: aim,
        onStep: recordSteps(samples),
      });
      // midcourse until acquisition, terminal after; acquisition well before the end (≈ 15 km / closing speed)
      const firstTerminal = samples.findIndex((x) => x.phase === 'terminal');
      expect(firstTerminal).toBeGreaterThan(0);
      expect(samples.slice(firstTerminal).every((x) => x.phase === 'terminal')).toBe(true);
      expect(r.stats.acquisitionTime_s).not.toBeNull();
      expect(r.outcome.time_s - (r.stats.acquisitionTime_s ?? 0)).toBeGreaterThan(3);
      // the last midcourse step heads for the offset PIP (within the gravity-curved path's lead), not the true one
      const last = samples[firstTerminal - 1];
      expect(last.phase).toBe('midcourse');
      const v = last.state.subarray(3, 6);
      expect(angleTo(last.state, v, aim)).toBeLessThan(3 * DEG);
      expect(angleTo(last.state, v, pip.point_ecef)).toBeGreaterThan(10 * DEG);
      // the seeker removes the 2 km: zero-noise hit
      expect(r.outcome.kind).toBe('intercept');
      if (r.outcome.kind === 'intercept') expect(r.outcome.miss_m).toBeLessThan(1);
    }
  });

  it('a PIP error too large for the seeker ends in no-acquisition (out of range, or out of the field of view)', () => {
    const target = lowThreat();
    const type = withSeeker(noiseless(NOTIONAL_PAC3_MSE));
    const pip = solvePip(type, target);
    // 30 km off: the target never comes within the 15 km acquisition range inside the field of view
    const far = flyInterceptor({
      ...argsFor(type, target, pip, 12),
      aimPoint_ecef: offsetPoint(pip.point_ecef, Math.PI / 2, 0, 30_000),
    });
    expect(far.outcome).toMatchObject({ kind: 'miss', reason: 'no-acquisition' });
    expect(far.stats.acquisitionTime_s).toBeNull();
    // 2 km off with a 1° seeker: in range but never inside the field of view
    const narrow = flyInterceptor({
      ...argsFor({ ...type, seekerFieldOfView_rad: 1 * DEG }, target, pip, 12),
      aimPoint_ecef: offsetPoint(pip.point_ecef, Math.PI / 2, 0, 2000),
    });
    expect(narrow.outcome).toMatchObject({ kind: 'miss', reason: 'no-acquisition' });
    // the same error with the old model (seeker on truth from the boost hold) still hits
    const old = flyInterceptor({
      ...argsFor(type, target, pip, 12, { midcourse: false }),
      aimPoint_ecef: offsetPoint(pip.point_ecef, Math.PI / 2, 0, 30_000),
    });
    expect(old.outcome.kind).toBe('intercept');
  });

  it('the lateral acceleration never exceeds the dynamic-pressure limit, which is lower high up', () => {
    const target = referenceThreat(true);
    const type = withSeeker(noiseless(NOTIONAL_PAC3_MSE));
    const pip = solvePip(type, target);
    // aimed 30 km above the PIP: the round climbs through 5 km and 25 km under a saturating command
    const samples: FlightStepSample[] = [];
    flyInterceptor({
      ...argsFor(type, target, pip, 13),
      aimPoint_ecef: offsetPoint(pip.point_ecef, 0, Math.PI / 2, 30_000),
      onStep: recordSteps(samples),
    });
    const siteRadius_m = Math.hypot(SITE_ECEF[0], SITE_ECEF[1], SITE_ECEF[2]);
    const height = (x: FlightStepSample): number =>
      Math.hypot(x.state[0], x.state[1], x.state[2]) - siteRadius_m;
    for (const x of samples) {
      const a = Math.hypot(x.accelCommand_ecef[0], x.accelCommand_ecef[1], x.accelCommand_ecef[2]);
      expect(a).toBeLessThanOrEqual(x.accelLimit_mps2 * (1 + 1e-12));
      expect(x.accelLimit_mps2).toBeLessThanOrEqual(type.maxAccel_mps2);
    }
    const near = (h_m: number) => samples.filter((x) => Math.abs(height(x) - h_m) < 1000);
    const low = near(5000);
    const high = near(25_000);
    expect(low.length).toBeGreaterThan(0);
    expect(high.length).toBeGreaterThan(0);
    const maxLimit = (xs: FlightStepSample[]) => Math.max(...xs.map((x) => x.accelLimit_mps2));
    // thin air: well under half the limit of 5 km (density ratio ≈ 18)
    expect(maxLimit(high)).toBeLessThan(0.5 * Math.min(...low.map((x) => x.accelLimit_mps2)));
    expect(maxLimit(high)).toBeLessThan(0.5 * type.maxAccel_mps2);
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

describe('startFlight', () => {
  it('advanced piecewise without aim updates, it is bit-identical to flyInterceptor', () => {
    const type = noiseless(NOTIONAL_PAC2_GEM);
    const target = lowThreat();
    const pip = solvePip(type, target);
    const whole = flyInterceptor(argsFor(type, target, pip, 3));
    const run = startFlight(argsFor(type, target, pip, 3));
    for (let t = pip.launchTime_s; run.outcome === null; t += 0.73) run.advanceTo(t);
    expect(run.finish()).toEqual(whole);
  });

  it('acquires only inside the seeker range and field of view', () => {
    const type = noiseless(NOTIONAL_PAC3_MSE);
    const target = lowThreat();
    const pip = solvePip(type, target);
    const samples: FlightStepSample[] = [];
    const flight = flyInterceptor({ ...argsFor(type, target, pip, 1), onStep: recordSteps(samples) });
    expect(flight.stats.acquisitionTime_s).not.toBeNull();
    const first = samples.findIndex((x) => x.phase === 'terminal');
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    const t0 = pip.launchTime_s;
    // at acquisition: within 15 km and 30° of the velocity; one step earlier: not both
    target.stateAt(t0 + samples[first].t_s, pos, vel);
    const at = samples[first].state;
    const range = Math.hypot(pos[0] - at[0], pos[1] - at[1], pos[2] - at[2]);
    expect(range).toBeLessThanOrEqual(DEFAULT_SEEKER_ACQUISITION_RANGE_m);
    expect(angleTo(at, at.subarray(3, 6), pos)).toBeLessThanOrEqual(DEFAULT_SEEKER_FIELD_OF_VIEW_rad);
    const before = samples[first - 1].state;
    target.stateAt(t0 + samples[first - 1].t_s, pos, vel);
    const rangeBefore = Math.hypot(pos[0] - before[0], pos[1] - before[1], pos[2] - before[2]);
    const inFov = angleTo(before, before.subarray(3, 6), pos) <= DEFAULT_SEEKER_FIELD_OF_VIEW_rad;
    expect(rangeBefore > DEFAULT_SEEKER_ACQUISITION_RANGE_m || !inFov).toBe(true);
  });

  it('an aim update moves the midcourse aim point; after acquisition updates are ignored', () => {
    const type = noiseless(NOTIONAL_PAC3_MSE);
    const target = lowThreat();
    const pip = solvePip(type, target);
    const moved = offsetPoint(pip.point_ecef, 120 * DEG, 0, 3000);
    const run = startFlight(argsFor(type, target, pip, 1));
    run.setAimPoint(moved, pip.launchTime_s + 2);
    run.advanceTo(pip.launchTime_s + 1.9);
    expect(Array.from(run.aimPoint_ecef)).toEqual(Array.from(pip.point_ecef));
    run.advanceTo(pip.launchTime_s + 3);
    expect(Array.from(run.aimPoint_ecef)).toEqual(Array.from(moved));
    run.advanceTo(Number.POSITIVE_INFINITY);
    expect(run.acquired).toBe(true);
    run.setAimPoint(pip.point_ecef, run.time_s);
    expect(Array.from(run.aimPoint_ecef)).toEqual(Array.from(moved));
  });
});
