/**
 * @module tracking/engine/engineTracker
 * The engine's multi-radar ECEF tracker (wiring only: the filter lives in `ecefFilter.ts`, the assignment in
 * `association/assignment.ts`). One instance per C2 node fuses the detections of all its radars into one picture.
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
 *   moment match is `FilterStateStore.combine`. The track's `x`, `P` are the combined (moment-matched) estimate;
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
 * - **Confirmation.** M-of-N per sensor: a tentative track is confirmed when `confirmM` of the last `confirmN` scans
 *   of some sensor that has seen it were hits (its first detection counts as a hit).
 * - **Deletion.** A confirmed track is deleted after `deleteMisses` consecutive misses. A tentative track is deleted
 *   as soon as the last `confirmN` scans of its initiating sensor hold more than `confirmN − confirmM` misses (so
 *   M-of-N can no longer be met in that window), or after `deleteMisses` consecutive misses.
 *
 * Returned `EngineTrack` objects are live: the tracker keeps updating their fields; copy what must be kept.
 */

import { MAX_WINDOW_SCANS, popcount32, pushHit } from '../../math/hitWindow.js';
import type { TrackerSettings } from '../../scenario/types.js';
import type { Detection } from '../../sensors/index.js';
import { AssignmentWorkspace, solveSparseAssignment } from '../association/assignment.js';
import { FilterStateStore } from '../mtt/filterState.js';
import { immPredictor } from '../mtt/predictor/immPredictor.js';
import {
  createEcefFilterScratch,
  type EcefFilterScratch,
  type EngineMotionModel,
  mahalanobis2PositionEcef,
  predictCovarianceEcef,
  predictMeanEcef,
  updatePositionEcef,
  updatePositionEcefLogLikelihood,
} from './ecefFilter.js';
import {
  ENGINE_MODE_SOJOURN_s,
  ENGINE_MOTION_MODELS,
  ecefTransitionModel,
  modeTransitionInto,
} from './ecefModels.js';

/** Mode probabilities of a new track, in {@link ENGINE_MOTION_MODELS} order. */
export const ENGINE_INITIAL_MODE_PROBABILITIES: readonly number[] = Object.freeze([0.5, 0.5]);

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

/** Standard deviation of each velocity component of a new tentative track, m/s. */
export const INITIAL_VELOCITY_STD_mps = 1500;

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
   * Time of the last detection assigned from each sensor, s, by `Detection.sensorId`: which radars hold the track
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
    detections: readonly Detection[],
    scannedSensorIds?: readonly string[],
    unobservedTrackIds?: ReadonlySet<string>,
  ): TrackerScanResult;
  /** Current confirmed tracks, in creation order. */
  confirmedTracks(): EngineTrack[];
  /** Every track held, tentative and confirmed, in creation order (a budgeted radar schedules dwells on them). */
  tracks(): EngineTrack[];
  /** Number of tracks held, tentative and confirmed (0: the picture is empty). */
  trackCount(): number;
  /**
   * Predict a track's mean to `t_s` with its motion model, without changing the track; writes ECEF position (m)
   * and velocity (m/s).
   */
  predict(track: EngineTrack, t_s: number, pos_out: Float64Array, vel_out: Float64Array): void;
}

/** Hit/miss history of one track for one sensor: the last `count` (≤ N) outcomes as bits, newest in bit 0. */
interface SensorWindow {
  bits: number;
  count: number;
}

/** The mode filters of one track: a one-slot store (one component per mode, and μ) and views of each mode. */
interface ModeFilters {
  readonly store: FilterStateStore;
  /** Mean and covariance of each mode: views of `store`. */
  readonly modeX: readonly Float64Array[];
  readonly modeP: readonly Float64Array[];
}

/** Internal bookkeeping beside the public track. */
interface TrackRecord {
  readonly track: EngineTrack;
  /**
   * The IMM mode filters, from the track's second detection on; null for a single-point track, whose one Gaussian
   * is `track.x`, `track.P`.
   */
  filters: ModeFilters | null;
  readonly initSensor: string;
  readonly windows: Map<string, SensorWindow>;
  /** Set when the track was assigned a detection in the current scan. */
  hitThisScan: boolean;
}

/** One scan: a sensor's detections at one time. */
interface ScanGroup {
  readonly sensorId: string;
  readonly t_s: number;
  readonly detections: Detection[];
}

