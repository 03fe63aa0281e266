/**
 * @module sensors/budget
 * Time budget of a multifunction radar: one frame of `scanInterval_s` seconds of radar time is shared between track
 * dwells and search. The scheduler here is a pure function of (budget, frame, tracks' last dwell times, fence), with
 * no geometry and no randomness; `sensors/budgetLooks` turns its plan into what the radar sees. Model (see
 * docs/radar-budget.md):
 *
 * - a track is *due* when it has never had a dwell or its last dwell is at least `trackInterval_s` old; a due track
 *   costs c = τ_t · max(1, F / T_t) per frame (τ_t = `trackDwell_s`, T_t = `trackInterval_s`, F = frame): one dwell,
 *   or F/T_t dwells when the desired revisit is shorter than the frame (the engine merges them into one update);
 * - due tracks are served in order — confirmed before tentative, then longest wait first, then the caller's priority
 *   order — while the track time stays ≤ `maxTrackFraction`·F; the rest are deferred to the next frame. Longest
 *   wait first bounds every revisit under saturation by ⌈N c / (f F)⌉ frames (no track starves); the priority order
 *   decides among equally old tracks, so the most urgent keep a shorter revisit;
 * - the remaining time F − t_track goes to search, which covers the fraction s = min(1, (F − t_track) / `searchFrame_s`)
 *   of the sector: an azimuth fence [φ, φ + s) (sector fractions, cyclic) that advances by s each frame, so the whole
 *   sector is covered once every 1/s frames.
 *
 * Steady state with N tracks revisited at T_t ≥ F and no cap: radar-time fraction of search 1 − N τ_t / T_t, sector
 * fraction s = F (1 − N τ_t / T_t) / searchFrame_s (the time-budget bookkeeping of Billetter, *Multifunction Array
 * Radar*, Artech House 1989, ch. 2, and Skolnik, *Radar Handbook* 3rd ed. §13.7).
 */

import type { RadarBudget } from '../scenario/types.js';

export type { RadarBudget };

/** Default half-angle of a track dwell's gate: about one beamwidth of a Patriot-class S/C-band array, rad (1.5°). */
export const DEFAULT_TRACK_GATE_rad = (1.5 * Math.PI) / 180;

/** One track asking for a dwell this frame, in the caller's priority order. */
export interface TrackDwellRequest {
  readonly id: string;
  /** Confirmed tracks are served before tentative ones. */
  readonly confirmed: boolean;
  /** Time of the track's last dwell, s; NaN when it never had one. */
  readonly lastDwell_s: number;
}

/** The plan of one radar frame. */
export interface FramePlan {
  /** Tracks that get a dwell this frame, in service order. */
  readonly dwellTrackIds: readonly string[];
  /** Due tracks that did not fit under the cap (served first next frame as their wait grows). */
  readonly deferredTrackIds: readonly string[];
  /** Radar time spent on track dwells, s. */
  readonly trackTime_s: number;
  /** Radar time spent on search, s. */
  readonly searchTime_s: number;
  /** `trackTime_s / frame_s`, in [0, maxTrackFraction]. */
  readonly trackFraction: number;
  /** Fraction of the sector searched this frame, in [0, 1]. */
  readonly searchFraction: number;
  /** Start of this frame's search slice, fraction of the sector from its counter-clockwise edge, in [0, 1). */
  readonly fenceStart: number;
  /** Fence start of the next frame, in [0, 1). */
  readonly nextFenceStart: number;
  /** True when a due track was deferred (the track demand exceeded the cap). */
  readonly saturated: boolean;
}

/** Relative tolerance on "due" so that a revisit of exactly `trackInterval_s` on a float frame grid counts. */
const DUE_TOLERANCE = 1e-9;

/** Throws a RangeError naming the field when a budget cannot be scheduled. */
export function assertRadarBudget(budget: RadarBudget): void {
  const fail = (field: string, rule: string): never => {
    throw new RangeError(`radar budget: ${field} ${rule}`);
  };
  if (!(budget.searchFrame_s > 0)) fail('searchFrame_s', `must be > 0, got ${budget.searchFrame_s}`);
  if (!(budget.trackDwell_s >= 0)) fail('trackDwell_s', `must be ≥ 0, got ${budget.trackDwell_s}`);
  if (!(budget.trackInterval_s > 0)) fail('trackInterval_s', `must be > 0, got ${budget.trackInterval_s}`);
  if (!(budget.maxTrackFraction >= 0 && budget.maxTrackFraction <= 1))
    fail('maxTrackFraction', `must lie in [0, 1], got ${budget.maxTrackFraction}`);
  const gate = budget.trackGate_rad;
  if (gate !== undefined && !(gate > 0 && gate <= Math.PI))
    fail('trackGate_rad', `must lie in (0, π], got ${gate}`);
}

