/**
 * Accuracy of the default threat flyouts (error-controlled Dormand–Prince 5(4), `FLYOUT_TOLERANCE_m`) against the
 * former fine fixed-step RK4 solution (`fixedStep…ModelOptions`), for every powered threat type of the shipped
 * catalog (ballistic missiles and rockets: the kinds flown by `FlightEngine`; cruise missiles and drones follow
 * their planned paths kinematically and are not integrated). Each type flies the same plans with both integrators
 * at two ranges, nominal and with an in-flight failure (boost and early coast): the stated bounds are impact point
 * ≤ 5 m (CEPs are 40–150 m), apex ≤ 5 m, flight time ≤ 0.01 s, and the recorded trajectory read anywhere
 * (`stateAt`, every 0.1 s) ≤ 5 m from the reference's, at under a third of the right-hand-side evaluations.
 */
import { describe, expect, it } from 'vitest';
import { site } from '../../test/support/threatFixtures.js';
import { geodesicDirect } from '../geo/geodesic.js';
import { loadCatalog } from '../scenario/catalog.js';
import type { BallisticThreatType, Geodetic, RocketThreatType } from '../scenario/types.js';
import { BallisticThreatModel, fixedStepBallisticModelOptions } from './ballistic.js';
import { FlightEngine, type FlightPlan } from './flight.js';
import { fixedStepRocketModelOptions, RocketThreatModel } from './rocket.js';
import { type SampledTrajectory, TrajectoryRecorder } from './trajectory.js';

/** Stated bounds of the adaptive flyouts against the fixed-step reference. */
const IMPACT_BOUND_m = 5;
const APEX_BOUND_m = 5;
const FLIGHT_TIME_BOUND_s = 0.01;
const TRAJECTORY_BOUND_m = 5;
/** The adaptive flyouts must cost less than this fraction of the reference's evaluations (per type, summed). */
const COST_BOUND = 1 / 3;

const KERMANSHAH = site(34.31, 47.07, 1300);
const TAJI = site(33.53, 44.28, 40);

const META = {
  launchTime_s: 0,
  outcome: 'impact' as const,
  endPoint: { lat_rad: 0, lon_rad: 0, h_m: 0 },
  apexAltitude_m: 0,
};

interface Flown {
  readonly impact: Float64Array;
  readonly time_s: number;
  readonly apex_m: number;
  readonly trajectory: SampledTrajectory;
  readonly evaluations: number;
}

function flyWith(plan: FlightPlan): Flown {
  const engine = new FlightEngine();
  const recorder = new TrajectoryRecorder();
  const end = engine.fly(plan, recorder);
  return {
    impact: Float64Array.from(end.pos_ecef),
    time_s: end.flightTime_s,
    apex_m: end.apexHeight_m,
    trajectory: recorder.finish(META),
    evaluations: engine.evaluations,
  };
}

/** Largest distance between two trajectories read at the same times (every 0.1 s over their common span), m. */
function maxTrajectoryGap_m(a: SampledTrajectory, b: SampledTrajectory): number {
  const pa = new Float64Array(3);
  const pb = new Float64Array(3);
  const va = new Float64Array(3);
  const vb = new Float64Array(3);
  const end_s = Math.min(a.endTime_s, b.endTime_s);
  let gap = 0;
  for (let t = 0; t <= end_s; t += 0.1) {
    a.stateAt(t, pa, va);
    b.stateAt(t, pb, vb);
    gap = Math.max(gap, Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]));
  }
  return gap;
}

