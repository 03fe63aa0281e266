/**
 * @module tracking/engine/engineTracker
 * The engine's multi-radar ECEF tracker: the one tracking loop (`core/trackLoop.ts`) over the roles of
 * `engineRoles.ts` (filter in `engineFilter.ts` and `ecefFilter.ts`, GNN over `association/assignment.ts`, per-sensor
 * M-of-N). `createEngineTracker` is its composition root; `update` splits a call's detections into scans and runs
 * the loop once per scan. One instance per C2 node fuses the detections of all its radars into one picture.
 *
 * Rules, all deterministic (no randomness; ids `${idPrefix}-T${n}`, n = 1, 2, … in creation order):
 *
 * - **Scans.** Detections of one call are grouped by (sensorId, t_s); each group is one *scan* of that sensor.
 *   Scans are processed in time order, ties by sensorId (string order). Sensors listed in `scannedSensorIds` that
 *   produced no detection count as an empty scan at the call's `t_s` (so a dwell with nothing seen still counts
 *   misses).
 * - **Prediction.** Every track is predicted to the scan time by an IMM (Blom & Bar-Shalom 1988; Bar-Shalom et al.
 *   2001 §11.6.6) over the modes {`ballistic`, `cv`} of `ecefModels.ts` (gravity-aware free fall and nearly
 *   constant velocity, same white-acceleration noise q), with a continuous-time Markov switching matrix so that any
 *   revisit interval works. The mixing and mode-matched prediction are the `tracking/mtt` IMM predictor's, the
 *   moment match is `FilterStateStore.combine` (`engineFilter.ts`). The track's `x`, `P` are the combined (moment-matched) estimate;
 *   `modeProbabilities` holds μ in {@link ENGINE_MOTION_MODELS} order and `model` is the most probable mode (ties:
 *   `cv`). The IMM starts at a track's second detection: a single-point track (velocity unknown, σ = 1,500 m/s per
 *   axis) is one Gaussian predicted with `cv`, since the modes' gravity difference (g Δt²/2 ≈ 5 m per second) is
 *   nothing against its velocity uncertainty; its second detection updates that Gaussian, which then seeds every
 *   mode with μ = {@link ENGINE_INITIAL_MODE_PROBABILITIES}. `EngineTrackerOptions.motion` can restrict the tracker
 *   to one model (for comparisons).
 * - **Association.** GNN, as Stone Soup's `GNNWith2DAssignment` + `DistanceHypothesiser`: cost = Mahalanobis
 *   distance d (not d²) of gated pairs (d < `gate`), each track may instead be "missed" at cost `gate`; the global
 *   minimum is found with `solveSparseAssignment`. Confirmed tracks are associated first, tentative tracks then
 *   compete for the leftover detections.
 * - **Update.** Linear position update of every mode with the detection's `cov_ecef`, Joseph form; the mode
 *   probabilities become μ_j ∝ c̄_j N(z; ẑ_j, S_j), then the modes are combined again. A missed track keeps the
 *   predicted probabilities c̄.
 * - **Initiation.** Every detection used by no track starts a tentative track: position = measurement (covariance
 *   = `cov_ecef`), velocity 0 with variance (1,500 m/s)² per axis ({@link INITIAL_VELOCITY_STD_mps}), so an SRBM in
 *   any direction falls inside the gate on the next scan (single-point initiation, Bar-Shalom et al. 2001 §3.7).
 * - **Misses.** A scan of sensor s counts as a miss for a track only if s has already detected that track at least
 *   once (a radar that never saw the track is assumed not to cover it), and only if the call did not name the track
 *   in `unobservedTrackIds` (a budgeted radar that did not look at it). `misses` is the count of consecutive such
 *   misses; any hit resets it. A scan without detections only counts misses: it does not predict the tracks (they
 *   are predicted when the next detections arrive; `predict` looks ahead from the track time `t_s`).
 * - **Confirmation.** M-of-N per sensor (the shared `core/confirmation.ts` window and rule): a tentative track is confirmed when `confirmM` of the last `confirmN` scans
 *   of some sensor that has seen it were hits (its first detection counts as a hit).
 * - **Deletion.** A confirmed track is deleted after `deleteMisses` consecutive misses. A tentative track is deleted
 *   as soon as the last `confirmN` scans of its initiating sensor hold more than `confirmN − confirmM` misses (so
 *   M-of-N can no longer be met in that window), or after `deleteMisses` consecutive misses.
 *
 * Returned `EngineTrack` objects are live: the tracker keeps updating their fields; copy what must be kept.
 */

