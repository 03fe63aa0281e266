import { describe, expect, it } from 'vitest';
import { AL_ASAD, KERMANSHAH, launchOf, rocketType, site, srbm } from '../../test/support/threatFixtures.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import { createThreatModels } from '../threats/registry.js';
import {
  AIR_BREATHING_SLOW_mps,
  isAirBreathing,
  isLevelFlyer,
  kinematicsOf,
  LEVEL_FLYER_MAX_CLIMB_rad,
  LEVEL_FLYER_MAX_SPEED_mps,
  motionModeOfPath,
} from './classify.js';

const DEG = Math.PI / 180;
// a point 200 m above the ellipsoid at 33.8° N 42.5° E and its local east/up unit vectors
const lat = 33.8 * DEG;
const lon = 42.5 * DEG;
const pos = geodeticToEcef(lat, lon, 200);
const east = new Float64Array([-Math.sin(lon), Math.cos(lon), 0]);
const up = new Float64Array([Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)]);

/** ECEF velocity of `speed` at flight-path angle `gamma` heading east. */
function velocity(speed_mps: number, gamma_rad: number): Float64Array {
  const v = new Float64Array(3);
  for (let i = 0; i < 3; i++)
    v[i] = speed_mps * (Math.cos(gamma_rad) * east[i] + Math.sin(gamma_rad) * up[i]);
  return v;
}

describe('isLevelFlyer (track kinematic class)', () => {
  it('a constant-velocity track at 222 m/s in level flight is a level flyer', () => {
    expect(isLevelFlyer({ model: 'cv' }, pos, velocity(222, 0))).toBe(true);
    expect(isLevelFlyer({ model: 'cv' }, pos, velocity(222, -4 * DEG))).toBe(true);
  });
  it('the same state is ballistic when the IMM favours the gravity mode', () => {
    expect(isLevelFlyer({ model: 'ballistic' }, pos, velocity(222, 0))).toBe(false);
  });
  it('steep or fast tracks are never level flyers, whatever the IMM says', () => {
    // the geocentric up differs from the ellipsoid normal by < 0.2°: stay clear of the 5° edge by 0.5°
    expect(isLevelFlyer({ model: 'cv' }, pos, velocity(222, LEVEL_FLYER_MAX_CLIMB_rad + 0.5 * DEG))).toBe(
      false,
    );
    expect(isLevelFlyer({ model: 'cv' }, pos, velocity(222, -30 * DEG))).toBe(false);
    expect(isLevelFlyer({ model: 'cv' }, pos, velocity(LEVEL_FLYER_MAX_SPEED_mps + 1, 0))).toBe(false);
    expect(isLevelFlyer({ model: 'cv' }, pos, velocity(1600, -40 * DEG))).toBe(false);
  });
  it('a slow track (a drone, or at rest) is air-breathing whatever its mode or climb', () => {
    expect(isLevelFlyer({ model: 'cv' }, pos, new Float64Array(3))).toBe(true);
    expect(isLevelFlyer({ model: 'ballistic' }, pos, velocity(AIR_BREATHING_SLOW_mps - 1, -60 * DEG))).toBe(
      true,
    );
    expect(isLevelFlyer({ model: 'ballistic' }, pos, velocity(AIR_BREATHING_SLOW_mps + 1, 0))).toBe(false);
  });
});

describe('isAirBreathing (one rule for engine tracks and planner truth paths)', () => {
  const models = createThreatModels();

  it('with the mode unknown, speed and flight-path angle decide', () => {
    expect(isAirBreathing({ speed_mps: 250, flightPathAngle_rad: 3 * DEG, mode: null })).toBe(true);
    expect(isAirBreathing({ speed_mps: 250, flightPathAngle_rad: 20 * DEG, mode: null })).toBe(false);
    expect(isAirBreathing({ speed_mps: 900, flightPathAngle_rad: 0, mode: null })).toBe(false);
  });

  it('a perfect tracker on an SRBM re-entry says ballistic, and the body is not air-breathing', () => {
    const type = srbm('notional-srbm-500km');
    const traj = models.fly(launchOf(type.id, KERMANSHAH, AL_ASAD), type, createRng(1));
    const t_s = traj.endTime_s - 30;
    expect(motionModeOfPath((t, p, v) => traj.stateAt(t, p, v), t_s)).toBe('ballistic');
    const p = new Float64Array(3);
    const v = new Float64Array(3);
    traj.stateAt(t_s, p, v);
    expect(isAirBreathing(kinematicsOf(p, v, 'ballistic'))).toBe(false);
  });

  it('a rocket at its apex is level and (if faster than 150 m/s) slow enough, but its free fall makes it ballistic', () => {
    const type = rocketType('notional-rocket-122mm');
    const traj = models.fly(
      launchOf(type.id, site(33.5, 44.6, 40), site(33.5, 44.4, 40)),
      type,
      createRng(3),
    );
    // the apex: the sample with the smallest |climb rate|
    const p = new Float64Array(3);
    const v = new Float64Array(3);
    let apex_s = traj.launchTime_s;
    let best = Number.POSITIVE_INFINITY;
    for (let t = traj.launchTime_s + 5; t < traj.endTime_s - 5; t += 0.25) {
      traj.stateAt(t, p, v);
      const k = kinematicsOf(p, v, null);
      if (Math.abs(k.flightPathAngle_rad) < best) {
        best = Math.abs(k.flightPathAngle_rad);
        apex_s = t;
      }
    }
    traj.stateAt(apex_s, p, v);
    const atApex = kinematicsOf(
      p,
      v,
      motionModeOfPath((t, pp, vv) => traj.stateAt(t, pp, vv), apex_s),
    );
    expect(Math.abs(atApex.flightPathAngle_rad)).toBeLessThan(LEVEL_FLYER_MAX_CLIMB_rad);
    expect(atApex.mode).toBe('ballistic');
    // speed alone would call it air-breathing: the mode is what keeps it ballistic (unless it is drone-slow)
    expect(isAirBreathing({ ...atApex, mode: null })).toBe(atApex.speed_mps <= LEVEL_FLYER_MAX_SPEED_mps);
    expect(isAirBreathing(atApex)).toBe(atApex.speed_mps < AIR_BREATHING_SLOW_mps);
  });

  it('a body in straight, level, unaccelerated flight is cv to a perfect tracker', () => {
    // constant ECEF velocity along the local east from `pos`
    const stateAt = (t_s: number, p: Float64Array, v: Float64Array): boolean => {
      for (let i = 0; i < 3; i++) {
        p[i] = pos[i] + 250 * east[i] * t_s;
        v[i] = 250 * east[i];
      }
      return true;
    };
    expect(motionModeOfPath(stateAt, 10)).toBe('cv');
  });
});
