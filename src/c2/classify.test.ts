import { describe, expect, it } from 'vitest';
import { geodeticToEcef } from '../geo/wgs84.js';
import { isLevelFlyer, LEVEL_FLYER_MAX_CLIMB_rad, LEVEL_FLYER_MAX_SPEED_mps } from './classify.js';

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
  it('a track at rest is not a level flyer', () => {
    expect(isLevelFlyer({ model: 'cv' }, pos, new Float64Array(3))).toBe(false);
  });
});
