/**
 * @module analysis/coverageEngagement
 * Whether, and with what kill probability, one SAM battery can engage one threat flying a known (nominal) path —
 * the planning shortcut behind coverage maps and placement. It follows the engine's timeline without noise:
 * the radar dwells every scan interval from t = 0; the threat is *detectable* on a dwell when `radarCoverageCheck`
 * finds it visible with Pd ≥ 0.5 — with the RCS the radar sees at the threat's aspect on that dwell when the type
 * has an `rcsAspect` table (`targetRcs_m2`, as the engine's radar scan uses it) and, over the scenario's DEM, with
 * terrain masking (`sensors/lineOfSight`); the track is confirmed on the M-th consecutive detectable dwell (M of the
 * scenario's M/N rule); the C2 then asks the engine's fire-control model (`solveEngagement`: envelope with its
 * margin, time, closing geometry, seeker look; docs/fire-control.md) on the truth path (a perfect track) after the
 * battery's reaction time, per launcher group — with the floor of the target's class, judged by the
 * C2's one rule (`airBreathingAt`, `minInterceptAltitudeFor`) — and takes the group with the best salvo kill probability
 * 1 − (1 − Pk)^n (Pk = `nominalPk`, n = shotsPerThreat, or 1 for shoot-look-shoot). After the last round's
 * intercept plus the kill-assessment delay it may engage again, while `maxShotsPerThreat` allows, the look comes
 * before the threat falls through the keep-out floor (`reengagementWindow`) and a solution remains. Engagements are
 * independent: P(kill) = 1 − Π (1 − P_salvo). Inventory, fire channels, threat
 * evaluation (`defends`) and other threats are ignored; the Monte Carlo run of the full engine accounts for them.
 */

import { flyoutTableFor, nominalPk } from '../c2/battery.js';
import { isAirBreathing, kinematicsOf, motionModeOfPath } from '../c2/classify.js';
import { type EndgamePkTable, endgamePkTableFor } from '../c2/endgamePk.js';
import type { Terrain } from '../env/terrain.js';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import { maxOf } from '../math/extent.js';
import type { Geodetic, Radar, SamBattery, TrackerSettings } from '../scenario/types.js';
import { targetRcs_m2 } from '../sensors/aspectRcs.js';
import { radarCoverageCheck } from '../sensors/radar.js';
import { minInterceptAltitudeFor } from '../weapons/envelope.js';
import { type FireControlSolution, reengagementWindow, solveEngagement } from '../weapons/fireControl.js';
import type { FlyoutTable, PredictedState } from '../weapons/flyout.js';
import { groundRangeFrom_m, type SiteFrame, siteFrame } from '../weapons/geometry.js';
import type { TruthPath } from './coverageTruth.js';

/** Single-dwell detection probability a dwell must reach to count as detectable. */
export const DETECTABLE_PD = 0.5;
/** Slack on the reach test of the low samples (they are up to a second of flight apart), m. */
const REACH_MARGIN_m = 5000;

/** A battery prepared for many engagement evaluations (site frame, flyout tables, nominal Pk per group). */
export interface BatteryModel {
  readonly battery: SamBattery;
  readonly site_ecef: Float64Array;
  readonly frame: SiteFrame;
  /** Antenna position, ECEF m (the radar's pre-filter on instrumented range). */
  readonly antenna_ecef: Float64Array;
  readonly tables: readonly FlyoutTable[];
  /** Nominal single-shot Pk per launcher group (guidance noise only; air-breathing targets, and the fallback). */
  readonly pk: readonly number[];
  /**
   * Endgame Pk table per launcher group against a ballistic target (`c2/endgamePk`: Pk by intercept ground range
   * and height, from the engine's tracker, uplink and guided round); absent when the model was built without the
   * scenario's tracker settings (then every engagement gets the nominal Pk).
   */
  readonly endgame?: readonly EndgamePkTable[];
  /** Largest intercept ground range over the groups plus the reach margin, m. */
  readonly reach_m: number;
  /** Highest intercept ceiling over the groups above the site, m. */
  readonly ceiling_m: number;
  /** The scenario's DEM for terrain masking of the detections; absent: smooth Earth. */
  readonly terrain?: Terrain;
}

