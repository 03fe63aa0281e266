/**
 * @module server/mcView
 * What the web app shows of stored runs beyond a replay: a Monte Carlo batch as the MC report reads it
 * (`GET /api/runs/:id/mc`: the stored aggregate, the defender spend per replication, the per-replication values the
 * histograms draw, the median example) and two runs side by side (`GET /api/compare`: killed, leakers, interceptors
 * and defender cost, each a mean with its 95 % interval, and the difference b − a with its own interval). Nothing is
 * re-simulated: the numbers come from the stored aggregate (`analysis/replication`) and the stored replication
 * summaries, with the interval rules of `math/stats`.
 */
import type { McAggregate, ReplicationResult } from '../analysis/replication.js';
import { type MeanInterval, meanInterval, type ProportionInterval, quantile95 } from '../math/stats.js';
import { medianLeakerReplication } from '../report/mcAnswer.js';
import { parseScenario } from '../scenario/load.js';
import type { RunTotals } from '../sim/summary.js';
import type { RunRow, RunStore } from '../store/runStore.js';
import type {
  CompareMeasure,
  CompareResponse,
  CompareSide,
  McReplicationRow,
  McViewResponse,
  ReplayGeometry,
} from './api.js';
import { scenarioGeometry } from './replay.js';

/** The map geometry of a stored run's scenario, or why there is none. */
function geometryOf(
  store: RunStore,
  run: RunRow,
): { geometry: ReplayGeometry | null; geometryError: string | null } {
  const scenario = store.getScenario(run.scenarioHash);
  if (!scenario) return { geometry: null, geometryError: `scenario ${run.scenarioHash} is not in the store` };
  try {
    return {
      geometry: scenarioGeometry(parseScenario(scenario.yaml, run.scenarioFile)),
      geometryError: null,
    };
  } catch (err) {
    return { geometry: null, geometryError: err instanceof Error ? err.message : String(err) };
  }
}

/** The stored replications of a batch, in index order (the summary column holds a `ReplicationResult`). */
function storedReplications(store: RunStore, runId: string): ReplicationResult[] {
  return store
    .listReplications(runId)
    .map((r) => r.summary as ReplicationResult)
    .sort((x, y) => x.replication - y.replication);
}

/**
 * `GET /api/runs/:id/mc`: the batch's stored aggregate with the defender spend per replication (as `aspis mc`'s
 * report adds it), one row per replication and the median example; null when `run` is not a batch with an aggregate.
 * @example
 * ```ts
 * import { buildMcView } from 'aspis/server/mcView'; // internal: GET /api/runs/:id/mc answers it
 * const view = buildMcView(store, store.getRun('run-000002')!);
 * ```
 */
export function buildMcView(store: RunStore, run: RunRow): McViewResponse | null {
  if (run.kind !== 'mc') return null;
  const aggregate = store.getAggregate(run.id) as McAggregate | null;
  if (aggregate === null) return null;
  // the aggregate covers replications 0..runs−1 (a resumed or stopped batch may hold more rows than it aggregated)
  const results = storedReplications(store, run.id).filter((r) => r.replication < aggregate.runs);
  const replications: McReplicationRow[] = results.map((r) => ({
    replication: r.replication,
    hash: r.hash,
    launched: r.totals.launched,
    killed: r.totals.killed,
    leakersOnAssets: r.totals.leakersOnAssets,
    interceptorsFired: r.totals.interceptorsFired,
    costDefender_usd: r.totals.costDefender_usd,
  }));
  const example = medianLeakerReplication(
    results.map((r) => ({ replication: r.replication, leakers: r.totals.leakersOnAssets })),
  );
  return {
    run,
    report: { ...aggregate, defenderCost_usd: meanInterval(results.map((r) => r.totals.costDefender_usd)) },
    replications,
    example: example && { replication: example.replication, leakers: example.leakers, label: example.label },
    ...geometryOf(store, run),
  };
}

/** A mean with its interval as the compare view needs it. */
type Estimate = CompareMeasure['a'] & { readonly sd: number };

/** One exact value (a single run): a point, n = 1. */
function exact(x: number): Estimate {
  return { mean: x, lo: x, hi: x, n: 1, sd: 0 };
}

function estimateOf(m: MeanInterval): Estimate {
  return { mean: m.mean, lo: m.lo, hi: m.hi, n: m.n, sd: m.sd };
}

/**
 * Difference b − a of two independent means with the Welch 95 % interval d ± q·√(s²ₐ/nₐ + s²ᵦ/nᵦ), q from
 * `quantile95` of the smaller sample (conservative degrees of freedom); a single run contributes no variance.
 * @example
 * ```ts
 * meanDifference({ mean: 2, sd: 1, n: 100 }, { mean: 3, sd: 1, n: 100 }); // { mean: 1, lo: 0.72…, hi: 1.27… }
 * ```
 */
