/**
 * @module scenario/work
 * Work limits, checked before anything runs (docs/limits.md). A compiled scenario gives a coarse estimate of the
 * engine's work, in *work units* (≈ one inner-loop step of the engine: an integration step, a detection, a tracker
 * gate test): threat integration steps, radar dwells, detections, false alarms, tracker association pairs and
 * interceptor integration steps. Above a configurable limit (`--max-events`; the server's default is lower) the run is
 * refused with a coded `E_WORK_LIMIT` error naming the fields that drive the estimate, so a small file that would
 * keep the engine busy for hours is answered at once. `checkRoundCount` runs on the parsed file *before* raids are
 * expanded, so 10,000 raids × 10,000 rounds cost nothing to refuse.
 */
import { AspisError } from '../errors.js';
import { groundRange_m } from '../geo/groundRange.js';
import type { Geodetic, Radar, Scenario, ThreatLaunch, ThreatType } from './types.js';

/** Most rounds a scenario may launch in all (every round is tracked individually; docs/limits.md). */
export const MAX_ROUNDS = 100_000;

/** Default work limit of the CLI (`--max-events`), work units: minutes of engine time on a laptop core. */
export const DEFAULT_MAX_EVENTS = 2e9;

/** Default work limit of `aspis serve` (lower: one request should not hold a worker for long), work units. */
export const SERVER_MAX_EVENTS = 2e8;

/** Step of the threat flight integration used for the estimate, s (the ballistic model's atmospheric step). */
const THREAT_STEP_s = 0.25;

/** Standard gravity, m/s², for the ballistic flight-time estimate. */
const GRAVITY_mps2 = 9.80665;

/** Longest flight of any threat the models integrate, s (the ballistic model's `maxFlight_s`). */
const MAX_THREAT_FLIGHT_s = 3600;

/** One term of the estimate: what it counts, how many work units, and the fields that drive it. */
export interface WorkTerm {
  /** Short name (`threat steps`, `radar dwells`, `false alarms`, `association`, `interceptor steps`). */
  readonly name: string;
  /** Work units of this term. */
  readonly units: number;
  /** Scenario field paths that drive it (`step`, `units[0].radar`, `threats`). */
  readonly paths: readonly string[];
  /** One line for people: the numbers behind it. */
  readonly detail: string;
}

/** The work estimate of one replication. */
export interface WorkEstimate {
  /** Sum of the terms, work units. */
  readonly total: number;
  /** The terms, largest first. */
  readonly terms: readonly WorkTerm[];
}

/**
 * Refuses a parsed scenario file whose raids add up to more than `maxRounds` rounds, before any raid is expanded.
 * @param counts `count` of each raid in file order (`threats[i].count`)
 * @throws AspisError `E_WORK_LIMIT` at `threats[i].count` of the largest raid
 */
export function checkRoundCount(counts: readonly number[], maxRounds: number = MAX_ROUNDS): void {
  let total = 0;
  let largest = 0;
  for (let i = 0; i < counts.length; i++) {
    total += counts[i];
    if (counts[i] > counts[largest]) largest = i;
  }
  if (total <= maxRounds) return;
  throw new AspisError(
    'E_WORK_LIMIT',
    `threats[${largest}].count`,
    `${total} rounds in all (${counts.length} raids, the largest ${counts[largest]}) exceed the limit of ` +
      `${maxRounds} rounds per scenario; split the raids over several scenarios or lower their counts`,
  );
}

/** Straight-line ground path length from launch through the waypoints to the aimpoint, m. */
function pathLength_m(launch: ThreatLaunch): number {
  let length_m = 0;
  let previous: Geodetic = launch.from;
  for (const point of [...launch.waypoints, launch.aim]) {
    length_m += groundRange_m(previous, point);
    previous = point;
  }
  return length_m;
}

