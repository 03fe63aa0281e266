/**
 * @module analysis/replication
 * One Monte Carlo replication reduced to the few numbers the aggregate needs (`ReplicationResult`, small and
 * JSON-serialisable, so it is what the run store keeps and what workers send back), and the pure aggregation of
 * many of them into `McAggregate`: PRA (Wilson), leakers per asset, kills per threat class, interceptors fired and
 * per kill, cost-exchange, time to first intercept, magazine after each wave and per-threat fate frequencies, each
 * with a 95 % interval (docs/domain.md §3.1). The aggregate depends only on the set of results, never on their arrival
 * order or the worker count, and nothing is rounded.
 */

import { minOf } from '../math/extent.js';
import {
  MeanAccumulator,
  type MeanInterval,
  type ProportionInterval,
  wilsonInterval,
  Z95,
} from '../math/stats.js';
import type { Scenario } from '../scenario/types.js';
import { runScenario } from '../sim/engine.js';
import type { RunTotals, ThreatSummary } from '../sim/summary.js';
import type { SimEvent } from '../world/events.js';

/** Fate of one threat in one replication (the subset of `ThreatSummary` the aggregate reads). */
export interface ReplicationThreat {
  readonly id: string;
  /** Threat type (catalog id): the "threat class". */
  readonly type: string;
  readonly fate: ThreatSummary['fate'];
  readonly interceptorsFired: number;
}

/** What one replication contributes to a Monte Carlo aggregate. Replay it alone with `aspis run FILE --seed S --replication i`. */
export interface ReplicationResult {
  readonly replication: number;
  /** SHA-256 of the replication's canonical event log (the same as `aspis run --replication i` prints). */
  readonly hash: string;
  readonly totals: RunTotals;
  /** Impacts inside each asset's footprint. */
  readonly leakersPerAsset: Record<string, number>;
  readonly threats: ReplicationThreat[];
  /** Time of the first kill after scenario start, s; null when nothing was intercepted. */
  readonly firstIntercept_s: number | null;
  /**
   * Interceptors left in all SAM batteries (loaded + reserve) when the last threat of each raid met its fate
   * (scenario end for threats still airborne or never launched), by raid id.
   */
  readonly magazineAfterWave: Record<string, number>;
}

/** Interceptors a scenario starts with: every SAM launcher's loaded rounds plus the battery reserves. */
export function interceptorInventory(scenario: Scenario): number {
  let rounds = 0;
  for (const unit of scenario.units)
    if (unit.kind === 'sam-battery')
      for (const group of unit.launchers) rounds += group.count * group.loaded + group.reserve;
  return rounds;
}

/** Raid ids in scenario order (first appearance in the threat list). */
export function raidIds(scenario: Scenario): string[] {
  const ids: string[] = [];
  for (const launch of scenario.threats) if (!ids.includes(launch.raid)) ids.push(launch.raid);
  return ids;
}

/** End of each raid: latest fate time over its threats (scenario duration for those without a fate), s. */
function raidEndTimes(scenario: Scenario, threats: readonly ThreatSummary[]): Map<string, number> {
  const raidOf = new Map(scenario.threats.map((l) => [l.id, l.raid]));
  const ends = new Map<string, number>();
  for (const raid of raidIds(scenario)) ends.set(raid, 0);
  for (const t of threats) {
    const raid = raidOf.get(t.id);
    if (raid === undefined) continue;
    const end = t.fateTime_s ?? scenario.duration_s;
    if (end > ends.get(raid)!) ends.set(raid, end);
  }
  return ends;
}

/** Magazine left after each raid, from interceptor launches up to (and at) the raid's end time. */
function magazineAfterWaves(
  scenario: Scenario,
  threats: readonly ThreatSummary[],
  events: readonly SimEvent[],
): Record<string, number> {
  const inventory = interceptorInventory(scenario);
  const launchTimes: number[] = [];
  for (const e of events) if (e.type === 'interceptor.launch') launchTimes.push(e.t_s);
  const out: Record<string, number> = {};
  for (const [raid, end_s] of raidEndTimes(scenario, threats)) {
    let fired = 0;
    for (const t_s of launchTimes) if (t_s <= end_s) fired++;
    out[raid] = inventory - fired;
  }
  return out;
}

/**
 * Runs replication `replication` of `scenario` from root `seed` (the engine derives its stream from (seed,
 * replication) only) and reduces it to a `ReplicationResult`.
 * @example
 * ```ts
 * import { loadScenario, runReplication } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const r = runReplication(scenario, 1, 7); // replication 7 of the Monte Carlo seeded 1
 * console.log(r.hash, r.totals.killed);
 * ```
 */
