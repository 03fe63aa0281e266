import { describe, expect, it } from 'vitest';
import { catalogThreat, ERBIL, launchOf } from '../../test/support/threatFixtures.js';
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { ecefToGeodetic } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { CruiseThreatType, Geodetic } from '../scenario/types.js';
import { CRUISE_POPUP_HEIGHT_m, CruiseThreatModel } from './cruise.js';
import { createThreatModels } from './registry.js';

const quds = catalogThreat<CruiseThreatType>('notional-cruise-missile');
const exact: CruiseThreatType = { ...quds, cep_m: 0, reliability: 1 };
const distance = (a: Geodetic, b: Geodetic) =>
  geodesicInverse(a.lat_rad, a.lon_rad, b.lat_rad, b.lon_rad).distance_m;

function pointFrom(origin: Geodetic, azimuth_rad: number, range_m: number, h_m: number): Geodetic {
  const p = geodesicDirect(origin.lat_rad, origin.lon_rad, azimuth_rad, range_m);
  return { lat_rad: p.lat_rad, lon_rad: p.lon_rad, h_m };
}

describe('cruise missile threat model', () => {
  const model = new CruiseThreatModel();
  // 200 km out, launch ground 1,000 m, aim (Erbil) 420 m: the smooth-Earth ground slopes down along the path
  const from = pointFrom(ERBIL, 2.2, 200e3, 1000);

  it('flies 200 km at 800 km/h, holds its height above the sloping smooth-Earth ground, dives onto the aim', () => {
    const traj = model.fly(launchOf(exact.id, from, ERBIL, 5), exact, createRng(1));
    const tof_s = traj.endTime_s - traj.launchTime_s;
    expect(tof_s / (200e3 / exact.speed_mps)).toBeGreaterThan(0.999);
    expect(tof_s / (200e3 / exact.speed_mps)).toBeLessThan(1.005);
    expect(traj.outcome).toBe('impact');
    expect(distance(traj.endPoint, ERBIL)).toBeLessThan(1);
    expect(traj.endPoint.h_m).toBeCloseTo(ERBIL.h_m, 3);
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    for (let t = traj.launchTime_s + 10; t < traj.endTime_s - 5; t += 7) {
      traj.stateAt(t, pos, vel);
      const g = ecefToGeodetic(pos);
      const s_m = distance(from, g);
      const ground_m = from.h_m + ((ERBIL.h_m - from.h_m) * s_m) / 200e3;
      expect(Math.abs(g.h_m - ground_m - exact.cruiseHeightAgl_m)).toBeLessThan(1);
      expect(Math.hypot(vel[0], vel[1], vel[2])).toBeCloseTo(exact.speed_mps, 6);
    }
  });

  it('pops up to 300 m above the ground before a pop-up terminal dive', () => {
    const flat = pointFrom(ERBIL, 2.2, 50e3, ERBIL.h_m);
    const dive = model.fly(launchOf(exact.id, flat, ERBIL), exact, createRng(1));
    const popUp = model.fly(launchOf(exact.id, flat, ERBIL), { ...exact, terminal: 'pop-up' }, createRng(1));
    expect(dive.apexAltitude_m - ERBIL.h_m).toBeCloseTo(exact.cruiseHeightAgl_m, 6);
    expect(popUp.apexAltitude_m - ERBIL.h_m).toBeCloseTo(CRUISE_POPUP_HEIGHT_m, 6);
    expect(distance(popUp.endPoint, ERBIL)).toBeLessThan(1);
    expect(popUp.endTime_s).toBeGreaterThan(dive.endTime_s);
  });

  it('passes through its waypoints and is dispatched by the registry', () => {
    const wp = pointFrom(ERBIL, 1.5, 120e3, 600);
    const launch = { ...launchOf(exact.id, from, ERBIL), waypoints: [wp] };
    const traj = createThreatModels().fly(launch, exact, createRng(1));
    const expected = distance(from, wp) + distance(wp, ERBIL);
    expect((traj.endTime_s * exact.speed_mps) / expected).toBeGreaterThan(0.999);
    expect((traj.endTime_s * exact.speed_mps) / expected).toBeLessThan(1.005);
  });

  it('misses by about the CEP and fails at 1 − reliability, reproducibly', () => {
    const n = 400;
    let failed = 0;
    const misses: number[] = [];
    const type: CruiseThreatType = { ...quds, reliability: 0.7, cep_m: 20 };
    for (let i = 0; i < n; i++) {
      const traj = model.fly(
        launchOf(type.id, pointFrom(ERBIL, 2.2, 30e3, ERBIL.h_m), ERBIL),
        type,
        createRng(i),
      );
      if (traj.outcome === 'failed') {
        failed++;
        expect(traj.endPoint.h_m).toBeCloseTo(ERBIL.h_m, 3);
      } else misses.push(distance(traj.endPoint, ERBIL));
    }
    expect(failed / n).toBeGreaterThan(0.22);
    expect(failed / n).toBeLessThan(0.38);
    misses.sort((a, b) => a - b);
    const median = misses[Math.floor(misses.length / 2)];
    expect(median).toBeGreaterThan(15);
    expect(median).toBeLessThan(25);
    const a = model.fly(launchOf(type.id, from, ERBIL), type, createRng(7));
    const b = model.fly(launchOf(type.id, from, ERBIL), type, createRng(7));
    expect(a.pos_ecef).toEqual(b.pos_ecef);
  });
});