/**
 * Estimated flight time of one round, s: path length over cruise speed for drones and cruise missiles; the flat-Earth
 * 45° time of flight √(2R/g) plus the burn for ballistic missiles and rockets (docs/limits.md).
 */
export function estimateFlight_s(launch: ThreatLaunch, type: ThreatType): number {
  const range_m = pathLength_m(launch);
  if (type.kind === 'drone' || type.kind === 'cruise') return range_m / type.speed_mps;
  return Math.sqrt((2 * range_m) / GRAVITY_mps2) + type.burnTime_s;
}

/** Every radar of the scenario with the path of its placement (`units[0].radar`, `units[0].extraRadars[1]`). */
function radarsWithPaths(scenario: Scenario): { radar: Radar; path: string }[] {
  const radars: { radar: Radar; path: string }[] = [];
  scenario.units.forEach((unit, u) => {
    radars.push({ radar: unit.radar, path: `units[${u}].radar` });
    (unit.extraRadars ?? []).forEach((radar, k) => {
      radars.push({ radar, path: `units[${u}].extraRadars[${k}]` });
    });
  });
  return radars;
}

/** ∫ A(t)·(A(t)+a)… over the run: pieces of constant "threats in the air" count, from launch/end times. */
interface AirborneProfile {
  /** ∫ A dt, threat-seconds. */
  readonly threatSeconds: number;
  /** Piecewise-constant A(t): counts and durations, s. */
  readonly counts: Float64Array;
  readonly durations_s: Float64Array;
  /** Largest number of threats in the air at once. */
  readonly peak: number;
}

/** Threats in the air over time, from each round's launch time and estimated flight (clipped to the run). */
function airborneProfile(scenario: Scenario): AirborneProfile {
  const n = scenario.threats.length;
  const times = new Float64Array(2 * n);
  const deltas = new Int8Array(2 * n);
  let threatSeconds = 0;
  scenario.threats.forEach((launch, i) => {
    const type = scenario.threatTypes[launch.typeId];
    const start_s = launch.launchTime_s;
    const end_s = Math.min(
      scenario.duration_s,
      start_s + Math.min(MAX_THREAT_FLIGHT_s, estimateFlight_s(launch, type)),
    );
    times[2 * i] = start_s;
    deltas[2 * i] = 1;
    times[2 * i + 1] = Math.max(start_s, end_s);
    deltas[2 * i + 1] = -1;
    threatSeconds += Math.max(0, end_s - start_s);
  });
  const order = Array.from({ length: 2 * n }, (_, k) => k).sort(
    (a, b) => times[a] - times[b] || deltas[a] - deltas[b],
  );
  const counts = new Float64Array(2 * n);
  const durations_s = new Float64Array(2 * n);
  let airborne = 0;
  let peak = 0;
  for (let k = 0; k < order.length; k++) {
    airborne += deltas[order[k]];
    peak = Math.max(peak, airborne);
    const next_s = k + 1 < order.length ? times[order[k + 1]] : times[order[k]];
    counts[k] = airborne;
    durations_s[k] = next_s - times[order[k]];
  }
  return { threatSeconds, counts, durations_s, peak };
}

/**
 * Estimates the engine work of one replication of `scenario` (docs/limits.md): cheap, O(rounds · log rounds), and
 * never runs the engine. The estimate is coarse (a factor of a few either way) but grows the way the engine does.
 * @example
 * ```ts
 * import { estimateWork, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * for (const term of estimateWork(scenario).terms) console.log(term.name, term.units, term.detail);
 * ```
 */
