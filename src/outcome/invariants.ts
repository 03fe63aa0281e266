/**
 * @module outcome/invariants
 * The invariant checker: a pure function over one run's typed event log (plus, when known, its summary and its
 * compiled scenario) that returns every broken rule as a `Violation` with a stable code, the threat and the events
 * involved, and a message. It trusts nothing the engine decided: every rule is re-derived from the events, so it
 * catches bookkeeping slips (a threat with two fates, totals that do not add up) and physics slips (a kill above the
 * interceptor's ceiling, an intercept the round could not have reached, a detection beyond the radar horizon).
 *
 * Three levels, by what is available:
 * - **log only**: fates, kill timing, pairing of weapon events, event order, finite numbers, detection before launch;
 * - **with the summary** (`RunSummary` or the stored `summary.json` object): totals, per-unit and per-threat counts;
 * - **with the scenario**: envelope (ceiling, floor, range), reachable geometry (flyout table, closing geometry),
 *   radar horizon and instrumented range, magazine and ammunition limits, threats that never launched.
 *
 * `INVARIANTS` lists every code with its rule, tolerance and the reason for that tolerance (docs/invariants.md). In
 * short:
 * - counts (fates, totals, per-unit and per-threat counts, magazines, pairing): exact — they are integers;
 * - times (order, kill or burst after impact, detection before launch): 1 µs — the canonical log keeps 12
 *   significant digits;
 * - envelope (ceiling, floor, range of a kill): the miss distance + 1 m — the logged point is the round's at closest
 *   approach, the target is within the miss distance of it;
 * - reach: 1 s on the flyout table's time of flight — bilinear interpolation on a 250 m grid, and the table is
 *   conservative by one cell near its edge (judged from the nearer neighbour cell);
 * - behind the battery: 1 km along the track and 10° past a crossing shot — the aimpoint may sit near the battery,
 *   and the threat's velocity is a finite difference of its 2 s path samples (or a chord to its aimpoint);
 * - horizon and instrumented range: 6 σ of range noise and 1 % on the apex — the log holds the measured range and
 *   the apex sampled at step ends; ellipsoid heights make the horizon an upper bound;
 * - non-finite numbers: none.
 * Equations: flyout table `weapons/flyout`; radar horizon √(2kRh₁) + √(2kRh₂), Skolnik §8.2 (`geo/horizon`).
 */
import { flyoutTableFor } from '../c2/battery.js';
import { radarHorizonRange_m } from '../geo/horizon.js';
import { geodeticToEcef, WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import type { DefenseUnit, InterceptorType, Radar, SamBattery, Scenario } from '../scenario/types.js';
import { antennaOnTerrain } from '../sensors/lineOfSight.js';
import type {
  InterceptEvent,
  InterceptorLaunchEvent,
  LogPoint,
  SimEvent,
  ThreatEndEvent,
  ThreatLaunchEvent,
} from '../sim/events.js';
import type { PathRecord, RunPaths } from '../sim/paths.js';
import type { RunSummary, RunTotals, ThreatSummary } from '../sim/summary.js';
import { minInterceptAltitudeFor } from '../weapons/envelope.js';
import { groundRangeFrom_m, heightAboveSite_m, siteFrame } from '../weapons/geometry.js';

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
    tolerance: `${FLYOUT_TOLERANCE_s} s on times: the table interpolates bilinearly on a 250 m grid (≈ 0.1–0.3 s per cell at 1–2 km/s) and the point is within the miss distance of the round; a point whose cell has an unreachable corner is judged from the neighbouring cell one step nearer (the table is conservative by one cell)`,
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

/** Fields of the event types that may legitimately be null (a stored log writes NaN as null too). */
const NULLABLE_FIELDS = new Set([
  'targetAssetId',
  'unitId',
  'threatId',
  'trackId',
  'predictedImpact',
  'assetId',
  'miss_m',
  'point',
  'by',
  // threat.impact / threat.failed: the failure mode (threats/failure), null for a nominal flight
  'failure',
  // interceptor.end: null when the flight never reached a closest approach with the target
  'lethalReach_m',
]);

/** What the log says about one threat. */
interface ThreatRecord {
  launch: ThreatLaunchEvent | null;
  launchIndex: number;
  ends: { event: ThreatEndEvent; index: number }[];
}

/** Indexes of the log the rules share. */
interface LogIndex {
  readonly threats: Map<string, ThreatRecord>;
  /** Time of the threat's fate (first fate event) or planned end, whichever is earlier, s. */
  readonly endTime: (threatId: string) => number;
  readonly runEnd_s: number;
}

function record(map: Map<string, ThreatRecord>, id: string): ThreatRecord {
  let r = map.get(id);
  if (!r) {
    r = { launch: null, launchIndex: -1, ends: [] };
    map.set(id, r);
  }
  return r;
}

function isEnd(e: SimEvent): e is ThreatEndEvent {
  return e.type === 'threat.killed' || e.type === 'threat.impact' || e.type === 'threat.failed';
}

function fateOf(e: ThreatEndEvent): 'killed' | 'impacted' | 'failed' {
  return e.type === 'threat.killed' ? 'killed' : e.type === 'threat.impact' ? 'impacted' : 'failed';
}

function indexLog(run: RunToCheck, out: Violation[]): LogIndex {
  const threats = new Map<string, ThreatRecord>();
  const events = run.events;
  let last_s = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (Number.isFinite(e.t_s) && e.t_s > last_s) last_s = e.t_s;
    if (e.type === 'threat.launch') {
      const r = record(threats, e.threatId);
      if (r.launch !== null)
        out.push({
          code: 'LAUNCH_DUPLICATE',
          threatId: e.threatId,
          events: [r.launchIndex, i],
          message: `${e.threatId} launched twice (t = ${r.launch.t_s} s and ${e.t_s} s)`,
        });
      else {
        r.launch = e;
        r.launchIndex = i;
      }
    } else if (isEnd(e)) record(threats, e.threatId).ends.push({ event: e, index: i });
  }
  const runEnd_s = run.scenario?.duration_s ?? run.summary?.duration_s ?? last_s;
  const endTime = (threatId: string): number => {
    const r = threats.get(threatId);
    if (!r) return Number.POSITIVE_INFINITY;
    const planned = r.launch?.plannedEnd_s ?? Number.POSITIVE_INFINITY;
    const fate = r.ends.find((x) => x.event.type !== 'threat.killed');
    return Math.min(planned, fate ? fate.event.t_s : Number.POSITIVE_INFINITY);
  };
  return { threats, endTime, runEnd_s };
}

