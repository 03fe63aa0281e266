/**
 * Monte Carlo benchmark: replications per second of `runMonteCarlo` on the Al Asad one-battery scenario with 1
 * worker (in-process) and 2 worker threads, measured in the same run; the scaling ratio and the projected wall time
 * for 10,000 replications (target: under 60 s on 2 cores). Both runs use the same seed and replication count, so
 * their aggregates must be identical (checked). Writes JSON to bench/results/mc.json. Run with `npm run bench:mc`;
 * `ASPIS_BENCH_MC_RUNS` sets the replications per measurement (default 200).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { packageRoot } from '../src/scenario/catalog.js';

/** Replications the target asks for, and the wall time allowed, s. */
const TARGET_RUNS = 10_000;
const TARGET_SECONDS = 60;

interface McMeasurement {
  readonly workers: number;
  readonly replications: number;
  readonly seconds: number;
  readonly replicationsPerSecond: number;
  /** Projected wall time for 10,000 replications at this rate, s. */
  readonly projected10k_s: number;
}

const root = packageRoot();
const scenario = join(root, 'scenarios', 'al-asad-2020.yaml');
const runs = Number(process.env.ASPIS_BENCH_MC_RUNS ?? 200);

async function measure(workers: number): Promise<{ row: McMeasurement; aggregate: string }> {
  const start = process.hrtime.bigint();
  const result = await runMonteCarlo(scenario, { runs, workers, seed: 1 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = result.runs / seconds;
  return {
    row: {
      workers,
      replications: result.runs,
      seconds,
      replicationsPerSecond: rate,
      projected10k_s: TARGET_RUNS / rate,
    },
    aggregate: JSON.stringify(result.aggregate),
  };
}

// warm-up in-process (JIT, aimpoint caches); worker start-up stays inside the 2-worker measurement
await runMonteCarlo(scenario, { runs: 5, seed: 99 });
const one = await measure(1);
const two = await measure(2);
const scaling = two.row.replicationsPerSecond / one.row.replicationsPerSecond;
const identical = one.aggregate === two.aggregate;

console.log(
  `aspis Monte Carlo benchmark — al-asad-2020, ${runs} replications (${availableParallelism()} cores)`,
);
console.log('workers  replications  seconds  repl/s   projected 10k');
for (const r of [one.row, two.row])
  console.log(
    `${String(r.workers).padStart(7)}  ${String(r.replications).padStart(12)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.replicationsPerSecond.toFixed(1).padStart(6)}   ${r.projected10k_s.toFixed(0)} s`,
  );
console.log(`scaling 2 vs 1 workers: ×${scaling.toFixed(2)}; aggregates identical: ${identical}`);
console.log(
  `target: ${TARGET_RUNS} replications in < ${TARGET_SECONDS} s on 2 cores → ${two.row.projected10k_s < TARGET_SECONDS ? 'met' : 'not met'}`,
);

const out = join(root, 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'mc.json'),
  `${JSON.stringify(
    {
      node: process.version,
      cores: availableParallelism(),
      scenario: 'scenarios/al-asad-2020.yaml',
      target: { replications: TARGET_RUNS, seconds: TARGET_SECONDS },
      rows: [one.row, two.row],
      scaling,
      aggregatesIdentical: identical,
    },
    null,
    2,
  )}\n`,
);
if (!identical) {
  console.error('aggregates differ between 1 and 2 workers');
  process.exitCode = 1;
}
