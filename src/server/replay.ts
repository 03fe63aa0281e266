/**
 * @module server/replay
 * The replay of one stored replication: the scenario's geometry (assets, units with their radar wedge and weapon
 * reach, compiled again from the stored scenario text), the event log, the recorded paths and each threat's story
 * (`outcome/`: the outcome record, its verdict and its timeline; nothing is derived here).
 */

import { maxOf } from '../math/extent.js';
import { thinnedIndices } from '../math/thin.js';
import { buildStories, type StoryTiming, storyTimingOf } from '../outcome/index.js';
import { parseScenario } from '../scenario/load.js';
import type { DefenseUnit, Scenario } from '../scenario/types.js';
import type { RunRow, StoredReplication } from '../store/runStore.js';
import type { SimEvent } from '../world/events.js';
import type { PathRecord, RunPaths } from '../world/paths.js';
import type { ReplayGeometry, ReplayResponse, ReplayUnit } from './api.js';

const RAD_TO_DEG = 180 / Math.PI;

/**
 * Most samples of one path sent to the browser (issue 12: a 320-threat night's paths are ~22 MB of JSON, a drone
 * flying 80 min at the engine's 2 s sampling has 2,400 samples). Longer paths are thinned by `decimatePath`; the
 * run store, the reports and the exports keep every sample.
 */
export const REPLAY_MAX_POINTS_PER_PATH = 500;

/**
 * A path with at most `maxPoints` samples, thinned by the one rule of `math/thin` (launch and end stay exact);
 * shorter paths are returned as they are.
 */
export function decimatePath(path: PathRecord, maxPoints = REPLAY_MAX_POINTS_PER_PATH): PathRecord {
  if (path.t_s.length <= maxPoints || maxPoints < 2) return path;
  const keep = thinnedIndices(path.t_s.length, maxPoints);
  const pick = (a: readonly number[]): number[] => keep.map((i) => a[i]);
  return {
    ...path,
    t_s: pick(path.t_s),
    lat_deg: pick(path.lat_deg),
    lon_deg: pick(path.lon_deg),
    alt_m: pick(path.alt_m),
  };
}

/** Replay time before the first event and after the last, s. */
const SPAN_MARGIN_s = 20;

function unitGeometry(unit: DefenseUnit): ReplayUnit {
  const radar = unit.radar;
  const sector = {
    center_deg: radar.sectorCenter_rad * RAD_TO_DEG,
    width_deg: radar.type.sectorWidth_rad * RAD_TO_DEG,
    range_m: radar.type.maxRange_m,
    minElevation_deg: radar.type.minElevation_rad * RAD_TO_DEG,
    maxElevation_deg: radar.type.maxElevation_rad * RAD_TO_DEG,
  };
  const common = {
    id: unit.id,
    kind: unit.kind,
    lat_deg: unit.position.lat_rad * RAD_TO_DEG,
    lon_deg: unit.position.lon_rad * RAD_TO_DEG,
    alt_m: unit.position.h_m,
    sector,
  };
  if (unit.kind === 'sam-battery') {
    const interceptors = [...new Set(unit.launchers.map((l) => l.interceptor.id))].join(', ');
    return {
      ...common,
      coverage_m: Math.max(0, maxOf(unit.launchers.map((l) => l.interceptor.maxInterceptRange_m))),
      description: `SAM battery: ${radar.type.id} radar, ${interceptors}`,
    };
  }
  return {
    ...common,
    coverage_m: unit.gun.engagementRadius_m,
    description: `C-RAM: ${radar.type.id} radar, ${unit.gun.id}`,
  };
}

/** The map geometry of a compiled scenario (degrees and metres). */
export function scenarioGeometry(scenario: Scenario): ReplayGeometry {
  return {
    name: scenario.name,
    description: scenario.description,
    start: scenario.start,
    duration_s: scenario.duration_s,
    assets: scenario.assets.map((a) => ({
      id: a.id,
      name: a.name,
      lat_deg: a.position.lat_rad * RAD_TO_DEG,
      lon_deg: a.position.lon_rad * RAD_TO_DEG,
      radius_m: a.radius_m,
      value: a.value,
    })),
    units: scenario.units.map(unitGeometry),
  };
}

/** Parses a stored JSONL event log. */
export function parseEventLog(jsonl: string): SimEvent[] {
  const events: SimEvent[] = [];
  for (const line of jsonl.split('\n')) if (line.trim() !== '') events.push(JSON.parse(line) as SimEvent);
  return events;
}

/** Time window of a replay: first event − margin … last event (or path sample) + margin, clamped at 0. */
export function replaySpan(
  events: readonly SimEvent[],
  paths: RunPaths | null,
): { start_s: number; end_s: number } {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    first = Math.min(first, e.t_s);
    last = Math.max(last, e.t_s);
  }
  for (const p of [...(paths?.threats ?? []), ...(paths?.interceptors ?? [])]) {
    if (p.t_s.length === 0) continue;
    first = Math.min(first, p.t_s[0]);
    last = Math.max(last, p.t_s[p.t_s.length - 1]);
  }
  if (!Number.isFinite(first)) return { start_s: 0, end_s: 0 };
  return { start_s: Math.max(0, first - SPAN_MARGIN_s), end_s: last + SPAN_MARGIN_s };
}

/**
 * Assembles the replay of a stored replication (which must hold its event log).
 * @param scenarioYaml the stored scenario text, or null when the store lost it
 */
export function buildReplay(
  run: RunRow,
  replication: StoredReplication & { events: string },
  scenarioYaml: string | null,
): ReplayResponse {
  let geometry: ReplayGeometry | null = null;
  let geometryError: string | null = null;
  // the stored scenario also gives the stories each unit's engagement timing ("detected late" in seconds)
  let timing: StoryTiming | undefined;
  if (scenarioYaml === null) geometryError = `scenario ${run.scenarioHash} is not in the store`;
  else {
    try {
      const scenario = parseScenario(scenarioYaml, run.scenarioFile);
      geometry = scenarioGeometry(scenario);
      timing = storyTimingOf(scenario);
    } catch (err) {
      geometryError = err instanceof Error ? err.message : String(err);
    }
  }
  const events = parseEventLog(replication.events);
  const stored = (replication.paths ?? null) as RunPaths | null;
  // thinned for the browser (REPLAY_MAX_POINTS_PER_PATH); first and last samples kept, so the span is unchanged
  const paths: RunPaths | null =
    stored === null
      ? null
      : {
          threats: stored.threats.map((p) => decimatePath(p)),
          interceptors: stored.interceptors.map((p) => decimatePath(p)),
        };
  return {
    run,
    replication: replication.replication,
    hash: replication.hash,
    summary: replication.summary,
    geometry,
    geometryError,
    events,
    paths,
    stories: buildStories(events, timing),
    span: replaySpan(events, paths),
  };
}
