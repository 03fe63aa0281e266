import type { Scenario } from '../scenario/types.js';
import type { RunSummary, RunTotals, ThreatSummary } from '../sim/summary.js';
import type { SimEvent } from '../world/events.js';
import type { RunPaths } from '../world/paths.js';

/** Stable violation codes (never renamed: scripts and the `KNOWN_OPEN` list of the tests key on them). */
export type InvariantCode =
  | 'EVENT_ORDER'
  | 'NON_FINITE'
  | 'LAUNCH_DUPLICATE'
  | 'LAUNCH_MISSING'
  | 'FATE_NONE'
  | 'FATE_MULTIPLE'
  | 'FATE_UNLAUNCHED'
  | 'FATE_SUMMARY'
  | 'TOTALS'
  | 'TOTALS_IDENTITY'
  | 'UNIT_COUNTS'
  | 'THREAT_COUNTS'
  | 'MAGAZINE'
  | 'INTERCEPTOR_PAIRING'
  | 'KILL_PAIRING'
  | 'KILL_AFTER_IMPACT'
  | 'GUN_KILL_AFTER_IMPACT'
  | 'GUN_BURST_AFTER_IMPACT'
  | 'KILL_ABOVE_CEILING'
  | 'KILL_BELOW_FLOOR'
  | 'KILL_BEYOND_RANGE'
  | 'INTERCEPT_UNREACHABLE'
  | 'INTERCEPT_BEHIND'
  | 'DETECTION_BEFORE_LAUNCH'
  | 'DETECTION_BEYOND_HORIZON'
  | 'DETECTION_BEYOND_MAX_RANGE';

/** One broken rule. */
export interface Violation {
  readonly code: InvariantCode;
  /** The threat concerned, or null when the rule is about the run (totals, order). */
  readonly threatId: string | null;
  /** Indices (0-based) into the event log of the events involved; empty when the rule concerns the summary only. */
  readonly events: readonly number[];
  /** What is wrong, with the numbers. */
  readonly message: string;
}

/** What a rule needs beyond the event log. */
export type InvariantLevel = 'log' | 'summary' | 'scenario';

/** Documentation of one rule: what it asserts, with which tolerance, and why that tolerance. */
export interface InvariantInfo {
  readonly level: InvariantLevel;
  readonly rule: string;
  readonly tolerance: string;
}

/** Time slack on comparisons of event times, s (the canonical log keeps 12 significant digits: µs at 10⁵ s). */
export const TIME_TOLERANCE_s = 1e-6;
/** Slack on envelope limits beyond the miss distance, m (geodetic conversions of the log point: < 1 mm). */
export const ENVELOPE_TOLERANCE_m = 1;
/** Slack on the flyout-table time of flight, s. */
export const FLYOUT_TOLERANCE_s = 1;
/**
 * Relative slack on a flight shorter than the table's time (the larger of this and `FLYOUT_TOLERANCE_s` applies): the
 * table is the fastest unguided shot, and the guided round, lofted for the table's time and steering down with lift,
 * beats it by up to ≈ 3 % at the far low corner of the PAC-3 MSE class (33–38 km, 0.5 km up: 1.2–2.2 s;
 * weapons/flyout) — and by 4.1 % (2.7 s of 66.5 s at 37.2 km, 0.47 km up) in the cut-down saturation night of
 * test/saturationOutputs.test.ts once issue 12's engine changes moved its engagements; 5 % covers that with a margin.
 */
export const FLYOUT_TOLERANCE_FRACTION = 0.05;
/** Range-noise multiple allowed on a detection's measured range (the log holds the noisy measurement). */
export const DETECTION_RANGE_SIGMAS = 6;
/** Relative slack on the logged apex height (sampled at step ends, so the true apex may be slightly higher). */
export const APEX_TOLERANCE = 0.01;
/** How far past the launcher, along the threat's ground track, an intercept point may lie, m. */
export const BEHIND_TOLERANCE_m = 1000;
/**
 * Largest cosine of the angle between the launcher→point line of sight and the threat's velocity that still counts
 * as closing (cos 100° ≈ −0.17: a crossing shot, 90°, with 10° for the velocity estimate).
 */
export const CLOSING_COSINE = -0.17;