import { MAX_WINDOW_SCANS } from '../../math/hitWindow.js';
import type { TrackerSettings } from '../../scenario/types.js';
import { type TrackLists, trackScan } from '../core/trackLoop.js';
import { type EngineMotionModel, predictMeanEcef } from './ecefFilter.js';
import { ENGINE_MODE_SOJOURN_s, ENGINE_MOTION_MODELS } from './ecefModels.js';
import type { EngineDetection } from './engineDetection.js';
import { EngineFilter } from './engineFilter.js';
import { type EngineRecord, type EngineScan, engineRoles, engineTrackLists } from './engineRoles.js';

export { ENGINE_INITIAL_MODE_PROBABILITIES } from './engineFilter.js';
export { INITIAL_VELOCITY_STD_mps } from './engineRoles.js';

/** Options of {@link createEngineTracker}. */
export interface EngineTrackerOptions {
  /**
   * Motion models: `imm` (default) = IMM over {ballistic, cv}; `ballistic` or `cv` = that model alone (a plain
   * Kalman filter; for comparisons and tests).
   */
  readonly motion?: 'imm' | EngineMotionModel;
  /** Mean sojourn in a mode, s (default {@link ENGINE_MODE_SOJOURN_s}). */
  readonly modeSojourn_s?: number;
}

/** A track of the engine tracker (ECEF). */
export interface EngineTrack {
  /** Deterministic id `${idPrefix}-T${n}`. */
  readonly id: string;
  status: 'tentative' | 'confirmed';
  /** Time of the state, s. */
  t_s: number;
  /** State [px, py, pz, vx, vy, vz] in ECEF, m and m/s. */
  x: Float64Array;
  /** Covariance of `x`, row-major 6×6, m², m²/s, m²/s². */
  P: Float64Array;
  /** Number of detections assigned over the track's life (the initiating one included). */
  hits: number;
  /** Consecutive misses (scans of sensors that have seen the track, without a detection). */
  misses: number;
  /** Time of the initiating detection, s. */
  firstDetection_s: number;
  /** Time of the last assigned detection, s. */
  lastUpdate_s: number;
  /**
   * Time of the last detection assigned from each sensor, s, by `EngineDetection.sensorId`: which radars hold the track
   * (a fire unit whose interceptor needs its own radar on the target asks this, `c2/battery`).
   */
  lastUpdateBySensor_s?: Map<string, number>;
  /** Motion model used by `predict` for look-ahead: the most probable IMM mode. */
  model: EngineMotionModel;
  /**
   * IMM mode probabilities in {@link ENGINE_MOTION_MODELS} order (ballistic, cv); after an update the posterior,
   * after a miss the predicted ones. Live view, updated by the tracker.
   */
  modeProbabilities?: Float64Array;
  /**
   * Truth label for scoring and the event log only: the `truthId` of the last detection assigned to the track (null:
   * a false alarm). The tracker's own decisions and every C2 decision ignore it (docs/outcomes.md, "Truth ids").
   */
  truthId: string | null;
}

/** What changed in one call of `update`. */
export interface TrackerScanResult {
  /** Tracks confirmed during this call. */
  confirmed: EngineTrack[];
  /** Confirmed tracks deleted during this call (tentative tracks are dropped silently). */
  deleted: EngineTrack[];
  /** Confirmed tracks that received at least one detection during this call (in id-creation order). */
  updated: EngineTrack[];
}

/** The engine tracker's interface. */
export interface EngineTracker {
  /**
   * Process all detections that arrived up to `t_s` (from one or several radars). `scannedSensorIds` names sensors
   * that dwelt in this call even if they returned no detection (their empty scan is placed at `t_s`); it defaults
   * to the sensors present in `detections`. `unobservedTrackIds` names tracks that the scans of this call did not
   * look at (a budgeted radar that neither searched their azimuth nor dwelt on them): they may still take a
   * detection, but an unassigned one is not counted as a miss (default: every track was looked at).
   */
  update(
    t_s: number,
    detections: readonly EngineDetection[],
    scannedSensorIds?: readonly string[],
    unobservedTrackIds?: ReadonlySet<string>,
  ): TrackerScanResult;
  /**
   * Current confirmed tracks, in creation order. The array is shared until the picture changes (read at every
   * dwell): do not modify it; a copy taken before an `update` keeps the tracks of its time.
   */
  confirmedTracks(): readonly EngineTrack[];
  /**
   * Every track held, tentative and confirmed, in creation order (a budgeted radar schedules dwells on them). Shared
   * like {@link EngineTracker.confirmedTracks}: do not modify it.
   */
  tracks(): readonly EngineTrack[];
  /** Number of tracks held, tentative and confirmed (0: the picture is empty). */
  trackCount(): number;
  /**
   * Predict a track's mean to `t_s` with its motion model, without changing the track; writes ECEF position (m)
   * and velocity (m/s).
   */
  predict(track: EngineTrack, t_s: number, pos_out: Float64Array, vel_out: Float64Array): void;
}