/** Walks every value of an event: non-finite numbers, and nulls outside the nullable fields. */
function checkNumbers(events: readonly SimEvent[], out: Violation[]): void {
  const visit = (value: unknown, path: string, key: string, index: number, threatId: string | null): void => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        out.push({
          code: 'NON_FINITE',
          threatId,
          events: [index],
          message: `event ${index} (${events[index].type}) ${path} = ${value}`,
        });
    } else if (value === null) {
      if (!NULLABLE_FIELDS.has(key))
        out.push({
          code: 'NON_FINITE',
          threatId,
          events: [index],
          message: `event ${index} (${events[index].type}) ${path} is null (a NaN or Infinity written as JSON?)`,
        });
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        visit(v, path === '' ? k : `${path}.${k}`, k, index, threatId);
    }
  };
  events.forEach((e, i) => {
    const threatId = 'threatId' in e && typeof e.threatId === 'string' ? e.threatId : null;
    visit(e, '', '', i, threatId);
  });
}

function checkOrder(events: readonly SimEvent[], out: Violation[]): void {
  for (let i = 1; i < events.length; i++)
    if (events[i].t_s < events[i - 1].t_s - TIME_TOLERANCE_s)
      out.push({
        code: 'EVENT_ORDER',
        threatId: null,
        events: [i - 1, i],
        message: `event ${i} (${events[i].type}) at ${events[i].t_s} s follows event ${i - 1} at ${events[i - 1].t_s} s`,
      });
}

function checkFates(index: LogIndex, scenario: Scenario | null, out: Violation[]): void {
  for (const [id, r] of index.threats) {
    if (r.launch === null) {
      for (const end of r.ends)
        out.push({
          code: 'FATE_UNLAUNCHED',
          threatId: id,
          events: [end.index],
          message: `${end.event.type} of ${id} at ${end.event.t_s} s, which never launched`,
        });
      continue;
    }
    if (r.ends.length > 1)
      out.push({
        code: 'FATE_MULTIPLE',
        threatId: id,
        events: r.ends.map((x) => x.index),
        message: `${id} has ${r.ends.length} fates: ${r.ends.map((x) => `${fateOf(x.event)} at ${x.event.t_s} s`).join(', ')}`,
      });
    for (const end of r.ends)
      if (end.event.t_s < r.launch.t_s - TIME_TOLERANCE_s)
        out.push({
          code: 'FATE_UNLAUNCHED',
          threatId: id,
          events: [r.launchIndex, end.index],
          message: `${id} ${fateOf(end.event)} at ${end.event.t_s} s, before its launch at ${r.launch.t_s} s`,
        });
    if (r.ends.length === 0 && r.launch.plannedEnd_s <= index.runEnd_s - TIME_TOLERANCE_s)
      out.push({
        code: 'FATE_NONE',
        threatId: id,
        events: [r.launchIndex],
        message: `${id} has no fate, though its flight ends at ${r.launch.plannedEnd_s} s, inside the run (${index.runEnd_s} s)`,
      });
  }
  if (scenario === null) return;
  for (const launch of scenario.threats) {
    if (launch.launchTime_s > scenario.duration_s + TIME_TOLERANCE_s) continue;
    if (index.threats.get(launch.id)?.launch) continue;
    out.push({
      code: 'LAUNCH_MISSING',
      threatId: launch.id,
      events: [],
      message: `${launch.id} (launch at ${launch.launchTime_s} s, run ${scenario.duration_s} s) never launched`,
    });
  }
}