/**
 * Precomputes what `engagementOdds` needs from a battery.
 * @param terrain the scenario's DEM (absent: smooth Earth, as before)
 * @param tracker the scenario's tracker settings: with them a ballistic engagement's Pk depends on where the
 *   intercept is (`c2/endgamePk`, built once per interceptor, radar type and settings); absent: the nominal Pk
 */
export function batteryModel(
  battery: SamBattery,
  terrain?: Terrain,
  tracker?: TrackerSettings,
): BatteryModel {
  const site_ecef = geodeticRecordToEcef(battery.position);
  const p = battery.radar.position;
  const antenna_ecef = geodeticRecordToEcef({
    lat_rad: p.lat_rad,
    lon_rad: p.lon_rad,
    h_m: p.h_m + battery.radar.type.antennaHeight_m,
  });
  return {
    battery,
    site_ecef,
    frame: siteFrame(site_ecef),
    antenna_ecef,
    tables: battery.launchers.map((g) => flyoutTableFor(g.interceptor)),
    pk: battery.launchers.map((g) => nominalPk(g.interceptor)),
    ...(tracker === undefined
      ? {}
      : {
          endgame: battery.launchers.map((g) =>
            endgamePkTableFor(g.interceptor, flyoutTableFor(g.interceptor), battery.radar.type, tracker),
          ),
        }),
    reach_m: maxOf(battery.launchers.map((g) => g.interceptor.maxInterceptRange_m)) + REACH_MARGIN_m,
    ceiling_m: maxOf(battery.launchers.map((g) => g.interceptor.maxInterceptAltitude_m)),
    ...(terrain === undefined ? {} : { terrain }),
  };
}

/**
 * A copy of `battery` moved to `position` (its radar with it) with the radar sector centred on
 * `sectorCenter_rad` (clockwise from north) and defending every asset in `defends`.
 */
export function placedBattery(
  battery: SamBattery,
  position: Geodetic,
  sectorCenter_rad: number,
  defends: readonly string[] = battery.defends,
): SamBattery {
  const radar: Radar = { ...battery.radar, position, sectorCenter_rad };
  return { ...battery, position, radar, defends: [...defends] };
}

/** Outcome of evaluating one battery against one threat path. */
export interface EngagementOdds {
  /** Probability the battery kills the threat over all its engagements. */
  readonly pk: number;
  /** True when at least one engagement has a firing solution. */
  readonly feasible: boolean;
  /** Confirmation time of the track (M-th consecutive detectable dwell), s; null when never confirmed. */
  readonly confirm_s: number | null;
  /** Interceptors committed over all engagements. */
  readonly shots: number;
  /** Predicted time of the first intercept, s; null when none. */
  readonly firstIntercept_s: number | null;
  /** Why not feasible: `out-of-reach` (never within intercept range below the ceiling), `not-detected`, or the
   * first solver refusal (`too-far`, `too-low`, `no-solution`, …). Null when feasible. */
  readonly reason: string | null;
}

const NO_ENGAGEMENT = (reason: string, confirm_s: number | null): EngagementOdds => ({
  pk: 0,
  feasible: false,
  confirm_s,
  shots: 0,
  firstIntercept_s: null,
  reason,
});

/** True when some low sample of the path lies within the battery's reach (ground range). */
export function withinReach(model: BatteryModel, path: TruthPath): boolean {
  const low = path.low_ecef;
  const point = new Float64Array(3);
  for (let k = 0; k < low.length; k += 3) {
    point[0] = low[k];
    point[1] = low[k + 1];
    point[2] = low[k + 2];
    if (groundRangeFrom_m(model.frame, point) <= model.reach_m) return true;
  }
  return false;
}

/**
 * Time the radar confirms a track on the path: dwells at k·scanInterval (k ≥ 0, as the engine schedules them);
 * the M-th consecutive dwell with the threat visible at Pd ≥ `DETECTABLE_PD`, at the RCS the radar sees at the
 * threat's aspect (`targetRcs_m2`: the path's `rcsAspect` table at the angle between its velocity and the line of
 * sight to the antenna; the mean `rcs_m2` without a table) and, with `terrain`, masked by the DEM. Null when never.
 * @param antenna_ecef antenna position, ECEF m (also the point the aspect is seen from, as in the radar scan)
 * @param terrain the scenario's DEM (absent: smooth Earth)
 */
