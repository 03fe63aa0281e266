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
import { hypot3 } from '../math/hypot.js';
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

/** A track of the frame with its line of sight from the antenna, sector fraction and priority key. */
interface RankedTrack {
  readonly track: TrackLook;
  /** Track position relative to the antenna, ECEF, m (numbers, not a typed array: one fewer allocation each). */
  readonly relX: number;
  readonly relY: number;
  readonly relZ: number;
  /** Sector fraction of its azimuth, NaN outside the sector. */
  readonly u: number;
  readonly ttg_s: number;
  /** Index in the caller's list (ties). */
  readonly order: number;
}

/** Priority order: shorter time to go first, ties by the caller's order. */
function byTimeToGo(a: RankedTrack, b: RankedTrack): number {
  return a.ttg_s !== b.ttg_s ? (a.ttg_s < b.ttg_s ? -1 : 1) : a.order - b.order;
}

/** The (shared, never modified) empty set of a frame that left no track unobserved. */
const NONE_UNOBSERVED: ReadonlySet<string> = new Set<string>();

/** Number of standard deviations of the track position that a dwell's gate spans at least. */
const GATE_SIGMAS = 3;

/**
 * Priority key of a track: time to go to the radar, range / closing speed, s (Infinity when opening). The closest
 * approach to the radar stands in for time to impact: it needs no threat evaluation and ranks an inbound missile
 * above a crossing or receding object.
 */
function timeToGo_s(rel_ecef: Readonly<Float64Array>, vel_ecef: Readonly<Float64Array>): number {
  const range_m = hypot3(rel_ecef[0], rel_ecef[1], rel_ecef[2]);
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
  return new BudgetedRadarPlanner(radar, budget);
}

/**
 * The frame planner of one budgeted radar: its fixed geometry, and the state carried between frames (fence
 * position, each track's last dwell, the saturation flag). The frame runs at every dwell of the radar (a few tracks
 * and targets each time), so it keeps its allocations down: one scratch vector for the relative positions, beams
 * as flat number lists, no sets unless needed.
 */
class BudgetedRadarPlanner implements BudgetedRadar {
  private readonly budget: RadarBudget;
  private readonly origin_ecef: Float64Array;
  private readonly dcm: Float64Array;
  private readonly width_rad: number;
  private readonly sectorStart_rad: number;
  private readonly frame_s: number;
  private readonly gateMin_rad: number;
  private readonly scratch_enu = new Float64Array(3);
  private readonly scratchRel = new Float64Array(3);
  /** Track id → time of its last dwell, s. */
  private readonly lastDwell = new Map<string, number>();
  private fence = 0;
  private saturated = false;

  constructor(radar: Radar, budget: RadarBudget) {
    const type = radar.type;
    const { lat_rad, lon_rad, h_m } = radar.position;
    this.budget = budget;
    this.origin_ecef = geodeticToEcef(lat_rad, lon_rad, h_m + type.antennaHeight_m);
    this.dcm = dcmEnuFromEcef(lat_rad, lon_rad);
    this.width_rad = Math.min(type.sectorWidth_rad, TWO_PI);
    this.sectorStart_rad = radar.sectorCenter_rad - this.width_rad / 2;
    this.frame_s = type.scanInterval_s;
    this.gateMin_rad = budget.trackGate_rad ?? DEFAULT_TRACK_GATE_rad;
  }

  /** A position relative to the antenna, ECEF, m, written into `out`. */
  private relative(pos_ecef: Readonly<Float64Array>, out: Float64Array): Float64Array {
    const origin_ecef = this.origin_ecef;
    out[0] = pos_ecef[0] - origin_ecef[0];
    out[1] = pos_ecef[1] - origin_ecef[1];
    out[2] = pos_ecef[2] - origin_ecef[2];
    return out;
  }

  /** Sector fraction of a point's azimuth (0 = counter-clockwise edge), or NaN outside the sector. */
  private sectorFraction(rel_ecef: Readonly<Float64Array>): number {
    const enu = rotateEcefToEnu(this.dcm, rel_ecef, this.scratch_enu);
    const azimuth_rad = Math.atan2(enu[0], enu[1]);
    let offset_rad = (azimuth_rad - this.sectorStart_rad) % TWO_PI;
    if (offset_rad < 0) offset_rad += TWO_PI;
    if (offset_rad > this.width_rad) return Number.NaN;
    return offset_rad / this.width_rad;
  }

