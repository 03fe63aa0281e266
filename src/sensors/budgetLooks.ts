/**
 * @module sensors/budgetLooks
 * What a budgeted multifunction radar looks at in one frame: it ranks the unit's tracks, asks the pure scheduler
 * (`sensors/budget`) for the frame plan, and turns the plan into geometry — the search slice of the sector (an
 * azimuth fence) and one beam per track dwell. A truth object can be detected this frame only if its azimuth lies in
 * the slice or it lies inside the angular gate of a dwell's beam; tracks in the sector neither dwelt on nor inside
 * the slice were not looked at, so the tracker must not count them as missed. Holds the radar's fence position, the tracks' last
 * dwell times and the saturation flag between frames (one instance per radar per replication).
 */
import { dcmEnuFromEcef, rotateEcefToEnu } from '../geo/frames.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Radar } from '../scenario/types.js';
import {
  assertRadarBudget,
  DEFAULT_TRACK_GATE_rad,
  type FramePlan,
  inSearchSlice,
  planFrame,
  type RadarBudget,
  type TrackDwellRequest,
} from './budget.js';
import type { SearchSlice, SensorTarget } from './index.js';

const TWO_PI = 2 * Math.PI;

/** A track of the unit picture as the radar scheduler sees it, predicted to the frame time. */
export interface TrackLook {
  readonly id: string;
  readonly confirmed: boolean;
  /** Predicted position at the frame time, ECEF, m. */
  readonly pos_ecef: Readonly<Float64Array>;
  /** Predicted velocity, ECEF, m/s. */
  readonly vel_ecef: Readonly<Float64Array>;
  /** RMS 3-D position uncertainty of the prediction, m. */
  readonly posSigma_m: number;
}

/** The looks of one frame. */
export interface FrameLooks {
  readonly plan: FramePlan;
  /** Search slice handed to the sensor (false alarms are drawn only there); undefined when the whole sector is searched. */
  readonly searchSlice: SearchSlice | undefined;
  /** Truth objects that get a detection chance this frame, in input order. */
  readonly targets: SensorTarget[];
  /** Tracks that were not looked at this frame (no dwell, not in the slice). */
  readonly unobservedTrackIds: ReadonlySet<string>;
  /** True when `plan.saturated` differs from the previous frame's (the first frame compares with false). */
  readonly saturationChanged: boolean;
}

/** The stateful frame planner of one budgeted radar. */
export interface BudgetedRadar {
  /**
   * Plans the frame at `t_s` and records its dwells and fence advance.
   * @param tracks the unit picture, in creation order, predicted to `t_s`
   * @param targets the truth objects airborne at `t_s`
   */
  frame(t_s: number, tracks: readonly TrackLook[], targets: readonly SensorTarget[]): FrameLooks;
}

/** Number of standard deviations of the track position that a dwell's gate spans at least. */
const GATE_SIGMAS = 3;

/**
 * Priority key of a track: time to go to the radar, range / closing speed, s (Infinity when opening). The closest
 * approach to the radar stands in for time to impact: it needs no threat evaluation and ranks an inbound missile
 * above a crossing or receding object.
 */
function timeToGo_s(rel_ecef: Readonly<Float64Array>, vel_ecef: Readonly<Float64Array>): number {
  const range_m = Math.hypot(rel_ecef[0], rel_ecef[1], rel_ecef[2]);
  const closing_mps =
    -(rel_ecef[0] * vel_ecef[0] + rel_ecef[1] * vel_ecef[1] + rel_ecef[2] * vel_ecef[2]) / range_m;
  return closing_mps > 0 ? range_m / closing_mps : Number.POSITIVE_INFINITY;
}

/**
 * Creates the frame planner of a budgeted radar (rules in the module header and `sensors/budget`). Track priority:
 * time to go to the radar (range over closing speed), ties by creation order. Beam gate of a dwell: half-angle
 * max(`trackGate_rad`, atan(3σ / range)).
 * @param radar placed radar (sector and antenna position)
 * @param budget its time budget
 * @throws RangeError when the budget has an out-of-domain field
 */
