/**
 * @module threats/flight
 * The point-mass flight engine shared by the ballistic-missile and rocket models: a body of time-varying mass
 * under thrust, aerodynamic drag (Cd versus Mach, U.S. 1976 density) and gravity in the rotating ECEF frame (J2
 * gravitation + Coriolis + centrifugal, `freeFallAccelEcef`), integrated either with error-controlled Dormand–Prince
 * 5(4) steps (`FlightSteps.tolerance_m` set: the threat models' default, `FLYOUT_TOLERANCE_m` = 5 mm / 0.05 mm/s local
 * error per component, steps up to 30 s; impact within 5 m of the fixed-step solution, see docs/physics.md) or with
 * classical RK4 at fixed steps (the former default, kept as the accuracy reference). The air co-rotates with the
 * Earth, so the air-relative velocity is the ECEF velocity (no wind). Thrust points along a fixed ECEF direction
 * (`dirA`) until `dirAEnd_s`, then along a second fixed direction (`dirB`) until `dirBEnd_s`, then along the
 * velocity (gravity turn), and stops at `cutoff_s`. The flight ends when the body, descending, crosses the
 * ellipsoid height `groundHeight_m` (no terrain); the crossing is found on the step's cubic Hermite arc. Every step
 * ends on the plan's events (the right-hand side is discontinuous there); the recorded samples are step ends, read
 * back by cubic Hermite interpolation (the dense output), and the apex is searched on the arc of the turning step.
 * One `FlightEngine` owns all scratch arrays, so a flyout allocates nothing but its optional recorded samples.
 */

import { type CdCursor, cdAtMachFrom } from '../dynamics/aero.js';
import {
  createDopri5Workspace,
  createRk4Workspace,
  type Dopri5Workspace,
  dopri5NextStep,
  dopri5Step,
  type Rk4Workspace,
  rk4Step,
} from '../dynamics/integrate.js';
import { AIR_DENSITY, AIR_SOUND_SPEED, airAt } from '../env/atmosphere.js';
import { freeFallAccelEcef } from '../env/gravity.js';
import { approxHeight_m, WGS84_GM_m3ps2 } from '../geo/wgs84.js';
import { hermiteState } from '../math/hermite.js';
import type { CdTable } from '../scenario/types.js';
import type { TrajectoryRecorder } from './trajectory.js';

/** Above this height drag is ignored (density < 3e-9 kg/m³ there), m. */
const DRAG_CEILING_m = 150_000;
/** Above this height an unpowered body takes the long exo-atmospheric step, m. */
const EXO_HEIGHT_m = 90_000;
/** Times closer than this to an event count as the event, s. */
const EVENT_EPS_s = 1e-7;
/** Bisection iterations for the ground crossing on the Hermite arc (2⁻³⁰ of a step). */
const CROSSING_ITERATIONS = 30;
/**
 * Golden-section iterations for the apex inside the step where the body turns down: 0.618²⁴ ≈ 1e-5 of a step, so
 * ≤ 0.3 ms of a 30 s step, where the height is within g t² / 2 < 1 µm of its maximum.
 */
const APEX_ITERATIONS = 24;
/** Default velocity tolerance = position tolerance / this time, s (a velocity error δv grows to δv·T downrange). */
const VELOCITY_TOLERANCE_TIME_s = 100;
/** Longest adaptive step when the plan gives none, s. */
const DEFAULT_MAX_STEP_s = 10;
/**
 * Local error tolerance of the threat models' default flyouts, m per position component (and, through the 100 s
 * velocity time scale, 5e-5 m/s per velocity component). Chosen against the former fixed RK4 steps: impact within
 * 5 m, apex within 5 m and flight time within 0.01 s for every catalog type (`test/flyoutAccuracy.test.ts`), at
 * 3–15× fewer right-hand-side evaluations.
 */
