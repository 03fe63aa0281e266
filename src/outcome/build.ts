/**
 * @module outcome/build
 * Each threat's outcome and story, built from the event log alone (an observer; nothing here feeds back into a
 * run): launched, warned, first detected by whom at what range, tracked, assessed, engaged, the interceptors and
 * their results, its fate and, for a leaker, why (`outcome/why`).
 *
 * C2 events name tracks, not threats. A track belongs to the threat its own records name: the fire records
 * (`interceptor.launch`, `gun.burst`: the truth object the seeker or the rounds were aimed at), else the truth id
 * the track events carry (`track.confirmed` / `track.deleted`: the truth of the track's last detection; the
 * confirmation's wins). No position matching: a track of a false alarm belongs to nobody.
 */
import type { SimEvent } from '../world/events.js';
import type { KillRecord, ShotRecord, ThreatFate, ThreatOutcome } from './fate.js';
import { isNetworkHold, reasonEntry, reasonText } from './reasons.js';
import { type LeakContext, newUnitRecord, type StoryDraft, type UnitRecord } from './record.js';
import type { StoryStep, ThreatStory } from './story.js';
import { type StoryTiming, storyTimingFromEvents } from './timing.js';
import { kmText, verdictText } from './verdict.js';
import { explainLeak } from './why.js';

/**
 * Track id → threat id, from the records that name both: fire records first, then the track events' truth ids
 * (confirmation before deletion).
 */
export function attributeTracks(events: readonly SimEvent[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const e of events) {
    if ((e.type === 'interceptor.launch' || e.type === 'gun.burst') && e.threatId !== null)
      owner.set(e.trackId, e.threatId);
  }
  for (const type of ['track.confirmed', 'track.deleted'] as const) {
    for (const e of events) {
      if (e.type !== type || owner.has(e.trackId)) continue;
      // logs written before track events carried truth ids have none: their tracks stay unattributed
      const threatId = (e as { threatId?: string | null }).threatId;
      if (typeof threatId === 'string') owner.set(e.trackId, threatId);
    }
  }
  return owner;
}

interface Draft extends StoryDraft {
  shots: ShotRecord[];
  firstDetection: { unitId: string; range_m: number } | null;
  firstEngage_s: number | null;
}

function newDraft(e: Extract<SimEvent, { type: 'threat.launch' }>): Draft {
  return {
    threatId: e.threatId,
    threatType: e.threatType,
    targetAssetId: e.targetAssetId,
    launch_s: e.t_s,
    steps: [
      {
        t_s: e.t_s,
        kind: 'launch',
        text: `launched (${e.threatType})${e.targetAssetId ? ` at ${e.targetAssetId}` : ''}, apex ${kmText(e.apexAltitude_m)}`,
      },
    ],
    trackIds: new Set(),
    detected: false,
    firstDetect_s: null,
    firstTrack_s: null,
    assessedThreat: false,
    assessedIgnore: false,
    units: new Map(),
    gunOtherTargets: new Map(),
    killedBy: null,
    end: null,
    shots: [],
    firstDetection: null,
    firstEngage_s: null,
  };
}

/** The draft's record of one unit (created on first use). */
function unitOf(d: StoryDraft, unitId: string, t_s: number): UnitRecord {
  let r = d.units.get(unitId);
  if (r === undefined) {
    r = newUnitRecord();
    d.units.set(unitId, r);
  }
  r.last_s = Math.max(r.last_s, t_s);
  return r;
}

/** Marks the first time a C2 record names one of the threat's tracks (when no confirmation was attributed). */
function sawTrack(d: StoryDraft, t_s: number): void {
  if (d.firstTrack_s === null || t_s < d.firstTrack_s) d.firstTrack_s = t_s;
}

/** Marks the first engagement decision or shot on the threat. */
function engaged(d: Draft, t_s: number): void {
  if (d.firstEngage_s === null || t_s < d.firstEngage_s) d.firstEngage_s = t_s;
}

/**
 * For each gun, the distinct other tracks whose bursts' rounds arrived while this threat was tracked and airborne
 * (between its first track and its fate): the gun serves one target at a time, so these kept it busy.
 */
