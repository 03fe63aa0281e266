/**
 * @module tracking/engine/engineRoles
 * The engine tracker's roles for the tracking loop (`core/trackLoop.ts`), one scan = one sensor's detections at one
 * time: predictor and updater from {@link EngineFilter}, GNN association with the Mahalanobis gate, per-sensor
 * hit/miss bookkeeping, the per-sensor M-of-N confirmation of `core/confirmation.ts`, the consecutive-miss deleter
 * and single-point initiation. The rules are stated in `engineTracker.ts`'s module header.
 */
import { Float64Slab } from '../../math/float64Slab.js';
import type { TrackerSettings } from '../../scenario/types.js';
import { AssignmentWorkspace, solveSparseAssignment } from '../association/assignment.js';
import { type HitWindow, mOfNDecision, pushOutcome } from '../core/confirmation.js';
import type {
  ConfirmationDecision,
  ScanAssociator,
  ScanInitiator,
  ScanRecorder,
  TrackerRoles,
  TrackLists,
} from '../core/trackLoop.js';
import { mahalanobis2PositionEcef } from './ecefFilter.js';
import { ENGINE_MOTION_MODELS } from './ecefModels.js';
import type { EngineDetection } from './engineDetection.js';
import type { EngineFilter, FilteredTrack } from './engineFilter.js';
import type { EngineTrack, TrackerScanResult } from './engineTracker.js';

/** Standard deviation of each velocity component of a new tentative track, m/s. */
export const INITIAL_VELOCITY_STD_mps = 1500;

/** Internal bookkeeping beside the public track. */
export interface EngineRecord extends FilteredTrack {
  readonly initSensor: string;
  /** M-of-N window per sensor that has seen the track (a sensor absent here never detected it). */
  readonly windows: Map<string, HitWindow>;
  /** This scan's outcome for the track ('none': it did not count, see `engineRecorder`). */
  lastOutcome: 'hit' | 'miss' | 'none';
  /** The window this scan's outcome went into (meaningful unless `lastOutcome` is 'none'). */
  lastWindow: HitWindow | null;
  /** Set once the track is deleted or dropped. */
  gone: boolean;
  /** The `EngineScan.call` in which the track, confirmed, last took a detection or was confirmed (0: never). */
  updatedCall: number;
}

/**
 * One scan of one sensor, and what the loop reports into for the current `update` call. The tracker keeps one and
 * refills it for every scan (it runs at every dwell).
 */
export interface EngineScan {
  sensorId: string;
  t_s: number;
  detections: readonly EngineDetection[];
  /** Detection j consumed (index < `detections.length`; the array may be longer). */
  used: Uint8Array;
  /** Tracks this call did not look at: an unassigned one is not a miss. */
  unobserved: ReadonlySet<string> | undefined;
  result: TrackerScanResult;
  /** Number of the current `update` call: a confirmed track that takes a detection gets it as `updatedCall`. */
  call: number;
  /** Tracks started by this scan, in detection order. */
  born: EngineRecord[];
}

/** Fills `lists` for one scan: confirmed and tentative tracks of `records`, both in creation order. */
export function engineTrackLists(
  records: readonly EngineRecord[],
  lists: TrackLists<EngineRecord>,
): TrackLists<EngineRecord> {
  // fresh arrays (the loop replaces them by filtered copies anyway): truncating old ones is a slower runtime call
  const confirmed: EngineRecord[] = [];
  const tentative: EngineRecord[] = [];
  for (const r of records) (r.track.status === 'confirmed' ? confirmed : tentative).push(r);
  lists.confirmed = confirmed;
  lists.tentative = tentative;
  return lists;
}

/**
 * Gater + GNN associator, as Stone Soup's `GNNWith2DAssignment` + `DistanceHypothesiser`: cost = d of the gated
 * pairs (d < gate, after a cheap pre-gate d² ≥ |y|²/tr(S)), each track's own missed column at cost `gate`, global
 * minimum by `solveSparseAssignment`. Hypotheses: per row the detection index, or −1.
 */
