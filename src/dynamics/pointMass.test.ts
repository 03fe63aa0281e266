import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atmosphere1976 } from '../env/atmosphere.js';
import { freeFallAccelEcef } from '../env/gravity.js';
import { dcmEnuFromEcef, rotateEnuToEcef } from '../geo/frames.js';
import {
  ecefToGeodetic,
  geodeticToEcef,
  WGS84_A_m,
  WGS84_GM_m3ps2,
  WGS84_J2,
  WGS84_OMEGA_radps,
} from '../geo/wgs84.js';
import { createRk4Workspace, rk4Step } from './integrate.js';
import { PM_MASS, PM_STATE_LENGTH, PM_VX, type PointMassParams, pointMassDerivative } from './pointMass.js';

const VACUUM: PointMassParams = { thrust_N: 0, massFlow_kgps: 0, area_m2: 0, cd: { mach: [0], cd: [0] } };

/** State from geodetic position (rad, m), ENU velocity (m/s) and mass (kg). */
function stateAt(lat: number, lon: number, h: number, vel_enu: number[], mass_kg: number): Float64Array {
  const y = new Float64Array(PM_STATE_LENGTH);
  y.set(geodeticToEcef(lat, lon, h), 0);
  y.set(rotateEnuToEcef(dcmEnuFromEcef(lat, lon), Float64Array.from(vel_enu), new Float64Array(3)), PM_VX);
  y[PM_MASS] = mass_kg;
  return y;
}

/**
 * Specific mechanical energy in the rotating frame, J/kg: ½|v|² + U_J2 − ½Ω²(x² + y²), with the J2 potential
 * U = −μ/r [1 − J2 (a/r)² (3 z²/r² − 1)/2] (Vallado eq. 8-32). Coriolis does no work, so only drag changes it.
 */
function energy_Jpkg(y: Readonly<Float64Array>): number {
  const [x, yy, z] = [y[0], y[1], y[2]];
  const r = Math.hypot(x, yy, z);
  const potential =
    (-WGS84_GM_m3ps2 / r) * (1 - (WGS84_J2 * (WGS84_A_m / r) ** 2 * (3 * (z / r) ** 2 - 1)) / 2);
  const centrifugal = -0.5 * WGS84_OMEGA_radps ** 2 * (x * x + yy * yy);
  return 0.5 * (y[3] ** 2 + y[4] ** 2 + y[5] ** 2) + potential + centrifugal;
}

function fly(
  params: PointMassParams,
  y: Float64Array,
  duration_s: number,
  h_s: number,
  each?: (y: Float64Array) => void,
) {
  const work = createRk4Workspace(PM_STATE_LENGTH);
  const steps = Math.round(duration_s / h_s);
  for (let i = 0; i < steps; i++) {
    rk4Step((t, s, d) => pointMassDerivative(params, t, s, d), i * h_s, y, h_s, work);
    each?.(y);
  }
  return y;
}

describe('pointMassDerivative', () => {
  it('drops a body released at rest from 100 m by ½ g t² with the local effective g (vacuum)', () => {
    const lat = 34 * (Math.PI / 180);
    const y = stateAt(lat, 0.8, 100, [0, 0, 0], 10);
    const g = freeFallAccelEcef(y, new Float64Array(3), new Float64Array(3));
    const localG_mps2 = Math.hypot(g[0], g[1], g[2]);
    const t_s = 4;
    fly(VACUUM, y, t_s, 0.01);
    // g grows by 2g/R per metre of fall: a few mm over 78 m
    expect(Math.abs(ecefToGeodetic(y).h_m - (100 - 0.5 * localG_mps2 * t_s * t_s))).toBeLessThan(0.005);
  });

  it('conserves rotating-frame energy in vacuum (validates gravity, Coriolis and centrifugal together)', () => {
    const y = stateAt(0.5, 0.3, 50_000, [1500, 800, 1200], 500);
    const before = energy_Jpkg(y);
    fly(VACUUM, y, 60, 0.01);
    expect(Math.abs(energy_Jpkg(y) - before)).toBeLessThan(1e-4);
  });

  it('never gains energy under drag (property: energy non-increasing step by step)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.4, max: 1.4, noNaN: true }),
        fc.double({ min: 0, max: 40_000, noNaN: true }),
        fc.double({ min: 50, max: 2500, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: -1.2, max: 1.2, noNaN: true }),
        (lat, h, speed, heading, pitch) => {
          const vel = [
            speed * Math.cos(pitch) * Math.sin(heading),
            speed * Math.cos(pitch) * Math.cos(heading),
            speed * Math.sin(pitch),
          ];
          const y = stateAt(lat, 0.7, h + 5000, vel, 100);
          const params: PointMassParams = {
            ...VACUUM,
            area_m2: 0.05,
            cd: { mach: [0, 1, 3], cd: [0.3, 0.5, 0.35] },
          };
          let previous = energy_Jpkg(y);
          const start = previous;
          fly(params, y, 2, 0.01, (s) => {
            const e = energy_Jpkg(s);
            expect(e).toBeLessThanOrEqual(previous + 1e-3);
            previous = e;
          });
          expect(previous).toBeLessThan(start);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('applies drag ½ ρ v² Cd A / m against the velocity, ρ and Mach from the 1976 atmosphere', () => {
    const y = stateAt(0.6, 0.9, 3000, [200, 0, 0], 50);
    const cdOfMach = (mach: number) => 0.2 + 0.1 * mach;
    const vacuum = new Float64Array(PM_STATE_LENGTH);
    const withDrag = new Float64Array(PM_STATE_LENGTH);
    pointMassDerivative(VACUUM, 0, y, vacuum);
    pointMassDerivative({ ...VACUUM, area_m2: 0.1, cd: cdOfMach }, 0, y, withDrag);
    const air = atmosphere1976(3000);
    const expected = (0.5 * air.density_kgpm3 * 200 * 200 * cdOfMach(200 / air.speedOfSound_mps) * 0.1) / 50;
    const drag = [withDrag[3] - vacuum[3], withDrag[4] - vacuum[4], withDrag[5] - vacuum[5]];
    expect(Math.hypot(drag[0], drag[1], drag[2]) / expected).toBeCloseTo(1, 6);
    const alongVelocity = (drag[0] * y[3] + drag[1] * y[4] + drag[2] * y[5]) / (200 * Math.hypot(...drag));
    expect(alongVelocity).toBeCloseTo(-1, 6);
  });

  it('applies thrust along the supplied direction and burns mass until burnout', () => {
    const y = stateAt(0.5, 0.5, 0, [0, 0, 0], 1000);
    const up = Float64Array.from([y[0], y[1], y[2]].map((c) => c / Math.hypot(y[0], y[1], y[2])));
    const params: PointMassParams = {
      ...VACUUM,
      thrust_N: 50_000,
      massFlow_kgps: 20,
      burnout_s: 10,
      thrustDirection: (_t, _s, out) => out.set(up),
    };
    const coast = new Float64Array(PM_STATE_LENGTH);
    const burn = new Float64Array(PM_STATE_LENGTH);
    pointMassDerivative(VACUUM, 0, y, coast);
    pointMassDerivative(params, 5, y, burn);
    expect(burn[PM_MASS]).toBe(-20);
    for (let i = 0; i < 3; i++) expect(burn[3 + i] - coast[3 + i]).toBeCloseTo(50 * up[i], 10);
    const after = new Float64Array(PM_STATE_LENGTH);
    pointMassDerivative(params, 10, y, after);
    expect(after[PM_MASS]).toBe(0);
    expect(Array.from(after)).toEqual(Array.from(coast));
  });
});