  frame(t_s: number, tracks: readonly TrackLook[], targets: readonly SensorTarget[]): FrameLooks {
    const ranked = this.rank(tracks);
    const plan = planFrame(this.budget, this.frame_s, t_s, this.dwellRequests(ranked), this.fence);
    const slice: SearchSlice = { start: plan.fenceStart, fraction: plan.searchFraction };
    // beams of this frame's dwells (unit line of sight, cosine of the gate)
    const beamLos: number[] = [];
    const beamCosGate: number[] = [];
    const unobserved = this.aimBeams(t_s, ranked, plan.dwellTrackIds, slice, beamLos, beamCosGate);
    this.forgetDropped(tracks);
    const looked = this.lookedAt(targets, slice, beamLos, beamCosGate);
    this.fence = plan.nextFenceStart;
    const saturationChanged = plan.saturated !== this.saturated;
    this.saturated = plan.saturated;
    // a whole-sector search hands no slice, so that the sensor draws exactly as without a budget
    const searchSlice = slice.fraction < 1 ? slice : undefined;
    return {
      plan,
      searchSlice,
      targets: looked,
      unobservedTrackIds: unobserved ?? NONE_UNOBSERVED,
      saturationChanged,
    };
  }

  /** The tracks with their line of sight and sector fraction, by time to go (ties in the caller's order). */
  private rank(tracks: readonly TrackLook[]): RankedTrack[] {
    const ranked: RankedTrack[] = [];
    for (let order = 0; order < tracks.length; order++) {
      const track = tracks[order];
      const rel = this.relative(track.pos_ecef, this.scratchRel);
      ranked.push({
        track,
        relX: rel[0],
        relY: rel[1],
        relZ: rel[2],
        u: this.sectorFraction(rel),
        ttg_s: timeToGo_s(rel, track.vel_ecef),
        order,
      });
    }
    if (ranked.length > 1) ranked.sort(byTimeToGo);
    return ranked;
  }

  /** The scheduler's requests: the in-sector tracks in rank order (a radar does not dwell outside its sector). */
  private dwellRequests(ranked: readonly RankedTrack[]): TrackDwellRequest[] {
    const requests: TrackDwellRequest[] = [];
    for (const r of ranked) {
      if (Number.isNaN(r.u)) continue;
      requests.push({
        id: r.track.id,
        confirmed: r.track.confirmed,
        lastDwell_s: this.lastDwell.get(r.track.id) ?? Number.NaN,
      });
    }
    return requests;
  }

  /**
   * Records the dwells and appends their beams to `beamLos` / `beamCosGate`; returns the tracks nobody looked at
   * (null when none). A frame dwells on a handful of tracks, so a list lookup beats building a set.
   */
  private aimBeams(
    t_s: number,
    ranked: readonly RankedTrack[],
    dwelt: readonly string[],
    slice: SearchSlice,
    beamLos: number[],
    beamCosGate: number[],
  ): Set<string> | null {
    let unobserved: Set<string> | null = null;
    for (const r of ranked) {
      if (dwelt.includes(r.track.id)) {
        this.lastDwell.set(r.track.id, t_s);
        const range_m = hypot3(r.relX, r.relY, r.relZ);
        const gate_rad = Math.max(this.gateMin_rad, Math.atan2(GATE_SIGMAS * r.track.posSigma_m, range_m));
        beamLos.push(r.relX / range_m, r.relY / range_m, r.relZ / range_m);
        beamCosGate.push(Math.cos(Math.min(gate_rad, Math.PI)));
      } else if (!Number.isNaN(r.u) && !inSearchSlice(r.u, slice.start, slice.fraction)) {
        // in the sector but neither searched nor dwelt on; a track outside the sector still counts a miss, as
        // without a budget (that is how a track that leaves the sector is deleted)
        unobserved ??= new Set<string>();
        unobserved.add(r.track.id);
      }
    }
    return unobserved;
  }

  /**
   * Forgets dropped tracks so the map does not grow over a long run; track ids are never reused, so a dropped
   * track's entry is never read again and the sweep can wait until such entries outnumber the live tracks
   * (amortised, instead of a set of the live ids every frame).
   */
  private forgetDropped(tracks: readonly TrackLook[]): void {
    const lastDwell = this.lastDwell;
    if (lastDwell.size > 2 * tracks.length + 16) {
      const live = new Set(tracks.map((t) => t.id));
      for (const id of [...lastDwell.keys()]) if (!live.has(id)) lastDwell.delete(id);
    }
  }

  /** The truth objects in the search slice or inside a beam's gate, in input order. */
  private lookedAt(
    targets: readonly SensorTarget[],
    slice: SearchSlice,
    beamLos: readonly number[],
    beamCosGate: readonly number[],
  ): SensorTarget[] {
    return targets.filter((target) => {
      const rel = this.relative(target.pos_ecef, this.scratchRel);
      const u = this.sectorFraction(rel);
      if (!Number.isNaN(u) && inSearchSlice(u, slice.start, slice.fraction)) return true;
      const range_m = hypot3(rel[0], rel[1], rel[2]);
      for (let b = 0; b < beamCosGate.length; b++) {
        const los = 3 * b;
        const cosOffAxis =
          (beamLos[los] * rel[0] + beamLos[los + 1] * rel[1] + beamLos[los + 2] * rel[2]) / range_m;
        if (cosOffAxis >= beamCosGate[b]) return true;
      }
      return false;
    });
  }
}
