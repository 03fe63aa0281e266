/**
 * @module world/events
 * The typed event stream every observer reads (terminal summary, report, run store, replay). Positions in events
 * are geodetic degrees/metres because events are an I/O edge: they are written to disk and read by people.
 * Field order inside each event is fixed by the constructors in the engine, so the canonical JSON is stable.
 */

/** A point on the ground or in the air, for logs: degrees and metres. */
export interface LogPoint {
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
}

interface Base {
  /** Simulation time after scenario start, s. */
  readonly t_s: number;
}

export interface ThreatLaunchEvent extends Base {
  readonly type: 'threat.launch';
  readonly threatId: string;
  readonly threatType: string;
  readonly from: LogPoint;
  readonly aim: LogPoint;
  readonly targetAssetId: string | null;
  /** Truth fate as flown (observers must not leak this into decisions; it is known to the log, not to C2). */
  readonly plannedEnd_s: number;
  readonly apexAltitude_m: number;
}

export interface WarningEvent extends Base {
  readonly type: 'warning.cue';
  /** `space-based`: launch warning; `sense-and-warn`: a C-RAM radar's alarm. */
  readonly source: 'space-based' | 'sense-and-warn';
  readonly unitId: string | null;
  readonly threatId: string | null;
  readonly trackId: string | null;
}

export interface FirstDetectionEvent extends Base {
  readonly type: 'sensor.firstDetection';
  readonly unitId: string;
  readonly threatId: string;
  readonly range_m: number;
}

export interface TrackEvent extends Base {
  readonly type: 'track.confirmed' | 'track.deleted';
  readonly unitId: string;
  readonly trackId: string;
  /**
   * The truth object of the track's last assigned detection (null: a false alarm), for scoring and the outcome
   * record only (C2 never reads it); `outcome/` attributes the C2 records on this track to that threat.
   */
  readonly threatId: string | null;
  readonly position: LogPoint;
  readonly speed_mps: number;
}

export interface AssessEvent extends Base {
  readonly type: 'c2.assess';
  readonly unitId: string;
  readonly trackId: string;
  /** `threat`: predicted impact on a defended asset; `ignore`: predicted impact elsewhere. */
  readonly decision: 'threat' | 'ignore';
  readonly predictedImpact: LogPoint | null;
  readonly assetId: string | null;
  readonly timeToImpact_s: number;
}

export interface HoldFireEvent extends Base {
  readonly type: 'c2.holdFire';
  readonly unitId: string;
  readonly trackId: string;
  readonly reason: string;
}

export interface EngageEvent extends Base {
  readonly type: 'c2.engage';
  readonly unitId: string;
  readonly trackId: string;
  readonly shots: number;
  readonly predictedIntercept_s: number;
  readonly predictedInterceptPoint: LogPoint;
  readonly expectedValue: number;
}

export interface InterceptorLaunchEvent extends Base {
  readonly type: 'interceptor.launch';
  readonly unitId: string;
  readonly interceptorId: string;
  readonly interceptorType: string;
  readonly trackId: string;
  /** The truth object the seeker acquires, or null when the track was false. */
  readonly threatId: string | null;
  readonly launcher: number;
}

export interface InterceptEvent extends Base {
  readonly type: 'interceptor.end';
  readonly unitId: string;
  readonly interceptorId: string;
  readonly threatId: string | null;
  readonly result: 'kill' | 'miss' | 'no-intercept';
  /** One of `c2/reasons` `INTERCEPTOR_END_REASONS`. */
  readonly reason: string;
  readonly miss_m: number | null;
  /**
   * The round's lethal reach, m (`weapons/lethality` `lethalReach_m`), on a resolved intercept: a miss beyond it is
   * `missed-wide` by `miss_m − lethalReach_m`; null when the flight never reached a closest approach with the target (absent in logs written before it existed).
   */
  readonly lethalReach_m?: number | null;
  readonly point: LogPoint | null;
}

export interface KillAssessEvent extends Base {
  readonly type: 'c2.killAssessment';
  readonly unitId: string;
  readonly trackId: string;
  readonly assessed: 'killed' | 'survived';
  /** Whether the assessment matches the truth (false: a kill-assessment error of the doctrine). */
  readonly correct: boolean;
}

export interface GunBurstEvent extends Base {
  readonly type: 'gun.burst';
  readonly unitId: string;
  readonly trackId: string;
  readonly threatId: string | null;
  readonly rounds: number;
  readonly range_m: number;
  readonly pk: number;
  readonly result: 'kill' | 'miss';
}

export interface ThreatEndEvent extends Base {
  readonly type: 'threat.killed' | 'threat.impact' | 'threat.failed';
  readonly threatId: string;
  readonly point: LogPoint;
  /** Asset whose footprint the impact falls in (impact only). */
  readonly assetId: string | null;
  /** Killer (killed only): interceptor id or gun unit id. */
  readonly by: string | null;
  /**
   * In-flight failure mode (`threats/failure` `THREAT_FAILURE_MODES`) on `threat.failed` (`break-up`: the point is
   * the centre of the debris footprint) and `threat.impact` (`guidance-failure`: the warhead landed off-aim); null
   * for a nominal flight; absent on `threat.killed`.
   */
  readonly failure?: 'break-up' | 'guidance-failure' | null;
}

export interface ReloadEvent extends Base {
  readonly type: 'launcher.reloaded';
  readonly unitId: string;
  readonly launcher: number;
  readonly rounds: number;
}

/**
 * A budgeted multifunction radar entered (`saturated` true) or left saturation: due track dwells no longer fit its
 * track-time cap (`sensors/budget`). Emitted once per change, with the load of the frame where it changed.
 */
export interface RadarLoadEvent extends Base {
  readonly type: 'radar.load';
  readonly unitId: string;
  readonly radarId: string;
  readonly saturated: boolean;
  /** Fraction of the frame's radar time spent on track dwells, 0..1. */
  readonly trackFraction: number;
  /** Fraction of the sector searched in the frame, 0..1. */
  readonly searchFraction: number;
  /** Tracks that got a dwell in the frame. */
  readonly tracksDwelt: number;
  /** Due tracks deferred to a later frame. */
  readonly tracksDeferred: number;
}

export type SimEvent =
  | ThreatLaunchEvent
  | WarningEvent
  | FirstDetectionEvent
  | TrackEvent
  | AssessEvent
  | HoldFireEvent
  | EngageEvent
  | InterceptorLaunchEvent
  | InterceptEvent
  | KillAssessEvent
  | GunBurstEvent
  | ThreatEndEvent
  | ReloadEvent
  | RadarLoadEvent;
