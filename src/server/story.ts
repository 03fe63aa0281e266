/**
 * @module server/story
 * Each threat's story, read from the event log (an observer; nothing here feeds back into a run): launched, warned,
 * first detected by whom at what range, tracked, assessed, engaged, the interceptors and their outcome, and its fate
 * with the reason, e.g. "leaked: no inventory: battery out of rounds" (the reason is chosen in `story-leak`, from
 * each unit's record: the most capable unit's view, and a measured "detected late").
 *
 * C2 events name tracks, not threats. A track is attributed to a threat by the records that know both (interceptor
 * launches, gun bursts); otherwise to the threat whose recorded truth is nearest the track's position when it was
 * confirmed or deleted, within `TRACK_ATTRIBUTION_GATE_m`.
 */
import type { SimEvent } from '../sim/events.js';
import type { RunPaths } from '../sim/paths.js';
import type { ThreatStory } from './api.js';
import { approxDistance_m, pathPositionAt } from './pathAt.js';
import {
  type LeakContext,
  leakReason,
  NETWORK_HOLDS,
  newUnitRecord,
  reasonText,
  type StoryDraft,
  type UnitRecord,
} from './story-leak.js';
import { type StoryTiming, storyTimingFromEvents } from './story-timing.js';

export {
  holdCategory,
  type LeakCategory,
  leakReason,
  reasonText,
  type StoryDraft,
} from './story-leak.js';

/** Largest distance between a track report and a threat's truth for the track to count as that threat's, m. */
export const TRACK_ATTRIBUTION_GATE_m = 3_000;

function km(range_m: number): string {
  return `${(range_m / 1000).toFixed(range_m < 10_000 ? 1 : 0)} km`;
}

/**
 * Track id → threat id. Interceptor launches and gun bursts name both; other tracks go to the nearest threat truth
 * (from `paths`) at their confirmation or deletion report, within the gate.
 */
export function attributeTracks(events: readonly SimEvent[], paths: RunPaths | null): Map<string, string> {
  const owner = new Map<string, string>();
  for (const e of events) {
    if ((e.type === 'interceptor.launch' || e.type === 'gun.burst') && e.threatId !== null)
      owner.set(e.trackId, e.threatId);
  }
  if (!paths) return owner;
  for (const e of events) {
    if (e.type !== 'track.confirmed' && e.type !== 'track.deleted') continue;
    if (owner.has(e.trackId)) continue;
    let best: string | null = null;
    let bestDistance_m = TRACK_ATTRIBUTION_GATE_m;
    for (const path of paths.threats) {
      const truth = pathPositionAt(path, e.t_s);
      if (!truth) continue;
      const d_m = approxDistance_m(truth, e.position);
      if (d_m <= bestDistance_m) {
        bestDistance_m = d_m;
        best = path.id;
      }
    }
    if (best !== null) owner.set(e.trackId, best);
  }
  return owner;
}