function countGunOtherTargets(
  d: StoryDraft,
  bursts: readonly Extract<SimEvent, { type: 'gun.burst' }>[],
): void {
  if (d.firstTrack_s === null || d.end === null) return;
  const others = new Map<string, Set<string>>();
  for (const b of bursts) {
    if (b.t_s < d.firstTrack_s || b.t_s > d.end.t_s || d.trackIds.has(b.trackId)) continue;
    const set = others.get(b.unitId) ?? new Set<string>();
    set.add(b.trackId);
    others.set(b.unitId, set);
  }
  for (const [gunId, set] of others) d.gunOtherTargets.set(gunId, set.size);
}

function fateOf(d: StoryDraft): ThreatFate {
  const end = d.end;
  if (end === null) return 'airborne';
  if (end.type === 'threat.killed') return 'killed';
  if (end.type === 'threat.failed') return 'failed';
  if (end.type === 'threat.impact') return end.assetId !== null ? 'leaked' : 'impacted-away';
  return 'airborne';
}

function killOf(d: StoryDraft): KillRecord | null {
  if (d.end === null || d.end.type !== 'threat.killed') return null;
  if (d.killedBy !== null) return { ...d.killedBy };
  return { kind: 'unknown', by: d.end.by, unitId: null, miss_m: null, range_m: null };
}

/** The finished outcome of a draft. */
function outcomeOf(d: Draft, ctx: LeakContext): ThreatOutcome {
  const fate = fateOf(d);
  const leak = fate === 'leaked' ? explainLeak(d, ctx) : null;
  const kill = killOf(d);
  const end = d.end;
  return {
    threatId: d.threatId,
    threatType: d.threatType,
    targetAssetId: d.targetAssetId,
    fate,
    leaked: fate === 'leaked',
    // a leaker always has its explanation; the others' code is their fate
    code: leak !== null ? leak.code : fate === 'leaked' ? 'not-engaged' : fate,
    category: leak === null ? null : leak.category,
    unitId: leak === null ? (kill?.unitId ?? null) : leak.unitId,
    cause: leak === null ? null : leak.cause,
    impactAssetId: end !== null && end.type === 'threat.impact' ? end.assetId : null,
    times: {
      launch_s: d.launch_s,
      firstDetection_s: d.firstDetect_s,
      firstTrack_s: d.firstTrack_s,
      firstEngage_s: d.firstEngage_s,
      fate_s: end === null ? null : end.t_s,
    },
    firstDetection: d.firstDetection,
    kill,
    shots: d.shots,
    leak,
    trackIds: [...d.trackIds],
  };
}

type EventOf<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;

/**
 * Reads an event log into one draft per launched threat (launch order), one handler per event type, so that
 * each kind of record's effect on a story reads on its own.
 */
class DraftReader {
  readonly drafts = new Map<string, Draft>();
  /** Interceptor id → threat id, from the launches (older `interceptor.end` records name no threat). */
  private readonly interceptorThreat = new Map<string, string>();
  /** Track id → the last assessment shown (decision and asset), so a story gets one step per change. */
  private readonly assessed = new Map<string, string>();

  constructor(private readonly owner: ReadonlyMap<string, string>) {}

  /** The draft a track-level event belongs to (recording the track on that draft). */
  private ofTrack(trackId: string): Draft | undefined {
    const threatId = this.owner.get(trackId);
    const d = threatId === undefined ? undefined : this.drafts.get(threatId);
    d?.trackIds.add(trackId);
    return d;
  }

  /** Applies one event to the draft it concerns (if any). */
  read(e: SimEvent): void {
    switch (e.type) {
      case 'threat.launch':
        this.drafts.set(e.threatId, newDraft(e));
        break;
      case 'warning.cue': {
        const d = e.threatId === null ? undefined : this.drafts.get(e.threatId);
        if (d) step(d, e.t_s, 'warning', `${e.source} launch warning`);
        break;
      }
      case 'sensor.firstDetection':
        this.firstDetection(e);
        break;
      case 'track.confirmed':
      case 'track.deleted':
        this.trackEvent(e);
        break;
      case 'c2.assess':
        this.assess(e);
        break;
      case 'c2.holdFire':
        this.holdFire(e);
        break;
      case 'c2.engage':
        this.engage(e);
        break;
      case 'interceptor.launch':
        this.interceptorLaunch(e);
        break;
      case 'interceptor.end':
        this.interceptorEnd(e);
        break;
      case 'gun.burst':
        this.gunBurst(e);
        break;
      case 'threat.killed':
      case 'threat.impact':
      case 'threat.failed': {
        const d = this.drafts.get(e.threatId);
        if (d) d.end = e;
        break;
      }
      default:
        break;
    }
  }

