/**
 * @module weapons/fireControl
 * The one fire-control model of aspis: *can this launcher engage this predicted threat path, where and when?* The
 * engine's fire decision (`c2/battery`), coverage maps (`analysis/coverageEngagement`) and placement's fast score
 * (`analysis/placement`) all ask it here, so the planner and the engine cannot disagree about geometry. Derivation
 * and sources: docs/fire-control.md.
 *
 * A predicted intercept point (PIP) at time T is acceptable when, in this order:
 * 1. **envelope** — the point is within `maxInterceptRange_m`, between the floor of the target's class and
 *    `maxInterceptAltitude_m` (`predictInterceptPoint`), and so is the threat's path over T ± `ENVELOPE_MARGIN_s`
 *    (the actual closest approach comes a little before or after the PIP: an engagement planned at the edge of the
 *    envelope would otherwise end outside it) → `too-far` / `too-high` / `too-low` / `out-of-envelope`;
 * 2. **time** — the round, launched no earlier than now + reaction, gets there by T (flyout table) → `no-solution`;
 * 3. **closing geometry** — the threat does not run away from the arriving round: its speed along the round's arrival
 *    direction is at most `TAIL_CHASE_FRACTION` of the round's arrival speed. This refuses the tail chase of a fast
 *    threat that has already passed the battery (an intercept point *behind* it) while still letting a round
 *    overtake a slow drone → `behind`;
 * 4. **seeker look at handover** — on the collision course the line of sight keeps its direction, parallel to the
 *    relative velocity v_round − v_threat, so the seeker's look angle off the round's velocity is
 *    angle(v_round, v_round − v_threat); it must be inside the seeker's field-of-view half-angle
 *    (`seekerFieldOfView_rad`) for the seeker to acquire at handover. Only types with a seeker model
 *    (`seekerAcquisitionRange_m`) are checked, as only they fly the midcourse/acquisition model → `seeker-look`.
 * The arrival velocity is estimated from the table: direction along the chord launcher → PIP, speed the chord over
 * the table time of flight (the mean speed: below the true arrival speed after burnout, so the look angle and the
 * tail-chase test err on the side of refusing).
 *
 * A solution also carries its **re-engagement window**: the time the threat's path falls below the keep-out floor
 * (`keepOut_s`); a shoot-look-shoot second engagement exists only when the kill assessment of the first
 * (`lookTime_s`) plus the reaction time comes before it.
 *
 * In the engine the same envelope is enforced on the round's actual closest approach (`closestApproachEnvelope`):
 * a round whose closest approach falls above the ceiling, below the floor or beyond the maximum range does not kill.
 */
import { hypot3 } from '../math/hypot.js';
import type { InterceptorType } from '../scenario/types.js';
import {
  type FlyoutTable,
  type InterceptRefusal,
  type InterceptSolution,
  type PredictedState,
  scanInterceptPoint,
} from './flyout.js';
import { groundRangeFrom_m, heightAboveSite_m, type SiteFrame, siteFrame } from './geometry.js';
import { DEFAULT_SEEKER_FIELD_OF_VIEW_rad } from './interceptor.js';

/**
 * Half-width of the time window around the PIP over which the threat's path must stay inside the envelope, s. The
 * guided round turns and so arrives later than the unguided table says, and the track's prediction is off by its
 * error over the closing speed; 1 s covers both in the shipped scenarios (docs/fire-control.md) and, for a re-entry
 * body falling at ~1.5 km/s, keeps the planned point ~1.5 km inside the ceiling.
 */
export const ENVELOPE_MARGIN_s = 1;

/**
 * Range margin inside `maxInterceptRange_m` of a planned point, m: against a slow air-breather the time margin is a
 * few tens of metres, yet the guided round meets it up to ~0.5 km beyond the planned point (docs/fire-control.md).
 */
export const RANGE_MARGIN_m = 1000;

/**
 * Largest threat speed along the round's arrival direction, as a fraction of the round's arrival speed (docs/
 * fire-control.md): a pure tail chase then still closes at ≥ half the round's speed. Against a re-entry body (2 km/s
 * vs ≤ 1.5 km/s) this admits crossing angles up to ≈ 100° off head-on; against a 50 m/s drone, any aspect.
 */
export const TAIL_CHASE_FRACTION = 0.5;

