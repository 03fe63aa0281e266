/**
 * @module c2/endgamePk
 * Endgame kill probability of one interceptor round against a ballistic re-entry body as a function of where the
 * intercept is planned — ground range from the launcher, height above it, and how far abeam of the launcher the
 * target's ground track passes — the planner's per-engagement Pk. In the engine a round's chance depends on that
 * geometry: far from the radar the track, and so the uplinked aim point, is worse; low down the drag the C2 must learn
 * (β) bends the path between uplinks; the q-limited airframe (`weapons/airframe`) turns less where the air is thin or
 * the coasting round slow; crossing targets are acquired near the edge of the seeker's field of view. A round whose
 * heading error at acquisition is more than it can remove misses by metres to a kilometre, or never acquires. A
 * constant `nominalPk` (guidance noise only) sees none of it. Derivation, sources and error against the engine:
 * docs/planning-coverage.md §"Endgame Pk".
 *
 * The table is built once per (interceptor type, radar type, tracker settings) by flying the engine's own chain
 * against a nominal re-entry body at every node of the grid: the radar's noisy plots (`createRadarSensor`: its range
 * and angle σ, Pd, false alarms, one dwell per scan interval) feed the engine tracker (`createEngineTracker`, the
 * scenario's settings); the C2 node learns β and predicts the path (`c2/node`, `c2/impactPrediction`); the round is launched at the
 * node's predicted position one flyout-table time of flight ahead (`weapons/flyout`), flies the full guided model
 * (`startFlight`: q-limited airframe, midcourse, seeker acquisition and field of view, APN) under the battery's
 * midcourse uplink (`uplinkRounds`, one revisit latency), and its closest approach is scored as the engine scores it
 * (`closestApproachEnvelope`, `killProbability`). The round flies without guidance noise and its kill probability is
 * averaged exactly over that noise (`expectedOverNoise`), so the only sampling noise left is the track's. A node's Pk
 * is the reliability times the mean over `trials` seeded flights. The nodes span where the one fire-control model
 * (`weapons/fireControl`) plans intercepts: inside its range margin and its time margin's worth of descent inside the
 * floor and ceiling; a node it refuses (tail chase, seeker look) or the round cannot reach has no Pk. A query
 * interpolates bilinearly between the nodes of its cell that have one, linearly between offsets, and falls back to
 * `nominalPk` where none has.
 *
 * The nominal target [N] is the re-entry body of the shipped Fateh-class SRBM (1,297 kg, 0.61 m, its Cd(Mach) table)
 * entering at 100 km height at 1.65 km/s, 33° below the horizon (the shipped 500 and 750 km-class SRBMs flown 450 km
 * pass 60 km at 1.72–1.74 km/s, 35–39° down), flown by the threat models' physics (`dynamics/pointMass`), so the C2's
 * constant-β prediction meets the same model error as in the engine. Its ground track runs parallel to the radar's
 * boresight, head-on (offset 0) or abeam. Deterministic: seeded from `options.seed` and the node. Cost: trials ×
 * nodes guided flights, ≈ 1.2 s of CPU per table with the defaults (shipped MSE and GEM-T classes).
 */

import { createRk4Workspace, rk4Step } from '../dynamics/integrate.js';
import {
  PM_MASS,
  PM_STATE_LENGTH,
  type PointMassParams,
  pointMassDerivative,
} from '../dynamics/pointMass.js';
import { geodesicDirect } from '../geo/geodesic.js';
import { approxHeightOf_m, ecefToGeodetic, geodeticRecordToEcef, geodeticToEcef } from '../geo/wgs84.js';
import { createRng, type Rng } from '../math/rng.js';
import type {
  Geodetic,
  InterceptorType,
  Radar,
  RadarType,
  RcsAspectTable,
  TrackerSettings,
} from '../scenario/types.js';
import { createBudgetedRadar, type TrackLook } from '../sensors/budgetLooks.js';
import type { Sensor } from '../sensors/index.js';
import { createRadarSensor } from '../sensors/radar.js';
import type { Trajectory } from '../threats/index.js';
import { SampledTrajectory } from '../threats/trajectory.js';
import { createEngineTracker, type EngineTracker } from '../tracking/engine/index.js';
import {
  closestApproachEnvelope,
  ENVELOPE_MARGIN_s,
  engagementGeometry,
  geometryVerdict,
  RANGE_MARGIN_m,
} from '../weapons/fireControl.js';
import type { FlyoutTable } from '../weapons/flyout.js';
import { directionEcef, groundRangeFrom_m, heightAboveSite_m, siteFrame } from '../weapons/geometry.js';
import { startFlight } from '../weapons/interceptor.js';
import { killProbability } from '../weapons/lethality.js';
import { createC2Node, learnedBallisticCoefficient_kgpm2 } from './node.js';
import { type RoundInFlight, type UplinkInputs, uplinkRounds } from './uplink.js';

