/**
 * The README's headline table: the default Al Asad scenario and its excursions, each a Monte Carlo batch of the same
 * replications (common random numbers: same root seed), with 95 % intervals. Every number in the README's
 * "What the default says" table comes from here: run `npm run headline` (≈ 2–4 min on 2 cores) after any model
 * change, and commit the regenerated `docs/headline.md` and README block together.
 *
 * Excursions (docs/lethality.md says why each is contested):
 * - `default` — the shipped file: 4 GEM-T-class + 2 MSE-class launchers, one reload each, no lethality penalty.
 * - `penalty F∞ = 0.5` — the default with the GEM-T rounds under the GAO-motivated blast-fragmentation floor.
 * - `no reserve` — the default launchers with no reloads at the battery.
 * - `PAC-2 only` — six GEM-T launchers (one reload each), no MSE; then with F∞ = 0.75 and 0.5 (the penalty's lever
 *   where it matters: a battery that fires GEM-T at every SRBM).
 * - `2019 default` — PAC-2 only, no reserve, F∞ = 0.5: the previous shipped default, for comparison.
 * `ASPIS_HEADLINE_RUNS` sets the replications per row (default 500); `ASPIS_HEADLINE_WORKERS` the worker threads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import type { McAggregate } from '../src/analysis/replication.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenarioYaml } from '../src/scenario/load.js';

/** A scenario document as parsed from YAML (plain data). */
type Doc = Record<string, unknown> & { units: Record<string, unknown>[] };

/** One row: a label, what it changes, and the edit applied to a copy of the default document. */
interface Excursion {
  readonly label: string;
  readonly change: string;
  readonly edit: (doc: Doc) => void;
}

const GEM = 'notional-pac2-gem';
const MSE = 'notional-pac3-mse';

/** The GEM-T launchers fire a scenario-level copy of the catalog round with the given fragmentation floor. */
function withFloor(doc: Doc, floor: number): void {
  const id = `gem-t-floor-${floor}`;
  doc.catalog = { interceptors: { [id]: { extends: GEM, hardTargetFragmentationFloor: floor } } };
  for (const group of launchers(doc)) if (group.interceptor === GEM) group.interceptor = id;
}

function launchers(doc: Doc): Record<string, unknown>[] {
  return doc.units[0].launchers as Record<string, unknown>[];
}

function pac2Only(doc: Doc): void {
  doc.units[0].launchers = [
    { count: 6, interceptor: GEM, loaded: 4, capacity: 4, reload: '15min', reserve: 24 },
  ];
}

function noReserve(doc: Doc): void {
  for (const group of launchers(doc)) group.reserve = 0;
}

export const EXCURSIONS: readonly Excursion[] = [
  { label: 'default', change: '4 GEM-T + 2 MSE launchers, one reload each, no penalty', edit: () => {} },
  {
    label: 'penalty F∞ = 0.5',
    change: 'the default, GEM-T rounds degraded against re-entry bodies (GAO)',
    edit: (d) => withFloor(d, 0.5),
  },
  { label: 'no reserve', change: 'default launchers, no reloads at the battery', edit: noReserve },
  { label: 'PAC-2 only', change: `6 GEM-T launchers, one reload each, no ${MSE}`, edit: pac2Only },
  {
    label: 'PAC-2 only, F∞ = 0.75',
    change: 'half the GAO degradation',
    edit: (d) => {
      pac2Only(d);
      withFloor(d, 0.75);
    },
  },
  {
    label: 'PAC-2 only, F∞ = 0.5',
    change: 'the full GAO degradation',
    edit: (d) => {
      pac2Only(d);
      withFloor(d, 0.5);
    },
  },
  {
    label: '2019 default',
    change: 'PAC-2 only, no reserve, F∞ = 0.5 (the previous default)',
    edit: (d) => {
      pac2Only(d);
      noReserve(d);
      withFloor(d, 0.5);
    },
  },
];

function fmt(x: number, digits = 2): string {
  return x.toFixed(digits);
}

function row(e: Excursion, a: McAggregate): string {
  const ipk = a.interceptorsPerKill;
  const perKill = ipk.ratio === null ? '—' : `${fmt(ipk.ratio)} [${fmt(ipk.lo ?? 0)}, ${fmt(ipk.hi ?? 0)}]`;
  return (
    `| ${e.label} | ${e.change} | **${fmt(a.leakers.mean)}** [${fmt(a.leakers.lo)}, ${fmt(a.leakers.hi)}] | ` +
    `${fmt(100 * a.pra.p, 1)} % [${fmt(100 * a.pra.lo, 1)}, ${fmt(100 * a.pra.hi, 1)}] | ` +
    `${fmt(a.interceptorsFired.mean, 1)} | ${perKill} |`
  );
}

async function main(): Promise<void> {
  const root = packageRoot();
  const file = join(root, 'scenarios', 'al-asad-2020.yaml');
  const yaml = readFileSync(file, 'utf8');
  const runs = Number(process.env.ASPIS_HEADLINE_RUNS ?? 500);
  const workers = Number(process.env.ASPIS_HEADLINE_WORKERS ?? 2);
  const lines: string[] = [];
  for (const e of EXCURSIONS) {
    const doc = structuredClone(parseScenarioYaml(yaml, file)) as Doc;
    e.edit(doc);
    const result = await runMonteCarlo(
      { yaml: stringify(doc), fileName: `${file} [${e.label}]`, baseDir: join(root, 'scenarios') },
      { runs, workers, seed: 1 },
    );
    const line = row(e, result.aggregate);
    lines.push(line);
    process.stdout.write(`${line}\n`);
  }
  const table = [
    `| excursion | what changes | leakers on the base / night | P(raid annihilation) | interceptors fired | interceptors per kill |`,
    `|---|---|---|---|---|---|`,
    ...lines,
  ].join('\n');
  const note =
    `${runs} replications per row, seed 1, common random numbers; 95 % intervals (leakers: t; PRA: Wilson; ` +
    `per kill: delta method). Regenerate with \`npm run headline\`.`;
  writeFileSync(
    join(root, 'docs', 'headline.md'),
    `# Headline: Al Asad, 8 Jan 2020, one battery — default and excursions\n\n` +
      `Generated by \`bench/headline.ts\` (\`npm run headline\`); do not edit by hand. Why each excursion is ` +
      `contested: [lethality.md](lethality.md).\n\n${table}\n\n${note}\n`,
  );
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- headline:start -->';
  const end = '<!-- headline:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i >= 0 && j > i)
    writeFileSync(
      readmePath,
      `${readme.slice(0, i + start.length)}\n${table}\n\n${note}\n${readme.slice(j)}`,
    );
  else process.stderr.write('README has no headline markers; wrote docs/headline.md only\n');
}

await main();