/**
 * Create the engine tracker (see the module header for every rule). `settings.gate` is a Mahalanobis distance d;
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
  const { gate, confirmM, confirmN, deleteMisses, processNoise_m2ps3 } = settings;
  if (!(confirmN >= 1 && confirmN <= MAX_WINDOW_SCANS && confirmM >= 1 && confirmM <= confirmN)) {
    throw new RangeError(
      `tracker: need 1 ≤ confirmM ≤ confirmN ≤ ${MAX_WINDOW_SCANS}, got ${confirmM} of ${confirmN}`,
    );
  }
  const motion = options.motion ?? 'imm';
  const sojourn_s = options.modeSojourn_s ?? ENGINE_MODE_SOJOURN_s;
  if (!(sojourn_s > 0)) throw new RangeError(`tracker: modeSojourn_s must be > 0, got ${sojourn_s}`);
  // modes of this tracker and their index in ENGINE_MOTION_MODELS
  const modes: readonly EngineMotionModel[] = motion === 'imm' ? ENGINE_MOTION_MODELS : [motion];
  const r = modes.length;
  const publicIndex = modes.map((m) => ENGINE_MOTION_MODELS.indexOf(m));
  const initialMu = modes.map((m) =>
    r === 1 ? 1 : ENGINE_INITIAL_MODE_PROBABILITIES[ENGINE_MOTION_MODELS.indexOf(m)],
  );
  const transition = new Float64Array(r * r);
  let transitionDt_s = Number.NaN;
  const predictor = immPredictor(
    modes.map((m) => ecefTransitionModel(m, processNoise_m2ps3)),
    transition,
  );
  const logLik = new Float64Array(r);
  /** Model of a single-point track (cv in the IMM; the one model otherwise). */
  const singlePointModel: EngineMotionModel = r === 1 ? modes[0] : 'cv';
  const gate2 = gate * gate;
  const scratch: EcefFilterScratch = createEcefFilterScratch();
  // GNN runs at every dwell: one assignment workspace for all of this tracker's solves
  const assignmentWork = new AssignmentWorkspace();
  const records: TrackRecord[] = [];
  let nextId = 1;

  function pushOutcome(rec: TrackRecord, sensorId: string, hit: boolean): SensorWindow {
    let w = rec.windows.get(sensorId);
    if (!w) {
      w = { bits: 0, count: 0 };
      rec.windows.set(sensorId, w);
    }
    w.bits = pushHit(w.bits, hit, confirmN);
    w.count = Math.min(w.count + 1, confirmN);
    return w;
  }

  /** Writes the combined estimate, the public mode probabilities and the most probable mode of `rec`. */
  function publish(rec: TrackRecord, filters: ModeFilters): void {
    const track = rec.track;
    const store = filters.store;
    store.combine(0, track.x, track.P);
    const mu = track.modeProbabilities!;
    let best = 0;
    for (let j = 0; j < r; j++) {
      mu[publicIndex[j]] = store.mu[j];
      if (store.mu[j] > store.mu[best]) best = j;
    }
    // ties (e.g. a new track) go to cv, the model without gravity
    track.model = r > 1 && store.mu[0] === store.mu[1] ? 'cv' : modes[best];
  }

  function predictTrackTo(rec: TrackRecord, t_s: number): void {
    const track = rec.track;
    const dt_s = t_s - track.t_s;
    if (!(dt_s > 0)) return;
    if (dt_s !== transitionDt_s) {
      modeTransitionInto(transition, r, dt_s, sojourn_s);
      transitionDt_s = dt_s;
    }
    const filters = rec.filters;
    if (filters === null) {
      // single-point track: one Gaussian (see createEngineTracker's header note on the IMM start)
      predictMeanEcef(track.x, track.x, dt_s, singlePointModel, scratch);
      predictCovarianceEcef(track.P, dt_s, processNoise_m2ps3);
    } else {
      predictor.predict(filters.store, 0, dt_s);
      publish(rec, filters);
    }
    track.t_s = t_s;
  }

  /** IMM update of `rec` with one detection; false (track unchanged) if no mode could be updated. */
  function updateTrack(rec: TrackRecord, det: Detection): boolean {
    const filters = rec.filters;
    if (filters === null) {
      // second detection: update the single Gaussian, then start the IMM from it
      const track = rec.track;
      if (!updatePositionEcef(track.x, track.P, det.pos_ecef, det.cov_ecef, scratch)) return false;
      const started = freeFilters.pop() ?? newFilters();
      for (let j = 0; j < r; j++) {
        started.modeX[j].set(track.x);
        started.modeP[j].set(track.P);
        started.store.mu[j] = initialMu[j];
      }
      rec.filters = started;
      return true;
    }
    const mu = filters.store.mu;
    let maxLog = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < r; j++) {
      const ll = updatePositionEcefLogLikelihood(
        filters.modeX[j],
        filters.modeP[j],
        det.pos_ecef,
        det.cov_ecef,
        scratch,
      );
      logLik[j] = Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
      if (mu[j] > 0 && logLik[j] > maxLog) maxLog = logLik[j];
    }
    if (maxLog === Number.NEGATIVE_INFINITY) return false;
    let total = 0;
    for (let j = 0; j < r; j++) {
      mu[j] = mu[j] > 0 ? mu[j] * Math.exp(logLik[j] - maxLog) : 0;
      total += mu[j];
    }
    for (let j = 0; j < r; j++) mu[j] /= total;
    publish(rec, filters);
    return true;
  }

  /** GNN of `recs` against the still-free detections; marks used detections and updates assigned tracks. */
  function associate(recs: TrackRecord[], dets: readonly Detection[], used: Uint8Array): void {
    if (recs.length === 0) return;
    const nDet = dets.length;
    const rowStart = new Int32Array(recs.length + 1);
    const colIdx: number[] = [];
    const costs: number[] = [];
    for (let r = 0; r < recs.length; r++) {
      const { x, P } = recs[r].track;
      for (let j = 0; j < nDet; j++) {
        if (used[j]) continue;
        const det = dets[j];
        const z = det.pos_ecef;
        const R = det.cov_ecef;
        // cheap pre-gate: d² ≥ |y|² / trace(S)
        const y0 = z[0] - x[0];
        const y1 = z[1] - x[1];
        const y2 = z[2] - x[2];
        const traceS = P[0] + P[7] + P[14] + R[0] + R[4] + R[8];
        if (y0 * y0 + y1 * y1 + y2 * y2 >= gate2 * traceS) continue;
        const d2 = mahalanobis2PositionEcef(x, P, z, R, scratch);
        if (d2 < gate2) {
          colIdx.push(j);
          costs.push(Math.sqrt(d2));
        }
      }
      // the track's own "missed" column
      colIdx.push(nDet + r);
      costs.push(gate);
      rowStart[r + 1] = colIdx.length;
    }
    const sol = solveSparseAssignment(
      recs.length,
      nDet + recs.length,
      rowStart,
      Int32Array.from(colIdx),
      Float64Array.from(costs),
      assignmentWork,
    );
    for (let r = 0; r < recs.length; r++) {
      const j = sol.rowToCol[r];
      if (j < 0 || j >= nDet) continue;
      const det = dets[j];
      const rec = recs[r];
      if (updateTrack(rec, det)) {
        used[j] = 1;
        rec.hitThisScan = true;
        rec.track.truthId = det.truthId;
      }
    }
  }

  /** Mode filters of dropped tracks, reused by new ones (every field is overwritten on reuse). */
  const freeFilters: ModeFilters[] = [];

  function newFilters(): ModeFilters {
    const store = new FilterStateStore(6, r, 1);
    const modeX: Float64Array[] = [];
    const modeP: Float64Array[] = [];
    for (let j = 0; j < r; j++) {
      const xo = store.xOffset(0, j);
      const po = store.pOffset(0, j);
      modeX.push(store.x.subarray(xo, xo + 6));
      modeP.push(store.P.subarray(po, po + 36));
    }
    return { store, modeX, modeP };
  }

  function startTrack(det: Detection): TrackRecord {
    const x = new Float64Array(6);
    x[0] = det.pos_ecef[0];
    x[1] = det.pos_ecef[1];
    x[2] = det.pos_ecef[2];
    const P = new Float64Array(36);
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) P[r * 6 + c] = det.cov_ecef[r * 3 + c];
    }
    const velVar = INITIAL_VELOCITY_STD_mps * INITIAL_VELOCITY_STD_mps;
    P[21] = velVar;
    P[28] = velVar;
    P[35] = velVar;
    const track: EngineTrack = {
      id: `${idPrefix}-T${nextId++}`,
      status: 'tentative',
      t_s: det.t_s,
      x,
      P,
      hits: 1,
      misses: 0,
      firstDetection_s: det.t_s,
      lastUpdate_s: det.t_s,
      lastUpdateBySensor_s: new Map([[det.sensorId, det.t_s]]),
      model: 'cv',
      modeProbabilities: new Float64Array(ENGINE_MOTION_MODELS.length),
      truthId: det.truthId,
    };
    for (let j = 0; j < r; j++) track.modeProbabilities![publicIndex[j]] = initialMu[j];
    track.model = singlePointModel;
    const rec: TrackRecord = {
      track,
      filters: null,
      initSensor: det.sensorId,
      windows: new Map(),
      hitThisScan: false,
    };
    pushOutcome(rec, det.sensorId, true);
    return rec;
  }

  function processScan(
    group: ScanGroup,
    result: TrackerScanResult,
    updatedSet: Set<EngineTrack>,
    unobserved: ReadonlySet<string> | undefined,
  ): void {
    const { sensorId, t_s, detections } = group;
    const used = new Uint8Array(detections.length);
    if (detections.length === 0) {
      // an empty scan only counts misses; the tracks are predicted when data next arrives
      for (const rec of records) rec.hitThisScan = false;
    } else {
      for (const rec of records) {
        rec.hitThisScan = false;
        predictTrackTo(rec, t_s);
      }
      associate(
        records.filter((r) => r.track.status === 'confirmed'),
        detections,
        used,
      );
      associate(
        records.filter((r) => r.track.status === 'tentative'),
        detections,
        used,
      );
    }
    // bookkeeping, confirmation and deletion
    const survivors: TrackRecord[] = [];
    for (const rec of records) {
      const track = rec.track;
      let keep = true;
      if (rec.hitThisScan) {
        track.hits++;
        track.misses = 0;
        track.lastUpdate_s = t_s;
        track.lastUpdateBySensor_s?.set(sensorId, t_s);
        const w = pushOutcome(rec, sensorId, true);
        if (track.status === 'tentative' && popcount32(w.bits) >= confirmM) {
          track.status = 'confirmed';
          result.confirmed.push(track);
        }
        if (track.status === 'confirmed') updatedSet.add(track);
      } else if (rec.windows.has(sensorId) && !unobserved?.has(track.id)) {
        track.misses++;
        const w = pushOutcome(rec, sensorId, false);
        if (track.status === 'confirmed') {
          if (track.misses >= deleteMisses) {
            keep = false;
            result.deleted.push(track);
          }
        } else {
          const missesInWindow = w.count - popcount32(w.bits);
          const hopeless = sensorId === rec.initSensor && missesInWindow > confirmN - confirmM;
          if (hopeless || track.misses >= deleteMisses) keep = false;
        }
      }
      if (keep) survivors.push(rec);
      else if (rec.filters !== null) freeFilters.push(rec.filters);
    }
    records.length = 0;
    for (const rec of survivors) records.push(rec);
    // initiation from unused detections
    for (let j = 0; j < detections.length; j++) {
      if (!used[j]) records.push(startTrack(detections[j]));
    }
  }

  function update(
    t_s: number,
    detections: readonly Detection[],
    scannedSensorIds?: readonly string[],
    unobservedTrackIds?: ReadonlySet<string>,
  ): TrackerScanResult {
    // nothing to associate and no track to miss: nothing can change
    if (detections.length === 0 && records.length === 0) return { confirmed: [], deleted: [], updated: [] };
    // group detections into scans
    const groups = new Map<string, ScanGroup>();
    const sensorsWithDetections = new Set<string>();
    for (const det of detections) {
      const key = `${det.sensorId}\u0000${det.t_s}`;
      let g = groups.get(key);
      if (!g) {
        g = { sensorId: det.sensorId, t_s: det.t_s, detections: [] };
        groups.set(key, g);
      }
      g.detections.push(det);
      sensorsWithDetections.add(det.sensorId);
    }
    for (const sensorId of scannedSensorIds ?? []) {
      if (!sensorsWithDetections.has(sensorId)) {
        groups.set(`${sensorId}\u0000${t_s}`, { sensorId, t_s, detections: [] });
      }
    }
    const ordered = [...groups.values()].sort((a, b) =>
      a.t_s !== b.t_s ? a.t_s - b.t_s : a.sensorId < b.sensorId ? -1 : a.sensorId > b.sensorId ? 1 : 0,
    );
    const result: TrackerScanResult = { confirmed: [], deleted: [], updated: [] };
    const updatedSet = new Set<EngineTrack>();
    for (const group of ordered) processScan(group, result, updatedSet, unobservedTrackIds);
    const deletedSet = new Set(result.deleted);
    for (const rec of records) {
      if (updatedSet.has(rec.track) && !deletedSet.has(rec.track)) result.updated.push(rec.track);
    }
    return result;
  }

  function confirmedTracks(): EngineTrack[] {
    return records.filter((r) => r.track.status === 'confirmed').map((r) => r.track);
  }

  const predictTmp = new Float64Array(6);

  function predict(track: EngineTrack, t_s: number, pos_out: Float64Array, vel_out: Float64Array): void {
    // the radar frame planner and the C2 predict every track at every dwell: one scratch state, not one per call
    const tmp = predictTmp;
    predictMeanEcef(tmp, track.x, t_s - track.t_s, track.model, scratch);
    pos_out[0] = tmp[0];
    pos_out[1] = tmp[1];
    pos_out[2] = tmp[2];
    vel_out[0] = tmp[3];
    vel_out[1] = tmp[4];
    vel_out[2] = tmp[5];
  }

  return {
    update,
    confirmedTracks,
    tracks: () => records.map((r) => r.track),
    trackCount: () => records.length,
    predict,
  };
}