export const FLYOUT_TOLERANCE_m = 5e-3;
/** Longest step of the default flyouts, s (exo-atmospheric coast; Hermite samples 30 s apart are still within mm). */
export const FLYOUT_MAX_STEP_s = 30;
/** Golden ratio conjugate (√5 − 1) / 2. */
const GOLDEN = (Math.sqrt(5) - 1) / 2;

// local copies: module-namespace getters are slow in some loaders (vite-node, tsx) and this is the hot path
const GM_m3ps2 = WGS84_GM_m3ps2;

/**
 * Gravity model: the full rotating-Earth model (J2 + Coriolis + centrifugal), or a point-mass field −μ r/|r|³ in a
 * non-rotating frame (Kepler references in tests).
 */
export type GravityModel = 'j2-rotating' | 'central-inertial';

/**
 * Integration step sizes and sampling, s. Two integrators: with `tolerance_m` set, error-controlled Dormand–Prince
 * 5(4) (`dopri5Step`): local error per step ≤ `tolerance_m` in each position component and ≤ `tolerance_m` per second
 * in each velocity component, the first step `boost_s`, no step longer than `maxStep_s`; without it, classical RK4
 * at the fixed steps `boost_s` / `atmospheric_s` / `exo_s` (the former default, kept as the fine-step reference).
 */
export interface FlightSteps {
  /** Step while the motor burns (fixed RK4), and the first step (adaptive), s. */
  readonly boost_s: number;
  /** Unpowered step inside the atmosphere (below 90 km), fixed RK4, s. */
  readonly atmospheric_s: number;
  /** Unpowered step above 90 km, fixed RK4, s. */
  readonly exo_s: number;
  /** Absolute local error tolerance of the adaptive integrator on each position component, m. */
  readonly tolerance_m?: number;
  /** Same on each velocity component, m/s (default `tolerance_m` / 100 s: a velocity error grows into position). */
  readonly velocityTolerance_mps?: number;
  /** Longest adaptive step, s (default 10). */
  readonly maxStep_s?: number;
  /** Minimum spacing of recorded samples, s (events and the end are always recorded). */
  readonly record_s: number;
  /** Give up after this flight time, s (the result then has `grounded: false`). */
  readonly maxFlight_s: number;
}

/** Everything one flyout needs; plain data, SI, ECEF. */
export interface FlightPlan {
  /** Scenario time at lift-off, s (recorded sample times are scenario times). */
  readonly launchTime_s: number;
  /** Launch position, ECEF m. */
  readonly launch_ecef: Readonly<Float64Array>;
  /** Velocity at lift-off, ECEF m/s (zero for a launch from rest). */
  readonly launchVel_ecef: Readonly<Float64Array>;
  /** Mass at lift-off, kg. */
  readonly launchMass_kg: number;
  /** Propellant mass flow while burning, kg/s. */
  readonly massFlow_kgps: number;
  /** Thrust while burning, N. */
  readonly thrust_N: number;
  /** Thrust stops at this flight time (burnout, thrust termination or failure), s. */
  readonly cutoff_s: number;
  /** Mass of the body that flies on after cutoff, kg. */
  readonly coastMass_kg: number;
  /** Thrust direction until `dirAEnd_s` (unit, ECEF). */
  readonly dirA_ecef: Readonly<Float64Array>;
  readonly dirAEnd_s: number;
  /** Thrust direction from `dirAEnd_s` until `dirBEnd_s` (unit, ECEF); after that thrust follows the velocity. */
  readonly dirB_ecef: Readonly<Float64Array>;
  readonly dirBEnd_s: number;
  /** Reference area for drag, m². */
  readonly area_m2: number;
  readonly cd: CdTable;
  /** From this flight time on, drag is multiplied by `tumbleDragFactor` (a broken-up, tumbling body), s. */
  readonly tumbleFrom_s: number;
  readonly tumbleDragFactor: number;
  /** Flight ends when descending through this ellipsoid height, m. */
  readonly groundHeight_m: number;
  /** Drag on (false: vacuum, for references). */
  readonly drag: boolean;
  readonly gravity: GravityModel;
  readonly steps: FlightSteps;
}