/** Counts from the log that the summary restates. */
interface LogCounts {
  launched: number;
  failed: number;
  killed: number;
  impacted: number;
  detected: Set<string>;
  firstDetection: Map<string, number>;
  interceptorsByUnit: Map<string, number>;
  interceptorsByThreat: Map<string, number>;
  gunRoundsByThreat: Map<string, number>;
  gunRoundsByUnit: Map<string, number>;
  interceptorsFired: number;
  gunRoundsFired: number;
  leakersPerAsset: Map<string, number>;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function countLog(events: readonly SimEvent[], index: LogIndex): LogCounts {
  const c: LogCounts = {
    launched: 0,
    failed: 0,
    killed: 0,
    impacted: 0,
    detected: new Set(),
    firstDetection: new Map(),
    interceptorsByUnit: new Map(),
    interceptorsByThreat: new Map(),
    gunRoundsByThreat: new Map(),
    gunRoundsByUnit: new Map(),
    interceptorsFired: 0,
    gunRoundsFired: 0,
    leakersPerAsset: new Map(),
  };
  for (const r of index.threats.values()) if (r.launch) c.launched++;
  for (const e of events) {
    if (e.type === 'sensor.firstDetection') {
      c.detected.add(e.threatId);
      const seen = c.firstDetection.get(e.threatId);
      if (seen === undefined || e.t_s < seen) c.firstDetection.set(e.threatId, e.t_s);
    } else if (e.type === 'interceptor.launch') {
      c.interceptorsFired++;
      bump(c.interceptorsByUnit, e.unitId);
      if (e.threatId !== null) bump(c.interceptorsByThreat, e.threatId);
    } else if (e.type === 'gun.burst') {
      c.gunRoundsFired += e.rounds;
      bump(c.gunRoundsByUnit, e.unitId, e.rounds);
      if (e.threatId !== null) bump(c.gunRoundsByThreat, e.threatId, e.rounds);
    }
  }
  // fates: the first fate event of each launched threat (FATE_MULTIPLE reports the others)
  for (const r of index.threats.values()) {
    if (!r.launch || r.ends.length === 0) continue;
    const first = r.ends[0].event;
    if (first.type === 'threat.killed') c.killed++;
    else if (first.type === 'threat.failed') c.failed++;
    else {
      c.impacted++;
      if (first.assetId !== null) bump(c.leakersPerAsset, first.assetId);
    }
  }
  return c;
}

function logFate(index: LogIndex, id: string): ThreatSummary['fate'] {
  const r = index.threats.get(id);
  if (!r?.launch) return 'not-launched';
  return r.ends.length === 0 ? 'airborne' : fateOf(r.ends[0].event);
}

function checkSummary(events: readonly SimEvent[], index: LogIndex, s: SummaryView, out: Violation[]): void {
  const c = countLog(events, index);
  const totals = s.totals;
  const engaged = new Set([...c.interceptorsByThreat.keys(), ...c.gunRoundsByThreat.keys()]);
  const leakers = [...c.leakersPerAsset.values()].reduce((a, b) => a + b, 0);
  const expected: Partial<Record<keyof RunTotals, number>> = {
    launched: c.launched,
    failed: c.failed,
    detected: c.detected.size,
    engaged: engaged.size,
    killed: c.killed,
    impacted: c.impacted,
    leakersOnAssets: leakers,
    interceptorsFired: c.interceptorsFired,
    gunRoundsFired: c.gunRoundsFired,
  };
  for (const [key, want] of Object.entries(expected) as [keyof RunTotals, number][])
    if (totals[key] !== want)
      out.push({
        code: 'TOTALS',
        threatId: null,
        events: [],
        message: `summary ${key} = ${totals[key]}, the log counts ${want}`,
      });
  if (s.leakersPerAsset) {
    const assets = new Set([...Object.keys(s.leakersPerAsset), ...c.leakersPerAsset.keys()]);
    for (const a of assets) {
      const got = s.leakersPerAsset[a] ?? 0;
      const want = c.leakersPerAsset.get(a) ?? 0;
      if (got !== want)
        out.push({
          code: 'TOTALS',
          threatId: null,
          events: [],
          message: `summary leakers on ${a} = ${got}, the log counts ${want} impacts there`,
        });
    }
    const sum = Object.values(s.leakersPerAsset).reduce((a, b) => a + b, 0);
    if (sum !== totals.leakersOnAssets)
      out.push({
        code: 'TOTALS_IDENTITY',
        threatId: null,
        events: [],
        message: `leakers on assets ${totals.leakersOnAssets} ≠ sum of leakers per asset ${sum}`,
      });
  }
  if (s.threats) {
    const airborne = s.threats.filter((t) => t.fate === 'airborne').length;
    const sum = totals.killed + totals.impacted + totals.failed + airborne;
    if (sum !== totals.launched)
      out.push({
        code: 'TOTALS_IDENTITY',
        threatId: null,
        events: [],
        message: `launched ${totals.launched} ≠ killed ${totals.killed} + impacted ${totals.impacted} + failed ${totals.failed} + airborne ${airborne} = ${sum}`,
      });
    checkThreatSummaries(index, c, s.threats, out);
  }
  if (s.interceptorsByUnit) {
    const units = new Set([...Object.keys(s.interceptorsByUnit), ...c.interceptorsByUnit.keys()]);
    for (const u of units) {
      const got = s.interceptorsByUnit[u] ?? 0;
      const want = c.interceptorsByUnit.get(u) ?? 0;
      if (got !== want)
        out.push({
          code: 'UNIT_COUNTS',
          threatId: null,
          events: [],
          message: `summary interceptors of ${u} = ${got}, the log has ${want} launches`,
        });
    }
    const sum = Object.values(s.interceptorsByUnit).reduce((a, b) => a + b, 0);
    if (sum !== totals.interceptorsFired)
      out.push({
        code: 'UNIT_COUNTS',
        threatId: null,
        events: [],
        message: `interceptors fired ${totals.interceptorsFired} ≠ sum over units ${sum}`,
      });
  }
}

function checkThreatSummaries(
  index: LogIndex,
  c: LogCounts,
  threats: readonly ThreatSummary[],
  out: Violation[],
): void {
  const listed = new Set(threats.map((t) => t.id));
  for (const [id, r] of index.threats)
    if (r.launch && !listed.has(id))
      out.push({
        code: 'FATE_SUMMARY',
        threatId: id,
        events: [r.launchIndex],
        message: `${id} is launched in the log but missing from the summary`,
      });
  for (const t of threats) {
    const want = logFate(index, t.id);
    const events = index.threats.get(t.id)?.ends.map((x) => x.index) ?? [];
    if (t.fate !== want)
      out.push({
        code: 'FATE_SUMMARY',
        threatId: t.id,
        events,
        message: `summary says ${t.id} ${t.fate}, the log says ${want}`,
      });
    const counts: [string, number, number][] = [
      ['interceptorsFired', t.interceptorsFired, c.interceptorsByThreat.get(t.id) ?? 0],
      ['gunRounds', t.gunRounds, c.gunRoundsByThreat.get(t.id) ?? 0],
    ];
    for (const [name, got, wanted] of counts)
      if (got !== wanted)
        out.push({
          code: 'THREAT_COUNTS',
          threatId: t.id,
          events: [],
          message: `summary ${name} of ${t.id} = ${got}, the log counts ${wanted}`,
        });
    const first = c.firstDetection.get(t.id) ?? null;
    const same =
      first === null || t.firstDetection_s === null
        ? first === t.firstDetection_s
        : Math.abs(first - t.firstDetection_s) <= TIME_TOLERANCE_s;
    if (!same)
      out.push({
        code: 'THREAT_COUNTS',
        threatId: t.id,
        events: [],
        message: `summary first detection of ${t.id} = ${t.firstDetection_s} s, the log's is ${first} s`,
      });
  }
}

/** Interceptor launches and ends paired by id; weapon kills paired with threat.killed. */
function checkPairing(run: RunToCheck, index: LogIndex, out: Violation[]): void {
  const events = run.events;
  const launches = new Map<string, number>();
  const ends = new Map<string, number>();
  const maxFlight = new Map<string, number>();
  for (const u of run.scenario?.units ?? [])
    if (u.kind === 'sam-battery')
      for (const g of u.launchers) maxFlight.set(g.interceptor.id, g.interceptor.maxFlightTime_s);
  const kills: { index: number; threatId: string; by: string; t_s: number }[] = [];
  events.forEach((e, i) => {
    if (e.type === 'interceptor.launch') {
      const before = launches.get(e.interceptorId);
      if (before !== undefined)
        out.push({
          code: 'INTERCEPTOR_PAIRING',
          threatId: e.threatId,
          events: [before, i],
          message: `interceptor ${e.interceptorId} launched twice`,
        });
      else launches.set(e.interceptorId, i);
    } else if (e.type === 'interceptor.end') {
      const at = launches.get(e.interceptorId);
      const before = ends.get(e.interceptorId);
      if (at === undefined || events[at].t_s > e.t_s + TIME_TOLERANCE_s || before !== undefined)
        out.push({
          code: 'INTERCEPTOR_PAIRING',
          threatId: e.threatId,
          events: at === undefined ? [i] : [at, i],
          message:
            before !== undefined
              ? `interceptor ${e.interceptorId} ended twice`
              : `interceptor ${e.interceptorId} ended at ${e.t_s} s without an earlier launch`,
        });
      if (before === undefined) ends.set(e.interceptorId, i);
      if (e.result === 'kill' && e.threatId !== null)
        kills.push({ index: i, threatId: e.threatId, by: e.interceptorId, t_s: e.t_s });
    } else if (e.type === 'gun.burst' && e.result === 'kill' && e.threatId !== null) {
      kills.push({ index: i, threatId: e.threatId, by: e.unitId, t_s: e.t_s });
    }
  });
  for (const [id, at] of launches) {
    if (ends.has(id)) continue;
    const e = events[at];
    const type = e.type === 'interceptor.launch' ? e.interceptorType : '';
    const limit_s = maxFlight.get(type);
    // without the type's flight time a round may still be flying at the run end
    const stillFlying = limit_s === undefined ? true : e.t_s + limit_s >= index.runEnd_s - TIME_TOLERANCE_s;
    if (!stillFlying)
      out.push({
        code: 'INTERCEPTOR_PAIRING',
        threatId: e.type === 'interceptor.launch' ? e.threatId : null,
        events: [at],
        message: `interceptor ${id} launched at ${e.t_s} s never ends, though its ${limit_s} s of flight end inside the run`,
      });
  }
  const killedEvents: { index: number; threatId: string; by: string | null; t_s: number }[] = [];
  for (const r of index.threats.values())
    for (const end of r.ends)
      if (end.event.type === 'threat.killed')
        killedEvents.push({
          index: end.index,
          threatId: end.event.threatId,
          by: end.event.by,
          t_s: end.event.t_s,
        });
  const matches = (a: { threatId: string; by: string | null; t_s: number }, b: typeof a) =>
    a.threatId === b.threatId && a.by === b.by && Math.abs(a.t_s - b.t_s) <= TIME_TOLERANCE_s;
  for (const k of kills)
    if (!killedEvents.some((x) => matches(x, k)))
      out.push({
        code: 'KILL_PAIRING',
        threatId: k.threatId,
        events: [k.index],
        message: `${events[k.index].type} kill of ${k.threatId} by ${k.by} at ${k.t_s} s has no threat.killed`,
      });
  for (const x of killedEvents)
    if (!kills.some((k) => matches(x, k)))
      out.push({
        code: 'KILL_PAIRING',
        threatId: x.threatId,
        events: [x.index],
        message: `threat.killed of ${x.threatId} by ${x.by} at ${x.t_s} s has no weapon kill event`,
      });
}

/** Kills and gun bursts after the threat's impact (or failure, or planned end). */
function checkKillTiming(events: readonly SimEvent[], index: LogIndex, out: Violation[]): void {
  // the gun units' own sense-and-warn cues tie their tracks to truth
  const cued = new Map<string, string>();
  const endIndex = (id: string): number[] => {
    const r = index.threats.get(id);
    const end = r?.ends.find((x) => x.event.type !== 'threat.killed');
    return end ? [end.index] : r && r.launchIndex >= 0 ? [r.launchIndex] : [];
  };
  events.forEach((e, i) => {
    if (e.type === 'warning.cue' && e.source === 'sense-and-warn' && e.unitId && e.trackId && e.threatId)
      cued.set(`${e.unitId}\u0000${e.trackId}`, e.threatId);
    const late = (threatId: string): boolean => e.t_s > index.endTime(threatId) + TIME_TOLERANCE_s;
    if (e.type === 'threat.killed' && late(e.threatId))
      out.push({
        code: 'KILL_AFTER_IMPACT',
        threatId: e.threatId,
        events: [...endIndex(e.threatId), i],
        message: `${e.threatId} killed at ${e.t_s} s, after its end at ${index.endTime(e.threatId)} s`,
      });
    else if (e.type === 'interceptor.end' && e.result === 'kill' && e.threatId !== null && late(e.threatId))
      out.push({
        code: 'KILL_AFTER_IMPACT',
        threatId: e.threatId,
        events: [...endIndex(e.threatId), i],
        message: `${e.interceptorId} killed ${e.threatId} at ${e.t_s} s, after its end at ${index.endTime(e.threatId)} s`,
      });
    else if (e.type === 'gun.burst') {
      if (e.result === 'kill' && e.threatId !== null && late(e.threatId))
        out.push({
          code: 'GUN_KILL_AFTER_IMPACT',
          threatId: e.threatId,
          events: [...endIndex(e.threatId), i],
          message: `${e.unitId} burst killed ${e.threatId} at ${e.t_s} s, after its end at ${index.endTime(e.threatId)} s`,
        });
      const target = cued.get(`${e.unitId}\u0000${e.trackId}`);
      if (target !== undefined && late(target))
        out.push({
          code: 'GUN_BURST_AFTER_IMPACT',
          threatId: target,
          events: [...endIndex(target), i],
          message: `${e.unitId} burst (${e.rounds} rounds) on track ${e.trackId} of ${target} resolved at ${e.t_s} s, ${(e.t_s - index.endTime(target)).toFixed(2)} s after ${target} was down`,
        });
    }
  });
}

function detectionsBeforeLaunch(events: readonly SimEvent[], index: LogIndex, out: Violation[]): void {
  events.forEach((e, i) => {
    if (e.type !== 'sensor.firstDetection') return;
    const r = index.threats.get(e.threatId);
    if (r?.launch && e.t_s >= r.launch.t_s - TIME_TOLERANCE_s) return;
    out.push({
      code: 'DETECTION_BEFORE_LAUNCH',
      threatId: e.threatId,
      events: r?.launch ? [r.launchIndex, i] : [i],
      message: r?.launch
        ? `${e.unitId} first detected ${e.threatId} at ${e.t_s} s, before its launch at ${r.launch.t_s} s`
        : `${e.unitId} detected ${e.threatId} at ${e.t_s} s, which never launched`,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// scenario-level rules

function logPointEcef(p: LogPoint): Float64Array {
  return geodeticToEcef((p.lat_deg * Math.PI) / 180, (p.lon_deg * Math.PI) / 180, p.alt_m);
}

function unitRadars(unit: DefenseUnit): readonly Radar[] {
  return [unit.radar, ...unit.extraRadars];
}

function checkDetectionRange(
  events: readonly SimEvent[],
  index: LogIndex,
  scenario: Scenario,
  out: Violation[],
) {
  const units = new Map(scenario.units.map((u) => [u.id, u]));
  events.forEach((e, i) => {
    if (e.type !== 'sensor.firstDetection') return;
    const unit = units.get(e.unitId);
    const launch = index.threats.get(e.threatId)?.launch;
    if (!unit || !launch) return;
    let horizon_m = 0;
    let instrumented_m = 0;
    let sigma_m = 0;
    for (const radar of unitRadars(unit)) {
      const antenna = scenario.terrain
        ? antennaOnTerrain(scenario.terrain, radar.position, radar.type.antennaHeight_m)
        : { h_m: radar.position.h_m + radar.type.antennaHeight_m };
      const apex_m = launch.apexAltitude_m * (1 + APEX_TOLERANCE);
      horizon_m = Math.max(horizon_m, radarHorizonRange_m(Math.max(0, antenna.h_m), Math.max(0, apex_m)));
      instrumented_m = Math.max(instrumented_m, radar.type.maxRange_m);
      sigma_m = Math.max(sigma_m, radar.type.rangeSigma_m);
    }
    const slack_m = DETECTION_RANGE_SIGMAS * sigma_m;
    if (e.range_m > horizon_m + slack_m)
      out.push({
        code: 'DETECTION_BEYOND_HORIZON',
        threatId: e.threatId,
        events: [index.threats.get(e.threatId)?.launchIndex ?? -1, i].filter((x) => x >= 0),
        message: `${e.unitId} first detected ${e.threatId} at ${(e.range_m / 1000).toFixed(1)} km, beyond the radar horizon ${(horizon_m / 1000).toFixed(1)} km (apex ${launch.apexAltitude_m.toFixed(0)} m)`,
      });
    if (e.range_m > instrumented_m + slack_m)
      out.push({
        code: 'DETECTION_BEYOND_MAX_RANGE',
        threatId: e.threatId,
        events: [i],
        message: `${e.unitId} first detected ${e.threatId} at ${(e.range_m / 1000).toFixed(1)} km, beyond its radars' ${(instrumented_m / 1000).toFixed(1)} km`,
      });
  });
}

function checkMagazines(events: readonly SimEvent[], scenario: Scenario, out: Violation[]): void {
  const fired = new Map<string, number>();
  const rounds = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'interceptor.launch') bump(fired, `${e.unitId}\u0000${e.interceptorType}`);
    else if (e.type === 'gun.burst') bump(rounds, e.unitId, e.rounds);
  }
  for (const u of scenario.units) {
    if (u.kind === 'c-ram') {
      const used = rounds.get(u.id) ?? 0;
      if (used > u.gun.ammunition)
        out.push({
          code: 'MAGAZINE',
          threatId: null,
          events: [],
          message: `${u.id} fired ${used} rounds, its ammunition is ${u.gun.ammunition}`,
        });
      continue;
    }
    const available = new Map<string, number>();
    for (const g of u.launchers) bump(available, g.interceptor.id, g.count * g.loaded + g.reserve);
    for (const [type, total] of available) {
      const used = fired.get(`${u.id}\u0000${type}`) ?? 0;
      if (used > total)
        out.push({
          code: 'MAGAZINE',
          threatId: null,
          events: [],
          message: `${u.id} launched ${used} ${type} rounds, its launchers and reserve hold ${total}`,
        });
    }
  }
}

function interceptorTypes(scenario: Scenario): Map<string, { battery: SamBattery; type: InterceptorType }> {
  const map = new Map<string, { battery: SamBattery; type: InterceptorType }>();
  for (const u of scenario.units)
    if (u.kind === 'sam-battery')
      for (const g of u.launchers)
        map.set(`${u.id}\u0000${g.interceptor.id}`, { battery: u, type: g.interceptor });
  return map;
}

/** Table time of flight to (R, h), from the nearer neighbouring cell when the point's cell has an unreachable corner. */
function tableTime_s(type: InterceptorType, range_m: number, height_m: number): number {
  const table = flyoutTableFor(type);
  const step = table.gridStep_m;
  const r = Math.min(range_m, table.maxGroundRange_m);
  const h = Math.min(Math.max(height_m, 0), table.maxHeight_m);
  let best = Number.POSITIVE_INFINITY;
  for (const [dr, dh] of [
    [0, 0],
    [step, 0],
    [0, step],
    [step, step],
  ])
    best = Math.min(best, table.timeToPoint(Math.max(0, r - dr), Math.max(0, h - dh)));
  return best;
}

/** Where a logged point lies relative to a unit: ECEF of both, ground range and height above the unit, a phrase. */
interface Place {
  readonly site_ecef: Float64Array;
  readonly point_ecef: Float64Array;
  readonly range_m: number;
  readonly height_m: number;
  readonly where: string;
}

function placeOf(unit: DefenseUnit, point: LogPoint): Place {
  const p = unit.position;
  const site_ecef = geodeticToEcef(p.lat_rad, p.lon_rad, p.h_m);
  const site = siteFrame(site_ecef);
  const point_ecef = logPointEcef(point);
  const range_m = groundRangeFrom_m(site, point_ecef);
  const height_m = heightAboveSite_m(site, point_ecef);
  const where = `${(range_m / 1000).toFixed(2)} km from ${unit.id}, ${(height_m / 1000).toFixed(3)} km above it`;
  return { site_ecef, point_ecef, range_m, height_m, where };
}

/** One intercept (kill or miss) with its point, its round's launch and the round's type. */
interface Intercept {
  readonly end: InterceptEvent;
  readonly launch: InterceptorLaunchEvent;
  readonly events: number[];
  readonly type: InterceptorType;
  readonly place: Place;
}

/** KILL_ABOVE_CEILING, KILL_BELOW_FLOOR, KILL_BEYOND_RANGE of one kill. */
function checkEnvelope(x: Intercept, threatKind: string | undefined, out: Violation[]): void {
  const { end, type, place } = x;
  const slack_m = (end.miss_m ?? 0) + ENVELOPE_TOLERANCE_m;
  const airBreathing = threatKind === 'drone' || threatKind === 'cruise';
  const floor_m = minInterceptAltitudeFor(type, airBreathing);
  const push = (code: InvariantCode, what: string) =>
    out.push({
      code,
      threatId: end.threatId,
      events: x.events,
      message: `${end.interceptorId} killed ${end.threatId} ${place.where}: ${what}`,
    });
  if (place.height_m > type.maxInterceptAltitude_m + slack_m)
    push('KILL_ABOVE_CEILING', `above the ${type.id} ceiling ${type.maxInterceptAltitude_m} m`);
  if (place.height_m < floor_m - slack_m)
    push(
      'KILL_BELOW_FLOOR',
      `below the ${type.id} floor ${floor_m} m (${airBreathing ? 'air-breathing' : 'ballistic'})`,
    );
  if (place.range_m > type.maxInterceptRange_m + slack_m)
    push('KILL_BEYOND_RANGE', `beyond the ${type.id} range ${type.maxInterceptRange_m} m`);
}

/** INTERCEPT_UNREACHABLE of one intercept: flight time against the flyout table and the type's flight time. */
function checkReach(x: Intercept, out: Violation[]): void {
  const { end, type, place } = x;
  const flight_s = end.t_s - x.launch.t_s;
  const inGrid = place.range_m <= type.maxInterceptRange_m && place.height_m <= type.maxInterceptAltitude_m;
  const table_s = inGrid ? tableTime_s(type, place.range_m, place.height_m) : Number.NaN;
  let what: string | null = null;
  if (flight_s > type.maxFlightTime_s + FLYOUT_TOLERANCE_s)
    what = `after ${flight_s.toFixed(2)} s of flight, beyond its ${type.maxFlightTime_s} s`;
  else if (inGrid && !Number.isFinite(table_s)) what = `beyond the ${type.id} kinematic reach (flyout table)`;
  else if (inGrid && flight_s < table_s - FLYOUT_TOLERANCE_s)
    what = `after ${flight_s.toFixed(2)} s of flight; the ${type.id} flyout needs ${table_s.toFixed(2)} s`;
  if (what !== null)
    out.push({
      code: 'INTERCEPT_UNREACHABLE',
      threatId: end.threatId,
      events: x.events,
      message: `${end.interceptorId} ${end.result} ${place.where}: ${what}`,
    });
}

/** Envelope, reachable geometry and closing geometry of every intercept (kill or miss) with a point. */
function checkIntercepts(run: RunToCheck, index: LogIndex, scenario: Scenario, out: Violation[]): void {
  const events = run.events;
  const types = interceptorTypes(scenario);
  const closing = closingCheck(run, index, scenario, out);
  const launches = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === 'interceptor.launch') launches.set(e.interceptorId, i);
    if (e.type !== 'interceptor.end' || e.point === null || e.result === 'no-intercept') return;
    const at = launches.get(e.interceptorId);
    const launch = at === undefined ? undefined : events[at];
    if (at === undefined || launch?.type !== 'interceptor.launch') return;
    const found = types.get(`${launch.unitId}\u0000${launch.interceptorType}`);
    if (!found) return;
    const place = placeOf(found.battery, e.point);
    const x: Intercept = { end: e, launch, events: [at, i], type: found.type, place };
    const threatKind = e.threatId === null ? undefined : threatKindOf(scenario, index, e.threatId);
    if (e.result === 'kill') checkEnvelope(x, threatKind, out);
    checkReach(x, out);
    if (e.threatId !== null)
      closing(e.threatId, e.t_s, place, `${e.interceptorId} ${e.result} ${place.where}`, x.events);
  });
  // the battery's own predicted intercept points, tied to truth by the round it then launched on that track
  const pending = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === 'c2.engage') pending.set(`${e.unitId}\u0000${e.trackId}`, i);
    if (e.type !== 'interceptor.launch' || e.threatId === null) return;
    const key = `${e.unitId}\u0000${e.trackId}`;
    const at = pending.get(key);
    if (at === undefined) return;
    pending.delete(key);
    const engage = events[at];
    const battery = scenario.units.find((u) => u.id === e.unitId);
    if (engage.type !== 'c2.engage' || !battery) return;
    const place = placeOf(battery, engage.predictedInterceptPoint);
    closing(
      e.threatId,
      engage.predictedIntercept_s,
      place,
      `${e.unitId} planned an intercept ${place.where}`,
      [at, i],
    );
  });
}