export function createBudgetedRadar(radar: Radar, budget: RadarBudget): BudgetedRadar {
  assertRadarBudget(budget);
  const type = radar.type;
  const { lat_rad, lon_rad, h_m } = radar.position;
  const origin_ecef = geodeticToEcef(lat_rad, lon_rad, h_m + type.antennaHeight_m);
  const dcm = dcmEnuFromEcef(lat_rad, lon_rad);
  const width_rad = Math.min(type.sectorWidth_rad, TWO_PI);
  const sectorStart_rad = radar.sectorCenter_rad - width_rad / 2;
  const frame_s = type.scanInterval_s;
  const gateMin_rad = budget.trackGate_rad ?? DEFAULT_TRACK_GATE_rad;
  const scratch_enu = new Float64Array(3);
  const lastDwell = new Map<string, number>();
  let fence = 0;
  let saturated = false;

  const relative = (pos_ecef: Readonly<Float64Array>): Float64Array =>
    Float64Array.of(pos_ecef[0] - origin_ecef[0], pos_ecef[1] - origin_ecef[1], pos_ecef[2] - origin_ecef[2]);

  /** Sector fraction of a point's azimuth (0 = counter-clockwise edge), or NaN outside the sector. */
  function sectorFraction(rel_ecef: Readonly<Float64Array>): number {
    const enu = rotateEcefToEnu(dcm, rel_ecef, scratch_enu);
    const azimuth_rad = Math.atan2(enu[0], enu[1]);
    let offset_rad = (azimuth_rad - sectorStart_rad) % TWO_PI;
    if (offset_rad < 0) offset_rad += TWO_PI;
    if (offset_rad > width_rad) return Number.NaN;
    return offset_rad / width_rad;
  }

  function frame(t_s: number, tracks: readonly TrackLook[], targets: readonly SensorTarget[]): FrameLooks {
    // rank the in-sector tracks by time to go (a radar does not dwell outside its sector)
    const ranked = tracks
      .map((track, order) => {
        const rel = relative(track.pos_ecef);
        return { track, rel, u: sectorFraction(rel), ttg_s: timeToGo_s(rel, track.vel_ecef), order };
      })
      .sort((a, b) => (a.ttg_s !== b.ttg_s ? (a.ttg_s < b.ttg_s ? -1 : 1) : a.order - b.order));
    const requests: TrackDwellRequest[] = ranked
      .filter((r) => !Number.isNaN(r.u))
      .map((r) => ({
        id: r.track.id,
        confirmed: r.track.confirmed,
        lastDwell_s: lastDwell.get(r.track.id) ?? Number.NaN,
      }));
    const plan = planFrame(budget, frame_s, t_s, requests, fence);
    const slice: SearchSlice = { start: plan.fenceStart, fraction: plan.searchFraction };
    // beams of this frame's dwells, and the tracks nobody looked at
    const dwelt = new Set(plan.dwellTrackIds);
    const beams: { los: Float64Array; cosGate: number }[] = [];
    const unobserved = new Set<string>();
    for (const r of ranked) {
      if (dwelt.has(r.track.id)) {
        lastDwell.set(r.track.id, t_s);
        const range_m = Math.hypot(r.rel[0], r.rel[1], r.rel[2]);
        const gate_rad = Math.max(gateMin_rad, Math.atan2(GATE_SIGMAS * r.track.posSigma_m, range_m));
        beams.push({ los: r.rel.map((c) => c / range_m), cosGate: Math.cos(Math.min(gate_rad, Math.PI)) });
      } else if (!Number.isNaN(r.u) && !inSearchSlice(r.u, slice.start, slice.fraction)) {
        // in the sector but neither searched nor dwelt on; a track outside the sector still counts a miss, as
        // without a budget (that is how a track that leaves the sector is deleted)
        unobserved.add(r.track.id);
      }
    }
    // forget dropped tracks so the map does not grow over a long run
    const live = new Set(tracks.map((t) => t.id));
    for (const id of [...lastDwell.keys()]) if (!live.has(id)) lastDwell.delete(id);
    // truth objects in the slice or in a beam
    const looked = targets.filter((target) => {
      const rel = relative(target.pos_ecef);
      const u = sectorFraction(rel);
      if (!Number.isNaN(u) && inSearchSlice(u, slice.start, slice.fraction)) return true;
      const range_m = Math.hypot(rel[0], rel[1], rel[2]);
      return beams.some(
        (b) => (b.los[0] * rel[0] + b.los[1] * rel[1] + b.los[2] * rel[2]) / range_m >= b.cosGate,
      );
    });
    fence = plan.nextFenceStart;
    const saturationChanged = plan.saturated !== saturated;
    saturated = plan.saturated;
    // a whole-sector search hands no slice, so that the sensor draws exactly as without a budget
    const searchSlice = slice.fraction < 1 ? slice : undefined;
    return { plan, searchSlice, targets: looked, unobservedTrackIds: unobserved, saturationChanged };
  }

  return { frame };
}
