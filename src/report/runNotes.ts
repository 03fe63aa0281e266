/**
 * @module report/runNotes
 * One-line notes on two run conditions that explain leaks without being a threat's own verdict: a budgeted
 * multifunction radar saturated (`radar.load`, `sensors/budget`: due track dwells no longer fit its track-time cap,
 * so tracks are deferred and search slows), and units of a layered network holding fire because another unit has,
 * or will have, the threat (`c2.holdFire` with a network reason, `c2/network`). Read from the event log only.
 */
import { isNetworkHold, reasonText } from '../outcome/reasons.js';
import type { SimEvent } from '../world/events.js';

/** The saturation episodes of one radar. */
export interface RadarSaturation {
  readonly unitId: string;
  readonly radarId: string;
  /** Times it entered saturation. */
  readonly episodes: number;
  /** Longest episode, s (an episode still open when the log ends runs to the log's last event). */
  readonly longest_s: number;
  /** Total time saturated, s. */
  readonly total_s: number;
  /** Whether it was still saturated when the log ends. */
  readonly saturatedAtEnd: boolean;
  /** Most due tracks deferred in a frame where saturation began. */
  readonly maxDeferred: number;
}

/** Each radar's saturation episodes, in order of first saturation; radars never saturated are left out. */
export function radarSaturations(events: readonly SimEvent[]): RadarSaturation[] {
  const end_s = events.length === 0 ? 0 : events[events.length - 1].t_s;
  const open = new Map<string, number>();
  const byRadar = new Map<string, { -readonly [K in keyof RadarSaturation]: RadarSaturation[K] }>();
  for (const e of events) {
    if (e.type !== 'radar.load') continue;
    const key = `${e.unitId}\u0000${e.radarId}`;
    let s = byRadar.get(key);
    if (e.saturated) {
      if (open.has(key)) continue;
      open.set(key, e.t_s);
      if (s === undefined) {
        s = {
          unitId: e.unitId,
          radarId: e.radarId,
          episodes: 0,
          longest_s: 0,
          total_s: 0,
          saturatedAtEnd: false,
          maxDeferred: 0,
        };
        byRadar.set(key, s);
      }
      s.episodes++;
      s.maxDeferred = Math.max(s.maxDeferred, e.tracksDeferred);
    } else {
      const start_s = open.get(key);
      if (start_s === undefined || s === undefined) continue;
      open.delete(key);
      s.longest_s = Math.max(s.longest_s, e.t_s - start_s);
      s.total_s += e.t_s - start_s;
    }
  }
  // episodes still open when the log ends
  for (const [key, start_s] of open) {
    const s = byRadar.get(key);
    if (s === undefined) continue;
    s.saturatedAtEnd = true;
    s.longest_s = Math.max(s.longest_s, end_s - start_s);
    s.total_s += end_s - start_s;
  }
  return [...byRadar.values()];
}

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

/** "patriot-1-radar saturated 3 times, longest 12 s (up to 5 tracks deferred at onset)". */
export function saturationLine(s: RadarSaturation): string {
  const name = s.radarId.includes(s.unitId) ? s.radarId : `${s.radarId} of ${s.unitId}`;
  const deferred =
    s.maxDeferred > 0
      ? ` (up to ${s.maxDeferred} track${s.maxDeferred === 1 ? '' : 's'} deferred at onset)`
      : '';
  const atEnd = s.saturatedAtEnd ? ', still saturated when the run ended' : '';
  return `${name} saturated ${times(s.episodes)}, longest ${Math.round(s.longest_s)} s${deferred}${atEnd}`;
}

/** One unit's network holds: distinct tracks per network reason. */
export interface NetworkDeferral {
  readonly unitId: string;
  /** Network hold reason (`deferred-to-upper-tier`, …) → distinct tracks held for it. */
  readonly tracksByReason: ReadonlyMap<string, number>;
  /** Distinct tracks held for any network reason. */
  readonly tracks: number;
}

/** Each unit's network holds (units in order of their first such hold); empty when no unit deferred. */
export function networkDeferrals(events: readonly SimEvent[]): NetworkDeferral[] {
  const byUnit = new Map<string, Map<string, Set<string>>>();
  for (const e of events) {
    if (e.type !== 'c2.holdFire' || !isNetworkHold(e.reason)) continue;
    const reasons = byUnit.get(e.unitId) ?? new Map<string, Set<string>>();
    byUnit.set(e.unitId, reasons);
    const tracks = reasons.get(e.reason) ?? new Set<string>();
    reasons.set(e.reason, tracks);
    tracks.add(e.trackId);
  }
  return [...byUnit].map(([unitId, reasons]) => {
    const all = new Set<string>();
    for (const tracks of reasons.values()) for (const t of tracks) all.add(t);
    return {
      unitId,
      tracksByReason: new Map([...reasons].map(([reason, tracks]) => [reason, tracks.size])),
      tracks: all.size,
    };
  });
}

/** "network deferrals: shorad-1 held fire on 12 tracks (left to the upper tier 10, …)"; null without any. */
export function networkLine(deferrals: readonly NetworkDeferral[]): string | null {
  if (deferrals.length === 0) return null;
  const parts = deferrals.map((d) => {
    const reasons = [...d.tracksByReason].map(([reason, n]) => `${reasonText(reason)} ${n}`).join(', ');
    return `${d.unitId} held fire on ${d.tracks} track${d.tracks === 1 ? '' : 's'} (${reasons})`;
  });
  return `network deferrals: ${parts.join('; ')}`;
}

/** The run's notes, one line each: every saturated radar, then the network deferrals (empty when neither). */
export function runNotes(events: readonly SimEvent[]): string[] {
  const lines = radarSaturations(events).map(saturationLine);
  const network = networkLine(networkDeferrals(events));
  if (network !== null) lines.push(network);
  return lines;
}