/** Why a launcher cannot engage a predicted path (a coded reason, rendered to words by the reports). */
export type FireControlReason =
  | InterceptRefusal['reason']
  /** Tail chase: the threat recedes from the arriving round faster than `TAIL_CHASE_FRACTION` of its speed. */
  | 'behind'
  /** The seeker's look angle at handover is outside its field of view: it would never acquire. */
  | 'seeker-look';

/** Every fire-control refusal code (for reports and tests). */
export const FIRE_CONTROL_REASONS: readonly FireControlReason[] = [
  'too-far',
  'too-high',
  'too-low',
  'out-of-envelope',
  'no-solution',
  'behind',
  'seeker-look',
];

/** Engagement geometry at a PIP (see the module note for the estimates). */
export interface EngagementGeometry {
  /** Angle between the round's arrival direction and the reverse of the threat's velocity, rad (0: head-on). */
  readonly crossingAngle_rad: number;
  /** Seeker look angle off the round's velocity on the collision course, rad. */
  readonly seekerLook_rad: number;
  /** Relative speed |v_round − v_threat| on the collision course, m/s. */
  readonly closingSpeed_mps: number;
  /** Threat speed along the round's arrival direction (> 0: receding from the round), m/s. */
  readonly recedingSpeed_mps: number;
  /** Estimated arrival speed of the round (chord / table time of flight), m/s. */
  readonly arrivalSpeed_mps: number;
}

/** A firing solution: the PIP, its geometry and its re-engagement window. Times are scenario times, s. */
export interface FireControlSolution extends InterceptSolution {
  readonly geometry: EngagementGeometry;
  /**
   * First time after the intercept at which the threat's predicted path is below the keep-out floor (or the
   * prediction ends), s; Infinity when it never is within the look-ahead.
   */
  readonly keepOut_s: number;
}

/** No firing solution, with its coded reason. */
export interface FireControlRefusal {
  readonly ok: false;
  readonly reason: FireControlReason;
}

/** What `solveEngagement` needs: one launcher group, one predicted path, now. */
export interface EngagementQuery {
  readonly table: FlyoutTable;
  readonly type: InterceptorType;
  /** Launcher site, ECEF m. */
  readonly site_ecef: Readonly<Float64Array>;
  /** Predicted threat state at a scenario time (the C2's track prediction, or a planner's nominal path). */
  readonly threatStateAt: (t_s: number) => PredictedState | null;
  readonly now_s: number;
  /** Decide-to-launch delay, s. */
  readonly reaction_s: number;
  /** Floor of the target's class, m above the launcher (`minInterceptAltitudeFor`). */
  readonly minAltitude_m: number;
}

/**
 * Engagement geometry of a round flying from `site` to `point_ecef` in `flightTime_s` against a threat with velocity
 * `threatVel_ecef` there (module note: chord direction, mean speed, collision-course look angle).
 */
export function engagementGeometry(
  site: SiteFrame,
  point_ecef: Readonly<Float64Array>,
  threatVel_ecef: Readonly<Float64Array>,
  flightTime_s: number,
): EngagementGeometry {
  const cx = point_ecef[0] - site.pos_ecef[0];
  const cy = point_ecef[1] - site.pos_ecef[1];
  const cz = point_ecef[2] - site.pos_ecef[2];
  const chord_m = hypot3(cx, cy, cz);
  const arrivalSpeed_mps = flightTime_s > 0 ? chord_m / flightTime_s : 0;
  const ux = chord_m > 0 ? cx / chord_m : 0;
  const uy = chord_m > 0 ? cy / chord_m : 0;
  const uz = chord_m > 0 ? cz / chord_m : 0;
  const vt = threatVel_ecef;
  const threatSpeed_mps = hypot3(vt[0], vt[1], vt[2]);
  const recedingSpeed_mps = vt[0] * ux + vt[1] * uy + vt[2] * uz;
  const crossingAngle_rad = threatSpeed_mps > 0 ? Math.acos(clamp1(-recedingSpeed_mps / threatSpeed_mps)) : 0;
  // relative velocity round − threat; the look angle is its angle off the round's velocity
  const rx = arrivalSpeed_mps * ux - vt[0];
  const ry = arrivalSpeed_mps * uy - vt[1];
  const rz = arrivalSpeed_mps * uz - vt[2];
  const closingSpeed_mps = hypot3(rx, ry, rz);
  const along_mps = rx * ux + ry * uy + rz * uz;
  const seekerLook_rad = closingSpeed_mps > 0 ? Math.acos(clamp1(along_mps / closingSpeed_mps)) : 0;
  return { crossingAngle_rad, seekerLook_rad, closingSpeed_mps, recedingSpeed_mps, arrivalSpeed_mps };
}

