/**
 * @module web/moments
 * The replay's time structure, computed once per run and free of the DOM (unit-tested in Node): the event marks of
 * the time line (launches, detections, engagements, kills, impacts), the waves, the stretches when something flies
 * and the idle gaps between them that playback skips, the moment and area the replay opens on, the map points of an
 * event or a threat, and a threat type's class. A new user found the replay opening 430 km from the threats and
 * playing 16–40 min of empty sky at a time (issue 13); these are the numbers the page needs to avoid both.
 */
import type { ReplayResponse } from '../../src/server/api.js';
import type { SimEvent } from '../../src/world/events.js';
import { pathPositionAt } from '../../src/world/pathAt.js';

/** What a time-line mark stands for (its colour class). */
export type MarkKind = 'launch' | 'detect' | 'engage' | 'kill' | 'leak' | 'impact' | 'failed';

/** One event drawn on the time line. */
export interface EventMark {
  readonly t_s: number;
  readonly kind: MarkKind;
  /** Index of the event in the replay's event log. */
  readonly event: number;
  readonly threatId: string | null;
}

/** A stretch of replay time, s. */
export interface Interval {
  readonly start_s: number;
  readonly end_s: number;
}

/** A launch wave: launches closer than `WAVE_GAP_s` to the previous one belong to the same wave. */
export interface Wave extends Interval {
  readonly launches: number;
}

/** Launches further apart than this start a new wave, s. */
export const WAVE_GAP_s = 120;

/** Nothing flying for longer than this is an idle gap that playback skips, s. */
export const IDLE_MIN_s = 60;

/** Playback lands this long before the next activity after a skip (and skips only gaps longer than twice it), s. */
export const SKIP_LEAD_s = 5;

/** The time-line mark kind of an event, or null for events the time line does not show. */
export function markKind(e: SimEvent): MarkKind | null {
  switch (e.type) {
    case 'threat.launch':
      return 'launch';
    case 'sensor.firstDetection':
      return 'detect';
    case 'c2.engage':
      return 'engage';
    case 'threat.killed':
      return 'kill';
    case 'threat.impact':
      return e.assetId ? 'leak' : 'impact';
    case 'threat.failed':
      return 'failed';
    default:
      return null;
  }
}

/**
 * The time line's marks, in event order.
 * @example
 * eventMarks([{ t_s: 5, type: 'threat.killed', threatId: 'T1', point, assetId: null, by: 'I1' }])
 * // → [{ t_s: 5, kind: 'kill', event: 0, threatId: 'T1' }]
 */
export function eventMarks(events: readonly SimEvent[]): EventMark[] {
  const marks: EventMark[] = [];
  events.forEach((e, i) => {
    const kind = markKind(e);
    if (kind === null) return;
    const threatId = 'threatId' in e && typeof e.threatId === 'string' ? e.threatId : null;
    marks.push({ t_s: e.t_s, kind, event: i, threatId });
  });
  return marks;
}

/**
 * Launch waves: runs of launches with no pause longer than `gap_s` between two of them.
 * @example
 * launchWaves([0, 10, 500].map((t_s) => ({ t_s, type: 'threat.launch' }) as SimEvent)) // → 2 waves
 */
export function launchWaves(events: readonly SimEvent[], gap_s = WAVE_GAP_s): Wave[] {
  const waves: Wave[] = [];
  let current: { start_s: number; end_s: number; launches: number } | null = null;
  for (const e of events) {
    if (e.type !== 'threat.launch') continue;
    if (current && e.t_s - current.end_s <= gap_s) {
      current.end_s = e.t_s;
      current.launches++;
      continue;
    }
    if (current) waves.push(current);
    current = { start_s: e.t_s, end_s: e.t_s, launches: 1 };
  }
  if (current) waves.push(current);
  return waves;
}

/**
 * Stretches when something flies (a threat or an interceptor path) or an event happens, merged across pauses up to
 * `idle_s`, in time order.
 * @example
 * busyIntervals(replay) // → [{ start_s: 560, end_s: 1010 }, { start_s: 1980, end_s: 2400 }]
 */
export function busyIntervals(
  replay: Pick<ReplayResponse, 'events' | 'paths'>,
  idle_s = IDLE_MIN_s,
): Interval[] {
  const spans: [number, number][] = [];
  for (const p of [...(replay.paths?.threats ?? []), ...(replay.paths?.interceptors ?? [])])
    if (p.t_s.length > 0) spans.push([p.t_s[0], p.t_s[p.t_s.length - 1]]);
  for (const e of replay.events) if (markKind(e) !== null) spans.push([e.t_s, e.t_s]);
  spans.sort((a, b) => a[0] - b[0]);
  const merged: { start_s: number; end_s: number }[] = [];
  for (const [start_s, end_s] of spans) {
    const last = merged[merged.length - 1];
    if (last && start_s - last.end_s <= idle_s) last.end_s = Math.max(last.end_s, end_s);
    else merged.push({ start_s, end_s });
  }
  return merged;
}

