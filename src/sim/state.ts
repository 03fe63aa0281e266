/**
 * @module sim/state
 * The mutable `SimState` of one replication: truth of every threat, and per unit its picture, magazine, fire
 * channels and engagements. The compiled `Scenario` never changes; everything that does lives here.
 */
import type { NetworkMembership } from '../c2/network.js';
import type { Rng } from '../math/rng.js';
import type { Asset, GunMount, SamBattery, ThreatLaunch, ThreatType } from '../scenario/types.js';
import type { Sensor } from '../sensors/index.js';
import type { Trajectory } from '../threats/index.js';
import type { MagazineState } from '../weapons/launcher.js';

/** Truth and bookkeeping of one threat. */
export interface ThreatState {
  readonly launch: ThreatLaunch;
  readonly type: ThreatType;
  /** Flown at launch; null before. */
  trajectory: Trajectory | null;
  /** Airborne and not killed. */
  alive: boolean;
  fate: 'pending' | 'killed' | 'impacted' | 'failed';
  fateTime_s: number;
  /** Ground point where the flight ended (lat/lon rad, h m). */
  endPoint: { lat_rad: number; lon_rad: number; h_m: number } | null;
  /** Asset whose footprint the impact fell in. */
  impactAssetId: string | null;
  /** Interceptors and gun bursts aimed at it (by seeker acquisition). */
  interceptorsFired: number;
  gunRounds: number;
  firstDetection_s: number;
  /** First warning (space-based cue or sense-and-warn alarm) that concerned this threat, s. */
  firstWarning_s: number;
  /** Truth sample cache: state at `cacheTime_s`. */
  cacheTime_s: number;
  readonly pos_ecef: Float64Array;
  readonly vel_ecef: Float64Array;
}

/** One engagement (a salvo or a single shoot-look-shoot round) by a battery against a track. */
export interface Engagement {
  readonly trackId: string;
  readonly shots: number;
  ended: number;
  killedThreatId: string | null;
}

/** What a battery's C2 remembers about one track. */
export interface TrackMemory {
  /** Last logged assessment decision (to log changes only). */
  lastDecision: 'threat' | 'ignore' | null;
  lastHoldReason: string | null;
  /** Interceptors committed against this track (all engagements). */
  shotsFired: number;
  /** An engagement is in flight or awaiting kill assessment. */
  engaged: boolean;
  /** Kill assessed: never engage again. */
  assessedKilled: boolean;
}

/** Mutable state of a SAM battery. */
export interface BatteryState {
  readonly spec: SamBattery;
  readonly sensor: Sensor;
  readonly rng: Rng;
  /** Launchers and reserve (`weapons/launcher`). */
  readonly magazine: MagazineState;
  /** Fire channels engaged: one per target with an engagement whose rounds are not all resolved. */
  channelsBusy: number;
  interceptorsFired: number;
  readonly tracks: Map<string, TrackMemory>;
  readonly defended: readonly Asset[];
  /** The battery's layered-C2 network (shared picture and engagement ledger); absent when it fights alone. */
  readonly network?: NetworkMembership;
}

/** Mutable state of a C-RAM mount. */
export interface GunState {
  readonly spec: GunMount;
  readonly sensor: Sensor;
  readonly rng: Rng;
  ammunition: number;
  roundsFired: number;
  busyUntil_s: number;
  readonly tracks: Map<string, TrackMemory>;
  readonly defended: readonly Asset[];
  /** The mount's layered-C2 network (shared picture and engagement ledger); absent when it fights alone. */
  readonly network?: NetworkMembership;
}

/** Creates the truth record of a threat before launch. */
export function createThreatState(launch: ThreatLaunch, type: ThreatType): ThreatState {
  return {
    launch,
    type,
    trajectory: null,
    alive: false,
    fate: 'pending',
    fateTime_s: Number.NaN,
    endPoint: null,
    impactAssetId: null,
    interceptorsFired: 0,
    gunRounds: 0,
    firstDetection_s: Number.NaN,
    firstWarning_s: Number.NaN,
    cacheTime_s: Number.NaN,
    pos_ecef: new Float64Array(3),
    vel_ecef: new Float64Array(3),
  };
}

/** Truth position/velocity of an alive threat at `t_s` (cached per time); false when not airborne. */
export function threatTruthAt(threat: ThreatState, t_s: number): boolean {
  if (!threat.alive || threat.trajectory === null) return false;
  if (threat.cacheTime_s === t_s) return true;
  const ok = threat.trajectory.stateAt(t_s, threat.pos_ecef, threat.vel_ecef);
  threat.cacheTime_s = ok ? t_s : Number.NaN;
  return ok;
}

/** Memory record for a track, created on first sight. */
export function trackMemory(tracks: Map<string, TrackMemory>, trackId: string): TrackMemory {
  let m = tracks.get(trackId);
  if (!m) {
    m = { lastDecision: null, lastHoldReason: null, shotsFired: 0, engaged: false, assessedKilled: false };
    tracks.set(trackId, m);
  }
  return m;
}
