/**
 * @module outcome/fate
 * The outcome of one threat as data (docs/outcomes.md): its fate, the stable reason code and leak category, the
 * responsible unit and the numbers behind them (times, miss distances, ranges). Every field is plain
 * JSON-serialisable data, so the terminal, the reports, the web app, the run store, `aspis run --json` and the
 * exports all render the same record; the human sentence is one rendering of it (`outcome/verdict`).
 */
import type { LeakCategory } from './reasons.js';

/**
 * How a threat ended: `killed` by the defence; `leaked` (impacted inside a defended asset's footprint);
 * `impacted-away` (impacted outside every footprint); `failed` in flight (missile reliability, not a defence kill);
 * `airborne` when the scenario ended.
 */
export type ThreatFate = 'killed' | 'leaked' | 'impacted-away' | 'failed' | 'airborne';

/**
 * Stable reason code: the fate's for threats that did not leak (`killed`, `failed`, `impacted-away`, `airborne`),
 * else why the leaker was not stopped:
 * - `not-detected`: no radar saw it; `no-track`: seen, but no track was confirmed before impact;
 * - `detected-late`: the first track came less than the shortest engagement time before impact, or the deciding
 *   hold says no solution in time;
 * - `no-fire-channel`, `no-inventory`, `out-of-envelope`, `wrong-target-class`: the deciding unit's hold;
 * - `gun-busy`: a C-RAM busy on other targets; `missed`: rounds or bursts were fired, none killed it;
 * - `predicted-miss`: C2 predicted it would miss the defended assets; `not-engaged`: nothing else explains it
 *   (no engagement decided, or a hold the reason table does not class).
 */
export type OutcomeCode =
  | 'killed'
  | 'failed'
  | 'impacted-away'
  | 'airborne'
  | 'not-detected'
  | 'no-track'
  | 'detected-late'
  | 'no-fire-channel'
  | 'gun-busy'
  | 'no-inventory'
  | 'out-of-envelope'
  | 'wrong-target-class'
  | 'missed'
  | 'predicted-miss'
  | 'not-engaged';

/** What one defence unit did against the threat, up to its fate. */
export interface UnitEffort {
  readonly unitId: string;
  /** The unit is a C-RAM gun. */
  readonly gun: boolean;
  /** Interceptors it launched at the threat. */
  readonly interceptors: number;
  /** Gun bursts whose rounds arrived at or before the threat's fate. */
  readonly bursts: number;
  /** Gun bursts on the threat's track whose rounds arrived after its fate (at nothing). */
  readonly lateBursts: number;
  /** Why its interceptors failed (distinct `interceptor.end` reasons, first seen first). */
  readonly missReasons: readonly string[];
  /** Its last hold that explains something (null: none, or it engaged after it). */
  readonly hold: string | null;
  /** Time of its latest record on the threat, s. */
  readonly last_s: number;
}

/** The measured lateness: time available (fate − first track) against the shortest time any able unit needs. */
export interface Lateness {
  readonly available_s: number;
  readonly needed_s: number;
  /** The unit whose floor is `needed_s`. */
  readonly unitId: string;
}

/** Why a leaker was not stopped. */
export interface LeakWhy {
  readonly category: LeakCategory;
  readonly code: OutcomeCode;
  /** The unit whose view decides (null: none did, e.g. not detected). */
  readonly unitId: string | null;
  /** The engine's reason string behind the code: the deciding hold, or for `missed` the last miss reason; or null. */
  readonly cause: string | null;
  /** More than one unit was involved (the sentence then names units). */
  readonly named: boolean;
  /** Units that fired at it (`missed` only), in order of their last record. */
  readonly firers: readonly UnitEffort[];
  /** The deciding hold: the last firer's own later hold (`missed`), or the deciding unit's (holds). */
  readonly hold: { readonly unitId: string; readonly reason: string } | null;
  /** The measured lateness when it could be measured (also for a hold that was not late), else null. */
  readonly late: Lateness | null;
  /** A gun busy on other targets: how many, and how many of its bursts on this threat arrived after impact. */
  readonly busy: {
    readonly unitId: string;
    readonly otherTargets: number;
    readonly lateBursts: number;
  } | null;
  /** `no-track`: first detection to fate, s (null when unknown). */
  readonly detectedBeforeFate_s: number | null;
}

/** Who killed it. */
export interface KillRecord {
  /** `interceptor` (with its id and miss distance) or `gun` (with the burst range); `unknown`: only the end event. */
  readonly kind: 'interceptor' | 'gun' | 'unknown';
  /** Interceptor id, gun unit id, or the end event's `by`. */
  readonly by: string | null;
  readonly unitId: string | null;
  /** Miss distance of the killing interceptor, m. */
  readonly miss_m: number | null;
  /** Slant range of the killing burst from the gun, m. */
  readonly range_m: number | null;
}

/** One interceptor's end against this threat. */
export interface ShotRecord {
  readonly t_s: number;
  readonly unitId: string;
  readonly interceptorId: string;
  readonly result: 'kill' | 'miss' | 'no-intercept';
  /** The engine's reason string (see `outcome/reasons`). */
  readonly reason: string;
  /** Miss distance at closest approach, m (null: none computed). */
  readonly miss_m: number | null;
}

/** One threat's outcome. */
export interface ThreatOutcome {
  readonly threatId: string;
  readonly threatType: string;
  readonly targetAssetId: string | null;
  readonly fate: ThreatFate;
  /** True when it impacted inside a defended asset's footprint (`fate` is `leaked`). */
  readonly leaked: boolean;
  readonly code: OutcomeCode;
  /** The leak category (leakers only). */
  readonly category: LeakCategory | null;
  /** The responsible unit: the killer's unit, or the unit whose view explains the leak; else null. */
  readonly unitId: string | null;
  /** The engine's reason string behind the code, or null. */
  readonly cause: string | null;
  /** The asset whose footprint the impact fell in (leakers only). */
  readonly impactAssetId: string | null;
  /** Key times, s after scenario start (null: did not happen). */
  readonly times: {
    readonly launch_s: number;
    /** First radar detection by any unit. */
    readonly firstDetection_s: number | null;
    /** First confirmed track of it (or first C2 record on one of its tracks). */
    readonly firstTrack_s: number | null;
    /** First engagement decision, interceptor launch or gun burst on it. */
    readonly firstEngage_s: number | null;
    /** Time of the fate (kill, impact, failure), s; null while airborne. */
    readonly fate_s: number | null;
  };
  /** The first radar detection: which unit, at what slant range, m. */
  readonly firstDetection: { readonly unitId: string; readonly range_m: number } | null;
  readonly kill: KillRecord | null;
  /** Every interceptor end against it, in time order. */
  readonly shots: readonly ShotRecord[];
  readonly leak: LeakWhy | null;
  /** Track ids that were this threat's (by the truth ids in the track events and the fire records). */
  readonly trackIds: readonly string[];
}
