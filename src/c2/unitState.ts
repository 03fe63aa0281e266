/**
 * @module c2/unitState
 * The mutable state of each fire unit in one replication (a SAM battery or a C-RAM mount): what its C2 remembers per
 * track, its magazine or ammunition, busy fire channels and engagements. Lives in c2/ because only the C2 cycles
 * (`c2/battery`, `c2/batteryFire`, `c2/gunNode`) change it; `sim/engine` creates it.
 */
import type { Rng } from '../math/rng.js';
import type { Asset, GunMount, SamBattery } from '../scenario/types.js';
import type { Sensor } from '../sensors/index.js';
import type { MagazineState } from '../weapons/launcher.js';
import type { NetworkMembership } from './network.js';

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
  /**
   * While the track waits for a launch window: the next cycle time at which its firing solutions are solved again, s
   * (−∞: every cycle). See `c2/battery` `awaitWindow`.
   */
  nextSolve_s: number;
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

/** Memory record for a track, created on first sight. */
export function trackMemory(tracks: Map<string, TrackMemory>, trackId: string): TrackMemory {
  let m = tracks.get(trackId);
  if (!m) {
    m = {
      lastDecision: null,
      lastHoldReason: null,
      shotsFired: 0,
      engaged: false,
      assessedKilled: false,
      nextSolve_s: Number.NEGATIVE_INFINITY,
    };
    tracks.set(trackId, m);
  }
  return m;
}