function newDraft(e: Extract<SimEvent, { type: 'threat.launch' }>): StoryDraft {
  return {
    threatId: e.threatId,
    threatType: e.threatType,
    targetAssetId: e.targetAssetId,
    launch_s: e.t_s,
    steps: [
      {
        t_s: e.t_s,
        kind: 'launch',
        text: `launched (${e.threatType})${e.targetAssetId ? ` at ${e.targetAssetId}` : ''}, apex ${km(e.apexAltitude_m)}`,
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

function verdictOf(
  d: StoryDraft,
  ctx: LeakContext,
): Pick<ThreatStory, 'fate' | 'leaked' | 'fate_s' | 'verdict'> {
  const end = d.end;
  if (end === null)
    return {
      fate: 'airborne',
      leaked: false,
      fate_s: null,
      verdict: 'still in flight when the scenario ended',
    };
  if (end.type === 'threat.killed')
    return {
      fate: 'killed',
      leaked: false,
      fate_s: end.t_s,
      verdict: `killed by ${d.killedBy ?? end.by ?? 'the defence'}`,
    };
  if (end.type === 'threat.failed')
    return {
      fate: 'failed',
      leaked: false,
      fate_s: end.t_s,
      verdict: 'failed in flight (missile reliability, not a defence kill)',
    };
  if (end.type === 'threat.impact' && end.assetId !== null)
    return { fate: 'impacted', leaked: true, fate_s: end.t_s, verdict: `leaked: ${leakReason(d, ctx)}` };
  return {
    fate: 'impacted',
    leaked: false,
    fate_s: end.t_s,
    verdict: 'impacted outside the defended assets',
  };
}

/**
 * One story per launched threat, in launch order, built from the event log (and paths for track attribution).
 * @param timing each unit's shortest engagement time (`storyTimingOf(scenario)`); absent: the batteries' own plans in
 *   the log (`storyTimingFromEvents`), which know no gun, so no lateness is claimed where a gun might have engaged
 */
export function buildStories(
  events: readonly SimEvent[],
  paths: RunPaths | null,
  timing?: StoryTiming,
): ThreatStory[] {
  const owner = attributeTracks(events, paths);
  const guns = new Set<string>();
  for (const e of events) if (e.type === 'gun.burst') guns.add(e.unitId);
  const ctx: LeakContext = { timing: timing ?? storyTimingFromEvents(events), guns };
  for (const [unitId, t] of ctx.timing) if (t.kind === 'gun') guns.add(unitId);
  const drafts = new Map<string, StoryDraft>();
  const interceptorThreat = new Map<string, string>();
  const assessed = new Map<string, string>();
  // the story a track-level event belongs to (and the track to that story)
  const ofTrack = (trackId: string): StoryDraft | undefined => {
    const threatId = owner.get(trackId);
    const d = threatId === undefined ? undefined : drafts.get(threatId);
    d?.trackIds.add(trackId);
    return d;
  };
  for (const e of events) {
    switch (e.type) {
      case 'threat.launch':
        drafts.set(e.threatId, newDraft(e));
        break;
      case 'warning.cue': {
        const d = e.threatId === null ? undefined : drafts.get(e.threatId);
        if (d) d.steps.push({ t_s: e.t_s, kind: 'warning', text: `${e.source} launch warning` });
        break;
      }
      case 'sensor.firstDetection': {
        const d = drafts.get(e.threatId);
        if (!d) break;
        d.detected = true;
        if (d.firstDetect_s === null) d.firstDetect_s = e.t_s;
        d.steps.push({
          t_s: e.t_s,
          kind: 'detect',
          text: `first detected by ${e.unitId} at ${km(e.range_m)}`,
        });
        break;
      }
      case 'track.confirmed':
      case 'track.deleted': {
        const d = ofTrack(e.trackId);
        if (!d) break;
        if (e.type === 'track.confirmed') sawTrack(d, e.t_s);
        const verb = e.type === 'track.confirmed' ? 'confirmed' : 'dropped';
        d.steps.push({
          t_s: e.t_s,
          kind: 'track',
          text: `track ${e.trackId} ${verb} by ${e.unitId} (altitude ${km(e.position.alt_m)}, ${Math.round(e.speed_mps)} m/s)`,
        });
        break;
      }
      case 'c2.assess': {
        const d = ofTrack(e.trackId);
        if (!d) break;
        sawTrack(d, e.t_s);
        // one step per change of decision on a track
        const key = `${e.decision}:${e.assetId ?? ''}`;
        if (assessed.get(e.trackId) === key) break;
        assessed.set(e.trackId, key);
        if (e.decision === 'threat') d.assessedThreat = true;
        else d.assessedIgnore = true;
        d.steps.push({
          t_s: e.t_s,
          kind: 'assess',
          text:
            e.decision === 'threat'
              ? `${e.unitId} assessed a threat to ${e.assetId}, impact in ${Math.round(e.timeToImpact_s)} s`
              : `${e.unitId} assessed no threat to defended assets`,
        });
        break;
      }
      case 'c2.holdFire': {
        const d = ofTrack(e.trackId);
        if (!d) break;
        sawTrack(d, e.t_s);
        // holds after the threat's fate explain nothing about it
        if (d.end === null) {
          const unit = unitOf(d, e.unitId, e.t_s);
          // a network deferral explains nothing by itself: keep the unit's hold that does (if any)
          if (!NETWORK_HOLDS.has(e.reason) || unit.hold === null) unit.hold = e.reason;
        }
        d.steps.push({ t_s: e.t_s, kind: 'hold', text: `${e.unitId} holds fire: ${reasonText(e.reason)}` });
        break;
      }
      case 'c2.engage': {
        const d = ofTrack(e.trackId);
        if (!d) break;
        sawTrack(d, e.t_s);
        if (d.end === null) unitOf(d, e.unitId, e.t_s).hold = null;
        d.steps.push({
          t_s: e.t_s,
          kind: 'engage',
          text: `${e.unitId} engages with ${e.shots} shot${e.shots === 1 ? '' : 's'}, predicted intercept at ${km(e.predictedInterceptPoint.alt_m)} altitude`,
        });
        break;
      }
      case 'interceptor.launch': {
        if (e.threatId !== null) interceptorThreat.set(e.interceptorId, e.threatId);
        const d = ofTrack(e.trackId);
        if (!d) break;
        unitOf(d, e.unitId, e.t_s).interceptors++;
        d.steps.push({
          t_s: e.t_s,
          kind: 'interceptor',
          text: `${e.unitId} fires ${e.interceptorId} (${e.interceptorType}) from launcher ${e.launcher}`,
        });
        break;
      }
      case 'interceptor.end': {
        const threatId = e.threatId ?? interceptorThreat.get(e.interceptorId);
        const d = threatId === undefined ? undefined : drafts.get(threatId);
        if (!d) break;
        const miss = e.miss_m === null ? '' : `, miss distance ${e.miss_m.toFixed(1)} m`;
        if (e.result === 'kill') d.killedBy = `${e.interceptorId} of ${e.unitId}${miss}`;
        else unitOf(d, e.unitId, e.t_s).missReasons.push(e.reason);
        d.steps.push({
          t_s: e.t_s,
          kind: 'interceptor',
          text: `${e.interceptorId}: ${e.result} (${reasonText(e.reason)}${miss})`,
        });
        break;
      }
      case 'gun.burst': {
        const d = ofTrack(e.trackId) ?? (e.threatId === null ? undefined : drafts.get(e.threatId));
        if (!d) break;
        const unit = unitOf(d, e.unitId, e.t_s);
        // rounds that arrived after the threat's fate, at nothing, were fired too late to matter
        if (d.end !== null && e.threatId !== d.threatId) unit.lateBursts++;
        else {
          unit.bursts++;
          // the gun logs no hold on a track while its burst is in flight, so an earlier hold preceded this burst
          unit.hold = null;
        }
        if (e.result === 'kill') d.killedBy = `${e.unitId} (C-RAM burst at ${km(e.range_m)})`;
        d.steps.push({
          t_s: e.t_s,
          kind: 'gun',
          text: `${e.unitId} fires ${e.rounds} rounds at ${km(e.range_m)} (Pk ${e.pk.toFixed(2)}): ${e.result}`,
        });
        break;
      }
      case 'threat.killed':
      case 'threat.impact':
      case 'threat.failed': {
        const d = drafts.get(e.threatId);
        if (!d) break;
        d.end = e;
        break;
      }
      default:
        break;
    }
  }
  const bursts = events.filter((e) => e.type === 'gun.burst');
  return [...drafts.values()].map((d) => {
    countGunOtherTargets(d, bursts);
    const verdict = verdictOf(d, ctx);
    const steps = d.steps.slice();
    if (verdict.fate_s !== null) steps.push({ t_s: verdict.fate_s, kind: 'fate', text: verdict.verdict });
    steps.sort((a, b) => a.t_s - b.t_s);
    return {
      threatId: d.threatId,
      threatType: d.threatType,
      targetAssetId: d.targetAssetId,
      launch_s: d.launch_s,
      ...verdict,
      trackIds: [...d.trackIds],
      steps,
    };
  });
}