export function confirmationTime_s(
  radar: Radar,
  antenna_ecef: Float64Array,
  path: TruthPath,
  confirmM: number,
  terrain?: Terrain,
): number | null {
  const interval_s = radar.type.scanInterval_s;
  const maxRange2_m2 = radar.type.maxRange_m ** 2;
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  let run = 0;
  for (let k = Math.ceil(path.launchTime_s / interval_s); k * interval_s <= path.endTime_s; k++) {
    const t_s = k * interval_s;
    let detectable = false;
    if (path.stateAt(t_s, pos, vel)) {
      const dx = pos[0] - antenna_ecef[0];
      const dy = pos[1] - antenna_ecef[1];
      const dz = pos[2] - antenna_ecef[2];
      // cheap instrumented-range pre-filter before the full coverage check
      if (dx * dx + dy * dy + dz * dz <= maxRange2_m2) {
        const rcs_m2 = targetRcs_m2(
          { pos_ecef: pos, vel_ecef: vel, rcs_m2: path.rcs_m2, rcsAspect: path.rcsAspect },
          antenna_ecef,
        );
        const coverage = radarCoverageCheck(radar, pos, rcs_m2, terrain);
        detectable = coverage.visible && coverage.pd >= DETECTABLE_PD;
      }
    }
    run = detectable ? run + 1 : 0;
    if (run >= confirmM) return t_s;
  }
  return null;
}

/**
 * Engagement odds of one battery against one threat path (see the module header for the timeline and the
 * independence assumptions). Deterministic; costs one detection scan and one intercept-point solve per launcher
 * group and engagement (≈ 0.3 ms each), or a few flops when the path never comes within reach.
 * @param confirmM consecutive detectable dwells that confirm a track (the scenario tracker's M)
 */
export function engagementOdds(model: BatteryModel, path: TruthPath, confirmM: number): EngagementOdds {
  if (!withinReach(model, path)) return NO_ENGAGEMENT('out-of-reach', null);
  const confirm_s = confirmationTime_s(
    model.battery.radar,
    model.antenna_ecef,
    path,
    confirmM,
    model.terrain,
  );
  if (confirm_s === null) return NO_ENGAGEMENT('not-detected', null);
  return engagementAfter(model, path, confirm_s);
}

/**
 * Whether the threat counts as air-breathing at `t_s`: the engine's one rule (`c2/classify.isAirBreathing`) on the
 * truth path's speed and flight-path angle, with the motion mode a perfect tracker's IMM would report
 * (`motionModeOfPath`: free fall or supported flight). False when not airborne.
 */
export function airBreathingAt(path: TruthPath, t_s: number): boolean {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  if (!path.stateAt(t_s, pos, vel)) return false;
  const mode = motionModeOfPath((time_s, p, v) => path.stateAt(time_s, p, v), t_s);
  return isAirBreathing(kinematicsOf(pos, vel, mode));
}

/**
 * The engagements that follow a track confirmed at `confirm_s` (the second half of `engagementOdds`; the radar's
 * orientation does not enter, so callers that vary only the sector can share it across orientations). As the
 * engine's C2 does, each decision judges the target's class by the same rule (`airBreathingAt`): an air-breathing
 * target gets the interceptor's lower floor (`minInterceptAltitudeFor`), a ballistic one is refused by an
 * `airBreathingOnly` interceptor (`wrong-target-class`).
 */
