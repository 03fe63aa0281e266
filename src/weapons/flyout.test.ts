import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incomingThreat } from '../../test/support/analyticTrajectory.js';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from '../../test/support/weaponFixtures.js';
import { ecefToGeodetic, geodeticRecordToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import { loadCatalog } from '../scenario/catalog.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { buildFlyoutTable, predictInterceptPoint, scanInterceptPoint } from './flyout.js';
import { pointAt } from './flyoutAimed.js';
import { groundRangeFrom_m, heightAboveSite_m, siteFrame } from './geometry.js';
import { flyInterceptor } from './interceptor.js';

const DEG = Math.PI / 180;
const SITE: Geodetic = { lat_rad: 33 * DEG, lon_rad: 44 * DEG, h_m: 40 };
const SITE_ECEF = geodeticRecordToEcef(SITE);
const MSE_TABLE = buildFlyoutTable(NOTIONAL_PAC3_MSE);

function predictor(traj: Trajectory): (t_s: number) => { pos: Float64Array; vel: Float64Array } | null {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  return (t_s) => (traj.stateAt(t_s, pos, vel) ? { pos, vel } : null);
}

function threat(aim: Geodetic, groundRange_m: number, height_m: number, speed_mps = 2000): Trajectory {
  return incomingThreat({
    aim,
    groundRange_m,
    height_m,
    fromAzimuth_rad: 200 * DEG,
    speed_mps,
    launchTime_s: 10,
    ballistic: true,
  });
}

describe('buildFlyoutTable', () => {
  it('time of flight increases with ground range at fixed height', () => {
    for (const table of [MSE_TABLE, buildFlyoutTable(NOTIONAL_PAC2_GEM)]) {
      for (const h of [3000, 8000, 15_000]) {
        let previous = 0;
        let reachable = 0;
        for (let r = 5000; r <= table.maxGroundRange_m; r += 1000) {
          const t = table.timeToPoint(r, h);
          if (!Number.isFinite(t)) continue;
          expect(t).toBeGreaterThan(previous);
          previous = t;
          reachable++;
        }
        expect(reachable).toBeGreaterThan(10);
      }
    }
  });

  it('gives plausible Mach 4–5-class times and Infinity outside the envelope', () => {
    // 20 km out at 10 km height: 15–35 s
    const t = MSE_TABLE.timeToPoint(20_000, 10_000);
    expect(t).toBeGreaterThan(15);
    expect(t).toBeLessThan(35);
    expect(MSE_TABLE.timeToPoint(NOTIONAL_PAC3_MSE.maxInterceptRange_m + 1, 10_000)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(MSE_TABLE.timeToPoint(10_000, NOTIONAL_PAC3_MSE.maxInterceptAltitude_m + 1)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(MSE_TABLE.timeToPoint(-1, 5000)).toBe(Number.POSITIVE_INFINITY);
    const elevation = MSE_TABLE.launchElevationTo(20_000, 10_000);
    expect(elevation).toBeGreaterThan(Math.atan2(10_000, 20_000));
    expect(elevation).toBeLessThan(80 * DEG);
  });
});

const SHORAD = loadCatalog().interceptors.get('notional-shorad-ir')?.value as InterceptorType;
const SHORAD_TABLE = buildFlyoutTable(SHORAD);

/**
 * Direct simulation: the engine's flight (`flyInterceptor`, default options, a round that cannot fail, no guidance
 * noise) from SITE to a stationary point at (range, height) due east, s from launch to the closest approach.
 * `hint_s` is the flight-time hint the C2 passes (its PIP solver's table time); without it the launch loft is
 * estimated.
 */
function flownTime_s(type: InterceptorType, range_m: number, height_m: number, hint_s?: number): number {
  const point = pointAt(SITE, 90 * DEG, range_m, height_m);
  const end_s = type.maxFlightTime_s + 1;
  const target: Trajectory = {
    launchTime_s: 0,
    endTime_s: end_s,
    outcome: 'impact',
    endPoint: ecefToGeodetic(point),
    apexAltitude_m: 0,
    times_s: Float64Array.of(0, end_s),
    pos_ecef: Float64Array.of(...point, ...point),
    vel_ecef: new Float64Array(6),
    stateAt: (t_s, pos, vel) => {
      if (t_s < 0 || t_s > end_s) return false;
      pos.set(point);
      vel.fill(0);
      return true;
    },
  };
  const flight = flyInterceptor({
    type: { ...type, reliability: 1, guidanceNoise_m: 0 },
    site: SITE,
    launchTime_s: 0,
    aimPoint_ecef: point,
    target,
    rng: createRng(7),
    step_s: 0.02,
    recordEvery_s: 1,
    minInterceptAltitude_m: 0,
    ...(hint_s === undefined ? {} : { flightTimeHint_s: hint_s }),
  });
  const outcome = flight.outcome;
  if (outcome.kind !== 'intercept' || outcome.miss_m > 5) return Number.POSITIVE_INFINITY;
  return outcome.time_s;
}

describe('flyout table below the first grid row (low fliers)', () => {
  const cases: [string, InterceptorType, ReturnType<typeof buildFlyoutTable>][] = [
    ['PAC-3 MSE', NOTIONAL_PAC3_MSE, MSE_TABLE],
    ['PAC-2 GEM', NOTIONAL_PAC2_GEM, buildFlyoutTable(NOTIONAL_PAC2_GEM)],
    ['SHORAD', SHORAD, SHORAD_TABLE],
  ];

  it.each(cases)(
    '%s: time of flight to 100 m at 3 km and 6 km is within 1 percent of the flown flight',
    (_, type, table) => {
      for (const range_m of [3000, 6000]) {
        const flown_s = flownTime_s(type, range_m, 100);
        const table_s = table.timeToPoint(range_m, 100);
        expect(Number.isFinite(flown_s)).toBe(true);
        expect(Math.abs(table_s - flown_s) / flown_s).toBeLessThan(0.01);
        // the launch elevation is that of a guided launch (≥ the 10° minimum), not a grazing unguided shot
        expect(table.launchElevationTo(range_m, 100)).toBeGreaterThanOrEqual(10 * DEG - 1e-9);
      }
    },
  );

  it('without the low band (unguided shots only) nothing below the first row is reachable', () => {
    const bare = buildFlyoutTable(NOTIONAL_PAC3_MSE, { lowBandTop_m: -1 });
    expect(bare.timeToPoint(3000, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(bare.timeToPoint(6000, 150)).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps every value the unguided fan brackets (SRBM engagements do not move)', () => {
    for (const [, type, table] of cases) {
      const bare = buildFlyoutTable(type, { lowBandTop_m: -1 });
      let compared = 0;
      for (let r = 0; r <= type.maxInterceptRange_m; r += 125) {
        for (let h = 0; h <= type.maxInterceptAltitude_m; h += 125) {
          const t = bare.timeToPoint(r, h);
          if (!Number.isFinite(t)) continue;
          expect(table.timeToPoint(r, h)).toBe(t);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
    }
  });

  it('points beyond the low-level reach stay unreachable', () => {
    // flown: the SHORAD self-destructs (20 s) before 8 km at low level
    expect(flownTime_s(SHORAD, 7900, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(SHORAD_TABLE.timeToPoint(7900, 100)).toBe(Number.POSITIVE_INFINITY);
    // the MSE's level flight (no hint, ≈ 10° launch) times out (75 s) before 38 km, but the round the C2 launches,
    // lofted for the table's time, gets there on its descent in ≈ 68 s (≈ 2 s sooner than the table: its far-corner
    // error; issue 12, test/lowFlierBeyondFlyoutReach.test.ts)
    expect(flownTime_s(NOTIONAL_PAC3_MSE, 37_900, 100)).toBe(Number.POSITIVE_INFINITY);
    const mse_s = MSE_TABLE.timeToPoint(37_900, 100);
    expect(mse_s).toBeLessThan(NOTIONAL_PAC3_MSE.maxFlightTime_s);
    expect(Math.abs(flownTime_s(NOTIONAL_PAC3_MSE, 37_900, 100, mse_s) - mse_s)).toBeLessThan(2.5);
    expect(SHORAD_TABLE.timeToPoint(3000, -1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is monotone in range at low level out to 25 km and nearly flat in height below 250 m', () => {
    // beyond ≈ 25 km (MSE) the band mixes guided level flights with faster lofted unguided shots (docs/model.md)
    for (const [, type, table] of cases) {
      for (const h of [0, 50, 100, 150, 200]) {
        let previous = 0;
        let reachable = 0;
        for (let r = 500; r <= Math.min(type.maxInterceptRange_m, 25_000); r += 250) {
          const t = table.timeToPoint(r, h);
          if (!Number.isFinite(t)) break;
          expect(t).toBeGreaterThan(previous);
          previous = t;
          reachable++;
        }
        expect(reachable).toBeGreaterThan(10);
      }
      // a level flight's time barely depends on its height: within 2 % between 0 and 250 m
      for (let r = 2000; r <= 0.6 * type.maxInterceptRange_m; r += 1000) {
        const ground = table.timeToPoint(r, 0);
        const first = table.timeToPoint(r, 250);
        expect(Math.abs(first - ground) / ground).toBeLessThan(0.02);
      }
    }
  });
});

/** PAC-3 MSE PIP from the battery at SITE against the prediction of `traj`. */
function msePip(traj: Trajectory, now_s: number, reaction_s: number) {
  return predictInterceptPoint(
    MSE_TABLE,
    NOTIONAL_PAC3_MSE,
    SITE_ECEF,
    SITE,
    predictor(traj),
    now_s,
    reaction_s,
  );
}

describe('predictInterceptPoint', () => {
  it('finds a PIP in the envelope for a 2 km/s threat from 120 km range and 60 km height coming at the site', () => {
    const traj = threat(SITE, 120_000, 60_000);
    const pip = msePip(traj, 10, 5);
    expect(pip.ok).toBe(true);
    if (!pip.ok) return;
    expect(pip.groundRange_m).toBeLessThanOrEqual(NOTIONAL_PAC3_MSE.maxInterceptRange_m);
    expect(pip.altitude_m).toBeGreaterThanOrEqual(NOTIONAL_PAC3_MSE.minInterceptAltitude_m);
    expect(pip.altitude_m).toBeLessThanOrEqual(NOTIONAL_PAC3_MSE.maxInterceptAltitude_m);
    expect(pip.launchTime_s).toBeGreaterThanOrEqual(15 - 1e-6);
    expect(pip.interceptTime_s - pip.launchTime_s).toBeCloseTo(pip.flightTime_s, 6);
    expect(pip.interceptTime_s).toBeLessThan(traj.endTime_s);
    // the point is where the threat is predicted to be at that time, and consistent with the site geometry
    const state = predictor(traj)(pip.interceptTime_s);
    expect(state).not.toBeNull();
    if (state === null) return;
    for (let k = 0; k < 3; k++) expect(pip.point_ecef[k]).toBeCloseTo(state.pos[k], 3);
    const frame = siteFrame(SITE_ECEF);
    expect(groundRangeFrom_m(frame, pip.point_ecef)).toBeCloseTo(pip.groundRange_m, 6);
    expect(heightAboveSite_m(frame, pip.point_ecef)).toBeCloseTo(pip.altitude_m, 6);
  });

  it('a later decision gives a later (closer, lower) intercept', () => {
    const traj = threat(SITE, 120_000, 60_000);
    const early = msePip(traj, 10, 5);
    const late = msePip(traj, 45, 5);
    expect(early.ok && late.ok).toBe(true);
    if (!early.ok || !late.ok) return;
    expect(late.interceptTime_s).toBeGreaterThan(early.interceptTime_s);
    expect(late.altitude_m).toBeLessThan(early.altitude_m);
  });

  it('refuses a threat that falls outside the range (too-far)', () => {
    // aimed 80 km south of the battery and coming from the south: it never comes within 38 km
    const elsewhere: Geodetic = { ...SITE, lat_rad: SITE.lat_rad - 80_000 / 6_371_000 };
    const traj = threat(elsewhere, 120_000, 60_000);
    const pip = msePip(traj, 10, 5);
    expect(pip).toEqual({ ok: false, reason: 'too-far' });
  });

  it('refuses a low flyer (too-low) and a decision taken too late (no-solution / out-of-envelope)', () => {
    // a drone-like straight path at 200 m, passing over the battery
    const drone = incomingThreat({
      aim: { ...SITE, h_m: SITE.h_m + 200 },
      groundRange_m: 30_000,
      height_m: 0,
      fromAzimuth_rad: 0,
      speed_mps: 50,
      launchTime_s: 0,
      ballistic: false,
    });
    const low = msePip(drone, 0, 5);
    expect(low).toEqual({ ok: false, reason: 'too-low' });
    const traj = threat(SITE, 120_000, 60_000);
    // 3 s before impact: everything left is below the keep-out altitude or unreachable in time
    const tooLate = msePip(traj, traj.endTime_s - 3, 0);
    expect(tooLate.ok).toBe(false);
  });
});

describe('scanInterceptPoint skip-ahead (issue 12)', () => {
  const site = siteFrame(SITE_ECEF);
  const up = Float64Array.from(SITE_ECEF, (c) => c / Math.hypot(...SITE_ECEF));
  const east = new Float64Array([-Math.sin(SITE.lon_rad), Math.cos(SITE.lon_rad), 0]);
  const north = new Float64Array([
    up[1] * east[2] - up[2] * east[1],
    up[2] * east[0] - up[0] * east[2],
    up[0] * east[1] - up[1] * east[0],
  ]);
  /** A constant-velocity path (a level flyer's prediction, or a diving one) from a point around the site. */
  const line = (
    range_m: number,
    bearing_rad: number,
    height_m: number,
    speed_mps: number,
    heading_rad: number,
    climb_mps: number,
  ) => {
    const p0 = new Float64Array(3);
    const v = new Float64Array(3);
    for (let i = 0; i < 3; i++) {
      p0[i] =
        SITE_ECEF[i] +
        range_m * (Math.sin(bearing_rad) * east[i] + Math.cos(bearing_rad) * north[i]) +
        height_m * up[i];
      v[i] =
        speed_mps * (Math.sin(heading_rad) * east[i] + Math.cos(heading_rad) * north[i]) + climb_mps * up[i];
    }
    const pos = new Float64Array(3);
    return (t_s: number) => {
      if (t_s > 2000) return null;
      for (let i = 0; i < 3; i++) pos[i] = p0[i] + v[i] * t_s;
      return { pos, vel: v };
    };
  };

  it("gives the exhaustive scan's answer, bit for bit, on constant-velocity paths far, near, high and below the floor", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 400_000, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: -4000, max: 30_000, noNaN: true }),
        fc.double({ min: 20, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.constantFrom(NOTIONAL_PAC3_MSE, NOTIONAL_PAC2_GEM),
        fc.constantFrom(60, 4000),
        (range_m, bearing_rad, height_m, speed_mps, heading_rad, climb_mps, type, floor_m) => {
          const table = type === NOTIONAL_PAC3_MSE ? MSE_TABLE : buildFlyoutTable(type);
          const path = line(range_m, bearing_rad, height_m, speed_mps, heading_rad, climb_mps);
          const fast = scanInterceptPoint(table, type, SITE_ECEF, path, 0, 8, floor_m, null);
          const slow = scanInterceptPoint(table, type, SITE_ECEF, path, 0, 8, floor_m, null, true);
          expect(fast).toEqual(slow);
        },
      ),
      { numRuns: 120 },
    );
    expect(groundRangeFrom_m(site, SITE_ECEF)).toBe(0);
  });

  it('gives the exhaustive answer on incoming ballistic paths', () => {
    for (const [range_m, height_m, speed_mps] of [
      [150_000, 60_000, 2000],
      [300_000, 90_000, 2600],
      [60_000, 20_000, 1500],
      [30_000, 2000, 900],
    ]) {
      const path = predictor(threat(SITE, range_m, height_m, speed_mps));
      for (const type of [NOTIONAL_PAC3_MSE, NOTIONAL_PAC2_GEM]) {
        const table = buildFlyoutTable(type);
        const scan = (exhaustive: boolean) =>
          scanInterceptPoint(
            table,
            type,
            SITE_ECEF,
            path,
            10,
            8,
            type.minInterceptAltitude_m,
            null,
            exhaustive,
          );
        expect(scan(false)).toEqual(scan(true));
        expect(heightAboveSite_m(site, SITE_ECEF)).toBeCloseTo(0, 6);
      }
    }
  });
});