/**
 * Idle gaps inside `span`: the pauses between busy stretches longer than `idle_s` (also before the first and after
 * the last when they are that long).
 * @example
 * idleGaps([{ start_s: 100, end_s: 200 }, { start_s: 1200, end_s: 1300 }], { start_s: 80, end_s: 1320 })
 * // → [{ start_s: 200, end_s: 1200 }]
 */
export function idleGaps(busy: readonly Interval[], span: Interval, idle_s = IDLE_MIN_s): Interval[] {
  const gaps: Interval[] = [];
  let from = span.start_s;
  for (const b of busy) {
    if (b.start_s - from > idle_s) gaps.push({ start_s: from, end_s: b.start_s });
    from = Math.max(from, b.end_s);
  }
  if (span.end_s - from > idle_s) gaps.push({ start_s: from, end_s: span.end_s });
  return gaps;
}

/**
 * Where playback should jump from `t_s`: the end of the idle gap it is in (less `SKIP_LEAD_s`), or null when `t_s`
 * is not deep inside a gap. A gap that runs to the end of the replay jumps to its end.
 * @example
 * skipTarget([{ start_s: 200, end_s: 1200 }], 210) // → 1195
 */
export function skipTarget(gaps: readonly Interval[], t_s: number, lead_s = SKIP_LEAD_s): number | null {
  for (const g of gaps) {
    const to = g.end_s - lead_s;
    if (t_s >= g.start_s + lead_s && t_s < to) return to;
  }
  return null;
}

/**
 * The moment the replay opens on: the first launch or first detection, else the span's start.
 * @example
 * openingTime(replay) // → 570 (the first launch), not the span start
 */
export function openingTime(replay: Pick<ReplayResponse, 'events' | 'span'>): number {
  for (const e of replay.events)
    if (e.type === 'threat.launch' || e.type === 'sensor.firstDetection') return e.t_s;
  return replay.span.start_s;
}

/** At most this many points of one path go into a bounds computation (every k-th sample, plus the last). */
const BOUNDS_POINTS_PER_PATH = 40;

function pathPoints(lon: readonly number[], lat: readonly number[], out: [number, number][]): void {
  const step = Math.max(1, Math.ceil(lon.length / BOUNDS_POINTS_PER_PATH));
  for (let i = 0; i < lon.length; i += step) out.push([lon[i], lat[i]]);
  if (lon.length > 0 && (lon.length - 1) % step !== 0) out.push([lon[lon.length - 1], lat[lat.length - 1]]);
}

/**
 * The points the opening view frames: every threat's path (launch to end) and the defended assets and units.
 * @example
 * openingPoints(replay) // → [[lon, lat], …] from Iran to Al Asad
 */
export function openingPoints(
  replay: Pick<ReplayResponse, 'events' | 'paths' | 'geometry'>,
): [number, number][] {
  const points: [number, number][] = [];
  for (const p of replay.paths?.threats ?? []) pathPoints(p.lon_deg, p.lat_deg, points);
  if (points.length === 0)
    for (const e of replay.events)
      if (e.type === 'threat.launch')
        points.push([e.from.lon_deg, e.from.lat_deg], [e.aim.lon_deg, e.aim.lat_deg]);
  for (const a of replay.geometry?.assets ?? []) points.push([a.lon_deg, a.lat_deg]);
  for (const u of replay.geometry?.units ?? []) points.push([u.lon_deg, u.lat_deg]);
  return points;
}

/**
 * The points that frame one threat: its whole path and the paths of the interceptors fired at it.
 * @example
 * threatPoints(replay, 'T3') // → the SRBM's arc and the two PAC-3 flyouts
 */
export function threatPoints(
  replay: Pick<ReplayResponse, 'events' | 'paths'>,
  threatId: string,
): [number, number][] {
  const points: [number, number][] = [];
  const path = replay.paths?.threats.find((p) => p.id === threatId);
  if (path) pathPoints(path.lon_deg, path.lat_deg, points);
  const fired = new Set<string>();
  for (const e of replay.events) {
    if (e.type === 'interceptor.launch' && e.threatId === threatId) fired.add(e.interceptorId);
    if (!path && e.type === 'threat.launch' && e.threatId === threatId)
      points.push([e.from.lon_deg, e.from.lat_deg], [e.aim.lon_deg, e.aim.lat_deg]);
  }
  for (const p of replay.paths?.interceptors ?? [])
    if (fired.has(p.id)) pathPoints(p.lon_deg, p.lat_deg, points);
  return points;
}

