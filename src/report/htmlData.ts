/**
 * @module report/htmlData
 * Plot-ready records of one run for the HTML report, derived from the scenario, the summary, the event log and the
 * recorded paths only (an observer's view). Per threat: raid, fate, ground track and the key times (launch, first
 * detection, track confirmed, first shot, end). Per interceptor: its track and how it ended. Positions stay in
 * geodetic degrees and metres, as in events and paths (an I/O edge).
 *
 * A confirmed track is attributed to a threat as the outcome records attribute it (`outcome/build`,
 * `attributeTracks`: the fire records, else the truth id the track events carry); no position matching.
 */
import { geodesicInverse } from '../geo/geodesic.js';
import { attributeTracks } from '../outcome/index.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../sim/engine.js';
import type { ThreatSummary } from '../sim/summary.js';
import type { LogPoint, SimEvent } from '../world/events.js';
import type { PathRecord } from '../world/paths.js';

const DEG_TO_RAD = Math.PI / 180;

/** A ground (or air) track: parallel arrays, as in `PathRecord`. */
export interface GeoTrack {
  readonly t_s: readonly number[];
  readonly lat_deg: readonly number[];
  readonly lon_deg: readonly number[];
  readonly alt_m: readonly number[];
}

/** One threat as the report shows it. Times are s after scenario start, null when it did not happen. */
export interface ThreatView {
  readonly id: string;
  readonly type: string;
  readonly raid: string;
  readonly fate: ThreatSummary['fate'];
  readonly launch_s: number;
  readonly end_s: number | null;
  readonly firstDetection_s: number | null;
  readonly trackConfirmed_s: number | null;
  readonly firstShot_s: number | null;
  readonly interceptorsFired: number;
  readonly gunRounds: number;
  readonly warning_s: number | null;
  readonly targetAssetId: string | null;
  /** Asset whose footprint the impact fell in (impacted only). */
  readonly impactAssetId: string | null;
  readonly launchPoint: LogPoint;
  /** Kill, impact or failure point. */
  readonly endPoint: LogPoint | null;
  /** Recorded path, or the straight launch→end line when paths were not recorded. */
  readonly track: GeoTrack;
}

/** One interceptor as the report shows it. */
export interface InterceptorView {
  readonly id: string;
  readonly unitId: string;
  readonly type: string;
  readonly threatId: string | null;
  readonly launch_s: number;
  readonly end_s: number | null;
  readonly result: 'kill' | 'miss' | 'no-intercept' | null;
  readonly endPoint: LogPoint | null;
  readonly track: GeoTrack | null;
}

/** A mark on the engagement timeline. */
export interface TimelineMark {
  readonly threatId: string;
  readonly raid: string;
  readonly t_s: number;
  readonly kind: TimelineKind;
  /** Unit or interceptor concerned, for the tooltip-free legend text. */
  readonly detail: string;
}