/** Build settings of an endgame Pk table (plain data; see `defaultEndgamePkOptions`). */
export interface EndgamePkOptions {
  /** Largest grid spacing in ground range and in height, m (the grid divides the envelope evenly). */
  readonly rangeStep_m: number;
  readonly heightStep_m: number;
  /** Cross-track offsets of the nominal target's ground track from the launcher, m (first 0: head-on). */
  readonly offsets_m: readonly number[];
  /** Seeded flights per grid node. */
  readonly trials: number;
  /** Root seed of the flights. */
  readonly seed: number;
  /** Integration step of the guided round, s (the shipped scenarios' step). */
  readonly step_s: number;
}

/** Defaults: ≤ 6 km × 4 km grid, head-on and 20 km abeam, 12 flights per node, seed 1, 0.1 s steps. */
export function defaultEndgamePkOptions(): EndgamePkOptions {
  return { rangeStep_m: 6000, heightStep_m: 4000, offsets_m: [0, 20_000], trials: 12, seed: 1, step_s: 0.1 };
}

/** Endgame Pk over the envelope of one interceptor type. */
export interface EndgamePkTable {
  readonly interceptorId: string;
  /** Grid: ground ranges and heights above the launcher of the nodes, m. */
  readonly ranges_m: Float64Array;
  readonly heights_m: Float64Array;
  readonly offsets_m: readonly number[];
  /**
   * Pk at each node, one grid per offset (range-major: index iR · heights + iH); NaN where the round cannot reach
   * the node (or the node's ground range is less than its offset).
   */
  readonly nodes: readonly Float64Array[];
  /**
   * Single-shot Pk of an intercept at `groundRange_m` from the launcher and `height_m` above it, of a target whose
   * ground track passes `offset_m` from the launcher: bilinear between the reachable nodes of its cell (weights
   * renormalised) on each offset's grid, linear between the offsets, clamped to the grids; `fallback` when no node
   * is reachable.
   */
  pkAt(groundRange_m: number, height_m: number, offset_m: number, fallback: number): number;
}

/** Tables by interceptor type, radar type and tracker settings (pure functions of immutable inputs). */
const tableCache = new WeakMap<InterceptorType, WeakMap<RadarType, Map<string, EndgamePkTable>>>();

/**
 * The endgame Pk table of `type` under a radar of `radarType` and a tracker with `tracker` settings (memoised:
 * built once per combination and shared by every evaluation; `buildEndgamePkTable` with the default options).
 */
export function endgamePkTableFor(
  type: InterceptorType,
  flyout: FlyoutTable,
  radarType: RadarType,
  tracker: TrackerSettings,
): EndgamePkTable {
  let byRadar = tableCache.get(type);
  if (!byRadar) {
    byRadar = new WeakMap();
    tableCache.set(type, byRadar);
  }
  let byTracker = byRadar.get(radarType);
  if (!byTracker) {
    byTracker = new Map();
    byRadar.set(radarType, byTracker);
  }
  const key = `${tracker.gate}/${tracker.confirmM}/${tracker.confirmN}/${tracker.deleteMisses}/${tracker.processNoise_m2ps3}`;
  let table = byTracker.get(key);
  if (!table) {
    table = buildEndgamePkTable(type, flyout, radarType, tracker);
    byTracker.set(key, table);
  }
  return table;
}

