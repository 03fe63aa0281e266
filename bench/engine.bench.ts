/**
 * Engine benchmark: replications per second of the default scenario (Al Asad 2020, one battery), against a
 * baseline measured in the same run — the same scenario with no defense (threat flyouts and bookkeeping only),
 * so the ratio shows what sensing, tracking, C2 and interceptor flyouts cost on top of truth. Writes JSON to
 * bench/results/engine.json. Run with `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { runScenario } from '../src/sim/engine.js';

/** Issue 12: a defended replication of al-asad-2020 costs at most this multiple of the undefended one. */
const DEFENSE_RATIO_GOAL = 2;

interface Measurement {
  readonly name: string;
  readonly replications: number;
  readonly seconds: number;
  readonly replicationsPerSecond: number;
  readonly msPerReplication: number;
}

function measure(name: string, scenario: Scenario, minSeconds: number): Measurement {
  // warm-up: JIT and the per-scenario caches (aimpoint solutions, flyout tables)
  for (let i = 0; i < 3; i++) runScenario(scenario, { seed: 1, replication: i });
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    runScenario(scenario, { seed: 1, replication: 100 + n });
    n++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return {
    name,
    replications: n,
    seconds: elapsed,
    replicationsPerSecond: n / elapsed,
    msPerReplication: (1000 * elapsed) / n,
  };
}

const root = packageRoot();
const minSeconds = Number(process.env.ASPIS_BENCH_SECONDS ?? 5);
const baseline = measure(
  'al-asad-2020-no-defense (baseline)',
  loadScenario(join(root, 'scenarios/al-asad-2020-no-defense.yaml')),
  minSeconds,
);
const rows = [
  baseline,
  measure(
    'al-asad-2020 (default, one battery)',
    loadScenario(join(root, 'scenarios/al-asad-2020.yaml')),
    minSeconds,
  ),
  measure('taji-2020-cram', loadScenario(join(root, 'scenarios/taji-2020-cram.yaml')), minSeconds),
];
console.log('aspis engine benchmark (single thread)');
console.log(
  'scenario'.padEnd(40),
  'reps/s'.padStart(10),
  'ms/rep'.padStart(10),
  'cost vs baseline'.padStart(18),
);
for (const r of rows) {
  console.log(
    r.name.padEnd(40),
    r.replicationsPerSecond.toFixed(1).padStart(10),
    r.msPerReplication.toFixed(2).padStart(10),
    `${(r.msPerReplication / baseline.msPerReplication).toFixed(2)}×`.padStart(18),
  );
}
// issue 12: a defended replication of the default scenario costs at most twice the undefended one
const defenseRatio = rows[1].msPerReplication / baseline.msPerReplication;
console.log(
  `goal: defended / undefended ×${defenseRatio.toFixed(2)} / ×${DEFENSE_RATIO_GOAL} → ${defenseRatio <= DEFENSE_RATIO_GOAL ? 'met' : 'NOT met'}`,
);
const out = join(root, 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'engine.json'),
  `${JSON.stringify(
    {
      node: process.version,
      baseline: baseline.name,
      target_msPerReplication: 50,
      defenseRatio: { measured: defenseRatio, goal: DEFENSE_RATIO_GOAL },
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`results written to ${join(out, 'engine.json')}`);