/** Outcome of a flyout, written into the engine's own arrays (valid until the next flyout). */
export interface FlightEnd {
  /** True when the flight reached `groundHeight_m`; false when it ran past `maxFlight_s`. */
  readonly grounded: boolean;
  /** Flight time at the end (not scenario time), s. */
  readonly flightTime_s: number;
  readonly pos_ecef: Float64Array;
  readonly vel_ecef: Float64Array;
  /** Highest height above the ellipsoid seen at a step end (radial approximation, see `approxHeight_m`), m. */
  readonly apexHeight_m: number;
}

/** Step h from t shortened so that it ends on `event_s` when the event lies inside it. */
function clipToEvent(t_s: number, h_s: number, event_s: number): number {
  return event_s > t_s + EVENT_EPS_s && event_s < t_s + h_s ? event_s - t_s : h_s;
}

/** t, or the event time when t is within rounding of it (so phase tests after an event are exact). */
function snapToEvent(t_s: number, event_s: number): number {
  return Math.abs(t_s - event_s) < EVENT_EPS_s ? event_s : t_s;
}

/** Reusable integrator of `FlightPlan`s. One per model instance; not shared between threads. */
export class FlightEngine {
  private plan: FlightPlan | null = null;
  /** Flight time at the start of the current step (selects the thrust/tumble phase), s. */
  private stepStart_s = 0;
  private readonly work: Rk4Workspace = createRk4Workspace(6);
  private readonly dp: Dopri5Workspace = createDopri5Workspace(6);
  private readonly tolerance = new Float64Array(6);
  /** Last Cd-table interval used (the Mach number moves little between evaluations). */
  private readonly cdCursor: CdCursor = { lo: 0 };
  /** Proposed next adaptive step, s (carried across event clips). */
  private hNext_s = 0;
  /** True when `dp.k1` holds f at the current state for the current phase (first-same-as-last). */
  private k1Valid = false;
  private readonly y = new Float64Array(6);
  private readonly yPos = this.y.subarray(0, 3);
  private readonly yVel = this.y.subarray(3, 6);
  private readonly yPrev = new Float64Array(6);
  private readonly pos = new Float64Array(3);
  private readonly vel = new Float64Array(3);
  private readonly acc = new Float64Array(3);
  private readonly air = new Float64Array(2);
  private readonly endPos = new Float64Array(3);
  private readonly endVel = new Float64Array(3);
  private readonly deriv = (t_s: number, y: Readonly<Float64Array>, dydt: Float64Array): void => {
    this.derivative(t_s, y, dydt);
  };

  /** Right-hand-side evaluations since the engine was made (a cost counter for tests and benchmarks). */
  evaluations = 0;
  /** Adaptive steps rejected (error estimate above the tolerance) since the engine was made. */
  rejections = 0;