export function meanDifference(
  a: Pick<MeanInterval, 'mean' | 'sd' | 'n'>,
  b: Pick<MeanInterval, 'mean' | 'sd' | 'n'>,
): CompareMeasure['delta'] {
  const d = b.mean - a.mean;
  const sampled = [a, b].filter((x) => x.n >= 2);
  if (sampled.length === 0) return { mean: d, lo: d, hi: d };
  const se = Math.sqrt(sampled.reduce((sum, x) => sum + (x.sd * x.sd) / x.n, 0));
  const q = quantile95(sampled.length === 2 ? Math.min(a.n, b.n) : sampled[0].n);
  return { mean: d, lo: d - q * se, hi: d + q * se };
}

/**
 * Difference b − a of two independent proportions with Newcombe's hybrid score interval (Newcombe 1998, Stat. Med.
 * 17:873, method 10), built from each side's Wilson interval: it stays within [−1, 1] and behaves at p = 0 or 1.
 * @example
 * ```ts
 * proportionDifference({ p: 0.5, lo: 0.3, hi: 0.7 }, { p: 0.8, lo: 0.6, hi: 0.9 }); // mean 0.3
 * ```
 */
export function proportionDifference(a: ProportionInterval, b: ProportionInterval): CompareMeasure['delta'] {
  const d = b.p - a.p;
  return {
    mean: d,
    lo: d - Math.sqrt((b.p - b.lo) ** 2 + (a.hi - a.p) ** 2),
    hi: d + Math.sqrt((b.hi - b.p) ** 2 + (a.p - a.lo) ** 2),
  };
}

/** The headline estimates of one stored run: exact totals of a single run, means over a batch's replications. */
interface Headline {
  readonly side: CompareSide;
  readonly killed: Estimate;
  readonly leakers: Estimate;
  readonly interceptors: Estimate;
  readonly cost: Estimate;
  readonly pra: ProportionInterval | null;
}

function headlineOf(store: RunStore, run: RunRow): Headline {
  const { geometry } = geometryOf(store, run);
  if (run.kind === 'mc') {
    const aggregate = store.getAggregate(run.id) as McAggregate | null;
    const results = storedReplications(store, run.id).filter(
      (r) => aggregate === null || r.replication < aggregate.runs,
    );
    const over = (pick: (t: RunTotals) => number) =>
      estimateOf(meanInterval(results.map((r) => pick(r.totals))));
    return {
      side: { run, replications: results.length, geometry },
      killed: over((t) => t.killed),
      // leakers and interceptors as the stored aggregate has them
      leakers: aggregate ? estimateOf(aggregate.leakers) : over((t) => t.leakersOnAssets),
      interceptors: aggregate ? estimateOf(aggregate.interceptorsFired) : over((t) => t.interceptorsFired),
      cost: over((t) => t.costDefender_usd),
      pra: aggregate?.pra ?? null,
    };
  }
  const first = store.listReplications(run.id)[0];
  const totals = (first?.summary as { totals?: RunTotals } | null | undefined)?.totals;
  const value = (pick: (t: RunTotals) => number) => exact(totals ? pick(totals) : 0);
  return {
    side: { run, replications: first ? 1 : 0, geometry },
    killed: value((t) => t.killed),
    leakers: value((t) => t.leakersOnAssets),
    interceptors: value((t) => t.interceptorsFired),
    cost: value((t) => t.costDefender_usd),
    pra: null,
  };
}

function measure(
  key: CompareMeasure['key'],
  label: string,
  unit: CompareMeasure['unit'],
  a: Estimate,
  b: Estimate,
): CompareMeasure {
  const shown = ({ mean, lo, hi, n }: Estimate) => ({ mean, lo, hi, n });
  return { key, label, unit, a: shown(a), b: shown(b), delta: meanDifference(a, b) };
}

/**
 * `GET /api/compare`: two stored runs (single or Monte Carlo, in any mix) side by side, b − a.
 * @example
 * ```ts
 * import { buildCompare } from 'aspis/server/mcView'; // internal: GET /api/compare answers it
 * const cmp = buildCompare(store, store.getRun('run-000001')!, store.getRun('run-000002')!);
 * ```
 */
export function buildCompare(store: RunStore, runA: RunRow, runB: RunRow): CompareResponse {
  const a = headlineOf(store, runA);
  const b = headlineOf(store, runB);
  const measures = [
    measure('killed', 'threats killed', 'count', a.killed, b.killed),
    measure('leakers', 'leakers on assets', 'count', a.leakers, b.leakers),
    measure('interceptors', 'interceptors fired', 'count', a.interceptors, b.interceptors),
    measure('cost', 'defender cost', 'usd', a.cost, b.cost),
  ];
  if (a.pra && b.pra) {
    const n = (h: Headline) => h.side.replications;
    measures.push({
      key: 'pra',
      label: 'probability of raid annihilation (PRA)',
      unit: 'probability',
      a: { mean: a.pra.p, lo: a.pra.lo, hi: a.pra.hi, n: n(a) },
      b: { mean: b.pra.p, lo: b.pra.lo, hi: b.pra.hi, n: n(b) },
      delta: proportionDifference(a.pra, b.pra),
    });
  }
  return { a: a.side, b: b.side, measures };
}
