import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approxHeight_m, WGS84_A_m, WGS84_GM_m3ps2 } from '../geo/wgs84.js';
import { FlightEngine, type FlightPlan, type FlightSteps } from './flight.js';
import { TrajectoryRecorder } from './trajectory.js';

const CD = { mach: [0, 1, 3], cd: [0.3, 0.5, 0.3] };
const STEPS: FlightSteps = { boost_s: 0.2, atmospheric_s: 0.25, exo_s: 2, record_s: 0.5, maxFlight_s: 3600 };

/** Unpowered body launched from the equator (x axis) in the equatorial plane: radial and eastward speed. */
function coastPlan(speed_mps: number, pathAngle_rad: number, drag: boolean, steps = STEPS): FlightPlan {
  const up = new Float64Array([1, 0, 0]);
  return {
    launchTime_s: 0,
    launch_ecef: new Float64Array([WGS84_A_m, 0, 0]),
    launchVel_ecef: new Float64Array([
      speed_mps * Math.sin(pathAngle_rad),
      speed_mps * Math.cos(pathAngle_rad),
      0,
    ]),
    launchMass_kg: 1000,
    massFlow_kgps: 0,
    thrust_N: 0,
    cutoff_s: 0,
    coastMass_kg: 1000,
    dirA_ecef: up,
    dirAEnd_s: 0,
    dirB_ecef: up,
    dirBEnd_s: 0,
    area_m2: 0.3,
    cd: CD,
    tumbleFrom_s: Number.POSITIVE_INFINITY,
    tumbleDragFactor: 1,
    groundHeight_m: 0,
    drag,
    gravity: 'central-inertial',
    steps,
  };
}

describe('FlightEngine', () => {
  it.each([
    ['fixed RK4 steps', STEPS],
    ['adaptive Dormand–Prince steps', { ...STEPS, tolerance_m: 5e-3, maxStep_s: 30 }],
  ])(
    'matches the closed-form Kepler free-flight range angle and time of flight in vacuum (%s)',
    (_name, steps) => {
      // Bate, Mueller & White, Fundamentals of Astrodynamics §6.2 (range angle) and §4.2 (Kepler's equation)
      const engine = new FlightEngine();
      const mu = WGS84_GM_m3ps2;
      const r = WGS84_A_m;
      for (const [v, gamma] of [
        [2200, 0.75],
        [3000, 0.6],
        [1500, 1.0],
      ]) {
        const end = engine.fly(coastPlan(v, gamma, false, steps), null);
        const nu = (r * v * v) / mu;
        const c2 = Math.cos(gamma) ** 2;
        const psi = 2 * Math.acos((1 - nu * c2) / Math.sqrt(1 + nu * (nu - 2) * c2));
        const psiFlown = Math.atan2(end.pos_ecef[1], end.pos_ecef[0]);
        expect(Math.abs(psiFlown - psi) * r).toBeLessThan(5);
        const a = 1 / (2 / r - (v * v) / mu);
        const p = (r * v * Math.cos(gamma)) ** 2 / mu;
        const e = Math.sqrt(1 - p / a);
        const nu0 = Math.acos((p / r - 1) / e);
        const e0 = 2 * Math.atan(Math.sqrt((1 - e) / (1 + e)) * Math.tan(nu0 / 2));
        const m0 = e0 - e * Math.sin(e0);
        const tof = (2 * (Math.PI - m0)) / Math.sqrt(mu / a ** 3);
        expect(end.flightTime_s).toBeCloseTo(tof, 2);
        // the apex is searched on the arc of the step that turns down, so it is exact to the integration error
        expect(Math.abs(end.apexHeight_m - (a * (1 + e) - r))).toBeLessThan(1);
      }
    },
  );

  it('converges: halving every step moves a drag-affected impact by under a metre', () => {
    const coarse = new FlightEngine().fly(coastPlan(1800, 0.7, true), null);
    const impactCoarse = Float64Array.from(coarse.pos_ecef);
    const half: FlightSteps = { ...STEPS, atmospheric_s: 0.125, exo_s: 1 };
    const fine = new FlightEngine().fly(coastPlan(1800, 0.7, true, half), null);
    const d = Math.hypot(...[0, 1, 2].map((k) => impactCoarse[k] - fine.pos_ecef[k]));
    expect(d).toBeLessThan(1);
  });

  it('loses mechanical energy monotonically in unpowered atmospheric flight (property)', () => {
    const engine = new FlightEngine();
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 2500, noNaN: true }),
        fc.double({ min: 0.1, max: 1.4, noNaN: true }),
        (v, gamma) => {
          const rec = new TrajectoryRecorder();
          engine.fly(coastPlan(v, gamma, true), rec);
          const traj = rec.finish({
            launchTime_s: 0,
            outcome: 'impact',
            endPoint: { lat_rad: 0, lon_rad: 0, h_m: 0 },
            apexAltitude_m: 0,
          });
          let previous = Number.POSITIVE_INFINITY;
          for (let i = 0; i < traj.times_s.length; i++) {
            const p = traj.pos_ecef.subarray(3 * i, 3 * i + 3);
            const u = traj.vel_ecef.subarray(3 * i, 3 * i + 3);
            const energy =
              0.5 * (u[0] ** 2 + u[1] ** 2 + u[2] ** 2) - WGS84_GM_m3ps2 / Math.hypot(p[0], p[1], p[2]);
            expect(energy).toBeLessThanOrEqual(previous + 1e-3);
            previous = energy;
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('measures height above the ellipsoid: zero on it at any latitude', () => {
    for (const z of [0, 3e6, 6356752.314245]) {
      const x = Math.sqrt(Math.max(0, 1 - (z / 6356752.314245) ** 2)) * WGS84_A_m;
      expect(Math.abs(approxHeight_m(x, 0, z))).toBeLessThan(1e-6 * WGS84_A_m);
    }
  });
});
