import { describe, expect, it } from 'vitest';
import { analyticTrajectory, incomingThreat } from '../../test/support/analyticTrajectory.js';
import { NOTIONAL_PAC3_MSE } from '../../test/support/weaponFixtures.js';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { buildFlyoutTable, predictInterceptPoint } from '../weapons/flyout.js';
import { directionEcef, siteFrame } from '../weapons/geometry.js';
import { type InterceptOutcome, startFlight } from '../weapons/interceptor.js';
import { reaimPoint } from './uplink.js';

const SITE: Geodetic = { lat_rad: (32 * Math.PI) / 180, lon_rad: (44 * Math.PI) / 180, h_m: 50 };
const SITE_ECEF = geodeticRecordToEcef(SITE);
const DEG = Math.PI / 180;
const G0_mps2 = 9.80665;
const TYPE: InterceptorType = { ...NOTIONAL_PAC3_MSE, guidanceNoise_m: 0, reliability: 1 };
const TABLE = buildFlyoutTable(TYPE);
/** Uplink cadence and latency in these tests (a 1 s radar revisit), s. */
const CYCLE_s = 1;

/** An 80 km / 30 km ballistic threat onto the site that starts a sustained lateral turn at `turnTime_s`. */
function turningThreat(turnTime_s: number, lateral_mps2: number): Trajectory {
  const base = incomingThreat({
    aim: SITE,
    groundRange_m: 80_000,
    height_m: 30_000,
    fromAzimuth_rad: 30 * DEG,
    speed_mps: 2000,
    launchTime_s: 0,
    ballistic: true,
  });
  const pos0 = new Float64Array(3);
  const vel0 = new Float64Array(3);
  base.stateAt(turnTime_s, pos0, vel0);
  // gravity (local down) plus a turn toward the local east-south-east, across the line of flight
  const up = directionEcef(SITE.lat_rad, SITE.lon_rad, 0, Math.PI / 2, new Float64Array(3));
  const side = directionEcef(SITE.lat_rad, SITE.lon_rad, 120 * DEG, 0, new Float64Array(3));
  const accel = Float64Array.from(up, (u, k) => -G0_mps2 * u + lateral_mps2 * side[k]);
  const leg = analyticTrajectory({
    pos0_ecef: pos0,
    vel0_ecef: vel0,
    accel_ecef: accel,
    launchTime_s: turnTime_s,
    maxEndTime_s: base.endTime_s + 30,
  });
  return {
    ...leg,
    launchTime_s: 0,
    stateAt: (t_s, pos, vel) =>
      t_s <= turnTime_s ? base.stateAt(t_s, pos, vel) : leg.stateAt(t_s, pos, vel),
  };
}

/** The C2's ballistic prediction (gravity only) from the target's state at `t_s` — a track that knows no turn. */
function ballisticPrediction(target: Trajectory, t_s: number) {
  const p0 = new Float64Array(3);
  const v0 = new Float64Array(3);
  target.stateAt(t_s, p0, v0);
  const up = directionEcef(SITE.lat_rad, SITE.lon_rad, 0, Math.PI / 2, new Float64Array(3));
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  return (time_s: number) => {
    const dt = time_s - t_s;
    for (let k = 0; k < 3; k++) {
      pos[k] = p0[k] + v0[k] * dt - 0.5 * G0_mps2 * up[k] * dt * dt;
      vel[k] = v0[k] - G0_mps2 * up[k] * dt;
    }
    return { pos, vel };
  };
}

/** Launches at the ballistic PIP seen at t = 0 and flies with (or without) a 1 s uplink; returns the outcome. */
function engage(target: Trajectory, uplink: boolean): { outcome: InterceptOutcome; acquired: boolean } {
  const pip = predictInterceptPoint(TABLE, TYPE, SITE_ECEF, SITE, ballisticPrediction(target, 0), 0, 5);
  if (!pip.ok) throw new Error(`no PIP: ${pip.reason}`);
  const flight = startFlight({
    type: TYPE,
    site: SITE,
    launchTime_s: pip.launchTime_s,
    aimPoint_ecef: pip.point_ecef,
    target,
    rng: createRng(7),
    step_s: 0.05,
    recordEvery_s: 1,
    flightTimeHint_s: pip.flightTime_s,
  });
  const round = {
    launchTime_s: pip.launchTime_s,
    burnTime_s: TYPE.burnTime_s,
    maxFlightTime_s: TYPE.maxFlightTime_s,
    table: TABLE,
  };
  const site = siteFrame(SITE_ECEF);
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  for (let t_s = pip.launchTime_s; flight.outcome === null; t_s += CYCLE_s) {
    if (uplink && !flight.acquired) {
      flight.stateInto(pos, vel);
      const reaim = reaimPoint(round, site, ballisticPrediction(target, t_s), pos, vel, t_s);
      if (reaim) flight.setAimPoint(reaim.point_ecef, t_s + CYCLE_s);
    }
    flight.advanceTo(t_s + CYCLE_s);
  }
  return { outcome: flight.outcome as unknown as InterceptOutcome, acquired: flight.acquired };
}

describe('midcourse uplink', () => {
  it('a target that turns after launch is hit only with the uplink', () => {
    // a 2 g turn from 12 s on (before the launch), which the ballistic track prediction does not know
    const target = turningThreat(12, 20);
    const fixed = engage(target, false);
    const updated = engage(target, true);
    // fixed PIP: the seeker never sees the target, or sees it too late to turn onto it
    const fixedMissed = fixed.outcome.kind === 'miss' || fixed.outcome.miss_m > 100;
    expect(fixedMissed).toBe(true);
    expect(updated.acquired).toBe(true);
    expect(updated.outcome.kind).toBe('intercept');
    if (updated.outcome.kind === 'intercept') expect(updated.outcome.miss_m).toBeLessThan(3);
  });

  it('without a turn the uplinked point converges on the launch PIP (same intercept time within 1 s)', () => {
    const target = turningThreat(1e9, 0);
    const predict = ballisticPrediction(target, 0);
    const pip = predictInterceptPoint(TABLE, TYPE, SITE_ECEF, SITE, predict, 0, 5);
    if (!pip.ok) throw new Error(pip.reason);
    const round = {
      launchTime_s: pip.launchTime_s,
      burnTime_s: TYPE.burnTime_s,
      maxFlightTime_s: TYPE.maxFlightTime_s,
      table: TABLE,
    };
    // at launch (boosting: the flyout table's arrival time) the re-aim reproduces the C2's launch solution
    const site = siteFrame(SITE_ECEF);
    const zero = new Float64Array(3);
    const reaim = reaimPoint(round, site, predict, SITE_ECEF, zero, pip.launchTime_s);
    expect(reaim).not.toBeNull();
    expect(Math.abs((reaim?.interceptTime_s ?? 0) - pip.interceptTime_s)).toBeLessThan(1);
  });

  it('returns null when the prediction ends before any point is reachable', () => {
    const round = { launchTime_s: 0, burnTime_s: 8, maxFlightTime_s: 60, table: TABLE };
    const far = Float64Array.from(SITE_ECEF, (v, k) => v + (k === 0 ? 500_000 : 0));
    const reaim = reaimPoint(
      round,
      siteFrame(SITE_ECEF),
      (t) => (t < 5 ? { pos: far, vel: far } : null),
      SITE_ECEF,
      new Float64Array(3),
      0,
    );
    expect(reaim).toBeNull();
  });
});