export function runReplication(scenario: Scenario, seed: number, replication: number): ReplicationResult {
  const run = runScenario(scenario, { seed, replication });
  const summary = run.summary;
  return {
    replication,
    hash: run.hash,
    totals: summary.totals,
    leakersPerAsset: { ...summary.leakersPerAsset },
    threats: summary.threats.map((t) => ({
      id: t.id,
      type: t.type,
      fate: t.fate,
      interceptorsFired: t.interceptorsFired,
    })),
    firstIntercept_s: summary.firstIntercept_s,
    magazineAfterWave: magazineAfterWaves(scenario, summary.threats, run.events),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// aggregation

/** A mean with its 95 % interval and the count of values per integer outcome (index = outcome). */
export interface CountMeasure extends MeanInterval {
  /** histogram[k] = replications with exactly k. */
  readonly histogram: number[];
}

/** Kills of one threat class (catalog type). */
export interface ThreatClassMeasure {
  /** Threats of this class launched per replication (mean). */
  readonly launched: number;
  /** Kills per replication, mean and interval. */
  readonly kills: MeanInterval;
  /** Fraction of launched threats of this class killed, pooled over replications (Wilson). */
  readonly killFraction: ProportionInterval;
}

/** A ratio of two per-replication totals (ΣY/ΣX) with a delta-method 95 % interval; null when ΣX = 0. */
export interface RatioMeasure {
  readonly ratio: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** How often one threat met each fate. */
export interface ThreatFateMeasure {
  readonly id: string;
  readonly type: string;
  /** Replications per fate (only fates that occurred). */
  readonly fates: Partial<Record<ThreatSummary['fate'], number>>;
  /** Fraction of replications in which this threat was killed (Wilson). */
  readonly killed: ProportionInterval;
  /** Fraction in which it impacted (Wilson). */
  readonly impacted: ProportionInterval;
  /** Interceptors fired at it per replication. */
  readonly interceptorsFired: MeanInterval;
}

/** The Monte Carlo aggregate over `runs` replications; JSON-serialisable, nothing rounded. */
export interface McAggregate {
  readonly scenario: string;
  readonly runs: number;
  /** Probability of raid annihilation: every threat killed or failed, none impacting or still airborne (Wilson). */
  readonly pra: ProportionInterval;
  /** Probability that no threat impacted inside any asset footprint (Wilson). */
  readonly noLeakerOnAssets: ProportionInterval;
  /** Leakers on all assets per replication. */
  readonly leakers: CountMeasure;
  /** Leakers per asset per replication, by asset id. */
  readonly leakersPerAsset: Record<string, CountMeasure>;
  /** Kills per threat class, by threat type id. */
  readonly killsPerThreatClass: Record<string, ThreatClassMeasure>;
  readonly interceptorsFired: MeanInterval;
  /** Interceptors fired ÷ threats killed (ratio of totals; gun kills count as kills). */
  readonly interceptorsPerKill: RatioMeasure;
  /** Per-replication cost-exchange ratio: defender spend ÷ attacker spend (replications with attacker spend > 0). */
  readonly costExchange: MeanInterval;
  /** Time to first intercept over replications with one, s; `none` is the fraction with no intercept (Wilson). */
  readonly firstIntercept_s: MeanInterval & { readonly none: ProportionInterval };
  /** Interceptors left after each raid, by raid id: mean and minimum over replications. */
  readonly magazineAfterWave: Record<string, { readonly mean: number; readonly min: number }>;
  /** Interceptors the scenario starts with (loaded + reserve). */
  readonly magazineStart: number;
  /** Per-threat fate frequencies, in scenario threat order. */
  readonly threatFates: ThreatFateMeasure[];
  /** The replication with the most leakers on assets (ties: lowest index), for replay; null when runs = 0. */
  readonly worstReplication: number | null;
}

/** Whether every threat of the replication was defeated (killed or failed before impact). */
export function raidAnnihilated(result: ReplicationResult): boolean {
  return result.threats.every((t) => t.fate === 'killed' || t.fate === 'failed');
}

function countMeasure(values: readonly number[]): CountMeasure {
  const acc = new MeanAccumulator();
  const histogram: number[] = [];
  for (const v of values) {
    acc.push(v);
    while (histogram.length <= v) histogram.push(0);
    histogram[v]++;
  }
  return { ...acc.interval(), histogram };
}

function meanOf(values: readonly number[]): MeanInterval {
  const acc = new MeanAccumulator();
  for (const v of values) acc.push(v);
  return acc.interval();
}

/**
 * Ratio of totals R = ΣY/ΣX with the delta-method (linearisation) 95 % interval
 * R ± z·√(Σ(Yᵢ − R·Xᵢ)² / (n(n−1))) / X̄ (Cochran, Sampling Techniques, 3rd ed., §6.4).
 */
export function ratioOfTotals(ys: readonly number[], xs: readonly number[]): RatioMeasure {
  const n = xs.length;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += xs[i];
    sumY += ys[i];
  }
  if (sumX === 0) return { ratio: null, lo: null, hi: null };
  const ratio = sumY / sumX;
  if (n < 2) return { ratio, lo: ratio, hi: ratio };
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i] - ratio * xs[i];
    ss += r * r;
  }
  const half = (Z95 * Math.sqrt(ss / (n * (n - 1)))) / (sumX / n);
  return { ratio, lo: ratio - half, hi: ratio + half };
}