/** Timeline mark kinds, in the order the legend lists them. */
export const TIMELINE_KINDS = [
  'launch',
  'warning',
  'first detection',
  'track confirmed',
  'interceptor launch',
  'gun burst',
  'miss',
  'killed',
  'impact',
  'failed',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Everything the report draws, derived once. */
export interface RunView {
  readonly threats: readonly ThreatView[];
  readonly interceptors: readonly InterceptorView[];
  readonly timeline: readonly TimelineMark[];
}

function straightTrack(from: LogPoint, to: LogPoint | null, t0_s: number, t1_s: number | null): GeoTrack {
  if (!to) return { t_s: [t0_s], lat_deg: [from.lat_deg], lon_deg: [from.lon_deg], alt_m: [from.alt_m] };
  return {
    t_s: [t0_s, t1_s ?? t0_s],
    lat_deg: [from.lat_deg, to.lat_deg],
    lon_deg: [from.lon_deg, to.lon_deg],
    alt_m: [from.alt_m, to.alt_m],
  };
}

/** Ground distance between two points on WGS84, m. */
export function groundDistance_m(
  a: { lat_deg: number; lon_deg: number },
  b: { lat_deg: number; lon_deg: number },
) {
  return geodesicInverse(
    a.lat_deg * DEG_TO_RAD,
    a.lon_deg * DEG_TO_RAD,
    b.lat_deg * DEG_TO_RAD,
    b.lon_deg * DEG_TO_RAD,
  ).distance_m;
}

function minOrNull(a: number | null, b: number): number {
  return a === null ? b : Math.min(a, b);
}

function pathTrack(path: PathRecord | undefined): GeoTrack | null {
  return path && path.t_s.length > 0 ? path : null;
}

type LaunchEvent = Extract<SimEvent, { type: 'threat.launch' }>;
type FateEvent = Extract<SimEvent, { type: 'threat.killed' | 'threat.impact' | 'threat.failed' }>;

/** Derives the report's per-threat and per-interceptor records and the timeline marks of one run. */
export function buildRunView(scenario: Scenario, result: RunResult): RunView {
  const events = result.events;
  const raidOf = new Map(scenario.threats.map((t) => [t.id, t.raid]));
  const { launches, ends } = launchesAndFates(events);
  const tracks = threatTracks(result, launches, ends);
  const { timeline, confirmed, firstShot } = collectTimeline(events, launches, raidOf);
  const threats: ThreatView[] = [];
  for (const th of result.summary.threats) {
    const launch = launches.get(th.id);
    const track = tracks.get(th.id);
    if (!launch || !track) continue;
    const end = ends.get(th.id) ?? null;
    threats.push({
      id: th.id,
      type: th.type,
      raid: raidOf.get(th.id) ?? '',
      fate: th.fate,
      launch_s: th.launchTime_s,
      end_s: th.fateTime_s,
      firstDetection_s: th.firstDetection_s,
      trackConfirmed_s: confirmed.get(th.id) ?? null,
      firstShot_s: firstShot.get(th.id) ?? null,
      interceptorsFired: th.interceptorsFired,
      gunRounds: th.gunRounds,
      warning_s: th.warning_s,
      targetAssetId: launch.targetAssetId,
      impactAssetId: th.impact?.assetId ?? null,
      launchPoint: launch.from,
      endPoint: end?.point ?? null,
      track,
    });
  }
  return { threats, interceptors: interceptorViews(result), timeline };
}

/** Each threat's launch and its (last) fate event, by threat id. */
function launchesAndFates(events: readonly SimEvent[]): {
  launches: Map<string, LaunchEvent>;
  ends: Map<string, FateEvent>;
} {
  const launches = new Map<string, LaunchEvent>();
  const ends = new Map<string, FateEvent>();
  for (const e of events) {
    if (e.type === 'threat.launch') launches.set(e.threatId, e);
    else if (e.type === 'threat.killed' || e.type === 'threat.impact' || e.type === 'threat.failed')
      ends.set(e.threatId, e);
  }
  return { launches, ends };
}

/** Each launched threat's recorded path, else the straight launch→end line. */
function threatTracks(
  result: RunResult,
  launches: ReadonlyMap<string, LaunchEvent>,
  ends: ReadonlyMap<string, FateEvent>,
): Map<string, GeoTrack> {
  const threatPaths = new Map((result.paths?.threats ?? []).map((p) => [p.id, p]));
  const tracks = new Map<string, GeoTrack>();
  for (const th of result.summary.threats) {
    const launch = launches.get(th.id);
    if (!launch) continue;
    const end = ends.get(th.id) ?? null;
    tracks.set(
      th.id,
      pathTrack(threatPaths.get(th.id)) ??
        straightTrack(launch.from, end?.point ?? null, launch.t_s, end?.t_s ?? null),
    );
  }
  return tracks;
}

/**
 * The timeline marks of launched threats, in log order, with each threat's first confirmed track and first shot
 * (tracks attributed as the outcome records attribute them).
 */
function collectTimeline(
  events: readonly SimEvent[],
  launches: ReadonlyMap<string, LaunchEvent>,
  raidOf: ReadonlyMap<string, string>,
): { timeline: TimelineMark[]; confirmed: Map<string, number>; firstShot: Map<string, number> } {
  const owners = attributeTracks(events);
  const confirmed = new Map<string, number>();
  const firstShot = new Map<string, number>();
  const timeline: TimelineMark[] = [];
  const mark = (threatId: string | null, t_s: number, kind: TimelineKind, detail: string) => {
    if (threatId === null || !launches.has(threatId)) return;
    timeline.push({ threatId, raid: raidOf.get(threatId) ?? '', t_s, kind, detail });
  };
  const warned = new Set<string>();
  for (const e of events) {
    switch (e.type) {
      case 'threat.launch':
        mark(e.threatId, e.t_s, 'launch', e.threatType);
        break;
      case 'warning.cue':
        if (e.threatId !== null && !warned.has(e.threatId)) {
          warned.add(e.threatId);
          mark(e.threatId, e.t_s, 'warning', e.source);
        }
        break;
      case 'sensor.firstDetection':
        mark(e.threatId, e.t_s, 'first detection', e.unitId);
        break;
      case 'track.confirmed': {
        const owner = owners.get(e.trackId) ?? null;
        if (owner !== null && !confirmed.has(owner)) {
          confirmed.set(owner, e.t_s);
          mark(owner, e.t_s, 'track confirmed', e.unitId);
        }
        break;
      }
      case 'interceptor.launch':
        if (e.threatId !== null)
          firstShot.set(e.threatId, minOrNull(firstShot.get(e.threatId) ?? null, e.t_s));
        mark(e.threatId, e.t_s, 'interceptor launch', e.interceptorId);
        break;
      case 'gun.burst':
        if (e.threatId !== null)
          firstShot.set(e.threatId, minOrNull(firstShot.get(e.threatId) ?? null, e.t_s));
        mark(e.threatId, e.t_s, 'gun burst', e.unitId);
        break;
      case 'interceptor.end':
        if (e.result === 'miss') mark(e.threatId, e.t_s, 'miss', e.interceptorId);
        break;
      case 'threat.killed':
        mark(e.threatId, e.t_s, 'killed', e.by ?? '');
        break;
      case 'threat.impact':
        mark(e.threatId, e.t_s, 'impact', e.assetId ?? '');
        break;
      case 'threat.failed':
        mark(e.threatId, e.t_s, 'failed', '');
        break;
      default:
        break;
    }
  }
  return { timeline, confirmed, firstShot };
}

/** Each interceptor, in launch order, with its path and how it ended. */
function interceptorViews(result: RunResult): InterceptorView[] {
  const interceptorPaths = new Map((result.paths?.interceptors ?? []).map((p) => [p.id, p]));
  const interceptors = new Map<string, InterceptorView>();
  for (const e of result.events) {
    if (e.type === 'interceptor.launch') {
      interceptors.set(e.interceptorId, {
        id: e.interceptorId,
        unitId: e.unitId,
        type: e.interceptorType,
        threatId: e.threatId,
        launch_s: e.t_s,
        end_s: null,
        result: null,
        endPoint: null,
        track: pathTrack(interceptorPaths.get(e.interceptorId)),
      });
    } else if (e.type === 'interceptor.end') {
      const launched = interceptors.get(e.interceptorId);
      if (launched)
        interceptors.set(e.interceptorId, { ...launched, end_s: e.t_s, result: e.result, endPoint: e.point });
    }
  }
  return [...interceptors.values()];
}