  /** dy/dt for y = (pos_ecef, vel_ecef) at flight time t. */
  private derivative(t_s: number, y: Readonly<Float64Array>, dydt: Float64Array): void {
    const plan = this.plan!;
    this.evaluations++;
    const pos = this.pos;
    const vel = this.vel;
    const acc = this.acc;
    pos[0] = y[0];
    pos[1] = y[1];
    pos[2] = y[2];
    vel[0] = y[3];
    vel[1] = y[4];
    vel[2] = y[5];
    if (plan.gravity === 'j2-rotating') freeFallAccelEcef(pos, vel, acc);
    else {
      const r2 = pos[0] * pos[0] + pos[1] * pos[1] + pos[2] * pos[2];
      const k = -GM_m3ps2 / (r2 * Math.sqrt(r2));
      acc[0] = k * pos[0];
      acc[1] = k * pos[1];
      acc[2] = k * pos[2];
    }
    const speed_mps = Math.sqrt(vel[0] * vel[0] + vel[1] * vel[1] + vel[2] * vel[2]);
    // phases switch on the step's start time: steps end on events, so a step never straddles one and its last
    // RK4 stage (evaluated exactly at the event) still sees the step's own phase
    const phase_s = this.stepStart_s;
    const burning = phase_s < plan.cutoff_s;
    const mass_kg = burning ? plan.launchMass_kg - plan.massFlow_kgps * t_s : plan.coastMass_kg;
    // thrust: fixed direction A, then B, then along the velocity
    if (burning) {
      const a = plan.thrust_N / mass_kg;
      if (phase_s < plan.dirAEnd_s) {
        acc[0] += a * plan.dirA_ecef[0];
        acc[1] += a * plan.dirA_ecef[1];
        acc[2] += a * plan.dirA_ecef[2];
      } else if (phase_s < plan.dirBEnd_s || speed_mps === 0) {
        acc[0] += a * plan.dirB_ecef[0];
        acc[1] += a * plan.dirB_ecef[1];
        acc[2] += a * plan.dirB_ecef[2];
      } else {
        const k = a / speed_mps;
        acc[0] += k * vel[0];
        acc[1] += k * vel[1];
        acc[2] += k * vel[2];
      }
    }
    // drag: −½ ρ |v| v Cd A / m (air at rest in ECEF)
    if (plan.drag && speed_mps > 0) {
      const h_m = approxHeight_m(pos[0], pos[1], pos[2]);
      if (h_m < DRAG_CEILING_m) {
        const air = airAt(h_m, this.air);
        const tumble = phase_s >= plan.tumbleFrom_s ? plan.tumbleDragFactor : 1;
        const cd = cdAtMachFrom(plan.cd, speed_mps / air[AIR_SOUND_SPEED], this.cdCursor) * tumble;
        const k = (-0.5 * air[AIR_DENSITY] * speed_mps * cd * plan.area_m2) / mass_kg;
        acc[0] += k * vel[0];
        acc[1] += k * vel[1];
        acc[2] += k * vel[2];
      }
    }
    dydt[0] = vel[0];
    dydt[1] = vel[1];
    dydt[2] = vel[2];
    dydt[3] = acc[0];
    dydt[4] = acc[1];
    dydt[5] = acc[2];
  }

  /** Step length from flight time `t_s` in state y, clipped so events fall on step boundaries. */
  private stepFrom(t_s: number, y: Readonly<Float64Array>): number {
    const plan = this.plan!;
    const steps = plan.steps;
    let h_s: number;
    if (t_s < plan.cutoff_s) h_s = steps.boost_s;
    else h_s = approxHeight_m(y[0], y[1], y[2]) > EXO_HEIGHT_m ? steps.exo_s : steps.atmospheric_s;
    // land exactly on each discontinuity of the right-hand side
    h_s = clipToEvent(t_s, h_s, plan.dirAEnd_s);
    h_s = clipToEvent(t_s, h_s, plan.dirBEnd_s);
    h_s = clipToEvent(t_s, h_s, plan.cutoff_s);
    return clipToEvent(t_s, h_s, plan.tumbleFrom_s);
  }

  /** True when t is exactly one of the plan's events (times are snapped), so the sample is recorded. */
  private isEvent(t_s: number): boolean {
    const plan = this.plan!;
    return (
      t_s === plan.dirAEnd_s || t_s === plan.dirBEnd_s || t_s === plan.cutoff_s || t_s === plan.tumbleFrom_s
    );
  }

  /** Snaps a step-end time onto any event it lies within rounding of. */
  private snap(t_s: number): number {
    const plan = this.plan!;
    t_s = snapToEvent(t_s, plan.dirAEnd_s);
    t_s = snapToEvent(t_s, plan.dirBEnd_s);
    t_s = snapToEvent(t_s, plan.cutoff_s);
    return snapToEvent(t_s, plan.tumbleFrom_s);
  }