/** Where a threat is at `t_s`, from its recorded path. */
function threatAt(
  replay: Pick<ReplayResponse, 'paths'>,
  threatId: string | null,
  t_s: number,
): [number, number][] {
  if (threatId === null) return [];
  const path = replay.paths?.threats.find((p) => p.id === threatId);
  const here = path
    ? pathPositionAt(path, Math.min(Math.max(t_s, path.t_s[0]), path.t_s[path.t_s.length - 1]))
    : null;
  return here ? [[here.lon_deg, here.lat_deg]] : [];
}

function unitAt(replay: Pick<ReplayResponse, 'geometry'>, unitId: string): [number, number][] {
  const u = replay.geometry?.units.find((x) => x.id === unitId);
  return u ? [[u.lon_deg, u.lat_deg]] : [];
}

/**
 * The map points an event is about (where it happened; for an engagement, the unit and the threat), possibly none.
 * @example
 * eventPoints(replay, killEvent) // → [[lon, lat]] of the kill
 */
export function eventPoints(
  replay: Pick<ReplayResponse, 'paths' | 'geometry'>,
  e: SimEvent,
): [number, number][] {
  switch (e.type) {
    case 'threat.launch':
      return [[e.from.lon_deg, e.from.lat_deg]];
    case 'threat.killed':
    case 'threat.impact':
    case 'threat.failed':
      return [[e.point.lon_deg, e.point.lat_deg]];
    case 'interceptor.end':
      return e.point ? [[e.point.lon_deg, e.point.lat_deg]] : threatAt(replay, e.threatId, e.t_s);
    case 'sensor.firstDetection':
      return [...threatAt(replay, e.threatId, e.t_s), ...unitAt(replay, e.unitId)];
    case 'interceptor.launch':
    case 'gun.burst':
      return [...unitAt(replay, e.unitId), ...threatAt(replay, e.threatId, e.t_s)];
    case 'c2.engage':
      return [
        ...unitAt(replay, e.unitId),
        [e.predictedInterceptPoint.lon_deg, e.predictedInterceptPoint.lat_deg],
      ];
    default:
      return [];
  }
}

/** The broad class of a threat type, from its catalog id (`notional-srbm-300km` → ballistic). */
export type ThreatClass = 'ballistic' | 'cruise' | 'drone' | 'rocket' | 'other';

/**
 * A threat type's class, read from the words of its id (the catalog names every type by what it is).
 * @example
 * threatClass('notional-rocket-107mm') // → 'rocket'
 */
export function threatClass(type: string): ThreatClass {
  if (/srbm|mrbm|ballistic|tbm/i.test(type)) return 'ballistic';
  if (/cruise/i.test(type)) return 'cruise';
  if (/drone|uas|uav|owa/i.test(type)) return 'drone';
  if (/rocket|mortar|artillery|ram\b/i.test(type)) return 'rocket';
  return 'other';
}

/**
 * "16 min", "45 s", "1 h 05 min": a duration as a person reads it.
 * @example
 * spokenDuration(960) // → '16 min'
 */
export function spokenDuration(d_s: number): string {
  const s = Math.round(d_s);
  if (s < 90) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** Sidebar totals with gun engagements counted apart from missile interceptors (a C-RAM fires no interceptor). */
export interface FireTotals {
  readonly interceptorsFired: number;
  readonly gunBursts: number;
  readonly gunRounds: number;
}

/**
 * Interceptors fired, gun bursts and gun rounds, counted from the event log.
 * @example
 * fireTotals(tajiEvents) // → { interceptorsFired: 0, gunBursts: 2, gunRounds: 300 }
 */
export function fireTotals(events: readonly SimEvent[]): FireTotals {
  let interceptorsFired = 0;
  let gunBursts = 0;
  let gunRounds = 0;
  for (const e of events) {
    if (e.type === 'interceptor.launch') interceptorsFired++;
    else if (e.type === 'gun.burst') {
      gunBursts++;
      gunRounds += e.rounds;
    }
  }
  return { interceptorsFired, gunBursts, gunRounds };
}

/** Radius of a threat's marker on the map by class, px (the legend draws the same sizes). */
export const CLASS_RADIUS_px: Record<ThreatClass, number> = {
  ballistic: 7,
  cruise: 6,
  drone: 4.5,
  rocket: 4,
  other: 5.5,
};
