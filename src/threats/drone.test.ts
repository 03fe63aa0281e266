import { describe, expect, it } from 'vitest';
import { catalogThreat, ERBIL, launchOf } from '../../test/support/threatFixtures.js';
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { createRng } from '../math/rng.js';
import type { DroneThreatType, Geodetic } from '../scenario/types.js';
import { DroneThreatModel } from './drone.js';

const shahed = catalogThreat<DroneThreatType>('notional-owa-drone');
const exact: DroneThreatType = { ...shahed, cep_m: 0, reliability: 1 };
const distance = (a: Geodetic, b: Geodetic) =>
  geodesicInverse(a.lat_rad, a.lon_rad, b.lat_rad, b.lon_rad).distance_m;

function pointFrom(origin: Geodetic, azimuth_rad: number, range_m: number, h_m: number): Geodetic {
  const p = geodesicDirect(origin.lat_rad, origin.lon_rad, azimuth_rad, range_m);
  return { lat_rad: p.lat_rad, lon_rad: p.lon_rad, h_m };
}

describe('drone threat model', () => {
  const model = new DroneThreatModel();
  const from = pointFrom(ERBIL, 2.2, 100e3, 300);

  it('flies 100 km at 185 km/h in about 100/185 h and dives onto the aimpoint', () => {
    const traj = model.fly(launchOf(exact.id, from, ERBIL, 10), exact, createRng(1));
    const tof_s = traj.endTime_s - traj.launchTime_s;
    expect(tof_s / ((100 / 185) * 3600)).toBeGreaterThan(0.99);
    expect(tof_s / ((100 / 185) * 3600)).toBeLessThan(1.02);
    expect(distance(traj.endPoint, ERBIL)).toBeLessThan(1);
    expect(traj.endPoint.h_m).toBeCloseTo(ERBIL.h_m, 3);
    expect(traj.apexAltitude_m).toBeGreaterThan(300 + exact.cruiseAltitude_m);
    expect(traj.apexAltitude_m).toBeLessThan(ERBIL.h_m + exact.cruiseAltitude_m + 1);
    // samples every ≤ 2 s, speed constant
    const dt = traj.times_s.slice(1).map((t, i) => t - traj.times_s[i]);
    expect(Math.max(...dt)).toBeLessThanOrEqual(2 + 1e-9);
    const mid = Math.floor(traj.times_s.length / 2);
    const v = traj.vel_ecef.subarray(3 * mid, 3 * mid + 3);
    expect(Math.hypot(v[0], v[1], v[2])).toBeCloseTo(exact.speed_mps, 6);
  });

  it('passes through its waypoints', () => {
    const wp = pointFrom(ERBIL, 1.5, 60e3, 300);
    const launch = { ...launchOf(exact.id, from, ERBIL), waypoints: [wp] };
    const traj = model.fly(launch, exact, createRng(1));
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    const expected = distance(from, wp) + distance(wp, ERBIL);
    expect(traj.endTime_s * exact.speed_mps).toBeGreaterThan(expected);
    expect(traj.stateAt(traj.endTime_s / 2, pos, vel)).toBe(true);
  });

  it('misses by about the CEP and fails at 1 − reliability', () => {
    const type: DroneThreatType = { ...shahed, cep_m: 20, reliability: 0.75 };
    const rng = createRng(3);
    const misses: number[] = [];
    let failures = 0;
    for (let i = 0; i < 200; i++) {
      const traj = model.fly(
        launchOf(type.id, pointFrom(ERBIL, 2.2, 20e3, 300), ERBIL),
        type,
        rng.fork(`d${i}`),
      );
      if (traj.outcome === 'failed') failures++;
      else misses.push(distance(traj.endPoint, ERBIL));
    }
    misses.sort((a, b) => a - b);
    const median = misses[Math.floor(misses.length / 2)];
    expect(median).toBeGreaterThan(15);
    expect(median).toBeLessThan(25);
    expect(failures / 200).toBeGreaterThan(0.17);
    expect(failures / 200).toBeLessThan(0.33);
  });
});
