/**
 * @module server/story
 * Each threat's story, read from the event log (an observer; nothing here feeds back into a run): launched, warned,
 * first detected by whom at what range, tracked, assessed, engaged, the interceptors and their outcome, and its fate
 * with the reason, e.g. "leaked: battery out of rounds" from the last hold-fire reason on its tracks.
 *
 * C2 events name tracks, not threats. A track is attributed to a threat by the records that know both (interceptor
 * launches, gun bursts); otherwise to the threat whose recorded truth is nearest the track's position when it was
 * confirmed or deleted, within `TRACK_ATTRIBUTION_GATE_m`.
 */
import type { SimEvent } from '../sim/events.js';
import type { RunPaths } from '../sim/paths.js';
import type { StoryStep, ThreatStory } from './api.js';
import { approxDistance_m, pathPositionAt } from './pathAt.js';

/** Largest distance between a track report and a threat's truth for the track to count as that threat's, m. */
export const TRACK_ATTRIBUTION_GATE_m = 3_000;

/** Hold-fire and miss reasons as people read them. */
const REASON_TEXT: Readonly<Record<string, string>> = {
  'no-rounds': 'battery out of rounds',
  'awaiting-launch-window': 'waiting for the launch window',
  'inventory-per-threat-exhausted': 'shot limit per threat reached',
  'no-ground-crossing': 'no predicted impact point',
  'not-finite': 'no firing solution',
  'out-of-envelope': 'outside the interceptor envelope',
  'too-low': 'too low to intercept',
  'too-high': 'too high to intercept',
  'too-far': 'too far to intercept',
  'no-solution': 'no intercept solution in time',
  'no-ammo': 'gun out of ammunition',
  'out-of-range': 'out of gun range',
  'no-time': 'no time left to engage',
  lethal: 'lethal',
  'survived-warhead': 'survived the warhead',
  'target-already-destroyed': 'target already destroyed',
  'self-destruct': 'self-destructed (time of flight)',
  ground: 'hit the ground',
  'target-gone': 'target gone',
  'below-min-altitude': 'below minimum intercept altitude',
  'wrong-target-class': 'interceptor cannot engage this class of target',
  'no-fire-channel': 'no free fire channel (all busy on other threats)',
  'engaged-by-other-unit': 'another unit on the network is engaging it',
  'deferred-to-upper-tier': 'left to the upper tier',
  'assessed-killed-by-network': 'assessed killed by another unit',
};

/** A reason code (`no-rounds`) in words (`battery out of rounds`); unknown codes with dashes as spaces. */
export function reasonText(reason: string): string {
  return REASON_TEXT[reason] ?? reason.replace(/-/g, ' ');
}

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

/** What the story builder has gathered about one threat (exported for `leakReason` tests). */
export interface StoryDraft {
  threatId: string;
  threatType: string;
  targetAssetId: string | null;
  launch_s: number;
  steps: StoryStep[];
  trackIds: Set<string>;
  detected: boolean;
  assessedThreat: boolean;
  assessedIgnore: boolean;
  lastHold: string | null;
  fired: number;
  missReasons: string[];
  gunBursts: number;
  /** Who killed it, in words, from the interceptor or gun record. */
  killedBy: string | null;
  end: SimEvent | null;
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
    assessedThreat: false,
    assessedIgnore: false,
    lastHold: null,
    fired: 0,
    missReasons: [],
    gunBursts: 0,
    killedBy: null,
    end: null,
  };
}

/** Leak categories: every leaker's reason starts with one of these (then `: ` and the detail). */
export type LeakCategory =
  | 'not detected'
  | 'detected late'
  | 'no fire channel'
  | 'no inventory'
  | 'out of envelope'
  | 'missed'
  | 'not engaged';