function engineGnn(filter: EngineFilter, gate: number): ScanAssociator<EngineRecord, EngineScan, Int32Array> {
  const gate2 = gate * gate;
  // GNN runs at every dwell: one assignment workspace and one set of CSR buffers (grown on demand) for all of this
  // tracker's solves. The hypotheses alternate between two buffers, so those of the confirmed tracks stay intact
  // while the tentative tracks are associated (the loop reads each before the next association anyway).
  const assignmentWork = new AssignmentWorkspace();
  const hypotheses = [new Int32Array(8), new Int32Array(8)];
  let nextHypotheses = 0;
  let rowStart = new Int32Array(9);
  let colIdx = new Int32Array(16);
  let costs = new Float64Array(16);
  return {
    associate(recs, scan) {
      const nRec = recs.length;
      let assigned = hypotheses[nextHypotheses];
      if (assigned.length < nRec) {
        assigned = new Int32Array(Math.max(nRec, 2 * assigned.length));
        hypotheses[nextHypotheses] = assigned;
      }
      nextHypotheses ^= 1;
      for (let f = 0; f < nRec; f++) assigned[f] = -1;
      const dets = scan.detections;
      const nDet = dets.length;
      if (nRec === 0 || nDet === 0) return assigned;
      if (rowStart.length < nRec + 1) rowStart = new Int32Array(Math.max(nRec + 1, 2 * rowStart.length));
      // at most every detection plus the missed column per row
      const maxEntries = nRec * (nDet + 1);
      if (colIdx.length < maxEntries) {
        const size = Math.max(maxEntries, 2 * colIdx.length);
        colIdx = new Int32Array(size);
        costs = new Float64Array(size);
      }
      rowStart[0] = 0;
      let nEntries = 0;
      let nGated = 0;
      for (let r = 0; r < nRec; r++) {
        const { x, P } = recs[r].track;
        for (let j = 0; j < nDet; j++) {
          if (scan.used[j]) continue;
          const z = dets[j].pos_ecef;
          const R = dets[j].cov_ecef;
          const y0 = z[0] - x[0];
          const y1 = z[1] - x[1];
          const y2 = z[2] - x[2];
          const traceS = P[0] + P[7] + P[14] + R[0] + R[4] + R[8];
          if (y0 * y0 + y1 * y1 + y2 * y2 >= gate2 * traceS) continue;
          const d2 = mahalanobis2PositionEcef(x, P, z, R, filter.scratch);
          if (d2 < gate2) {
            colIdx[nEntries] = j;
            costs[nEntries++] = Math.sqrt(d2);
            nGated++;
          }
        }
        colIdx[nEntries] = nDet + r;
        costs[nEntries++] = gate;
        rowStart[r + 1] = nEntries;
      }
      // no gated pair: every track takes its own missed column (what the solver would return)
      if (nGated === 0) return assigned;
      const sol = solveSparseAssignment(nRec, nDet + nRec, rowStart, colIdx, costs, assignmentWork);
      for (let r = 0; r < nRec; r++) {
        const j = sol.rowToCol[r];
        if (j >= 0 && j < nDet) assigned[r] = j;
      }
      return assigned;
    },
  };
}

/** The window of `rec` for `sensorId` (created empty on the sensor's first outcome), after pushing `hit`. */
function pushSensorOutcome(rec: EngineRecord, sensorId: string, hit: boolean, confirmN: number): HitWindow {
  let w = rec.windows.get(sensorId);
  if (!w) {
    w = { bits: 0, count: 0 };
    rec.windows.set(sensorId, w);
  }
  pushOutcome(w, hit, confirmN);
  return w;
}

/**
 * Bookkeeping: a hit resets the misses and goes into the sensor's window; a miss counts only for a sensor that has
 * seen the track and a track the call looked at.
 */
function engineRecorder(confirmN: number): ScanRecorder<EngineRecord, EngineScan> {
  return {
    record(rec, hit, scan) {
      const track = rec.track;
      rec.lastOutcome = 'none';
      if (hit) {
        rec.lastOutcome = 'hit';
        track.hits++;
        track.misses = 0;
        track.lastUpdate_s = scan.t_s;
        track.lastUpdateBySensor_s?.set(scan.sensorId, scan.t_s);
        rec.lastWindow = pushSensorOutcome(rec, scan.sensorId, true, confirmN);
        if (track.status === 'confirmed') rec.updatedCall = scan.call;
      } else if (rec.windows.has(scan.sensorId) && !scan.unobserved?.has(track.id)) {
        rec.lastOutcome = 'miss';
        track.misses++;
        rec.lastWindow = pushSensorOutcome(rec, scan.sensorId, false, confirmN);
      }
    },
  };
}

