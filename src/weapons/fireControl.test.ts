import { describe, expect, it } from 'vitest';
import { incomingThreat } from '../../test/support/analyticTrajectory.js';
import { NOTIONAL_PAC2_GEM } from '../../test/support/weaponFixtures.js';
import { geodesicDirect } from '../geo/geodesic.js';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import {
  closestApproachEnvelope,
  ENVELOPE_MARGIN_s,
  engagementGeometry,
  type FireControlSolution,
  geometryVerdict,
  keepOutTime_s,
  reengagementWindow,
  solveEngagement,
} from './fireControl.js';
import { buildFlyoutTable, type PredictedState, predictInterceptPoint } from './flyout.js';
import { directionEcef, groundRangeFrom_m, heightAboveSite_m, siteFrame } from './geometry.js';
import { flyInterceptor } from './interceptor.js';

const DEG = Math.PI / 180;
const AIM: Geodetic = { lat_rad: 32 * DEG, lon_rad: 44 * DEG, h_m: 50 };
const FROM_rad = 60 * DEG;
const TYPE = NOTIONAL_PAC2_GEM;
const TABLE = buildFlyoutTable(TYPE);

/** 2 km/s re-entry body from 120 km out and 60 km up, coming down on `AIM` from azimuth 60°. */
const THREAT: Trajectory = incomingThreat({
  aim: AIM,
  groundRange_m: 120_000,
  height_m: 60_000,
  fromAzimuth_rad: FROM_rad,
  speed_mps: 2000,
  launchTime_s: 0,
  ballistic: true,
});

/** A launcher `ahead_m` from the aim point toward the threat (negative: behind the aim point). */
function siteAhead(ahead_m: number): Geodetic {
  const p = geodesicDirect(
    AIM.lat_rad,
    AIM.lon_rad,
    ahead_m >= 0 ? FROM_rad : FROM_rad + Math.PI,
    Math.abs(ahead_m),
  );
  return { lat_rad: p.lat_rad, lon_rad: p.lon_rad, h_m: AIM.h_m };
}

function stateAt(target: Trajectory): (t_s: number) => PredictedState | null {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  return (t_s) => (target.stateAt(t_s, pos, vel) ? { pos, vel } : null);
}

function solve(site: Geodetic, type: InterceptorType = TYPE) {
  return solveEngagement({
    table: TABLE,
    type,
    site_ecef: geodeticRecordToEcef(site),
    threatStateAt: stateAt(THREAT),
    now_s: 0,
    reaction_s: 5,
    minAltitude_m: type.minInterceptAltitude_m,
  });
}

/** The engine's round (no failure, no guidance noise) flown at `aim_ecef`, launched at `launch_s`. */
function fly(site: Geodetic, aim_ecef: Float64Array, launch_s: number, flightTime_s: number) {
  return flyInterceptor({
    type: { ...TYPE, reliability: 1, guidanceNoise_m: 0 },
    site,
    launchTime_s: launch_s,
    aimPoint_ecef: aim_ecef,
    target: THREAT,
    rng: createRng(1),
    step_s: 0.05,
    recordEvery_s: 1,
    flightTimeHint_s: flightTime_s,
  });
}

describe('engagementGeometry', () => {
  const site = siteFrame(geodeticRecordToEcef(AIM));
  const up = directionEcef(AIM.lat_rad, AIM.lon_rad, 0, Math.PI / 2, new Float64Array(3));
  const east = directionEcef(AIM.lat_rad, AIM.lon_rad, 90 * DEG, 0, new Float64Array(3));
  // a point 10 km straight up, reached in 10 s: the round arrives going up at 1 km/s
  const point = Float64Array.from(site.pos_ecef, (v, k) => v + 10_000 * up[k]);

  it('head-on: crossing 0, look 0, closing speed the sum of the speeds', () => {
    const g = engagementGeometry(
      site,
      point,
      Float64Array.from(up, (u) => -2000 * u),
      10,
    );
    expect(g.arrivalSpeed_mps).toBeCloseTo(1000, 6);
    expect(g.crossingAngle_rad).toBeCloseTo(0, 6);
    expect(g.seekerLook_rad).toBeCloseTo(0, 6);
    expect(g.closingSpeed_mps).toBeCloseTo(3000, 6);
    expect(geometryVerdict(TYPE, g)).toBeNull();
  });

  it('tail chase of a faster threat is refused as behind; of a slow drone it is not', () => {
    const fast = engagementGeometry(
      site,
      point,
      Float64Array.from(up, (u) => 2000 * u),
      10,
    );
    expect(fast.crossingAngle_rad).toBeCloseTo(Math.PI, 6);
    expect(geometryVerdict(TYPE, fast)).toBe('behind');
    const drone = engagementGeometry(
      site,
      point,
      Float64Array.from(up, (u) => 50 * u),
      10,
    );
    expect(geometryVerdict(TYPE, drone)).toBeNull();
  });

  it('a crossing threat as fast as the round puts the seeker 45° off: outside a 30° field of view', () => {
    const g = engagementGeometry(
      site,
      point,
      Float64Array.from(east, (u) => 1000 * u),
      10,
    );
    expect(g.crossingAngle_rad).toBeCloseTo(Math.PI / 2, 6);
    expect(g.seekerLook_rad).toBeCloseTo(Math.PI / 4, 6);
    expect(geometryVerdict(TYPE, g)).toBe('seeker-look');
    // a type without a seeker model flies no acquisition check in the engine, so none is applied
    const { seekerAcquisitionRange_m: _r, seekerFieldOfView_rad: _f, ...noSeeker } = TYPE;
    expect(geometryVerdict(noSeeker as InterceptorType, g)).toBeNull();
  });
});

