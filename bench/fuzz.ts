/**
 * @module bench/fuzz
 * `npm run fuzz [-- --count N --seed S --timeout-ms T --run-percent P --kinds a,b --only I]`: draws N fuzz cases
 * from seed S (deterministic), runs each in a worker thread with a timeout, prints every case outside ok/coded and
 * the counts per outcome class and per input kind, and writes every result to
 * bench/results/fuzz-seed<S>-n<N>.json. Exit 1 when any case is internal, hang, nan, unresponsive or leak
 * (docs/fuzz.md). Cases under KNOWN_OPEN (fuzz/knownOpen.ts) are counted in their class and listed apart.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/scenario/catalog.js';
import { drawCases, FUZZ_KINDS, type FuzzKind } from './fuzz/cases.js';
import { FUZZ_CLASSES } from './fuzz/execute.js';
import { knownOpenOf } from './fuzz/knownOpen.js';
import { countResults, runCases } from './fuzz/runner.js';

/** Value of `--name` in argv, or the fallback. */
function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const count = Number(flag('count', '1200'));
const seed = Number(flag('seed', '1'));
// a shipped scenario takes up to ~25 s on a loaded 2-core machine: a hang is a case 4× slower than that
const timeout_ms = Number(flag('timeout-ms', '120000'));
const runPercent = Number(flag('run-percent', '10'));
const kinds = flag('kinds', FUZZ_KINDS.join(',')).split(',') as FuzzKind[];
for (const k of kinds)
  if (!FUZZ_KINDS.includes(k)) throw new Error(`unknown kind "${k}" (${FUZZ_KINDS.join(', ')})`);

const drawn = drawCases(count, seed, kinds, { runPercent });
// `--only i` replays case #i of this draw alone and prints its spec (what a failing line in the report names)
const only = flag('only', '');
const cases = only === '' ? drawn : [drawn[Number(only)]];
if (only !== '') process.stdout.write(`case #${only}: ${JSON.stringify(cases[0])}\n`);
process.stdout.write(
  `aspis fuzz: ${cases.length} cases, seed ${seed}, timeout ${timeout_ms} ms, ${runPercent}% runs\n`,
);
const results = await runCases(cases, {
  timeout_ms,
  heap_MiB: 1536,
  onResult: (r, i) => {
    if (r.outcome.class !== 'ok' && r.outcome.class !== 'coded')
      process.stdout.write(`  #${i} ${r.case.kind} ${r.outcome.class}: ${r.outcome.detail.slice(0, 160)}\n`);
    if ((i + 1) % 100 === 0) process.stdout.write(`  … ${i + 1}/${cases.length}\n`);
  },
});
const counts = countResults(results, FUZZ_CLASSES);
const row = (label: string, c: Record<string, number>) =>
  `${label.padEnd(8)} ${FUZZ_CLASSES.map((k) => String(c[k] ?? 0).padStart(k.length)).join('  ')}\n`;
process.stdout.write(`\n${'kind'.padEnd(8)} ${FUZZ_CLASSES.join('  ')}\n`);
for (const kind of kinds) process.stdout.write(row(kind, counts.byKind[kind] ?? {}));
process.stdout.write(row('all', counts.total));
const open = new Map<string, number>();
for (const r of results) {
  const known = knownOpenOf(r);
  if (known)
    open.set(
      `${known.class} (branch ${known.branch})`,
      (open.get(`${known.class} (branch ${known.branch})`) ?? 0) + 1,
    );
}
for (const [label, n] of open) process.stdout.write(`known open on another branch: ${n} × ${label}\n`);
const dir = join(packageRoot(), 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `fuzz-seed${seed}-n${count}${only === '' ? '' : `-only${only}`}.json`);
writeFileSync(file, `${JSON.stringify({ seed, count, timeout_ms, runPercent, counts, results }, null, 1)}\n`);
process.stdout.write(`results: ${file}\n`);
const bad =
  counts.total.internal +
  counts.total.hang +
  counts.total.nan +
  counts.total.unresponsive +
  counts.total.leak;
process.exitCode = bad === 0 ? 0 : 1;