  /**
   * Flies `plan` to the ground. When `recorder` is given, samples (scenario time) go into it: the launch, every
   * step at least `record_s` after the previous sample, every event and the ground crossing.
   */
  fly(plan: FlightPlan, recorder: TrajectoryRecorder | null): FlightEnd {
    this.plan = plan;
    const y = this.y;
    const yPrev = this.yPrev;
    for (let k = 0; k < 3; k++) {
      y[k] = plan.launch_ecef[k];
      y[3 + k] = plan.launchVel_ecef[k];
    }
    const adaptive = plan.steps.tolerance_m !== undefined;
    if (adaptive) {
      const tol_m = plan.steps.tolerance_m!;
      if (!(tol_m > 0)) throw new RangeError(`FlightEngine: tolerance_m must be > 0, got ${tol_m}`);
      const tolVel_mps = plan.steps.velocityTolerance_mps ?? tol_m / VELOCITY_TOLERANCE_TIME_s;
      if (!(tolVel_mps > 0))
        throw new RangeError(`FlightEngine: velocityTolerance_mps must be > 0, got ${tolVel_mps}`);
      this.tolerance.fill(tol_m, 0, 3);
      this.tolerance.fill(tolVel_mps, 3, 6);
      this.hNext_s = plan.steps.boost_s;
      this.k1Valid = false;
    }
    const maxStep_s = plan.steps.maxStep_s ?? DEFAULT_MAX_STEP_s;
    const t0_s = plan.launchTime_s;
    recorder?.push(t0_s, this.yPos, this.yVel);
    let t_s = 0;
    let apex_m = approxHeight_m(y[0], y[1], y[2]);
    let grounded = false;
    let wasDescending = y[0] * y[3] + y[1] * y[4] + y[2] * y[5] < 0;
    while (t_s < plan.steps.maxFlight_s) {
      yPrev.set(y);
      this.stepStart_s = t_s;
      const h_s = adaptive ? this.adaptiveStep(t_s, maxStep_s) : this.fixedStep(t_s);
      const tPrev_s = t_s;
      t_s = this.snap(t_s + h_s);
      const height_m = approxHeight_m(y[0], y[1], y[2]);
      if (height_m > apex_m) apex_m = height_m;
      const descending = y[0] * y[3] + y[1] * y[4] + y[2] * y[5] < 0;
      if (descending && !wasDescending) {
        // the body turned down inside this step: its apex lies on the step's arc, not at a step end
        const arcApex_m = this.apexOnArc(yPrev, h_s, y);
        if (arcApex_m > apex_m) apex_m = arcApex_m;
      }
      wasDescending = descending;
      if (descending && height_m <= plan.groundHeight_m) {
        t_s = this.crossing(tPrev_s, yPrev, h_s, y, plan.groundHeight_m);
        grounded = true;
        break;
      }
      // an event ends the phase: the stored f(t, y) belongs to the old phase
      if (this.isEvent(t_s)) this.k1Valid = false;
      if (
        recorder &&
        (t_s - (recorder.lastTime_s - t0_s) >= plan.steps.record_s - 1e-9 || this.isEvent(t_s))
      ) {
        recorder.push(t0_s + t_s, this.yPos, this.yVel);
      }
    }
    if (!grounded) {
      this.endPos.set(this.yPos);
      this.endVel.set(this.yVel);
    }
    recorder?.push(t0_s + t_s, this.endPos, this.endVel);
    this.plan = null;
    return {
      grounded,
      flightTime_s: t_s,
      pos_ecef: this.endPos,
      vel_ecef: this.endVel,
      apexHeight_m: apex_m,
    };
  }

  /** One fixed RK4 step from flight time t (the reference integrator); advances y, returns the step, s. */
  private fixedStep(t_s: number): number {
    const h_s = this.stepFrom(t_s, this.y);
    rk4Step(this.deriv, t_s, this.y, h_s, this.work);
    return h_s;
  }