function threatKindOf(scenario: Scenario, index: LogIndex, threatId: string): string | undefined {
  const launch = index.threats.get(threatId)?.launch;
  return launch ? scenario.threatTypes[launch.threatType]?.kind : undefined;
}

/** ECEF of sample k of a path. */
function pathSampleEcef(path: PathRecord, k: number): Float64Array {
  return geodeticToEcef((path.lat_deg[k] * Math.PI) / 180, (path.lon_deg[k] * Math.PI) / 180, path.alt_m[k]);
}

/** Threat velocity direction (unnormalised, ECEF) at `t_s` from the samples bracketing it, or null (too few). */
function pathVelocity(path: PathRecord, t_s: number): Float64Array | null {
  const n = path.t_s.length;
  if (n < 2) return null;
  let k = 1;
  while (k < n - 1 && path.t_s[k] < t_s) k++;
  const a = pathSampleEcef(path, k - 1);
  const b = pathSampleEcef(path, k);
  return Float64Array.from([b[0] - a[0], b[1] - a[1], b[2] - a[2]]);
}

/**
 * INTERCEPT_BEHIND, as a closure over the run: `(threatId, t_s, place, what, events)` flags a ballistic
 * missile or rocket receding from the launcher at `point` (its velocity from the recorded path at `t_s`, else the
 * chord from the point to its aimpoint).
 */
