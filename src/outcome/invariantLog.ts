import type { Scenario } from '../scenario/types.js';
import type { RunTotals, ThreatSummary } from '../sim/summary.js';
import type { SimEvent, ThreatEndEvent, ThreatLaunchEvent } from '../world/events.js';

import { type RunToCheck, type SummaryView, TIME_TOLERANCE_s, type Violation } from './invariantCodes.js';

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
export interface LogIndex {
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

export function indexLog(run: RunToCheck, out: Violation[]): LogIndex {
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
export function checkNumbers(events: readonly SimEvent[], out: Violation[]): void {
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

export function checkOrder(events: readonly SimEvent[], out: Violation[]): void {
  for (let i = 1; i < events.length; i++)
    if (events[i].t_s < events[i - 1].t_s - TIME_TOLERANCE_s)
      out.push({
        code: 'EVENT_ORDER',
        threatId: null,
        events: [i - 1, i],
        message: `event ${i} (${events[i].type}) at ${events[i].t_s} s follows event ${i - 1} at ${events[i - 1].t_s} s`,
      });
}

export function checkFates(index: LogIndex, scenario: Scenario | null, out: Violation[]): void {
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

export function bump(map: Map<string, number>, key: string, by = 1): void {
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

/** A run-level violation (no threat, no event to point at). */
function runViolation(code: Violation['code'], message: string): Violation {
  return { code, threatId: null, events: [], message };
}

/** The summary against the log: totals, leakers per asset, each threat's line, interceptors per unit. */
export function checkSummary(
  events: readonly SimEvent[],
  index: LogIndex,
  s: SummaryView,
  out: Violation[],
): void {
  const c = countLog(events, index);
  checkTotals(c, s.totals, out);
  if (s.leakersPerAsset) checkLeakersPerAsset(c, s.totals, s.leakersPerAsset, out);
  if (s.threats) {
    checkFateIdentity(s.totals, s.threats, out);
    checkThreatSummaries(index, c, s.threats, out);
  }
  if (s.interceptorsByUnit) checkInterceptorsByUnit(c, s.totals, s.interceptorsByUnit, out);
}

/** Each summary total against the log's count. */
function checkTotals(c: LogCounts, totals: RunTotals, out: Violation[]): void {
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
      out.push(runViolation('TOTALS', `summary ${key} = ${totals[key]}, the log counts ${want}`));
}

/** Leakers per asset against the log's impacts, and their sum against the total. */
function checkLeakersPerAsset(
  c: LogCounts,
  totals: RunTotals,
  perAsset: Readonly<Record<string, number>>,
  out: Violation[],
): void {
  const assets = new Set([...Object.keys(perAsset), ...c.leakersPerAsset.keys()]);
  for (const a of assets) {
    const got = perAsset[a] ?? 0;
    const want = c.leakersPerAsset.get(a) ?? 0;
    if (got !== want)
      out.push(
        runViolation('TOTALS', `summary leakers on ${a} = ${got}, the log counts ${want} impacts there`),
      );
  }
  const sum = Object.values(perAsset).reduce((a, b) => a + b, 0);
  if (sum !== totals.leakersOnAssets)
    out.push(
      runViolation(
        'TOTALS_IDENTITY',
        `leakers on assets ${totals.leakersOnAssets} ≠ sum of leakers per asset ${sum}`,
      ),
    );
}

/** Every launched threat has one fate: killed + impacted + failed + airborne = launched. */
function checkFateIdentity(totals: RunTotals, threats: readonly ThreatSummary[], out: Violation[]): void {
  const airborne = threats.filter((t) => t.fate === 'airborne').length;
  const sum = totals.killed + totals.impacted + totals.failed + airborne;
  if (sum !== totals.launched)
    out.push(
      runViolation(
        'TOTALS_IDENTITY',
        `launched ${totals.launched} ≠ killed ${totals.killed} + impacted ${totals.impacted} + failed ${totals.failed} + airborne ${airborne} = ${sum}`,
      ),
    );
}

/** Interceptors per unit against the log's launches, and their sum against the total. */
function checkInterceptorsByUnit(
  c: LogCounts,
  totals: RunTotals,
  byUnit: Readonly<Record<string, number>>,
  out: Violation[],
): void {
  const units = new Set([...Object.keys(byUnit), ...c.interceptorsByUnit.keys()]);
  for (const u of units) {
    const got = byUnit[u] ?? 0;
    const want = c.interceptorsByUnit.get(u) ?? 0;
    if (got !== want)
      out.push(
        runViolation('UNIT_COUNTS', `summary interceptors of ${u} = ${got}, the log has ${want} launches`),
      );
  }
  const sum = Object.values(byUnit).reduce((a, b) => a + b, 0);
  if (sum !== totals.interceptorsFired)
    out.push(
      runViolation('UNIT_COUNTS', `interceptors fired ${totals.interceptorsFired} ≠ sum over units ${sum}`),
    );
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

/** A kill as a weapon's record or a `threat.killed` states it (`by`: interceptor id or gun unit id). */
interface KillClaim {
  index: number;
  threatId: string;
  by: string | null;
  t_s: number;
}

/** Interceptor launches and ends paired by id; weapon kills paired with threat.killed. */
export function checkPairing(run: RunToCheck, index: LogIndex, out: Violation[]): void {
  const { launches, ends, kills } = pairInterceptors(run.events, out);
  checkUnendedInterceptors(run, index, launches, ends, out);
  checkKillPairing(run.events, index, kills, out);
}

/**
 * Walks the log once: each interceptor's launch and end (flagging doubles and ends without a launch) and the
 * weapons' kill records.
 */
function pairInterceptors(
  events: readonly SimEvent[],
  out: Violation[],
): { launches: Map<string, number>; ends: Map<string, number>; kills: KillClaim[] } {
  const launches = new Map<string, number>();
  const ends = new Map<string, number>();
  const kills: KillClaim[] = [];
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
  return { launches, ends, kills };
}

/** A launched interceptor that never ends, though its type's flight time ends inside the run. */
function checkUnendedInterceptors(
  run: RunToCheck,
  index: LogIndex,
  launches: ReadonlyMap<string, number>,
  ends: ReadonlyMap<string, number>,
  out: Violation[],
): void {
  const events = run.events;
  const maxFlight = new Map<string, number>();
  for (const u of run.scenario?.units ?? [])
    if (u.kind === 'sam-battery')
      for (const g of u.launchers) maxFlight.set(g.interceptor.id, g.interceptor.maxFlightTime_s);
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
}

/** Each weapon kill has its `threat.killed` (same threat, same killer, same time) and each `threat.killed` its kill. */
function checkKillPairing(
  events: readonly SimEvent[],
  index: LogIndex,
  kills: readonly KillClaim[],
  out: Violation[],
): void {
  const killedEvents: KillClaim[] = [];
  for (const r of index.threats.values())
    for (const end of r.ends)
      if (end.event.type === 'threat.killed')
        killedEvents.push({
          index: end.index,
          threatId: end.event.threatId,
          by: end.event.by,
          t_s: end.event.t_s,
        });
  const matches = (a: KillClaim, b: KillClaim) =>
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
export function checkKillTiming(events: readonly SimEvent[], index: LogIndex, out: Violation[]): void {
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

export function detectionsBeforeLaunch(events: readonly SimEvent[], index: LogIndex, out: Violation[]): void {
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