  private firstDetection(e: EventOf<'sensor.firstDetection'>): void {
    const d = this.drafts.get(e.threatId);
    if (!d) return;
    d.detected = true;
    if (d.firstDetect_s === null) {
      d.firstDetect_s = e.t_s;
      d.firstDetection = { unitId: e.unitId, range_m: e.range_m };
    }
    step(d, e.t_s, 'detect', `first detected by ${e.unitId} at ${kmText(e.range_m)}`);
  }

  private trackEvent(e: EventOf<'track.confirmed' | 'track.deleted'>): void {
    const d = this.ofTrack(e.trackId);
    if (!d) return;
    if (e.type === 'track.confirmed') sawTrack(d, e.t_s);
    const verb = e.type === 'track.confirmed' ? 'confirmed' : 'dropped';
    step(
      d,
      e.t_s,
      'track',
      `track ${e.trackId} ${verb} by ${e.unitId} (altitude ${kmText(e.position.alt_m)}, ${Math.round(e.speed_mps)} m/s)`,
    );
  }

  private assess(e: EventOf<'c2.assess'>): void {
    const d = this.ofTrack(e.trackId);
    if (!d) return;
    sawTrack(d, e.t_s);
    // one step per change of decision on a track
    const key = `${e.decision}:${e.assetId ?? ''}`;
    if (this.assessed.get(e.trackId) === key) return;
    this.assessed.set(e.trackId, key);
    if (e.decision === 'threat') d.assessedThreat = true;
    else d.assessedIgnore = true;
    step(
      d,
      e.t_s,
      'assess',
      e.decision === 'threat'
        ? `${e.unitId} assessed a threat to ${e.assetId}, impact in ${Math.round(e.timeToImpact_s)} s`
        : `${e.unitId} assessed no threat to defended assets`,
    );
  }

  private holdFire(e: EventOf<'c2.holdFire'>): void {
    const d = this.ofTrack(e.trackId);
    if (!d) return;
    sawTrack(d, e.t_s);
    // holds after the threat's fate explain nothing about it
    if (d.end === null) {
      const unit = unitOf(d, e.unitId, e.t_s);
      // a network deferral explains nothing by itself: keep the unit's hold that does (if any); "no solution in
      // time" after a geometric hold (behind, seeker look, envelope) is the same geometry seen later: keep the
      // geometric one (a battery up the threat axis otherwise reads "detected late")
      if (keepsHold(unit.hold, e.reason)) unit.hold = e.reason;
    }
    step(d, e.t_s, 'hold', `${e.unitId} holds fire: ${reasonText(e.reason)}`);
  }

  private engage(e: EventOf<'c2.engage'>): void {
    const d = this.ofTrack(e.trackId);
    if (!d) return;
    sawTrack(d, e.t_s);
    engaged(d, e.t_s);
    if (d.end === null) unitOf(d, e.unitId, e.t_s).hold = null;
    step(
      d,
      e.t_s,
      'engage',
      `${e.unitId} engages with ${e.shots} shot${e.shots === 1 ? '' : 's'}, predicted intercept at ${kmText(e.predictedInterceptPoint.alt_m)} altitude`,
    );
  }

  private interceptorLaunch(e: EventOf<'interceptor.launch'>): void {
    if (e.threatId !== null) this.interceptorThreat.set(e.interceptorId, e.threatId);
    const d = this.ofTrack(e.trackId);
    if (!d) return;
    engaged(d, e.t_s);
    unitOf(d, e.unitId, e.t_s).interceptors++;
    step(
      d,
      e.t_s,
      'interceptor',
      `${e.unitId} fires ${e.interceptorId} (${e.interceptorType}) from launcher ${e.launcher}`,
    );
  }

  private interceptorEnd(e: EventOf<'interceptor.end'>): void {
    const threatId = e.threatId ?? this.interceptorThreat.get(e.interceptorId);
    const d = threatId === undefined ? undefined : this.drafts.get(threatId);
    if (!d) return;
    d.shots.push({
      t_s: e.t_s,
      unitId: e.unitId,
      interceptorId: e.interceptorId,
      result: e.result,
      reason: e.reason,
      miss_m: e.miss_m,
    });
    const miss = e.miss_m === null ? '' : `, miss distance ${e.miss_m.toFixed(1)} m`;
    if (e.result === 'kill')
      d.killedBy = {
        kind: 'interceptor',
        by: e.interceptorId,
        unitId: e.unitId,
        miss_m: e.miss_m,
        range_m: null,
      };
    else unitOf(d, e.unitId, e.t_s).missReasons.push(e.reason);
    step(d, e.t_s, 'interceptor', `${e.interceptorId}: ${e.result} (${reasonText(e.reason)}${miss})`);
  }