  /**
   * One accepted Dormand–Prince 5(4) step from flight time t: tries the proposed step (clipped to the next event and
   * to `maxStep_s`), shrinks it until the error estimate is within the tolerance, advances y and returns the step
   * taken, s. The proposal for the next step is kept in `hNext_s`; an event clip does not shrink it.
   */
  private adaptiveStep(t_s: number, maxStep_s: number): number {
    const plan = this.plan!;
    const dp = this.dp;
    const y = this.y;
    if (!this.k1Valid) this.derivative(t_s, y, dp.k1);
    let proposal_s = Math.min(this.hNext_s, maxStep_s);
    let rejected = false;
    for (;;) {
      let h_s = clipToEvent(t_s, proposal_s, plan.dirAEnd_s);
      h_s = clipToEvent(t_s, h_s, plan.dirBEnd_s);
      h_s = clipToEvent(t_s, h_s, plan.cutoff_s);
      h_s = clipToEvent(t_s, h_s, plan.tumbleFrom_s);
      const err = dopri5Step(this.deriv, t_s, y, h_s, dp, this.tolerance);
      if (err <= 1) {
        y.set(dp.yNew);
        dp.k1.set(dp.k7);
        this.k1Valid = true;
        const next_s = dopri5NextStep(h_s, err);
        // after a rejection the step does not grow at once (Hairer, Nørsett & Wanner §II.4): a step that just failed
        // at a kink would fail again; a step clipped to an event says nothing about a longer one, so the larger
        // proposal is kept
        if (rejected) this.hNext_s = Math.min(next_s, h_s);
        else this.hNext_s = h_s < proposal_s ? Math.max(next_s, proposal_s) : next_s;
        return h_s;
      }
      rejected = true;
      this.rejections++;
      proposal_s = dopri5NextStep(h_s, err);
    }
  }

  /**
   * Highest height on the cubic Hermite arc of the step (y0 → y1 over h), by golden-section search: the body turned
   * down inside the step, so the step ends understate the apex (by up to g h² / 8). Uses endPos/endVel as scratch.
   */
  private apexOnArc(y0: Float64Array, h_s: number, y1: Float64Array): number {
    const vel0 = y0.subarray(3);
    const vel1 = y1.subarray(3);
    const p = this.endPos;
    const heightAt = (u: number): number => {
      hermiteState(u, h_s, y0, vel0, 0, y1, vel1, 0, p, this.endVel);
      return approxHeight_m(p[0], p[1], p[2]);
    };
    let a = 0;
    let b = 1;
    let c = b - GOLDEN * (b - a);
    let d = a + GOLDEN * (b - a);
    let fc = heightAt(c);
    let fd = heightAt(d);
    for (let i = 0; i < APEX_ITERATIONS; i++) {
      if (fc > fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - GOLDEN * (b - a);
        fc = heightAt(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + GOLDEN * (b - a);
        fd = heightAt(d);
      }
    }
    return Math.max(fc, fd);
  }

  /**
   * Ground crossing inside the step [t0, t0 + h]: bisection on the cubic Hermite arc through the step's end states
   * (accurate to the integrator's own order). Writes the crossing state into endPos/endVel; returns its time.
   */
  private crossing(t0_s: number, y0: Float64Array, h_s: number, y1: Float64Array, ground_m: number): number {
    const vel0 = y0.subarray(3);
    const vel1 = y1.subarray(3);
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < CROSSING_ITERATIONS; i++) {
      const mid = 0.5 * (lo + hi);
      hermiteState(mid, h_s, y0, vel0, 0, y1, vel1, 0, this.endPos, this.endVel);
      const p = this.endPos;
      if (approxHeight_m(p[0], p[1], p[2]) > ground_m) lo = mid;
      else hi = mid;
    }
    hermiteState(hi, h_s, y0, vel0, 0, y1, vel1, 0, this.endPos, this.endVel);
    return t0_s + hi * h_s;
  }
}