/** Radar time one due track takes in a frame of `frame_s`, s: τ_t · max(1, F / T_t). */
export function trackCostPerFrame_s(budget: RadarBudget, frame_s: number): number {
  return budget.trackDwell_s * Math.max(1, frame_s / budget.trackInterval_s);
}

/** Wraps a sector fraction to [0, 1). */
function wrapUnit(x: number): number {
  const y = x - Math.floor(x);
  return y >= 1 ? 0 : y;
}

/**
 * Plans one frame: which due tracks get a dwell and how much of the sector the search fence covers (rules in the
 * module header). Pure and deterministic: the same arguments give the same plan.
 * @param budget the radar's time budget
 * @param frame_s frame length (the radar's `scanInterval_s`), s
 * @param t_s frame time, s
 * @param requests every track of the unit picture, in the caller's priority order (most urgent first)
 * @param fenceStart this frame's fence start, sector fraction in [0, 1)
 * @example
 * ```ts
 * import { planFrame } from 'aspis';
 * const budget = { searchFrame_s: 1, trackDwell_s: 0.01, trackInterval_s: 0.5, maxTrackFraction: 0.5 };
 * const plan = planFrame(budget, 1, 10, [{ id: 'T1', confirmed: true, lastDwell_s: 9.4 }], 0);
 * console.log(plan.dwellTrackIds, plan.searchTime_s);
 * ```
 */
export function planFrame(
  budget: RadarBudget,
  frame_s: number,
  t_s: number,
  requests: readonly TrackDwellRequest[],
  fenceStart: number,
): FramePlan {
  const interval_s = budget.trackInterval_s;
  const cost_s = trackCostPerFrame_s(budget, frame_s);
  const cap_s = budget.maxTrackFraction * frame_s;
  // due tracks with their wait (never dwelt: infinite) and caller rank
  const due: { id: string; confirmed: boolean; wait_s: number; rank: number }[] = [];
  requests.forEach((r, rank) => {
    const wait_s = Number.isNaN(r.lastDwell_s) ? Number.POSITIVE_INFINITY : t_s - r.lastDwell_s;
    if (wait_s >= interval_s * (1 - DUE_TOLERANCE))
      due.push({ id: r.id, confirmed: r.confirmed, wait_s, rank });
  });
  due.sort((a, b) => {
    if (a.confirmed !== b.confirmed) return a.confirmed ? -1 : 1;
    if (a.wait_s !== b.wait_s) return a.wait_s > b.wait_s ? -1 : 1;
    return a.rank - b.rank;
  });
  const dwellTrackIds: string[] = [];
  const deferredTrackIds: string[] = [];
  let trackTime_s = 0;
  for (const d of due) {
    // compare counts, not summed floats, so that N dwells of c fit a cap of exactly N·c
    if ((dwellTrackIds.length + 1) * cost_s <= cap_s * (1 + DUE_TOLERANCE)) {
      dwellTrackIds.push(d.id);
      trackTime_s = dwellTrackIds.length * cost_s;
    } else deferredTrackIds.push(d.id);
  }
  const searchTime_s = Math.min(Math.max(0, frame_s - trackTime_s), budget.searchFrame_s);
  const searchFraction = Math.min(1, searchTime_s / budget.searchFrame_s);
  const start = wrapUnit(fenceStart);
  return {
    dwellTrackIds,
    deferredTrackIds,
    trackTime_s,
    searchTime_s,
    trackFraction: trackTime_s / frame_s,
    searchFraction,
    fenceStart: start,
    nextFenceStart: searchFraction >= 1 ? start : wrapUnit(start + searchFraction),
    saturated: deferredTrackIds.length > 0,
  };
}

/**
 * Whether a point at sector fraction `u` (0 = counter-clockwise edge, 1 = clockwise edge) lies in the search slice
 * [start, start + fraction) taken cyclically.
 */
export function inSearchSlice(u: number, start: number, fraction: number): boolean {
  if (fraction >= 1) return true;
  if (!(fraction > 0)) return false;
  return wrapUnit(u - start) < fraction;
}