/**
 * Nominal target (module note) [N]: the re-entry body of the shipped Fateh-class SRBM
 * (`scenario/catalog/threats/notional-srbm-500km.yaml`: 1,297 kg, 0.61 m, its Cd(Mach) table).
 */
const TARGET_MASS_kg = 1297;
const TARGET_DIAMETER_m = 0.61;
const TARGET_CD = {
  mach: [0, 0.8, 1.0, 1.2, 2, 3, 5, 8],
  cd: [0.25, 0.3, 0.45, 0.4, 0.3, 0.22, 0.17, 0.15],
} as const;
/** Longest flight of the nominal target, s. */
const TARGET_MAX_FLIGHT_s = 300;
const TARGET_ENTRY_HEIGHT_m = 100_000;
const TARGET_ENTRY_SPEED_mps = 1650;
const TARGET_ENTRY_PATH_ANGLE_rad = (-33 * Math.PI) / 180;
/** Descent rate of the nominal target below 20 km (≈ 1.85 km/s, 45° down), m/s. */
const TARGET_DESCENT_RATE_mps = 1300;
/** Mean RCS of the nominal target and its RCS against aspect (the shipped Fateh-class SRBM's, nose-on 0.2 m²). */
const TARGET_RCS_m2 = 0.5;
const DEG = Math.PI / 180;
const TARGET_RCS_ASPECT: RcsAspectTable = {
  aspect_rad: [0, 30 * DEG, 60 * DEG, 90 * DEG, 120 * DEG, 150 * DEG, 180 * DEG],
  rcs_m2: [0.2, 0.25, 0.45, 0.9, 0.45, 0.3, 0.4],
};
/** Ground distance of the reference entry point from the launcher, m (gives d(h), the distance flown to height h). */
const REFERENCE_ENTRY_DISTANCE_m = 200_000;
/** Reference site (as the flyout table's) and the azimuth the target comes from (north, the radar's boresight). */
const SITE: Geodetic = { lat_rad: (30 * Math.PI) / 180, lon_rad: (45 * Math.PI) / 180, h_m: 0 };
const THREAT_FROM_rad = 0;
/**
 * Track history before the launch, s: the tracker's error reaches its steady state and the β estimate learns from
 * the thickening air (docs/impact-prediction.md) well within it; the engine's tracks are older, which changes neither.
 */
const PRE_LAUNCH_TRACK_s = 40;
/** Integration step of the nominal target, s (the threat models' samples are Hermite-interpolated). */
const TARGET_STEP_s = 0.1;

/**
 * The nominal target entering `entry_m` up-range (north) of the site, its ground track `offset_m` abeam (east),
 * flown to the ground by the threat models' physics (`dynamics/pointMass`: J2 gravity, rotating frame, 1976
 * atmosphere, Cd(Mach)), RK4 at `TARGET_STEP_s`.
 */