/** Compares one plan flown adaptively (as given) and with the reference steps; returns both evaluation counts. */
function compare(label: string, adaptive: FlightPlan, reference: FlightPlan): [number, number] {
  const fine = flyWith(reference);
  const fast = flyWith(adaptive);
  const d = fast.impact.map((x, k) => x - fine.impact[k]);
  const impact_m = Math.hypot(d[0], d[1], d[2]);
  expect(impact_m, `${label}: impact`).toBeLessThan(IMPACT_BOUND_m);
  expect(Math.abs(fast.apex_m - fine.apex_m), `${label}: apex`).toBeLessThan(APEX_BOUND_m);
  expect(Math.abs(fast.time_s - fine.time_s), `${label}: flight time`).toBeLessThan(FLIGHT_TIME_BOUND_s);
  expect(maxTrajectoryGap_m(fast.trajectory, fine.trajectory), `${label}: trajectory`).toBeLessThan(
    TRAJECTORY_BOUND_m,
  );
  return [fast.evaluations, fine.evaluations];
}

const toDeg = (rad: number): number => (rad * 180) / Math.PI;
const threats = [...loadCatalog().threats.values()].map((e) => e.value);

describe('adaptive threat flyouts against the fixed-step RK4 reference', () => {
  const ballistic = threats.filter((t): t is BallisticThreatType => t.kind === 'ballistic');
  const rockets = threats.filter((t): t is RocketThreatType => t.kind === 'rocket');

  it('covers every powered type of the catalog', () => {
    expect(ballistic.length).toBeGreaterThanOrEqual(3);
    expect(rockets.length).toBeGreaterThanOrEqual(2);
  });

  it.each(ballistic.map((t) => [t.id, t] as const))(
    '%s: impact, apex, time and path within bounds',
    (_id, type) => {
      const model = new BallisticThreatModel();
      const reference = new BallisticThreatModel(fixedStepBallisticModelOptions());
      const pitchOver_rad = model.pitchOverAngle_rad(type);
      let fast = 0;
      let fine = 0;
      for (const fraction of [0.35, 0.95]) {
        const p = geodesicDirect(KERMANSHAH.lat_rad, KERMANSHAH.lon_rad, 4.5, fraction * type.maxRange_m);
        const aim = site(toDeg(p.lat_rad), toDeg(p.lon_rad), 188);
        const solved = model.solveAim(type, KERMANSHAH, aim);
        if (!solved.ok) throw new Error(`${type.id}: aim not solved at ${fraction} of the range`);
        const cutoff_s = solved.cutoffTime_s;
        for (const failure of [null, { time_s: 0.5 * cutoff_s }, { time_s: cutoff_s + 20 }]) {
          const plan = (m: BallisticThreatModel): FlightPlan =>
            m.plan(type, KERMANSHAH, 0, cutoff_s, solved.azimuth_rad, pitchOver_rad, aim.h_m, failure);
          const [a, b] = compare(`${type.id} ${fraction} ${failure?.time_s}`, plan(model), plan(reference));
          fast += a;
          fine += b;
        }
      }
      expect(fast / fine).toBeLessThan(COST_BOUND);
    },
  );

  it.each(rockets.map((t) => [t.id, t] as const))(
    '%s: impact, apex, time and path within bounds',
    (_id, type) => {
      const model = new RocketThreatModel();
      const reference = new RocketThreatModel(fixedStepRocketModelOptions());
      let fast = 0;
      let fine = 0;
      for (const fraction of [0.5, 0.95]) {
        const q = geodesicDirect(TAJI.lat_rad, TAJI.lon_rad, Math.PI / 6, fraction * type.maxRange_m);
        const from: Geodetic = site(toDeg(q.lat_rad), toDeg(q.lon_rad), 45);
        const firing = model.solveFiring(type, from, TAJI);
        if (!firing.ok) throw new Error(`${type.id}: firing not solved at ${fraction} of the range`);
        for (const failure_s of [Number.POSITIVE_INFINITY, 0.5 * type.burnTime_s]) {
          const plan = (m: RocketThreatModel): FlightPlan =>
            m.plan(type, from, 0, firing.elevation_rad, firing.azimuth_rad, TAJI.h_m, failure_s);
          const [a, b] = compare(`${type.id} ${fraction} ${failure_s}`, plan(model), plan(reference));
          fast += a;
          fine += b;
        }
      }
      expect(fast / fine).toBeLessThan(COST_BOUND);
    },
  );
});