export function engagementAfter(model: BatteryModel, path: TruthPath, confirm_s: number): EngagementOdds {
  const battery = model.battery;
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const state: PredictedState = { pos, vel };
  const stateAt = (t_s: number): PredictedState | null => (path.stateAt(t_s, pos, vel) ? state : null);
  const doctrine = battery.doctrine;
  const interval_s = battery.radar.type.scanInterval_s;
  let now_s = confirm_s;
  let shotsLeft = doctrine.maxShotsPerThreat;
  let survive = 1;
  let shots = 0;
  let firstIntercept_s: number | null = null;
  let reason: string | null = null;
  while (shotsLeft > 0) {
    const salvo = doctrine.mode === 'salvo' ? Math.min(doctrine.shotsPerThreat, shotsLeft) : 1;
    let bestPk = 0;
    let bestIntercept_s = Number.POSITIVE_INFINITY;
    let best: FireControlSolution | null = null;
    const airBreathing = airBreathingAt(path, now_s);
    battery.launchers.forEach((group, g) => {
      if (group.interceptor.airBreathingOnly === true && !airBreathing) {
        reason ??= 'wrong-target-class';
        return;
      }
      const pip = solveEngagement({
        table: model.tables[g],
        type: group.interceptor,
        site_ecef: model.site_ecef,
        threatStateAt: stateAt,
        now_s,
        reaction_s: battery.reactionTime_s,
        minAltitude_m: minInterceptAltitudeFor(group.interceptor, airBreathing),
      });
      if (!pip.ok) {
        reason ??= pip.reason;
        return;
      }
      const salvoPk = 1 - (1 - engagementPk(model, g, pip, stateAt, airBreathing)) ** salvo;
      if (salvoPk > bestPk || (salvoPk === bestPk && pip.interceptTime_s < bestIntercept_s)) {
        bestPk = salvoPk;
        bestIntercept_s = pip.interceptTime_s;
        best = pip;
      }
    });
    if (best === null) break;
    const chosen: FireControlSolution = best;
    firstIntercept_s ??= bestIntercept_s;
    survive *= 1 - bestPk;
    shots += salvo;
    shotsLeft -= salvo;
    // shoot-look-shoot: the next decision is the dwell after the last round's intercept plus kill assessment, and
    // only while a second engagement can still launch before the threat falls through the keep-out floor
    const window = reengagementWindow(
      chosen,
      salvo,
      doctrine.salvoInterval_s,
      doctrine.killAssessmentDelay_s,
      battery.reactionTime_s,
    );
    if (!window.open) break;
    now_s = Math.ceil(window.lookTime_s / interval_s) * interval_s;
  }
  if (shots === 0) return NO_ENGAGEMENT(reason ?? 'no-solution', confirm_s);
  return { pk: 1 - survive, feasible: true, confirm_s, shots, firstIntercept_s, reason: null };
}

/**
 * Single-shot Pk of launcher group `g` at a firing solution: against a ballistic target, the endgame table's Pk at
 * the intercept's ground range and height and the target's cross-track offset when the model has tables
 * (`c2/endgamePk`); else the nominal Pk.
 * @param stateAt the threat's path (its velocity at the intercept gives the ground track)
 */
export function engagementPk(
  model: BatteryModel,
  g: number,
  pip: FireControlSolution,
  stateAt: (t_s: number) => PredictedState | null,
  airBreathing: boolean,
): number {
  const table = model.endgame?.[g];
  if (airBreathing || table === undefined) return model.pk[g];
  const state = stateAt(pip.interceptTime_s);
  if (state === null) return model.pk[g];
  const offset_m = crossTrackOffset_m(model.site_ecef, pip.point_ecef, state.vel);
  return table.pkAt(pip.groundRange_m, pip.altitude_m, offset_m, model.pk[g]);
}

/**
 * Horizontal distance from `site_ecef` to the ground track of a target at `point_ecef` moving with `vel_ecef`
 * (local vertical: the geocentric radial at the point; error ≈ the deflection of the vertical, < 0.2 %), m.
 */
export function crossTrackOffset_m(
  site_ecef: Readonly<Float64Array>,
  point_ecef: Readonly<Float64Array>,
  vel_ecef: Readonly<Float64Array>,
): number {
  const r = Math.hypot(point_ecef[0], point_ecef[1], point_ecef[2]);
  const up = [point_ecef[0] / r, point_ecef[1] / r, point_ecef[2] / r];
  const horizontal = (v: ArrayLike<number>): number[] => {
    const along = v[0] * up[0] + v[1] * up[1] + v[2] * up[2];
    return [v[0] - along * up[0], v[1] - along * up[1], v[2] - along * up[2]];
  };
  const d = horizontal([
    site_ecef[0] - point_ecef[0],
    site_ecef[1] - point_ecef[1],
    site_ecef[2] - point_ecef[2],
  ]);
  const v = horizontal(vel_ecef);
  const speed = Math.hypot(v[0], v[1], v[2]);
  if (!(speed > 0)) return Math.hypot(d[0], d[1], d[2]);
  const t = (d[0] * v[0] + d[1] * v[1] + d[2] * v[2]) / (speed * speed);
  return Math.hypot(d[0] - t * v[0], d[1] - t * v[1], d[2] - t * v[2]);
}

/** Independent layers: 1 − Π (1 − pᵢ). */
export function combineIndependent(pks: readonly number[]): number {
  let survive = 1;
  for (const p of pks) survive *= 1 - p;
  return 1 - survive;
}
