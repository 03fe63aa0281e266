/**
 * @module world/threatState
 * The mutable truth of each threat in one replication: its trajectory once launched, whether it still flies, its
 * fate and the tallies the outcome reads. The compiled `Scenario` never changes; the units' own mutable state
 * (picture, magazine, fire channels, engagements) is in `c2/unitState`.
 */
import type { ThreatLaunch, ThreatType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';

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