/** One scan: a sensor's detections at one time. */
interface ScanGroup {
  readonly sensorId: string;
  readonly t_s: number;
  readonly detections: EngineDetection[];
}

/** Same scan time: `===`, except that NaN matches NaN (as the former `${sensorId}\0${t_s}` string key did). */
function sameTime(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * The scans of one `update` call: detections grouped by (sensorId, t_s), plus an empty scan at `t_s` for each sensor
 * of `scannedSensorIds` without detections; in time order, ties by sensorId (string order). A call holds one or two
 * scans, so the groups are found by a linear search (no string keys, no Map) in first-appearance order, and the
 * stable sort keeps that order among equal keys.
 */
function groupScans(
  t_s: number,
  detections: readonly EngineDetection[],
  scannedSensorIds?: readonly string[],
): ScanGroup[] {
  const groups: ScanGroup[] = [];
  for (const det of detections) {
    let g: ScanGroup | undefined;
    for (let k = 0; k < groups.length; k++) {
      if (groups[k].sensorId === det.sensorId && sameTime(groups[k].t_s, det.t_s)) {
        g = groups[k];
        break;
      }
    }
    if (g === undefined) {
      g = { sensorId: det.sensorId, t_s: det.t_s, detections: [] };
      groups.push(g);
    }
    g.detections.push(det);
  }
  if (scannedSensorIds !== undefined) {
    for (const sensorId of scannedSensorIds) {
      let seen = false;
      for (let k = 0; k < groups.length && !seen; k++) seen = groups[k].sensorId === sensorId;
      // a sensor named twice gets one empty scan; a sensor with detections gets none
      if (!seen) groups.push({ sensorId, t_s, detections: [] });
    }
  }
  if (groups.length > 1) {
    groups.sort((a, b) =>
      a.t_s !== b.t_s ? a.t_s - b.t_s : a.sensorId < b.sensorId ? -1 : a.sensorId > b.sensorId ? 1 : 0,
    );
  }
  return groups;
}

/**
 * The sensor of a call that is exactly one scan — every detection from one sensor at one time, and no other sensor
 * named in `scannedSensorIds` (the usual call: one radar's dwell) — or null (then `groupScans` splits the call).
 */
function singleScanSensor(
  detections: readonly EngineDetection[],
  scannedSensorIds: readonly string[] | undefined,
): string | null {
  let sensorId: string;
  if (detections.length > 0) {
    sensorId = detections[0].sensorId;
    const time_s = detections[0].t_s;
    for (let k = 1; k < detections.length; k++) {
      if (detections[k].sensorId !== sensorId || !sameTime(detections[k].t_s, time_s)) return null;
    }
  } else if (scannedSensorIds !== undefined && scannedSensorIds.length > 0) sensorId = scannedSensorIds[0];
  else return null;
  if (scannedSensorIds !== undefined) for (const id of scannedSensorIds) if (id !== sensorId) return null;
  return sensorId;
}

/** The filter of `options` (IMM over every engine mode, or one model alone); checks the settings. */
function engineFilter(settings: TrackerSettings, options: EngineTrackerOptions): EngineFilter {
  const { confirmM, confirmN } = settings;
  if (!(confirmN >= 1 && confirmN <= MAX_WINDOW_SCANS && confirmM >= 1 && confirmM <= confirmN)) {
    throw new RangeError(
      `tracker: need 1 ≤ confirmM ≤ confirmN ≤ ${MAX_WINDOW_SCANS}, got ${confirmM} of ${confirmN}`,
    );
  }
  const motion = options.motion ?? 'imm';
  const sojourn_s = options.modeSojourn_s ?? ENGINE_MODE_SOJOURN_s;
  if (!(sojourn_s > 0)) throw new RangeError(`tracker: modeSojourn_s must be > 0, got ${sojourn_s}`);
  const modes: readonly EngineMotionModel[] = motion === 'imm' ? ENGINE_MOTION_MODELS : [motion];
  return new EngineFilter(modes, settings.processNoise_m2ps3, sojourn_s);
}

/**
 * Create the engine tracker (see the module header for every rule) — its composition root: the filter of `options`,
 * the roles of `engineRoles.ts`, and the loop run once per scan. `settings.gate` is a Mahalanobis distance d;
 * `processNoise_m2ps3` is the white-acceleration spectral density per axis. `confirmN` must be ≤ 30.
 * @example
 * ```ts
 * import { createEngineTracker, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const tracker = createEngineTracker(scenario.tracker, 'bn1');
 * const scan = tracker.update(0, []); // detections of one scan
 * console.log(tracker.confirmedTracks().length);
 * ```
 */
export function createEngineTracker(
  settings: TrackerSettings,
  idPrefix: string,
  options: EngineTrackerOptions = {},
): EngineTracker {
  const filter = engineFilter(settings, options);
  const roles = engineRoles(filter, settings, idPrefix);
  /** Every track held, in creation order (compacted in place after each scan). */
  const records: EngineRecord[] = [];
  // the tracker runs at every dwell: one scan record and one pair of lists, refilled per scan
  const scan: EngineScan = {
    sensorId: '',
    t_s: 0,
    detections: [],
    used: new Uint8Array(8),
    unobserved: undefined,
    result: { confirmed: [], deleted: [], updated: [] },
    call: 0,
    born: [],
  };
  const lists: TrackLists<EngineRecord> = { confirmed: [], tentative: [] };
  /** Number of `update` calls that ran the loop (the stamp of `EngineRecord.updatedCall`). */
  let call = 0;
  // confirmedTracks()/tracks() are read at every dwell (C2, frame planner): built once per change of the picture
  let confirmedCache: EngineTrack[] | null = null;
  let tracksCache: EngineTrack[] | null = null;

  /** One scan through the tracking loop; true when it started or removed a track. */
  function runScan(
    sensorId: string,
    scanTime_s: number,
    scanDetections: readonly EngineDetection[],
    unobservedTrackIds: ReadonlySet<string> | undefined,
    result: TrackerScanResult,
  ): boolean {
    const nDet = scanDetections.length;
    if (scan.used.length < nDet) scan.used = new Uint8Array(Math.max(nDet, 2 * scan.used.length));
    else for (let j = 0; j < nDet; j++) scan.used[j] = 0;
    scan.sensorId = sensorId;
    scan.t_s = scanTime_s;
    scan.detections = scanDetections;
    scan.unobserved = unobservedTrackIds;
    scan.result = result;
    scan.call = call;
    scan.born = [];
    engineTrackLists(records, lists);
    trackScan(roles, lists, scan);
    // survivors in creation order, then the tracks this scan started
    let kept = 0;
    for (let k = 0; k < records.length; k++) if (!records[k].gone) records[kept++] = records[k];
    const changed = kept !== records.length || scan.born.length > 0;
    if (kept !== records.length) records.length = kept;
    for (const rec of scan.born) records.push(rec);
    return changed;
  }

  function update(
    t_s: number,
    detections: readonly EngineDetection[],
    scannedSensorIds?: readonly string[],
    unobservedTrackIds?: ReadonlySet<string>,
  ): TrackerScanResult {
    // nothing to associate and no track to miss: nothing can change
    if (detections.length === 0 && records.length === 0) return { confirmed: [], deleted: [], updated: [] };
    const result: TrackerScanResult = { confirmed: [], deleted: [], updated: [] };
    call++;
    let changed = false;
    const single = singleScanSensor(detections, scannedSensorIds);
    if (single !== null) {
      // the usual call, one radar's dwell: the one scan `groupScans` would return, without building it
      changed = runScan(
        single,
        detections.length > 0 ? detections[0].t_s : t_s,
        detections,
        unobservedTrackIds,
        result,
      );
    } else {
      for (const group of groupScans(t_s, detections, scannedSensorIds)) {
        if (runScan(group.sensorId, group.t_s, group.detections, unobservedTrackIds, result)) changed = true;
      }
    }
    if (changed || result.confirmed.length > 0) {
      confirmedCache = null;
      tracksCache = null;
    }
    // a deleted track is gone, so no longer in `records`
    for (const rec of records) if (rec.updatedCall === call) result.updated.push(rec.track);
    return result;
  }

  const predictTmp = new Float64Array(6);

  function predict(track: EngineTrack, t_s: number, pos_out: Float64Array, vel_out: Float64Array): void {
    // the radar frame planner and the C2 predict every track at every dwell: one scratch state, not one per call
    const tmp = predictTmp;
    predictMeanEcef(tmp, track.x, t_s - track.t_s, track.model, filter.scratch);
    pos_out[0] = tmp[0];
    pos_out[1] = tmp[1];
    pos_out[2] = tmp[2];
    vel_out[0] = tmp[3];
    vel_out[1] = tmp[4];
    vel_out[2] = tmp[5];
  }

  return {
    update,
    confirmedTracks: () => {
      confirmedCache ??= records.filter((r) => r.track.status === 'confirmed').map((r) => r.track);
      return confirmedCache;
    },
    tracks: () => {
      tracksCache ??= records.map((r) => r.track);
      return tracksCache;
    },
    trackCount: () => records.length,
    predict,
  };
}