/** The geometric verdict on an engagement geometry for a type: null (acceptable), `behind` or `seeker-look`. */
export function geometryVerdict(
  type: InterceptorType,
  g: EngagementGeometry,
): 'behind' | 'seeker-look' | null {
  if (g.recedingSpeed_mps > TAIL_CHASE_FRACTION * g.arrivalSpeed_mps) return 'behind';
  // only a type with a seeker model flies the acquisition check in the engine (weapons/interceptor)
  const fov_rad = type.seekerFieldOfView_rad ?? DEFAULT_SEEKER_FIELD_OF_VIEW_rad;
  if (type.seekerAcquisitionRange_m !== undefined && g.seekerLook_rad > fov_rad) return 'seeker-look';
  return null;
}

/**
 * Whether a point is inside a type's envelope as seen from `site`: null, or the limit it breaks (`too-far` first,
 * then `too-high`, `too-low`).
 * @param floor_m floor of the target's class, m above the site
 */
export function envelopeVerdict(
  type: InterceptorType,
  site: SiteFrame,
  point_ecef: Readonly<Float64Array>,
  floor_m: number,
): 'too-far' | 'too-high' | 'too-low' | null {
  if (groundRangeFrom_m(site, point_ecef) > type.maxInterceptRange_m) return 'too-far';
  const height_m = heightAboveSite_m(site, point_ecef);
  if (height_m > type.maxInterceptAltitude_m) return 'too-high';
  if (height_m < floor_m) return 'too-low';
  return null;
}

/**
 * The envelope test the engine applies to a round's *actual* closest approach (c2/batteryFire): null when the
 * point is inside the type's envelope from the launcher (range, ceiling, the class floor), else the broken limit.
 * No margin: the margin is the planner's (`ENVELOPE_MARGIN_s`), the envelope itself is the weapon's.
 */
export function closestApproachEnvelope(
  type: InterceptorType,
  site_ecef: Readonly<Float64Array>,
  point_ecef: Readonly<Float64Array>,
  floor_m: number,
): 'too-far' | 'too-high' | 'too-low' | null {
  return envelopeVerdict(type, siteFrame(site_ecef), point_ecef, floor_m);
}

/** Spacing of the keep-out scan after the intercept, s. */
const KEEP_OUT_SCAN_s = 0.5;
/** Longest look-ahead of the keep-out scan, s. */
const KEEP_OUT_HORIZON_s = 600;

/**
 * Can this launcher engage this predicted path, where and when: the earliest predicted intercept point that passes
 * every test of the module note, with its geometry and re-engagement window, or the coded reason why none does.
 * Deterministic; a few hundred path evaluations.
 * @example
 * ```ts
 * import { buildFlyoutTable, geodeticToEcef, loadScenario, type SamBattery, solveEngagement } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * const table = buildFlyoutTable(interceptor);
 * const site_ecef = geodeticToEcef(battery.position.lat_rad, battery.position.lon_rad, battery.position.h_m);
 * // a threat 38 km north at 15 km, flying straight at the battery, 60 s out (constant velocity here)
 * const pos0 = geodeticToEcef(battery.position.lat_rad + 0.006, battery.position.lon_rad, 15_000);
 * const vel = site_ecef.map((s, i) => (s - pos0[i]) / 60);
 * const threatStateAt = (t_s: number) => ({ pos: pos0.map((p, i) => p + vel[i] * t_s), vel });
 * const q = { table, type: interceptor, site_ecef, threatStateAt, now_s: 0, reaction_s: 5, minAltitude_m: interceptor.minInterceptAltitude_m };
 * const answer = solveEngagement(q);
 * if (answer.ok) console.log(answer.interceptTime_s); else console.log(answer.reason);
 * ```
 */