/** Kills per threat class over the replications, classes in first-appearance order of the scenario's threats. */
function killsPerClass(
  scenario: Scenario,
  sorted: readonly ReplicationResult[],
): Record<string, ThreatClassMeasure> {
  const n = sorted.length;
  const out: Record<string, ThreatClassMeasure> = {};
  const classes: string[] = [];
  for (const launch of scenario.threats) if (!classes.includes(launch.typeId)) classes.push(launch.typeId);
  for (const type of classes) {
    let launchedTotal = 0;
    let killedTotal = 0;
    const kills: number[] = [];
    for (const r of sorted) {
      let k = 0;
      for (const t of r.threats) {
        if (t.type !== type) continue;
        if (t.fate !== 'not-launched') launchedTotal++;
        if (t.fate === 'killed') k++;
      }
      killedTotal += k;
      kills.push(k);
    }
    out[type] = {
      launched: n === 0 ? 0 : launchedTotal / n,
      kills: meanOf(kills),
      killFraction: wilsonInterval(killedTotal, launchedTotal),
    };
  }
  return out;
}

/** The fate counts and shots of one launched threat over the replications. */
function threatFateOf(
  launch: Scenario['threats'][number],
  sorted: readonly ReplicationResult[],
): ThreatFateMeasure {
  const fates: Partial<Record<ThreatSummary['fate'], number>> = {};
  const shots: number[] = [];
  for (const r of sorted) {
    const t = r.threats.find((x) => x.id === launch.id);
    if (!t) continue;
    fates[t.fate] = (fates[t.fate] ?? 0) + 1;
    shots.push(t.interceptorsFired);
  }
  return {
    id: launch.id,
    type: launch.typeId,
    fates,
    killed: wilsonInterval(fates.killed ?? 0, shots.length),
    impacted: wilsonInterval(fates.impacted ?? 0, shots.length),
    interceptorsFired: meanOf(shots),
  };
}

/** The first replication (by index) with the most leakers on assets, or null for none. */
function worstReplicationOf(sorted: readonly ReplicationResult[]): number | null {
  let worst: number | null = null;
  let worstLeakers = -1;
  for (const r of sorted) {
    if (r.totals.leakersOnAssets > worstLeakers) {
      worstLeakers = r.totals.leakersOnAssets;
      worst = r.replication;
    }
  }
  return worst;
}

/**
 * Aggregates replications into the Monte Carlo measures. Pure and deterministic: results are sorted by
 * replication index first, so any arrival order (any worker count) gives byte-identical JSON.
 * @param scenario the compiled scenario the results came from (asset, raid and threat order, inventory)
 * @example
 * ```ts
 * import { aggregateReplications, loadScenario, runReplication } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const results = [0, 1, 2].map((i) => runReplication(scenario, 1, i));
 * console.log(aggregateReplications(scenario, results).pra);
 * ```
 */
export function aggregateReplications(
  scenario: Scenario,
  results: readonly ReplicationResult[],
): McAggregate {
  const sorted = [...results].sort((a, b) => a.replication - b.replication);
  const n = sorted.length;

  const annihilated = sorted.filter(raidAnnihilated).length;
  const clean = sorted.filter((r) => r.totals.leakersOnAssets === 0).length;
  const leakers = countMeasure(sorted.map((r) => r.totals.leakersOnAssets));
  const leakersPerAsset: Record<string, CountMeasure> = {};
  for (const asset of scenario.assets)
    leakersPerAsset[asset.id] = countMeasure(sorted.map((r) => r.leakersPerAsset[asset.id] ?? 0));
  const killsPerThreatClass = killsPerClass(scenario, sorted);

  const fired = sorted.map((r) => r.totals.interceptorsFired);
  const killed = sorted.map((r) => r.totals.killed);
  const cer = sorted
    .filter((r) => r.totals.costAttacker_usd > 0)
    .map((r) => r.totals.costDefender_usd / r.totals.costAttacker_usd);
  const intercepts = sorted.filter((r) => r.firstIntercept_s !== null).map((r) => r.firstIntercept_s!);

  const magazineAfterWave: Record<string, { mean: number; min: number }> = {};
  for (const raid of raidIds(scenario)) {
    const left = sorted.map((r) => r.magazineAfterWave[raid] ?? 0);
    magazineAfterWave[raid] = { mean: meanOf(left).mean, min: n === 0 ? 0 : minOf(left) };
  }
  const threatFates = scenario.threats.map((launch) => threatFateOf(launch, sorted));

  return {
    scenario: scenario.name,
    runs: n,
    pra: wilsonInterval(annihilated, n),
    noLeakerOnAssets: wilsonInterval(clean, n),
    leakers,
    leakersPerAsset,
    killsPerThreatClass,
    interceptorsFired: meanOf(fired),
    interceptorsPerKill: ratioOfTotals(fired, killed),
    costExchange: meanOf(cer),
    firstIntercept_s: { ...meanOf(intercepts), none: wilsonInterval(n - intercepts.length, n) },
    magazineAfterWave,
    magazineStart: interceptorInventory(scenario),
    threatFates,
    worstReplication: worstReplicationOf(sorted),
  };
}