describe('solveEngagement agrees with the engine', () => {
  it('a launcher at the aim point engages head-on, inside the envelope with its margin, and the round acquires', () => {
    const site = siteAhead(0);
    const s = solve(site) as FireControlSolution;
    expect(s.ok).toBe(true);
    expect(s.geometry.seekerLook_rad).toBeLessThan(10 * DEG);
    // the threat's path stays inside the ceiling over the margin around the point
    const frame = siteFrame(geodeticRecordToEcef(site));
    const around = stateAt(THREAT)(s.interceptTime_s - ENVELOPE_MARGIN_s)!;
    expect(heightAboveSite_m(frame, around.pos)).toBeLessThanOrEqual(TYPE.maxInterceptAltitude_m);
    const flight = fly(site, s.point_ecef, s.launchTime_s, s.flightTime_s);
    expect(flight.outcome.kind).toBe('intercept');
    expect(flight.stats.acquisitionTime_s).not.toBeNull();
  });

  it('a launcher the threat has flown over is refused for geometry, where the old solver fired and the seeker never acquired', () => {
    const site = siteAhead(35_000);
    const refused = solve(site);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(['seeker-look', 'behind']).toContain(refused.reason);
    // the envelope-and-time solver alone finds a point behind the launcher ...
    const old = predictInterceptPoint(TABLE, TYPE, geodeticRecordToEcef(site), site, stateAt(THREAT), 0, 5);
    expect(old.ok).toBe(true);
    if (!old.ok) return;
    // ... and the engine's round sent there never acquires its target
    const flight = fly(site, old.point_ecef, old.launchTime_s, old.flightTime_s);
    expect(flight.outcome.kind).toBe('miss');
    if (flight.outcome.kind === 'miss') expect(flight.outcome.reason).toBe('no-acquisition');
  });

  it('refusal codes follow the limits: out of reach is too-far', () => {
    const far = solve(siteAhead(-60_000));
    expect(far).toEqual({ ok: false, reason: 'too-far' });
  });
});

describe('re-engagement window and the engine envelope test', () => {
  it('the keep-out time is when the path falls through the floor; a late look closes the window', () => {
    const site = siteAhead(0);
    const s = solve(site) as FireControlSolution;
    const frame = siteFrame(geodeticRecordToEcef(site));
    const keepOut = keepOutTime_s(frame, stateAt(THREAT), s.interceptTime_s, TYPE.minInterceptAltitude_m);
    expect(keepOut).toBe(s.keepOut_s);
    const below = stateAt(THREAT)(keepOut)!;
    expect(heightAboveSite_m(frame, below.pos)).toBeLessThan(TYPE.minInterceptAltitude_m);
    expect(reengagementWindow(s, 2, 1, 5, 8).open).toBe(s.interceptTime_s + 1 + 5 + 8 < keepOut);
    expect(reengagementWindow(s, 2, 1, keepOut - s.interceptTime_s, 8).open).toBe(false);
  });

  it('closestApproachEnvelope refuses points above the ceiling, below the floor and beyond the range', () => {
    const site_ecef = geodeticRecordToEcef(AIM);
    const at = (ahead_m: number, height_m: number): Float64Array => {
      const g = siteAhead(ahead_m);
      return geodeticRecordToEcef({ ...g, h_m: AIM.h_m + height_m });
    };
    expect(closestApproachEnvelope(TYPE, site_ecef, at(10_000, 15_000), 5000)).toBeNull();
    expect(closestApproachEnvelope(TYPE, site_ecef, at(10_000, 21_100), 5000)).toBe('too-high');
    expect(closestApproachEnvelope(TYPE, site_ecef, at(10_000, 46), 60)).toBe('too-low');
    expect(closestApproachEnvelope(TYPE, site_ecef, at(25_400, 1000), 60)).toBe('too-far');
  });
});

describe('the envelope range test against the geodesic (src/geo/geodesic, checked against GeographicLib)', () => {
  it('ground range is within 0.5 m of the geodesic at ground level and within 65 m at 20 km height', () => {
    for (const lat of [0, 32, 60])
      for (const az of [0, 45, 90, 135])
        for (const range_m of [5000, 25_000, 40_000]) {
          const site: Geodetic = { lat_rad: lat * DEG, lon_rad: 44 * DEG, h_m: 188 };
          const frame = siteFrame(geodeticRecordToEcef(site));
          const p = geodesicDirect(site.lat_rad, site.lon_rad, az * DEG, range_m);
          const at = (h_m: number) =>
            groundRangeFrom_m(frame, geodeticRecordToEcef({ lat_rad: p.lat_rad, lon_rad: p.lon_rad, h_m }));
          expect(Math.abs(at(188) - range_m)).toBeLessThan(0.5);
          // high up, the geocentric sub-point is off the geodetic one by up to h·(geodetic − geocentric latitude)
          expect(Math.abs(at(188 + 20_000) - range_m)).toBeLessThan(65);
        }
  });
});