function closingCheck(run: RunToCheck, index: LogIndex, scenario: Scenario, out: Violation[]) {
  const paths = new Map((run.paths?.threats ?? []).map((p) => [p.id, p]));
  return (threatId: string, t_s: number, place: Place, what: string, involved: number[]): void => {
    const { site_ecef, point_ecef } = place;
    const kind = threatKindOf(scenario, index, threatId);
    const launch = index.threats.get(threatId)?.launch;
    if (!launch || (kind !== 'ballistic' && kind !== 'rocket')) return;
    const path = paths.get(threatId);
    let velocity = path ? pathVelocity(path, t_s) : null;
    if (velocity === null) {
      const aim_ecef = logPointEcef(launch.aim);
      velocity = Float64Array.from([0, 1, 2].map((k) => aim_ecef[k] - point_ecef[k]));
    }
    const past_m = alongTrack_m(launch, point_ecef) - alongTrack_m(launch, site_ecef);
    if (past_m <= BEHIND_TOLERANCE_m) return;
    let los2 = 0;
    let vel2 = 0;
    let dot = 0;
    for (let k = 0; k < 3; k++) {
      const los = point_ecef[k] - site_ecef[k];
      los2 += los * los;
      vel2 += velocity[k] * velocity[k];
      dot += los * velocity[k];
    }
    if (los2 === 0 || vel2 === 0) return;
    const cosine = dot / Math.sqrt(los2 * vel2);
    if (cosine > CLOSING_COSINE)
      out.push({
        code: 'INTERCEPT_BEHIND',
        threatId,
        events: involved,
        message: `${what}: ${(past_m / 1000).toFixed(1)} km behind it along ${threatId}'s track, and ${threatId} is not closing on it (line of sight to velocity ${((Math.acos(Math.max(-1, Math.min(1, cosine))) * 180) / Math.PI).toFixed(0)}°, ${path ? 'recorded path' : 'chord to the aimpoint'})`,
      });
  };
}