/** Hold reasons that say the defence saw the threat too late to intercept it (solutions existed, never in time). */
const LATE_HOLDS: ReadonlySet<string> = new Set(['no-solution', 'no-time']);
/** Hold reasons that say rounds ran out (battery, shot limit per threat, gun). */
const INVENTORY_HOLDS: ReadonlySet<string> = new Set([
  'no-rounds',
  'inventory-per-threat-exhausted',
  'no-ammo',
]);
/** Hold reasons that say the threat's predicted path never entered the weapon's envelope. */
const ENVELOPE_HOLDS: ReadonlySet<string> = new Set([
  'out-of-envelope',
  'too-low',
  'too-high',
  'too-far',
  'out-of-range',
  'no-ground-crossing',
  'not-finite',
  'wrong-target-class',
]);

/** Holds of the layered-C2 ledger (c2/network): another unit has or will have the threat. */
const NETWORK_HOLDS: ReadonlySet<string> = new Set([
  'engaged-by-other-unit',
  'deferred-to-upper-tier',
  'assessed-killed-by-network',
]);

/** The category of a hold-fire reason (null: the hold explains nothing by itself, e.g. a deferral). */
export function holdCategory(reason: string): LeakCategory | null {
  if (LATE_HOLDS.has(reason)) return 'detected late';
  if (reason === 'no-fire-channel') return 'no fire channel';
  if (INVENTORY_HOLDS.has(reason)) return 'no inventory';
  if (ENVELOPE_HOLDS.has(reason)) return 'out of envelope';
  return null;
}

/**
 * Why an impact inside a defended footprint was not prevented, as `<category>: <detail>` with the category one of
 * `LeakCategory`: not detected (no radar saw it); detected late (seen, but no track was confirmed before impact, or
 * the only firing solutions came too late); missed (rounds or bursts were fired, none killed it); no fire channel /
 * no inventory / out of envelope (from the last hold-fire reason on its tracks); not engaged (anything else, e.g. C2
 * predicted a miss of the defended assets).
 */
export function leakReason(d: StoryDraft): string {
  if (!d.detected) return 'not detected: never detected by any radar';
  if (d.trackIds.size === 0) return 'detected late: detected, but no track was confirmed before impact';
  const hold = d.lastHold === null ? '' : `; then held fire: ${reasonText(d.lastHold)}`;
  if (d.fired > 0) {
    const reasons = [...new Set(d.missReasons)].map(reasonText).join(', ');
    return `missed: ${d.fired} interceptor${d.fired === 1 ? '' : 's'} fired, none killed it${reasons ? ` (${reasons})` : ''}${hold}`;
  }
  if (d.gunBursts > 0)
    return `missed: C-RAM fired ${d.gunBursts} burst${d.gunBursts === 1 ? '' : 's'}, all missed${hold}`;
  if (d.lastHold !== null) {
    const category = holdCategory(d.lastHold) ?? 'not engaged';
    return `${category}: ${reasonText(d.lastHold)}`;
  }
  if (d.assessedIgnore && !d.assessedThreat)
    return 'not engaged: C2 predicted it would miss the defended assets';
  return 'not engaged: no engagement decided';
}

function verdictOf(d: StoryDraft): Pick<ThreatStory, 'fate' | 'leaked' | 'fate_s' | 'verdict'> {
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
    return { fate: 'impacted', leaked: true, fate_s: end.t_s, verdict: `leaked: ${leakReason(d)}` };
  return {
    fate: 'impacted',
    leaked: false,
    fate_s: end.t_s,
    verdict: 'impacted outside the defended assets',
  };
}

/** One story per launched threat, in launch order, built from the event log (and paths for track attribution). */
export function buildStories(events: readonly SimEvent[], paths: RunPaths | null): ThreatStory[] {
  const owner = attributeTracks(events, paths);
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
        // a network deferral explains nothing by itself: keep the hold that does (if any)
        if (!NETWORK_HOLDS.has(e.reason) || d.lastHold === null) d.lastHold = e.reason;
        d.steps.push({ t_s: e.t_s, kind: 'hold', text: `${e.unitId} holds fire: ${reasonText(e.reason)}` });
        break;
      }
      case 'c2.engage': {
        const d = ofTrack(e.trackId);
        if (!d) break;
        d.lastHold = null;
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
        d.fired++;
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
        else d.missReasons.push(e.reason);
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
        d.gunBursts++;
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
  return [...drafts.values()].map((d) => {
    const verdict = verdictOf(d);
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