/** A tentative track from detection `det`: position = measurement, velocity 0 with σ = 1,500 m/s per axis. */
function startTrack(
  filter: EngineFilter,
  covariances: Float64Slab,
  det: EngineDetection,
  id: string,
  confirmN: number,
): EngineRecord {
  const x = new Float64Array(6);
  x[0] = det.pos_ecef[0];
  x[1] = det.pos_ecef[1];
  x[2] = det.pos_ecef[2];
  const P = covariances.take();
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) P[r * 6 + c] = det.cov_ecef[r * 3 + c];
  }
  const velVar = INITIAL_VELOCITY_STD_mps * INITIAL_VELOCITY_STD_mps;
  P[21] = velVar;
  P[28] = velVar;
  P[35] = velVar;
  const track: EngineTrack = {
    id,
    status: 'tentative',
    t_s: det.t_s,
    x,
    P,
    hits: 1,
    misses: 0,
    firstDetection_s: det.t_s,
    lastUpdate_s: det.t_s,
    lastUpdateBySensor_s: new Map<string, number>().set(det.sensorId, det.t_s),
    model: 'cv',
    modeProbabilities: new Float64Array(ENGINE_MOTION_MODELS.length),
    truthId: det.truthId,
  };
  for (let j = 0; j < filter.r; j++) track.modeProbabilities![filter.publicIndex[j]] = filter.initialMu[j];
  track.model = filter.singlePointModel;
  const rec: EngineRecord = {
    track,
    filters: null,
    initSensor: det.sensorId,
    windows: new Map(),
    lastOutcome: 'hit',
    lastWindow: null,
    gone: false,
    updatedCall: 0,
  };
  pushSensorOutcome(rec, det.sensorId, true, confirmN);
  return rec;
}

/**
 * Initiator: a track per unused detection (ids `${idPrefix}-T${n}`); confirmation M-of-N per sensor — confirmed at
 * a hit once the sensor's window holds `confirmM` hits; dropped at a counted miss when the initiating sensor's
 * window can no longer reach M-of-N, or at `deleteMisses` consecutive misses.
 */
function engineInitiator(
  filter: EngineFilter,
  settings: TrackerSettings,
  idPrefix: string,
): ScanInitiator<EngineRecord, EngineScan> {
  const { confirmM, confirmN, deleteMisses } = settings;
  let nextId = 1;
  // every false alarm starts a track: its 6×6 covariance (288 bytes, past V8's 64-byte on-heap limit for typed
  // arrays) is a view on a shared slab instead of an off-heap buffer of its own (`math/float64Slab`)
  const covariances = new Float64Slab(36);
  return {
    initiate(scan) {
      for (let j = 0; j < scan.detections.length; j++) {
        if (!scan.used[j])
          scan.born.push(
            startTrack(filter, covariances, scan.detections[j], `${idPrefix}-T${nextId++}`, confirmN),
          );
      }
      return scan.born;
    },
    decide(rec, hit, scan): ConfirmationDecision {
      const w = rec.lastWindow;
      if (rec.lastOutcome === 'none' || w === null) return 'hold';
      const decision = mOfNDecision(w.bits, w.count, confirmM, confirmN);
      if (hit) return decision === 'confirm' ? 'confirm' : 'hold';
      const hopeless = scan.sensorId === rec.initSensor && decision === 'drop';
      return hopeless || rec.track.misses >= deleteMisses ? 'drop' : 'hold';
    },
    confirmsAtBirth: () => false,
  };
}

/** Every role of the engine tracker. */
export function engineRoles(
  filter: EngineFilter,
  settings: TrackerSettings,
  idPrefix: string,
): TrackerRoles<EngineRecord, EngineScan, Int32Array> {
  const gnn = engineGnn(filter, settings.gate);
  const gone = (rec: EngineRecord): void => {
    rec.gone = true;
    filter.release(rec);
  };
  return {
    predictor: {
      predict(recs, scan) {
        // an empty scan only counts misses; the tracks are predicted when data next arrives
        if (scan.detections.length === 0) return;
        for (const rec of recs) filter.predictTo(rec, scan.t_s);
      },
    },
    confirmedAssociator: gnn,
    tentativeAssociator: gnn,
    updater: {
      update(rec, row, assigned, scan) {
        const j = assigned[row];
        if (j < 0 || !filter.update(rec, scan.detections[j])) return false;
        scan.used[j] = 1;
        rec.track.truthId = scan.detections[j].truthId;
        return true;
      },
    },
    recorder: engineRecorder(settings.confirmN),
    // a confirmed track is deleted at a counted miss only
    deleter: {
      shouldDelete: (rec) => rec.lastOutcome === 'miss' && rec.track.misses >= settings.deleteMisses,
    },
    initiator: engineInitiator(filter, settings, idPrefix),
    events: {
      confirmed(rec, scan) {
        rec.track.status = 'confirmed';
        scan.result.confirmed.push(rec.track);
        rec.updatedCall = scan.call;
      },
      deleted(rec, scan) {
        scan.result.deleted.push(rec.track);
        gone(rec);
      },
      dropped: gone,
    },
  };
}