/**
 * Distance along the threat's ground track (the great circle from its launch point to its aimpoint) from the launch
 * point to the foot of `pos_ecef`, m (on the mean sphere: the along-track comparison needs no better).
 */
function alongTrack_m(launch: ThreatLaunchEvent, pos_ecef: Readonly<Float64Array>): number {
  const from = logPointEcef(launch.from);
  const aim = logPointEcef(launch.aim);
  const n = cross(from, aim);
  const nNorm = Math.hypot(n[0], n[1], n[2]);
  if (nNorm === 0) return 0;
  const along = dot3(n, pos_ecef) / (nNorm * nNorm);
  const p = [0, 1, 2].map((k) => pos_ecef[k] - along * n[k]);
  const c = cross(from, p);
  const norms = Math.hypot(from[0], from[1], from[2]) * Math.hypot(p[0], p[1], p[2]);
  const sin = (Math.sign(dot3(c, n)) * Math.hypot(c[0], c[1], c[2])) / norms;
  const cos = dot3(from, p) / norms;
  return Math.atan2(sin, cos) * WGS84_MEAN_RADIUS_m;
}

function cross(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot3(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/**
 * Checks one run against every invariant (`INVARIANTS`) its inputs allow: the log alone, plus the summary's rules
 * when `summary` is given and the scenario's (envelope, reach, horizon, magazines) when `scenario` is given.
 * Pure: reads its arguments only (the flyout tables are memoised per interceptor type, `c2/battery`).
 * @returns the violations in rule order, then log order; empty when the run is clean
 */
export function checkInvariants(run: RunToCheck): Violation[] {
  const out: Violation[] = [];
  const events = run.events;
  const scenario = run.scenario ?? null;
  checkOrder(events, out);
  checkNumbers(events, out);
  const index = indexLog(run, out);
  checkFates(index, scenario, out);
  if (run.summary) checkSummary(events, index, run.summary, out);
  checkPairing(run, index, out);
  checkKillTiming(events, index, out);
  detectionsBeforeLaunch(events, index, out);
  if (scenario !== null) {
    checkMagazines(events, scenario, out);
    checkIntercepts(run, index, scenario, out);
    checkDetectionRange(events, index, scenario, out);
  }
  return out;
}
