import { describe, expect, it } from 'vitest';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import type { Geodetic } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { incomingThreat } from './analytic-trajectory.js';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from './fixtures.js';
import { buildFlyoutTable, predictInterceptPoint } from './flyout.js';
import { groundRangeFrom_m, heightAboveSite_m, siteFrame } from './geometry.js';

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