  private gunBurst(e: EventOf<'gun.burst'>): void {
    const d = this.ofTrack(e.trackId) ?? (e.threatId === null ? undefined : this.drafts.get(e.threatId));
    if (!d) return;
    const unit = unitOf(d, e.unitId, e.t_s);
    // rounds that arrived after the threat's fate, at nothing, were fired too late to matter
    if (d.end !== null && e.threatId !== d.threatId) unit.lateBursts++;
    else {
      unit.bursts++;
      engaged(d, e.t_s);
      // the gun logs no hold on a track while its burst is in flight, so an earlier hold preceded this burst
      unit.hold = null;
    }
    if (e.result === 'kill')
      d.killedBy = { kind: 'gun', by: e.unitId, unitId: e.unitId, miss_m: null, range_m: e.range_m };
    step(
      d,
      e.t_s,
      'gun',
      `${e.unitId} fires ${e.rounds} rounds at ${kmText(e.range_m)} (Pk ${e.pk.toFixed(2)}): ${e.result}`,
    );
  }
}

/** Appends one step to a draft's timeline. */
function step(d: StoryDraft, t_s: number, kind: StoryStep['kind'], text: string): void {
  d.steps.push({ t_s, kind, text });
}

/** Reads the event log into one draft per launched threat, in launch order. */
function readDrafts(events: readonly SimEvent[]): Map<string, Draft> {
  const reader = new DraftReader(attributeTracks(events));
  for (const e of events) reader.read(e);
  return reader.drafts;
}

/** The leak context of a log: the timing floors (given, or the batteries' plans in the log) and the guns. */
function contextOf(events: readonly SimEvent[], timing: StoryTiming | undefined): LeakContext {
  const guns = new Set<string>();
  for (const e of events) if (e.type === 'gun.burst') guns.add(e.unitId);
  const t = timing ?? storyTimingFromEvents(events);
  for (const [unitId, u] of t) if (u.kind === 'gun') guns.add(unitId);
  return { timing: t, guns };
}

/**
 * One story per launched threat, in launch order: its outcome, its verdict and its timeline.
 * @param timing each unit's shortest engagement time (`storyTimingOf(scenario)`); absent: the batteries' own plans in
 *   the log (`storyTimingFromEvents`), which know no gun, so no lateness is claimed where a gun might have engaged
 * @example
 * ```ts
 * import { buildStories, loadScenario, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * const stories = buildStories(result.events); // per threat: detection, engagements, end
 * ```
 */
export function buildStories(events: readonly SimEvent[], timing?: StoryTiming): ThreatStory[] {
  const ctx = contextOf(events, timing);
  const drafts = readDrafts(events);
  const bursts = events.filter((e) => e.type === 'gun.burst');
  return [...drafts.values()].map((d) => {
    countGunOtherTargets(d, bursts);
    const outcome = outcomeOf(d, ctx);
    const verdict = verdictText(outcome);
    const steps = d.steps.slice();
    if (outcome.times.fate_s !== null) steps.push({ t_s: outcome.times.fate_s, kind: 'fate', text: verdict });
    steps.sort((a, b) => a.t_s - b.t_s);
    return { ...outcome, verdict, steps };
  });
}

/**
 * Each launched threat's outcome (no timeline), in launch order; `timing` as for {@link buildStories}.
 * @example
 * ```ts
 * import { buildOutcomes, loadScenario, runScenario, verdictText } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * for (const o of buildOutcomes(result.events)) console.log(o.threatId, verdictText(o));
 * ```
 */
export function buildOutcomes(events: readonly SimEvent[], timing?: StoryTiming): ThreatOutcome[] {
  return buildStories(events, timing).map(({ verdict: _verdict, steps: _steps, ...outcome }) => outcome);
}

/** Whether a new hold reason replaces the unit's current one (see the `c2.holdFire` case). */
function keepsHold(current: string | null, next: string): boolean {
  if (current === null) return true;
  if (isNetworkHold(next)) return false;
  return !(reasonEntry(next).class === 'late' && reasonEntry(current).class === 'envelope');
}