/** Every rule, keyed by code: its level, statement and tolerance with the reason. */
export const INVARIANTS: Readonly<Record<InvariantCode, InvariantInfo>> = {
  EVENT_ORDER: {
    level: 'log',
    rule: 'event times never decrease along the log (the kernel runs in time order)',
    tolerance: `${TIME_TOLERANCE_s} s: the canonical log rounds times to 12 significant digits`,
  },
  NON_FINITE: {
    level: 'log',
    rule: 'no NaN or ±Infinity in any event number; in a stored log (JSON writes NaN as null) no null outside the fields typed nullable',
    tolerance: 'none: a non-finite number is never a valid measurement',
  },
  LAUNCH_DUPLICATE: {
    level: 'log',
    rule: 'each threat id is launched once',
    tolerance: 'none (a count)',
  },
  LAUNCH_MISSING: {
    level: 'scenario',
    rule: "every scenario threat whose launch time is inside the run's duration has a threat.launch",
    tolerance: `${TIME_TOLERANCE_s} s on the launch time`,
  },
  FATE_NONE: {
    level: 'log',
    rule: 'a launched threat whose planned end (plannedEnd_s) falls inside the run has a fate event (killed, impact or failed)',
    tolerance: `${TIME_TOLERANCE_s} s; the run end is the scenario or summary duration, else the last event`,
  },
  FATE_MULTIPLE: {
    level: 'log',
    rule: 'a threat has at most one fate event',
    tolerance: 'none (a count)',
  },
  FATE_UNLAUNCHED: {
    level: 'log',
    rule: 'a fate event names a launched threat and is not earlier than its launch',
    tolerance: `${TIME_TOLERANCE_s} s`,
  },
  FATE_SUMMARY: {
    level: 'summary',
    rule: "each threat's fate in the summary is the fate in the log (airborne when the log has none)",
    tolerance: 'none (a label)',
  },
  TOTALS: {
    level: 'summary',
    rule: 'each summary total (launched, failed, detected, engaged, killed, impacted, leakers, interceptors, gun rounds) and each asset leaker count equals the count in the log',
    tolerance: 'none (counts)',
  },
  TOTALS_IDENTITY: {
    level: 'summary',
    rule: 'launched = killed + impacted + failed + airborne, and leakers on assets = the sum of leakers per asset',
    tolerance: 'none (counts)',
  },
  UNIT_COUNTS: {
    level: 'summary',
    rule: 'interceptors fired per unit equal the launches per unit in the log and sum to the total',
    tolerance: 'none (counts)',
  },
  THREAT_COUNTS: {
    level: 'summary',
    rule: "each threat's interceptors, gun rounds and first detection time in the summary match the log",
    tolerance: `counts exact; first detection ${TIME_TOLERANCE_s} s`,
  },
  MAGAZINE: {
    level: 'scenario',
    rule: 'a battery launches no more rounds of a type than its launchers hold plus reserve; a gun fires no more rounds than its ammunition',
    tolerance: 'none (counts)',
  },
  INTERCEPTOR_PAIRING: {
    level: 'log',
    rule: 'interceptor ids are unique; every interceptor.end follows its launch; every launch ends unless the run ends first',
    tolerance: `${TIME_TOLERANCE_s} s; with the scenario a round may still fly at the run end only within its maxFlightTime_s`,
  },
  KILL_PAIRING: {
    level: 'log',
    rule: 'every weapon kill (interceptor.end or gun.burst result kill) has a threat.killed of the same threat, time and killer, and vice versa',
    tolerance: `${TIME_TOLERANCE_s} s`,
  },
  KILL_AFTER_IMPACT: {
    level: 'log',
    rule: "no threat.killed or interceptor kill after the threat's impact or failure, or after its planned end",
    tolerance: `${TIME_TOLERANCE_s} s (same-instant events are ordered truth first)`,
  },
  GUN_KILL_AFTER_IMPACT: {
    level: 'log',
    rule: "no gun burst kills a threat after the threat's impact or failure (or its planned end)",
    tolerance: `${TIME_TOLERANCE_s} s`,
  },
  GUN_BURST_AFTER_IMPACT: {
    level: 'log',
    rule: "no gun burst resolves after the impact of the threat its track was cued on (the gun unit's own sense-and-warn cue names track and threat)",
    tolerance: `${TIME_TOLERANCE_s} s; bursts on tracks without a cue that names a threat are not judged`,
  },
  KILL_ABOVE_CEILING: {
    level: 'scenario',
    rule: "an interceptor kill point's height above the launcher is at most the type's maxInterceptAltitude_m",
    tolerance: `miss distance + ${ENVELOPE_TOLERANCE_m} m: the logged point is the round's at closest approach, the target is within the miss distance of it`,
  },
  KILL_BELOW_FLOOR: {
    level: 'scenario',
    rule: "an interceptor kill point's height above the launcher is at least the floor for the threat's class (minInterceptAltitude_m, or minInterceptAltitudeAirBreathing_m for drones and cruise missiles)",
    tolerance: `miss distance + ${ENVELOPE_TOLERANCE_m} m (as the ceiling)`,
  },
  KILL_BEYOND_RANGE: {
    level: 'scenario',
    rule: "an interceptor kill point's ground range from the launcher is at most the type's maxInterceptRange_m",
    tolerance: `miss distance + ${ENVELOPE_TOLERANCE_m} m (as the ceiling)`,
  },
  INTERCEPT_UNREACHABLE: {
    level: 'scenario',
    rule: "an intercept (kill or miss) point inside the envelope grid is reachable by the type's flyout table, no sooner than the table's time of flight, and no later than maxFlightTime_s",
    tolerance: `${FLYOUT_TOLERANCE_s} s on times, and on a flight shorter than the table's the larger of that and ${FLYOUT_TOLERANCE_FRACTION * 100} % of the table's time (the guided round beats the unguided fan by up to ≈ 3–4 % at the far low corner); the table interpolates bilinearly on a 250 m grid (≈ 0.1–0.3 s per cell at 1–2 km/s) and the point is within the miss distance of the round; a point whose cell has an unreachable corner is judged from the neighbouring cell one step nearer (the table is conservative by one cell), and a point within one step of the launcher's vertical also from the cell one step out (the shot fan never brackets the vertical itself)`,
  },
  INTERCEPT_BEHIND: {
    level: 'scenario',
    rule: "against a ballistic missile or rocket, neither the battery's predicted intercept point (c2.engage) nor the round's intercept (kill or miss) point lies behind the launcher: past it along the threat's ground track (launch point to aimpoint) while the threat is not closing on the launcher",
    tolerance: `${BEHIND_TOLERANCE_m} m along the track (an aimpoint near the battery puts steep, closing intercepts just past it), and closing means an angle of at least 100° between the launcher→point line of sight and the threat's velocity (cosine ≤ ${CLOSING_COSINE}: a crossing shot, 90°, plus 10° for the velocity estimate). The velocity is the recorded threat path's finite difference (2 s samples: under 1° for a ballistic body, a few degrees for a slow rocket); without paths, the chord from the point to the aimpoint (steeper than the velocity on a descending arc). Both tests must fail: a steep dive onto an aimpoint behind the battery is still a closing shot. Drones and cruise missiles (waypoints, slow) are not judged`,
  },
  DETECTION_BEFORE_LAUNCH: {
    level: 'log',
    rule: 'a first detection names a launched threat and is not earlier than its launch',
    tolerance: `${TIME_TOLERANCE_s} s`,
  },
  DETECTION_BEYOND_HORIZON: {
    level: 'scenario',
    rule: "a first detection's range is within the 4/3-Earth radar horizon between the unit's highest antenna and the threat's apex height",
    tolerance: `${DETECTION_RANGE_SIGMAS} σ of the radar's range noise (the log holds the measured range) and ${APEX_TOLERANCE * 100} % on the apex; heights above the ellipsoid overestimate heights above the surface, so the bound is an upper bound`,
  },
  DETECTION_BEYOND_MAX_RANGE: {
    level: 'scenario',
    rule: "a first detection's range is within the largest instrumented range (maxRange_m) of the unit's radars",
    tolerance: `${DETECTION_RANGE_SIGMAS} σ of the radar's range noise`,
  },
};

/** The summary fields the checker reads: a `RunSummary`, or the stored `summary.json` / run-store object. */
export interface SummaryView {
  readonly totals: RunTotals;
  readonly leakersPerAsset?: Readonly<Record<string, number>>;
  readonly threats?: readonly ThreatSummary[];
  /** Present in a `RunSummary`; absent from stored summaries. */
  readonly interceptorsByUnit?: Readonly<Record<string, number>>;
  readonly duration_s?: number;
}

/** One run to check. */
export interface RunToCheck {
  readonly events: readonly SimEvent[];
  readonly summary?: SummaryView | RunSummary | null;
  readonly scenario?: Scenario | null;
  /**
   * Recorded flight paths (`recordPaths`, `paths.json`): the threats' velocities for INTERCEPT_BEHIND come from
   * them; without them the chord to the aimpoint stands in (conservative, see the rule).
   */
  readonly paths?: RunPaths | null;
}
