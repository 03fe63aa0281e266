/**
 * @module weapons/flight
 * The stepping engine behind `startFlight` (`weapons/interceptor`, whose module note describes the physics and the
 * guidance phases), split by job: `drawRound` takes the round's random draws, `FlightRecorder` keeps the decimated
 * replay path, and `Flight` owns the state of one round and advances it one guidance + integration step at a time;
 * the vector arithmetic of a step, on scratch allocated once per flight, is in `weapons/flightStep` (the stepping
 * loop of every run allocates nothing). The order of the arithmetic is that of the former single closure: run
 * hashes depend on it.
 */

import { approxHeightOf_m, geodeticRecordToEcef } from '../geo/wgs84.js';
import { hermiteState } from '../math/hermite.js';
import { hypot3 } from '../math/hypot.js';
import type { InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { type Airframe, createAirframe, lateralAccelLimit_mps2, stepAirframe } from './airframe.js';
import { closestApproach } from './closestApproach.js';
import {
  closingOn,
  closingSpeedAt,
  copy3,
  createScratch,
  descending,
  dot3,
  type FlightScratch,
  launchState,
  type Mutable,
  midcoursePointAccel,
  seekerSees,
  sub3,
  targetAccelRelative,
} from './flightStep.js';
import { type SiteFrame, siteFrame } from './geometry.js';
import { augmentedPN, type Guidance, type GuidanceInputs, proportionalNavigation } from './guidance.js';
import type {
  FlightOptions,
  FlightRun,
  FlightStepSample,
  FlyInterceptorArgs,
  InterceptOutcome,
  InterceptorFlight,
} from './interceptor.js';

/** Earliest and latest time after launch of a reliability failure, s. */
const FAILURE_WINDOW_s: readonly [number, number] = [0.5, 5];
/** Seeker acquisition range when the type gives none, m (notional; see `docs/model.md`). */
export const DEFAULT_SEEKER_ACQUISITION_RANGE_m = 15_000;
/** Seeker field-of-view half-angle when the type gives none, rad (notional). */
export const DEFAULT_SEEKER_FIELD_OF_VIEW_rad = (30 * Math.PI) / 180;

/** A queued aim-point update. */
interface AimUpdate {
  readonly effective_s: number;
  readonly point_ecef: Float64Array;
}

/** The round's five random draws, taken at launch in a fixed order so every round consumes the same count. */
interface RoundDraws {
  /** Whether the round fails at launch/boost (reliability). */
  readonly fails: boolean;
  /** Flight time limit: the failure time for a failing round, else the type's maximum flight time, s. */
  readonly flightLimit_s: number;
  /** Per-axis guidance aim offset the seeker homes onto, ECEF m. */
  readonly offset0: number;
  readonly offset1: number;
  readonly offset2: number;
}

/** Draws reliability, failure time and the three guidance-noise axes, in that order (the stream's contract). */
function drawRound(args: FlyInterceptorArgs): RoundDraws {
  const { type, rng } = args;
  const fails = !(rng.uniform() < type.reliability);
  const failTime_s = FAILURE_WINDOW_s[0] + (FAILURE_WINDOW_s[1] - FAILURE_WINDOW_s[0]) * rng.uniform();
  const offset0 = rng.normal() * type.guidanceNoise_m;
  const offset1 = rng.normal() * type.guidanceNoise_m;
  const offset2 = rng.normal() * type.guidanceNoise_m;
  const flightLimit_s = fails ? Math.min(failTime_s, type.maxFlightTime_s) : type.maxFlightTime_s;
  return { fails, flightLimit_s, offset0, offset1, offset2 };
}

/** The decimated replay path of one flight, in buffers sized once from the flight-time limit. */
class FlightRecorder {
  private readonly capacity: number;
  private readonly times_s: Float64Array;
  private readonly pos_ecef: Float64Array;
  private count = 0;

  constructor(flightLimit_s: number, recordEvery_s: number) {
    this.capacity = Math.ceil(flightLimit_s / recordEvery_s) + 3;
    this.times_s = new Float64Array(this.capacity);
    this.pos_ecef = new Float64Array(this.capacity * 3);
  }

  /** Appends one sample (dropped once the buffers are full). */
  record(t_s: number, pos: Readonly<Float64Array>): void {
    if (this.count >= this.capacity) return;
    this.times_s[this.count] = t_s;
    this.pos_ecef[this.count * 3] = pos[0];
    this.pos_ecef[this.count * 3 + 1] = pos[1];
    this.pos_ecef[this.count * 3 + 2] = pos[2];
    this.count++;
  }

  /** Records the end of the flight unless a sample at or after that time is already there. */
  recordEnd(t_s: number, pos: Readonly<Float64Array>): void {
    if (this.count === 0 || this.times_s[this.count - 1] < t_s) this.record(t_s, pos);
  }

  /** Copies of the samples taken so far. */
  path(): InterceptorFlight['path'] {
    return { times_s: this.times_s.slice(0, this.count), pos_ecef: this.pos_ecef.slice(0, this.count * 3) };
  }
}

/**
 * One round in flight: its state, guidance phase, queued aim points and statistics, advanced by `advanceTo`. The
 * implementation of `FlightRun` that `startFlight` returns; `FlightOptions` are already merged with the defaults.
 */
export class Flight implements FlightRun {
  readonly guidedMidcourse: boolean;
  /** The midcourse aim point, replaced by uplinked updates (the `FlightRun` view of it). */
  readonly aimPoint_ecef: Float64Array;

  private readonly args: FlyInterceptorArgs;
  private readonly type: InterceptorType;
  private readonly target: Trajectory;
  private readonly opt: FlightOptions;
  private readonly law: Guidance;
  private readonly h_s: number;
  private readonly keepOutFloor_m: number;
  private readonly draws: RoundDraws;
  private readonly s: FlightScratch = createScratch();
  private readonly airframe: Airframe;
  /** The airframe state (position ECEF m, velocity ECEF m/s, mass kg), advanced in place. */
  private readonly y: Float64Array;
  private readonly site: SiteFrame;
  private readonly pendingAims: AimUpdate[] = [];
  private readonly recorder: FlightRecorder;
  private readonly acquisitionRange_m: number;
  private readonly cosFieldOfView: number;
  private readonly cnMax: number;
  /** Guidance inputs of the terminal phase (homing on truth plus the aim offset). */
  private readonly guidanceInputs: Mutable<GuidanceInputs>;
  /** Guidance inputs of the midcourse phase (the fixed aim point). */
  private readonly midcourseInputs: Mutable<GuidanceInputs>;

  private ended: InterceptOutcome | null = null;
  private maxSpeed: number;
  private maxAccel = 0;
  private steps = 0;
  private seekerAcquired = false;
  private acquiredAt_s = 0;
  private targetAccelKnown = false;
  private phase: FlightStepSample['phase'] = 'boost';
  /** Time since launch at the start of the next step, s. */
  private t_s = 0;
  private nextRecord_s: number;
  private wasClosing = false;

  constructor(args: FlyInterceptorArgs, opt: FlightOptions) {
    const { type } = args;
    this.args = args;
    this.type = type;
    this.target = args.target;
    this.opt = opt;
    this.h_s = args.step_s;
    this.keepOutFloor_m = args.minInterceptAltitude_m ?? type.minInterceptAltitude_m;
    this.law = opt.guidanceLaw === 'apn' ? augmentedPN : proportionalNavigation;
    this.draws = drawRound(args);
    const s = this.s;
    this.airframe = createAirframe(type, opt);
    this.y = this.airframe.state;
    this.site = siteFrame(geodeticRecordToEcef(args.site));
    launchState(args, this.site, opt, this.y);
    this.aimPoint_ecef = Float64Array.from(args.aimPoint_ecef);
    this.recorder = new FlightRecorder(this.draws.flightLimit_s, args.recordEvery_s);
    this.maxSpeed = Math.hypot(this.y[3], this.y[4], this.y[5]);
    this.acquisitionRange_m = type.seekerAcquisitionRange_m ?? DEFAULT_SEEKER_ACQUISITION_RANGE_m;
    this.cosFieldOfView = Math.cos(type.seekerFieldOfView_rad ?? DEFAULT_SEEKER_FIELD_OF_VIEW_rad);
    // opt-in fidelity: the q-limited turn and the seeker/midcourse model apply only to types that state their
    // parameters, so a type without them flies exactly the older truth-homing model (without midcourse the seeker
    // sees the target from the end of the boost hold)
    this.cnMax = type.maxNormalForceCoefficient ?? Number.POSITIVE_INFINITY;
    this.guidedMidcourse = opt.midcourse && type.seekerAcquisitionRange_m !== undefined;
    copy3(s.posM, this.y, 0);
    this.recorder.record(args.launchTime_s, s.posM);
    if (!this.target.stateAt(args.launchTime_s, s.targetPos, s.targetVel)) {
      this.end({ kind: 'miss', time_s: args.launchTime_s, reason: 'target-gone' }, s.posM);
    }
    // the first target acceleration estimate is its free fall (ballistic); later ones difference its velocity
    s.targetPrevVel.set(s.targetVel);
    this.guidanceInputs = {
      interceptorPos: s.posM0,
      interceptorVel: s.velM0,
      targetPos: s.aimPos,
      targetVel: s.targetVel,
      targetAccel: s.relAccel,
      navigationConstant: type.navigationConstant,
      maxAccel_mps2: type.maxAccel_mps2,
    };
    // midcourse: a fixed ECEF point (zero ECEF velocity) that, relative to the falling round, accelerates by minus
    // the round's free fall (APN then compensates gravity)
    this.midcourseInputs = {
      ...this.guidanceInputs,
      targetPos: this.aimPoint_ecef,
      targetVel: s.zero,
      targetAccel: s.pointAccel,
    };
    this.nextRecord_s = args.recordEvery_s;
  }

  get time_s(): number {
    return this.args.launchTime_s + this.t_s;
  }

  get outcome(): InterceptOutcome | null {
    return this.ended;
  }

  get acquired(): boolean {
    return this.seekerAcquired;
  }

  advanceTo(until_s: number): InterceptOutcome | null {
    while (this.ended === null && this.args.launchTime_s + this.t_s < until_s) {
      if (!(this.t_s < this.draws.flightLimit_s - 1e-9)) {
        this.end(
          { kind: 'miss', time_s: this.args.launchTime_s + this.t_s, reason: 'self-destruct' },
          this.s.posM,
        );
        break;
      }
      this.step();
    }
    return this.ended;
  }

  setAimPoint(point_ecef: Readonly<Float64Array>, effective_s: number): void {
    if (this.seekerAcquired || this.ended !== null) return;
    this.pendingAims.push({ effective_s, point_ecef: Float64Array.from(point_ecef) });
  }

  stateInto(pos_ecef: Float64Array, vel_ecef: Float64Array): void {
    copy3(pos_ecef, this.y, 0);
    copy3(vel_ecef, this.y, 3);
  }

  finish(): InterceptorFlight {
    const result = this.advanceTo(Number.POSITIVE_INFINITY) as InterceptOutcome;
    return {
      outcome: result,
      path: this.recorder.path(),
      stats: {
        maxSpeed_mps: this.maxSpeed,
        maxCommandedAccel_mps2: this.maxAccel,
        steps: this.steps,
        failed: this.draws.fails,
        acquisitionTime_s: this.seekerAcquired ? this.args.launchTime_s + this.acquiredAt_s : null,
      },
    };
  }

  /** Ends the flight: records its last point and keeps the outcome. */
  private end(result: InterceptOutcome, lastPos: Readonly<Float64Array>): InterceptOutcome {
    this.recorder.recordEnd(result.time_s, lastPos);
    this.ended = result;
    return result;
  }

  /** One guidance + integration step; returns the outcome when the flight ends in it. */
  private step(): InterceptOutcome | null {
    const s = this.s;
    copy3(s.posM0, this.y, 0);
    copy3(s.velM0, this.y, 3);
    sub3(s.rel0, s.targetPos, s.posM0);
    sub3(s.relVel0, s.targetVel, s.velM0);
    this.applyDueAims();

    // guidance command held over this step
    const accelLimit_mps2 = lateralAccelLimit_mps2(this.type, this.cnMax, this.opt.drag, this.y, s.air);
    if (this.t_s >= this.opt.boostHold_s) this.commandGuidance(accelLimit_mps2);
    this.args.onStep?.({
      t_s: this.t_s,
      state: this.y,
      phase: this.phase,
      accelCommand_ecef: this.airframe.accelCommand_ecef,
      accelLimit_mps2,
    });

    const dt_s = Math.min(this.h_s, this.draws.flightLimit_s - this.t_s);
    const speed = stepAirframe(this.airframe, this.t_s, dt_s);
    if (speed > this.maxSpeed) this.maxSpeed = speed;
    this.t_s += dt_s;
    this.steps++;
    const now_s = this.args.launchTime_s + this.t_s;
    copy3(s.posM, this.y, 0);
    copy3(s.velM, this.y, 3);

    s.targetPrevVel.set(s.targetVel);
    if (!this.target.stateAt(now_s, s.targetPos, s.targetVel)) {
      return this.end({ kind: 'miss', time_s: now_s, reason: 'target-gone' }, s.posM);
    }
    this.targetAccelKnown = true;
    sub3(s.rel1, s.targetPos, s.posM);
    sub3(s.relVel1, s.targetVel, s.velM);

    const passed = this.closestApproachEnd(dt_s, now_s);
    if (passed !== null) return passed;
    const lost = this.groundOrKeepOutEnd(now_s);
    if (lost !== null) return lost;
    if (this.t_s >= this.nextRecord_s - 1e-9) {
      this.recorder.record(now_s, s.posM);
      this.nextRecord_s += this.args.recordEvery_s;
    }
    return null;
  }

  /** Applies the uplinked aim points that are due (none once the seeker has acquired). */
  private applyDueAims(): void {
    const pendingAims = this.pendingAims;
    while (pendingAims.length > 0 && pendingAims[0].effective_s <= this.args.launchTime_s + this.t_s + 1e-9) {
      const update = pendingAims.shift() as AimUpdate;
      if (!this.seekerAcquired) this.aimPoint_ecef.set(update.point_ecef);
    }
  }

  /** After the boost hold: acquisition check, then the terminal or midcourse command for this step. */
  private commandGuidance(accelLimit_mps2: number): void {
    const s = this.s;
    const command = this.airframe.accelCommand_ecef;
    if (
      !this.seekerAcquired &&
      (!this.guidedMidcourse || seekerSees(s, this.acquisitionRange_m, this.cosFieldOfView))
    ) {
      this.seekerAcquired = true;
      this.acquiredAt_s = this.t_s;
      this.pendingAims.length = 0;
    }
    if (this.seekerAcquired) {
      this.phase = 'terminal';
      s.aimPos[0] = s.targetPos[0] + this.draws.offset0;
      s.aimPos[1] = s.targetPos[1] + this.draws.offset1;
      s.aimPos[2] = s.targetPos[2] + this.draws.offset2;
      targetAccelRelative(s, this.opt.gravity, this.targetAccelKnown, this.h_s);
      this.guidanceInputs.maxAccel_mps2 = accelLimit_mps2;
      this.law(command, this.guidanceInputs);
    } else {
      this.phase = 'midcourse';
      midcoursePointAccel(s, this.opt.gravity);
      this.midcourseInputs.maxAccel_mps2 = accelLimit_mps2;
      if (closingOn(this.aimPoint_ecef, s.posM0, s.velM0)) this.law(command, this.midcourseInputs);
      else command.fill(0); // past the aim point: coast
    }
    const a = hypot3(command[0], command[1], command[2]);
    if (a > this.maxAccel) this.maxAccel = a;
  }

  /**
   * Closest approach: the range rate turns from closing to opening inside this step. Ends the flight as an
   * intercept (within the end-game range) or a no-acquisition miss; a farther pass is a tail chase that goes on.
   */
  private closestApproachEnd(dt_s: number, now_s: number): InterceptOutcome | null {
    const s = this.s;
    const rangeRate0 = dot3(s.rel0, s.relVel0);
    const rangeRate1 = dot3(s.rel1, s.relVel1);
    if (rangeRate0 < 0) this.wasClosing = true;
    if (!(this.wasClosing && rangeRate0 < 0 && rangeRate1 >= 0)) return null;
    const ca = closestApproach(s.rel0, s.relVel0, s.rel1, s.relVel1, dt_s);
    if (!this.seekerAcquired) {
      // the target went by without the seeker ever seeing it
      return this.end({ kind: 'miss', time_s: now_s - dt_s + ca.tau_s, reason: 'no-acquisition' }, s.posM);
    }
    if (ca.miss_m <= this.opt.endgameRange_m) {
      const point_ecef = new Float64Array(3);
      const vel = new Float64Array(3);
      hermiteState(ca.tau_s / dt_s, dt_s, s.posM0, s.velM0, 0, s.posM, s.velM, 0, point_ecef, vel);
      const relSpeed = closingSpeedAt(s, dt_s, ca.tau_s);
      const time_s = now_s - dt_s + ca.tau_s;
      return this.end(
        { kind: 'intercept', time_s, miss_m: ca.miss_m, point_ecef, closingSpeed_mps: relSpeed },
        point_ecef,
      );
    }
    this.wasClosing = false;
    return null;
  }

  /** Ends the flight when the round hits the ground or the descending target falls below the keep-out floor. */
  private groundOrKeepOutEnd(now_s: number): InterceptOutcome | null {
    const s = this.s;
    const { opt, site } = this;
    if (approxHeightOf_m(s.posM) < site.height_m - 1) {
      return this.end({ kind: 'miss', time_s: now_s, reason: 'ground' }, s.posM);
    }
    if (Number.isFinite(opt.keepOutTolerance_m) && descending(s.targetPos, s.targetVel)) {
      const targetHeight_m = approxHeightOf_m(s.targetPos) - site.height_m;
      if (targetHeight_m < this.keepOutFloor_m - opt.keepOutTolerance_m) {
        return this.end({ kind: 'miss', time_s: now_s, reason: 'below-min-altitude' }, s.posM);
      }
    }
    return null;
  }
}
