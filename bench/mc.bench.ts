/**
 * Monte Carlo benchmark (issue 12, "ten thousand nights in a minute"). Measures, in one run and so on the same
 * machine load:
 * 1. the in-process cost of one replication of the default scenario (al-asad-2020) and of the same raid with no
 *    defense (al-asad-2020-no-defense), wall and CPU ms — the goal is defended ≤ 2 × undefended;
 * 2. `runMonteCarlo` with 1 worker (in this thread) and 2 workers on the default scenario, the same seed and count:
 *    start-up (time to the first result), steady rate after it, and the projected wall time of 10,000 replications
 *    (start-up + 10,000 at the steady rate) — the goal is < 60 s on 2 cores;
 * 3. that both aggregates and every replication hash are identical (the goal: any worker count, same result).
 * Each goal is printed as measured / goal. Writes JSON to bench/results/mc.json. Run with `npm run bench:mc`;
 * `ASPIS_BENCH_MC_RUNS` sets the replications per Monte Carlo measurement (default 200), `ASPIS_BENCH_REPS` those
 * of the in-process measurement (default 20). On a shared machine CPU ms is the steadier number.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { runScenario } from '../src/sim/engine.js';

/** Replications the target asks for, and the wall time allowed, s. */
const TARGET_RUNS = 10_000;
const TARGET_SECONDS = 60;
/** Allowed cost of a defended replication relative to the undefended one. */
const TARGET_DEFENSE_RATIO = 2;

interface InProcess {
  readonly scenario: string;
  readonly replications: number;
  readonly wallMsPerReplication: number;
  readonly cpuMsPerReplication: number;
}

interface McMeasurement {
  readonly workers: number;
  readonly replications: number;
  readonly seconds: number;
  readonly replicationsPerSecond: number;
  /** Wall time to the first completed replication (module load, caches, JIT), s. */
  readonly startup_s: number;
  /** Rate over the second half of the batch (warm), replications/s. */
  readonly steadyReplicationsPerSecond: number;
  /** Start-up + 10,000 replications at the steady rate, s. */
  readonly projected10k_s: number;
}

const root = packageRoot();
const defendedFile = join(root, 'scenarios', 'al-asad-2020.yaml');
const undefendedFile = join(root, 'scenarios', 'al-asad-2020-no-defense.yaml');
const runs = Number(process.env.ASPIS_BENCH_MC_RUNS ?? 200);
const reps = Number(process.env.ASPIS_BENCH_REPS ?? 20);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** ms per replication in this thread, after a warm-up (JIT, per-scenario caches); the best of three rounds. */
function inProcess(name: string, scenario: Scenario): InProcess {
  for (let i = 0; i < 3; i++) runScenario(scenario, { seed: 1, replication: 10_000 + i });
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const c0 = cpuMs();
    const w0 = performance.now();
    for (let i = 0; i < reps; i++) runScenario(scenario, { seed: 1, replication: i });
    wall = Math.min(wall, (performance.now() - w0) / reps);
    cpu = Math.min(cpu, (cpuMs() - c0) / reps);
  }
  return { scenario: name, replications: reps, wallMsPerReplication: wall, cpuMsPerReplication: cpu };
}

async function measure(workers: number): Promise<{ row: McMeasurement; aggregate: string; hashes: string }> {
  const done_ms: number[] = [];
  const start = performance.now();
  const result = await runMonteCarlo(defendedFile, {
    runs,
    workers,
    seed: 1,
    onProgress: () => done_ms.push(performance.now() - start),
  });
  const seconds = (performance.now() - start) / 1000;
  const half = Math.floor(done_ms.length / 2);
  const steadySpan_s = (done_ms[done_ms.length - 1] - done_ms[half]) / 1000;
  const steady = steadySpan_s > 0 ? (done_ms.length - 1 - half) / steadySpan_s : result.runs / seconds;
  const startup_s = done_ms[0] / 1000;
  return {
    row: {
      workers,
      replications: result.runs,
      seconds,
      replicationsPerSecond: result.runs / seconds,
      startup_s,
      steadyReplicationsPerSecond: steady,
      projected10k_s: startup_s + TARGET_RUNS / steady,
    },
    aggregate: JSON.stringify(result.aggregate),
    hashes: result.replications.map((r) => r.hash).join(','),
  };
}

const undefended = inProcess('al-asad-2020-no-defense', loadScenario(undefendedFile));
const defended = inProcess('al-asad-2020', loadScenario(defendedFile));
const ratioCpu = defended.cpuMsPerReplication / undefended.cpuMsPerReplication;
const ratioWall = defended.wallMsPerReplication / undefended.wallMsPerReplication;

const one = await measure(1);
const two = await measure(2);
const scaling = two.row.steadyReplicationsPerSecond / one.row.steadyReplicationsPerSecond;
const identical = one.aggregate === two.aggregate && one.hashes === two.hashes;

const f = (x: number, d = 1) => x.toFixed(d);
console.log(`aspis Monte Carlo benchmark — ${availableParallelism()} cores, node ${process.version}`);
console.log('in process (best of 3 rounds)        wall ms/repl   cpu ms/repl');
for (const r of [undefended, defended])
  console.log(
    `  ${r.scenario.padEnd(34)} ${f(r.wallMsPerReplication).padStart(12)}  ${f(r.cpuMsPerReplication).padStart(12)}`,
  );
console.log(
  `runMonteCarlo al-asad-2020, ${runs} replications  seconds  repl/s  start-up s  steady repl/s  projected 10k s`,
);
for (const r of [one.row, two.row])
  console.log(
    `  ${String(r.workers).padStart(2)} worker(s)${' '.repeat(34)}${f(r.seconds, 2).padStart(7)}  ${f(r.replicationsPerSecond).padStart(6)}  ${f(r.startup_s, 2).padStart(10)}  ${f(r.steadyReplicationsPerSecond).padStart(13)}  ${f(r.projected10k_s, 0).padStart(15)}`,
  );
const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log('goals (measured / goal):');
console.log(
  `  10k replications on 2 workers: ${f(two.row.projected10k_s, 0)} s / ${TARGET_SECONDS} s → ${mark(two.row.projected10k_s < TARGET_SECONDS)}`,
);
console.log(
  `  defended / undefended replication: ×${f(ratioCpu, 2)} cpu (×${f(ratioWall, 2)} wall) / ×${TARGET_DEFENSE_RATIO} → ${mark(ratioCpu <= TARGET_DEFENSE_RATIO)}`,
);
console.log(
  `  1 vs 2 workers identical (aggregate + ${one.row.replications} hashes): ${identical} / true → ${mark(identical)}; steady scaling ×${f(scaling, 2)}`,
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
      goals: {
        projected10k_s: { measured: two.row.projected10k_s, goal: TARGET_SECONDS },
        defendedOverUndefended: { measured: ratioCpu, measuredWall: ratioWall, goal: TARGET_DEFENSE_RATIO },
        workersIdentical: { measured: identical, goal: true },
      },
      inProcess: [undefended, defended],
      rows: [one.row, two.row],
      scaling,
    },
    null,
    2,
  )}\n`,
);
if (!identical) {
  console.error('results differ between 1 and 2 workers');
  process.exitCode = 1;
}