export function solveEngagement(q: EngagementQuery): FireControlSolution | FireControlRefusal {
  const site = siteFrame(q.site_ecef);
  const { type, threatStateAt } = q;
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  // the first geometric refusal: when no point is acceptable it explains more than a margin refusal of an earlier one
  let geometryRefusal: 'behind' | 'seeker-look' | null = null;
  const check = (
    t_s: number,
    state: PredictedState,
    range_m: number,
    _height_m: number,
    flightTime_s: number,
  ): FireControlReason | null => {
    // copy first: the predictor's state is scratch that the margin checks below overwrite
    pos.set(state.pos);
    vel.set(state.vel);
    const geometry = engagementGeometry(site, pos, vel, flightTime_s);
    const verdict = geometryVerdict(type, geometry);
    if (verdict !== null) {
      geometryRefusal ??= verdict;
      return verdict;
    }
    if (range_m > type.maxInterceptRange_m - RANGE_MARGIN_m) return 'too-far';
    for (const dt_s of [-ENVELOPE_MARGIN_s, ENVELOPE_MARGIN_s]) {
      const around = threatStateAt(t_s + dt_s);
      // the path ends (impact) within the margin: the point is as good as on the ground
      if (around === null) return 'too-low';
      const broken = envelopeVerdict(type, site, around.pos, q.minAltitude_m);
      if (broken !== null) return broken;
    }
    return null;
  };
  const found = scanInterceptPoint(
    q.table,
    type,
    q.site_ecef,
    threatStateAt,
    q.now_s,
    q.reaction_s,
    q.minAltitude_m,
    check,
  );
  if (!found.ok) {
    const margin = found.reason === 'too-high' || found.reason === 'too-low' || found.reason === 'too-far';
    return { ok: false, reason: margin && geometryRefusal !== null ? geometryRefusal : found.reason };
  }
  const state = threatStateAt(found.interceptTime_s);
  if (state === null) throw new Error('solveEngagement: prediction vanished at a feasible time');
  const geometry = engagementGeometry(site, found.point_ecef, state.vel, found.flightTime_s);
  return {
    ...found,
    geometry,
    keepOut_s: keepOutTime_s(site, threatStateAt, found.interceptTime_s, q.minAltitude_m),
  };
}

/**
 * First time after `from_s` at which the predicted path is below `floor_m` above the site while descending, or
 * ends, s (scan every 0.5 s up to 600 s; Infinity when neither happens).
 */
export function keepOutTime_s(
  site: SiteFrame,
  threatStateAt: (t_s: number) => PredictedState | null,
  from_s: number,
  floor_m: number,
): number {
  for (let t_s = from_s; t_s <= from_s + KEEP_OUT_HORIZON_s; t_s += KEEP_OUT_SCAN_s) {
    const state = threatStateAt(t_s);
    if (state === null) return t_s;
    const p = state.pos;
    const v = state.vel;
    const descending = p[0] * v[0] + p[1] * v[1] + p[2] * v[2] < 0;
    if (descending && heightAboveSite_m(site, p) < floor_m) return t_s;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * The shoot-look-shoot clock of an engagement: when the C2 knows the outcome of a salvo of `shots` rounds fired at
 * `solution` (last round's intercept plus the kill-assessment delay), and whether a second engagement can still
 * launch (look + reaction) before the threat falls through the keep-out floor.
 * @example
 * ```ts
 * import { buildFlyoutTable, geodeticToEcef, loadScenario, reengagementWindow, type SamBattery, solveEngagement } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * const table = buildFlyoutTable(interceptor);
 * const site_ecef = geodeticToEcef(battery.position.lat_rad, battery.position.lon_rad, battery.position.h_m);
 * // a threat 38 km north at 15 km, flying straight at the battery, 60 s out (constant velocity here)
 * const pos0 = geodeticToEcef(battery.position.lat_rad + 0.006, battery.position.lon_rad, 15_000);
 * const vel = site_ecef.map((s, i) => (s - pos0[i]) / 60);
 * const threatStateAt = (t_s: number) => ({ pos: pos0.map((p, i) => p + vel[i] * t_s), vel });
 * const q = { table, type: interceptor, site_ecef, threatStateAt, now_s: 0, reaction_s: 5, minAltitude_m: interceptor.minInterceptAltitude_m };
 * const answer = solveEngagement(q);
 * if (answer.ok) console.log(reengagementWindow(answer, 2, 3, 4, 5).open); // shoot–look–shoot still possible?
 * ```
 */
export function reengagementWindow(
  solution: FireControlSolution,
  shots: number,
  salvoInterval_s: number,
  killAssessmentDelay_s: number,
  reaction_s: number,
): { readonly lookTime_s: number; readonly open: boolean } {
  const lookTime_s =
    solution.interceptTime_s + Math.max(0, shots - 1) * salvoInterval_s + killAssessmentDelay_s;
  return { lookTime_s, open: lookTime_s + reaction_s < solution.keepOut_s };
}

function clamp1(x: number): number {
  return Math.max(-1, Math.min(1, x));
}