export function estimateWork(scenario: Scenario): WorkEstimate {
  const terms: WorkTerm[] = [];
  const duration_s = scenario.duration_s;
  const rounds = scenario.threats.length;
  const profile = airborneProfile(scenario);
  const raids = new Set(scenario.threats.map((t) => t.raid)).size;
  terms.push({
    name: 'threat steps',
    units: profile.threatSeconds / THREAT_STEP_s + 2 * rounds,
    paths: ['threats'],
    detail: `${rounds} rounds in ${raids} raids, ${Math.round(profile.threatSeconds)} threat-seconds of flight`,
  });
  // a false alarm lives as a tentative track for up to N scans, and, when confirmed (M = 1), for deleteMisses more
  const falseTrackScans = scenario.tracker.confirmN + scenario.tracker.deleteMisses;
  for (const { radar, path } of radarsWithPaths(scenario)) {
    const scan_s = radar.type.scanInterval_s;
    const falseAlarms = radar.type.falseAlarmsPerScan;
    const dwells = duration_s / scan_s;
    const why = `radar type '${radar.type.id}': scanInterval_s ${scan_s} s over ${duration_s} s`;
    terms.push({
      name: 'radar dwells',
      units: dwells,
      paths: [path],
      detail: `${dwells.toExponential(2)} dwells, ${why}`,
    });
    terms.push({
      name: 'detections',
      units: profile.threatSeconds / scan_s,
      paths: [path, 'threats'],
      detail: `${Math.round(profile.threatSeconds)} threat-seconds / scanInterval_s ${scan_s} s`,
    });
    if (falseAlarms > 0)
      terms.push({
        name: 'false alarms',
        units: falseAlarms * dwells,
        paths: [path],
        detail: `falseAlarmsPerScan ${falseAlarms} × ${dwells.toExponential(2)} dwells, ${why}`,
      });
    // tracker gate tests: (tracks) × (detections) per dwell
    let pairs = 0;
    for (let k = 0; k < profile.counts.length; k++) {
      const airborne = profile.counts[k];
      pairs +=
        ((airborne + falseAlarms) * (airborne + falseAlarms * falseTrackScans) * profile.durations_s[k]) /
        scan_s;
    }
    const quiet_s = Math.max(0, duration_s - profile.durations_s.reduce((sum, d) => sum + d, 0));
    pairs += (falseAlarms * falseAlarms * falseTrackScans * quiet_s) / scan_s;
    terms.push({
      name: 'association',
      units: pairs,
      paths: [path, 'threats'],
      detail: `up to ${profile.peak} threats in the air at once, ${falseAlarms} false alarms per scan, ${why}`,
    });
  }
  scenario.units.forEach((unit, u) => {
    if (unit.kind !== 'sam-battery') return;
    unit.launchers.forEach((group, g) => {
      const rounds = group.count * group.loaded + group.reserve;
      const steps = (rounds * group.interceptor.maxFlightTime_s) / scenario.step_s;
      terms.push({
        name: 'interceptor steps',
        units: steps,
        paths: ['step', `units[${u}].launchers[${g}]`],
        detail: `${rounds} rounds × maxFlightTime_s ${group.interceptor.maxFlightTime_s} s / step ${scenario.step_s} s`,
      });
    });
  });
  terms.sort((a, b) => b.units - a.units);
  return { total: terms.reduce((sum, t) => sum + t.units, 0), terms };
}

/**
 * Refuses a scenario whose estimated work exceeds `maxEvents` work units.
 * @returns the estimate, when within the limit
 * @throws AspisError `E_WORK_LIMIT` naming the paths of the largest term and the numbers behind it
 * @example
 * ```ts
 * import { checkWork, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const work = checkWork(scenario); // throws E_WORK_LIMIT when the run would be too large
 * console.log(work.total);
 * ```
 */
export function checkWork(scenario: Scenario, maxEvents: number = DEFAULT_MAX_EVENTS): WorkEstimate {
  const estimate = estimateWork(scenario);
  if (estimate.total <= maxEvents) return estimate;
  const top = estimate.terms[0];
  throw new AspisError(
    'E_WORK_LIMIT',
    top.paths.join(', '),
    `estimated ${estimate.total.toExponential(2)} work units exceed the limit of ${maxEvents.toExponential(2)} ` +
      `(--max-events); most of it is ${top.name}: ${top.detail}. See docs/limits.md`,
  );
}