function nominalTarget(entry_m: number, offset_m = 0): Trajectory {
  const abeam = geodesicDirect(SITE.lat_rad, SITE.lon_rad, THREAT_FROM_rad + Math.PI / 2, offset_m);
  const p = geodesicDirect(abeam.lat_rad, abeam.lon_rad, THREAT_FROM_rad, entry_m);
  const pos = geodeticToEcef(p.lat_rad, p.lon_rad, TARGET_ENTRY_HEIGHT_m);
  // the body flies back toward the site: its azimuth at the entry point is the reverse of the geodesic's
  const heading_rad = p.azimuth2_rad + Math.PI;
  const dir = directionEcef(
    p.lat_rad,
    p.lon_rad,
    heading_rad,
    TARGET_ENTRY_PATH_ANGLE_rad,
    new Float64Array(3),
  );
  const y = new Float64Array(PM_STATE_LENGTH);
  for (let k = 0; k < 3; k++) {
    y[k] = pos[k];
    y[3 + k] = TARGET_ENTRY_SPEED_mps * dir[k];
  }
  y[PM_MASS] = TARGET_MASS_kg;
  const params: PointMassParams = {
    thrust_N: 0,
    massFlow_kgps: 0,
    area_m2: (Math.PI / 4) * TARGET_DIAMETER_m ** 2,
    cd: TARGET_CD,
  };
  const deriv = (t_s: number, state: Readonly<Float64Array>, dydt: Float64Array): void =>
    pointMassDerivative(params, t_s, state, dydt);
  const work = createRk4Workspace(PM_STATE_LENGTH);
  const times: number[] = [];
  const positions: number[] = [];
  const velocities: number[] = [];
  let t_s = 0;
  for (;;) {
    times.push(t_s);
    positions.push(y[0], y[1], y[2]);
    velocities.push(y[3], y[4], y[5]);
    if (approxHeightOf_m(y) <= SITE.h_m || t_s > TARGET_MAX_FLIGHT_s) break;
    rk4Step(deriv, t_s, y, TARGET_STEP_s, work);
    t_s += TARGET_STEP_s;
  }
  const n = times.length;
  const end = ecefToGeodetic(
    Float64Array.of(positions[3 * n - 3], positions[3 * n - 2], positions[3 * n - 1]),
  );
  return new SampledTrajectory({
    launchTime_s: 0,
    outcome: 'impact',
    endPoint: { lat_rad: end.lat_rad, lon_rad: end.lon_rad, h_m: SITE.h_m },
    apexAltitude_m: TARGET_ENTRY_HEIGHT_m,
    times_s: Float64Array.from(times),
    pos_ecef: Float64Array.from(positions),
    vel_ecef: Float64Array.from(velocities),
  });
}

/** First time the descending path is at or below `height_m` above the site, s (bisection to ~1 ms). */
function timeAtHeight(path: Trajectory, height_m: number): number {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const h = (t_s: number): number => (path.stateAt(t_s, pos, vel) ? approxHeightOf_m(pos) - SITE.h_m : -1);
  let lo = path.launchTime_s;
  let hi = path.endTime_s;
  for (let i = 0; i < 40 && hi - lo > 1e-3; i++) {
    const mid = 0.5 * (lo + hi);
    if (h(mid) > height_m) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** What every flight of one table shares. */
interface TableContext {
  readonly type: InterceptorType;
  readonly flyout: FlyoutTable;
  readonly radar: Radar;
  readonly sensor: Sensor;
  readonly tracker: TrackerSettings;
  readonly options: EndgamePkOptions;
  readonly site_ecef: Float64Array;
}

/**
 * Kill probability of one flight at node (R, h) (reliability excluded): the engine's chain of the module note.
 * Returns NaN when the round cannot reach the node (flyout table) or the node is not on the target's path.
 */
function flightPk(ctx: TableContext, target: Trajectory, cellTime_s: number, rng: Rng): number {
  const { type, options } = ctx;
  const site = siteFrame(ctx.site_ecef);
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  if (!target.stateAt(cellTime_s, pos, vel)) return Number.NaN;
  const flight_s = ctx.flyout.timeToPoint(groundRangeFrom_m(site, pos), heightAboveSite_m(site, pos));
  if (!Number.isFinite(flight_s)) return Number.NaN;
  // a node the one fire-control model refuses (tail chase, seeker look) is never planned: it has no Pk
  if (geometryVerdict(type, engagementGeometry(site, pos, vel, flight_s)) !== null) return Number.NaN;
  const launch_s = cellTime_s - flight_s;
  const engagement = new NominalEngagement(ctx, target, rng, pos, vel);
  const track = engagement.trackApproach(launch_s);
  if (track === undefined) return 0;
  // the launch aim point: the track's predicted position at the node's time (the C2's PIP), left in `pos`
  if (!engagement.aimAt(track, launch_s, cellTime_s)) return 0;
  const flight = startFlight({
    // no reliability failure and no guidance noise: the noise is averaged exactly below (`expectedOverNoise`)
    type: { ...type, reliability: 1, guidanceNoise_m: 0 },
    site: SITE,
    launchTime_s: launch_s,
    aimPoint_ecef: pos,
    target,
    rng: rng.fork('round'),
    step_s: options.step_s,
    recordEvery_s: type.maxFlightTime_s,
  });
  const outcome = engagement.flyUnderUplink(flight, track.id, launch_s, cellTime_s, site);
  if (outcome.kind !== 'intercept') return 0;
  if (closestApproachEnvelope(type, ctx.site_ecef, outcome.point_ecef, type.minInterceptAltitude_m) !== null)
    return 0;
  return expectedOverNoise(type, outcome.miss_m, outcome.closingSpeed_mps);
}

type InterceptorFlightRun = ReturnType<typeof startFlight>;
type EngineTrack = ReturnType<EngineTracker['confirmedTracks']>[number];

/**
 * One nominal engagement of `flightPk`, as the engine runs it: the engine's tracker and C2 node fed by the table's
 * radar dwelling on one target, then a round flown under the uplink. `pos` / `vel` are the caller's scratch pair,
 * shared by every target state read here (the round's aim point is `pos`, as the engine's chain had it).
 */
class NominalEngagement {
  readonly tracker: EngineTracker;
  private readonly node: ReturnType<typeof createC2Node>;
  private readonly radarRng: Rng;
  private readonly budgeted: ReturnType<typeof createBudgetedRadar> | null;
  private readonly scanned: string[];

  constructor(
    private readonly ctx: TableContext,
    private readonly target: Trajectory,
    rng: Rng,
    private readonly pos: Float64Array,
    private readonly vel: Float64Array,
  ) {
    const radar = ctx.radar;
    this.tracker = createEngineTracker(ctx.tracker, 'E');
    this.node = createC2Node(SITE, this.tracker, []);
    this.radarRng = rng.fork('radar');
    this.budgeted = radar.type.budget === undefined ? null : createBudgetedRadar(radar, radar.type.budget);
    this.scanned = [radar.id];
  }

  /** One radar dwell on the target at `t_s` (nothing when it is not airborne then); the C2 learns its drag. */
  dwell(t_s: number): void {
    const { pos, vel, tracker, ctx } = this;
    if (!this.target.stateAt(t_s, pos, vel)) return;
    const targets = [
      { id: 'nominal', pos_ecef: pos, vel_ecef: vel, rcs_m2: TARGET_RCS_m2, rcsAspect: TARGET_RCS_ASPECT },
    ];
    if (this.budgeted === null) {
      tracker.update(t_s, ctx.sensor.scan({ t_s, targets }, this.radarRng));
    } else {
      // as the engine's budgeted radar (sim/radarLoop): a track is looked at in a beam around its prediction
      const looks = this.budgeted.frame(t_s, trackLooks(tracker, t_s), targets);
      const detections = ctx.sensor.scan(
        { t_s, targets: looks.targets, searchSlice: looks.searchSlice },
        this.radarRng,
      );
      tracker.update(t_s, detections, this.scanned, looks.unobservedTrackIds);
    }
    for (const track of tracker.confirmedTracks()) learnedBallisticCoefficient_kgpm2(this.node, track);
  }

  /** Builds the track over the approach, one dwell per scan interval up to the launch; its first confirmed track. */
  trackApproach(launch_s: number): EngineTrack | undefined {
    const interval_s = this.ctx.radar.type.scanInterval_s;
    let t_s = Math.max(this.target.launchTime_s, launch_s - PRE_LAUNCH_TRACK_s);
    for (; t_s < launch_s; t_s += interval_s) this.dwell(t_s);
    return this.tracker.confirmedTracks()[0];
  }

  /**
   * Writes into `pos` / `vel` the C2's predicted state of `track` at the node's time, launched at `launch_s`;
   * false when the C2 has no prediction reaching it.
   */
  aimAt(track: EngineTrack, launch_s: number, cellTime_s: number): boolean {
    const p0 = new Float64Array(3);
    const v0 = new Float64Array(3);
    this.tracker.predict(track, launch_s, p0, v0);
    const prediction = this.node.predictor.predict(
      Float64Array.of(...p0, ...v0),
      launch_s,
      'auto',
      learnedBallisticCoefficient_kgpm2(this.node, track),
    );
    const path = prediction.ok ? prediction.path() : null;
    return path?.stateAt(cellTime_s, this.pos, this.vel) ?? false;
  }

  /**
   * Flies `flight` as the engine's battery does: computed one revisit ahead, each dwell re-aiming it for the next
   * until the seeker acquires; returns its outcome.
   */
  flyUnderUplink(
    flight: InterceptorFlightRun,
    trackId: string,
    launch_s: number,
    cellTime_s: number,
    site: ReturnType<typeof siteFrame>,
  ) {
    const { type, flyout } = this.ctx;
    const interval_s = this.ctx.radar.type.scanInterval_s;
    const round: RoundInFlight = {
      interceptorId: 'nominal-round',
      trackId,
      flight,
      launchTime_s: launch_s,
      burnTime_s: type.burnTime_s,
      maxFlightTime_s: type.maxFlightTime_s,
      table: flyout,
      interceptTime_s: cellTime_s,
    };
    const uplink: UplinkInputs = {
      tracker: this.tracker,
      predictor: this.node.predictor,
      site,
      latency_s: interval_s,
      ballisticCoefficientOf: (tr) => learnedBallisticCoefficient_kgpm2(this.node, tr),
    };
    let outcome = flight.advanceTo(launch_s + interval_s);
    for (let k = 1; outcome === null; k++) {
      const dwell_s = launch_s + k * interval_s;
      if (flight.guidedMidcourse && !flight.acquired) {
        this.dwell(dwell_s);
        uplinkRounds([round], uplink, dwell_s);
      }
      outcome = flight.advanceTo(flight.acquired ? Number.POSITIVE_INFINITY : dwell_s + interval_s);
    }
    return outcome;
  }
}

/** Radial (Simpson, even) and angular quadrature points of `expectedOverNoise`. */
const NOISE_RADIAL_INTERVALS = 24;
const NOISE_ANGLES = 12;

/**
 * Kill probability of a round whose noise-free flight misses by `miss_m`, averaged over the engine's guidance noise:
 * the seeker homes on the target plus a constant offset of σ = `guidanceNoise_m` per axis (`weapons/interceptor`),
 * which moves the closest approach by the offset's projection on the miss plane — an isotropic 2-D Gaussian added
 * to the miss vector. Quadrature over the offset's radius (Rayleigh, to 6σ) and its angle to the miss; with a zero
 * miss it is `expectedKillProbability` (the nominal Pk's integral).
 */
function expectedOverNoise(type: InterceptorType, miss_m: number, closingSpeed_mps: number): number {
  const conditions = { closingSpeed_mps, threatKind: 'ballistic' as const };
  const sigma_m = type.guidanceNoise_m;
  if (!(sigma_m > 0)) return killProbability(type, miss_m, conditions);
  const upper_m = 6 * sigma_m;
  const h_m = upper_m / NOISE_RADIAL_INTERVALS;
  const s2 = sigma_m * sigma_m;
  let sum = 0;
  for (let i = 0; i <= NOISE_RADIAL_INTERVALS; i++) {
    const r = i * h_m;
    const weight = i === 0 || i === NOISE_RADIAL_INTERVALS ? 1 : i % 2 === 1 ? 4 : 2;
    const density = (r / s2) * Math.exp((-0.5 * r * r) / s2);
    if (density === 0) continue;
    let mean = 0;
    for (let j = 0; j < NOISE_ANGLES; j++) {
      const cos = Math.cos((Math.PI * (j + 0.5)) / NOISE_ANGLES);
      const d = Math.sqrt(Math.max(0, miss_m * miss_m + r * r + 2 * miss_m * r * cos));
      mean += killProbability(type, d, conditions);
    }
    sum += weight * density * (mean / NOISE_ANGLES);
  }
  return (sum * h_m) / 3;
}

/**
 * The tracker's tracks as a budgeted radar plans its looks (as `sim/radarLoop`): predicted to `t_s`, position σ from
 * the covariance grown by the velocity variance, σ² = tr Pₚ + Δt² tr Pᵥ.
 */
function trackLooks(tracker: EngineTracker, t_s: number): TrackLook[] {
  return tracker.tracks().map((track) => {
    const pos_ecef = new Float64Array(3);
    const vel_ecef = new Float64Array(3);
    tracker.predict(track, t_s, pos_ecef, vel_ecef);
    const P = track.P;
    const dt_s = t_s - track.t_s;
    const variance_m2 = P[0] + P[7] + P[14] + dt_s * dt_s * (P[21] + P[28] + P[35]);
    return {
      id: track.id,
      confirmed: track.status === 'confirmed',
      pos_ecef,
      vel_ecef,
      posSigma_m: Math.sqrt(variance_m2),
    };
  });
}

/** Evenly spaced grid from `lo` to `hi` with spacing at most `step`. */
function grid(lo: number, hi: number, step: number): Float64Array {
  const n = Math.max(1, Math.ceil((hi - lo) / step));
  return Float64Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
}

/**
 * Builds the endgame Pk table of `type` tracked by a radar of `radarType` through a tracker with `tracker` settings
 * (module note). Deterministic.
 */
export function buildEndgamePkTable(
  type: InterceptorType,
  flyout: FlyoutTable,
  radarType: RadarType,
  tracker: TrackerSettings,
  options: Partial<EndgamePkOptions> = {},
): EndgamePkTable {
  const opt: EndgamePkOptions = { ...defaultEndgamePkOptions(), ...options };
  const radar: Radar = { id: 'endgame', type: radarType, position: SITE, sectorCenter_rad: THREAT_FROM_rad };
  const site_ecef = geodeticRecordToEcef(SITE);
  const distanceTo = descentDistance(siteFrame(site_ecef));
  const ctx: TableContext = {
    type,
    flyout,
    radar,
    sensor: createRadarSensor(radar),
    tracker,
    options: opt,
    site_ecef,
  };
  // the nodes span where the fire control plans intercepts: inside its range margin, and its time margin's worth of
  // the target's descent inside the floor and the ceiling (weapons/fireControl)
  const inset_m = ENVELOPE_MARGIN_s * TARGET_DESCENT_RATE_mps;
  const ranges_m = grid(0, type.maxInterceptRange_m - RANGE_MARGIN_m, opt.rangeStep_m);
  const heights_m = grid(
    type.minInterceptAltitude_m + inset_m,
    type.maxInterceptAltitude_m - inset_m,
    opt.heightStep_m,
  );
  const root = createRng(opt.seed);
  const nodes = opt.offsets_m.map((offset_m, iC) =>
    offsetNodes(ctx, ranges_m, heights_m, offset_m, distanceTo, (iR, iH, k) =>
      root.fork(`${type.id}:${iC}:${iR}:${iH}:${k}`),
    ),
  );
  const offsets_m = [...opt.offsets_m];
  return {
    interceptorId: type.id,
    ranges_m,
    heights_m,
    offsets_m,
    nodes,
    pkAt: (groundRange_m, height_m, offset_m, fallback) =>
      interpolatePk(ranges_m, heights_m, offsets_m, nodes, groundRange_m, height_m, offset_m, fallback),
  };
}

/**
 * d(h): the ground distance a nominal target flies from its entry point down to height h above the site, m, from
 * one reference flight (so each node's target can be started where it passes the node).
 */
function descentDistance(site: ReturnType<typeof siteFrame>): (height_m: number) => number {
  const reference = nominalTarget(REFERENCE_ENTRY_DISTANCE_m);
  const refPos = new Float64Array(3);
  const refVel = new Float64Array(3);
  return (height_m: number): number => {
    reference.stateAt(timeAtHeight(reference, height_m), refPos, refVel);
    return REFERENCE_ENTRY_DISTANCE_m - groundRangeFrom_m(site, refPos);
  };
}

/**
 * The Pk nodes of one cross-track offset, range-major (NaN where unreachable or off the grid's geometry): at each
 * node, the reliability times the mean of `trials` flights, each with its own stream from `rngOf`.
 */
function offsetNodes(
  ctx: TableContext,
  ranges_m: Float64Array,
  heights_m: Float64Array,
  offset_m: number,
  distanceTo: (height_m: number) => number,
  rngOf: (iR: number, iH: number, k: number) => Rng,
): Float64Array {
  const { type, options: opt } = ctx;
  const nH = heights_m.length;
  const out = new Float64Array(ranges_m.length * nH).fill(Number.NaN);
  for (let iR = 0; iR < ranges_m.length; iR++) {
    // the node is where the target's track is `along` up-range of the launcher's abeam point
    const along_m = Math.sqrt(ranges_m[iR] ** 2 - offset_m ** 2);
    if (Number.isNaN(along_m)) continue;
    for (let iH = 0; iH < nH; iH++) {
      const h_m = heights_m[iH];
      const target = nominalTarget(along_m + distanceTo(h_m), offset_m);
      const cellTime_s = timeAtHeight(target, h_m);
      let sum = 0;
      let reachable = true;
      for (let k = 0; k < opt.trials && reachable; k++) {
        const pk = flightPk(ctx, target, cellTime_s, rngOf(iR, iH, k));
        if (Number.isNaN(pk)) reachable = false;
        else sum += pk;
      }
      if (reachable) out[iR * nH + iH] = (type.reliability * sum) / opt.trials;
    }
  }
  return out;
}

/**
 * The table's Pk at a point: bilinear in (range, height) on the two offset slices around `offset_m`, linear
 * between them; a slice with no value there gives way to the other, and `fallback` when neither has one.
 */
function interpolatePk(
  ranges_m: Float64Array,
  heights_m: Float64Array,
  offsets_m: readonly number[],
  nodes: readonly Float64Array[],
  groundRange_m: number,
  height_m: number,
  offset_m: number,
  fallback: number,
): number {
  const at = (c: number): number =>
    bilinear(ranges_m, heights_m, nodes[c], groundRange_m, height_m, Number.NaN);
  const last = offsets_m.length - 1;
  let c = 0;
  while (c < last && offsets_m[c + 1] <= offset_m) c++;
  const lo = at(c);
  if (c === last) return Number.isNaN(lo) ? fallback : lo;
  const w = Math.max(0, (offset_m - offsets_m[c]) / (offsets_m[c + 1] - offsets_m[c]));
  const hi = at(c + 1);
  if (Number.isNaN(lo) && Number.isNaN(hi)) return fallback;
  if (Number.isNaN(hi)) return lo;
  if (Number.isNaN(lo)) return hi;
  return (1 - w) * lo + w * hi;
}

/** Cell index and fraction of `x` on the grid `g` (clamped). */
function locate(g: Float64Array, x: number): [number, number] {
  const n = g.length;
  if (n === 1 || !(x > g[0])) return [0, 0];
  if (x >= g[n - 1]) return [n - 2, 1];
  let i = 0;
  while (g[i + 1] < x) i++;
  return [i, (x - g[i]) / (g[i + 1] - g[i])];
}

function bilinear(
  ranges_m: Float64Array,
  heights_m: Float64Array,
  nodes: Float64Array,
  groundRange_m: number,
  height_m: number,
  fallback: number,
): number {
  const nH = heights_m.length;
  const [i, fx] = ranges_m.length > 1 ? locate(ranges_m, groundRange_m) : [0, 0];
  const [k, fz] = nH > 1 ? locate(heights_m, height_m) : [0, 0];
  const i1 = Math.min(i + 1, ranges_m.length - 1);
  const k1 = Math.min(k + 1, nH - 1);
  let sum = 0;
  let weight = 0;
  const add = (ii: number, kk: number, w: number): void => {
    const v = nodes[ii * nH + kk];
    if (w > 0 && !Number.isNaN(v)) {
      sum += w * v;
      weight += w;
    }
  };
  add(i, k, (1 - fx) * (1 - fz));
  add(i1, k, fx * (1 - fz));
  add(i, k1, (1 - fx) * fz);
  add(i1, k1, fx * fz);
  return weight > 0 ? sum / weight : fallback;
}
