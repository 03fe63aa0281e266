/**
 * @module cli/commands/runs
 * `aspis runs list|show ID|export ID [--store PATH]`: reads the run store (`.aspis/runs.db`) that `aspis run` and
 * `aspis mc` write. `list` tables every run (newest first), `show` prints one run with its summary (single runs) or
 * aggregate (Monte Carlo runs), and `export` writes a run's stored files back to a folder.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import type { McAggregate } from '../../analysis/replication.js';
import { ensureDir, writeFileAtomic } from '../../files.js';
import { type RunJson, verdictText } from '../../outcome/index.js';
import { fitTable, type TableLayout, terminalLayout } from '../../report/fitTable.js';
import { renderMcAggregate } from '../../report/mcTerminal.js';
import { renderSummary } from '../../report/terminal.js';
import type { RunSummary } from '../../sim/summary.js';
import {
  DEFAULT_STORE_PATH,
  displayStorePath,
  openRunStore,
  type RunRow,
  type RunStore,
  requireRun,
} from '../../store/runStore.js';

/** Whether a stored aggregate has the shape `aspis mc` stores (`McAggregate`), so its tables can be printed. */
function isMcAggregate(x: unknown): x is McAggregate {
  const a = x as Partial<McAggregate> | null;
  return (
    a !== null &&
    typeof a === 'object' &&
    typeof a.runs === 'number' &&
    typeof a.pra?.p === 'number' &&
    Array.isArray(a.leakers?.histogram) &&
    Array.isArray(a.threatFates) &&
    typeof a.killsPerThreatClass === 'object' &&
    typeof a.magazineAfterWave === 'object' &&
    typeof a.leakersPerAsset === 'object' &&
    typeof a.interceptorsPerKill === 'object' &&
    typeof a.firstIntercept_s?.none === 'object'
  );
}

/** Opens the store, runs `body`, and always closes it. */
function withStore<T>(path: string, body: (store: RunStore) => T): T {
  const store = openRunStore(path);
  try {
    return body(store);
  } finally {
    store.close();
  }
}

function renderRunList(runs: readonly RunRow[], shown: string, layout: TableLayout): string {
  if (runs.length === 0) return `no runs in ${shown} yet; \`aspis run\` and \`aspis mc\` store theirs there`;
  const rows = runs.map((run) => [
    run.id,
    run.kind,
    run.scenarioName,
    run.seed,
    `${run.replicationsDone}/${run.runsRequested}`,
    run.status,
    run.createdAt ?? '',
  ]);
  // compact: the creation time gives way first, the scenario name wraps
  return fitTable(['id', 'kind', 'scenario', 'seed', 'replications', 'status', 'created'], rows, layout, {
    optional: [6],
    wrap: [2],
  });
}

function renderRunRow(run: RunRow, shown: string, layout: TableLayout): string {
  // the config's JSON with a space after each comma, so it wraps at a field in a narrow terminal
  const config = JSON.stringify(run.config).replace(/,(?=")/g, ', ');
  return fitTable(
    ['run', run.id],
    [
      ['kind', run.kind],
      ['scenario', run.scenarioName],
      ['scenario file', run.scenarioFile],
      ['scenario hash', run.scenarioHash],
      ['seed', run.seed],
      ['replications', `${run.replicationsDone}/${run.runsRequested}`],
      ['status', run.status],
      ['created', run.createdAt ?? ''],
      ['config', config],
      ['store', shown],
    ],
    layout,
    { wrap: [1] },
  );
}

/**
 * A stored single-run summary (the `aspis run --json` object) as the `RunSummary` the terminal renderer reads; the
 * fields the JSON omits are not shown by `renderSummary`.
 */
function summaryFromJson(json: RunJson): RunSummary {
  return {
    scenario: json.scenario,
    start: json.start,
    duration_s: Number.NaN,
    totals: json.totals,
    leakersPerAsset: json.leakersPerAsset,
    firstDetection_s: json.firstDetection_s,
    firstIntercept_s: json.firstIntercept_s,
    interceptorsByUnit: {},
    threats: json.threats,
  };
}

function showRun(store: RunStore, id: string, json: boolean, layout: TableLayout): string {
  const run = requireRun(store, id);
  const shown = displayStorePath(store.path);
  const aggregate = store.getAggregate(run.id);
  const first = run.kind === 'single' ? (store.listReplications(run.id)[0] ?? null) : null;
  if (json) {
    const out: Record<string, unknown> = { run: run, aggregate };
    if (run.kind === 'single') out.summary = first?.summary ?? null;
    return JSON.stringify(out);
  }
  const parts = [renderRunRow(run, shown, layout)];
  if (first) {
    const summary = first.summary as RunJson;
    // stored runs carry each threat's outcome (`why`; runs stored before it have none): the verdicts are rendered from it
    const why = Array.isArray(summary.why)
      ? { threats: new Map(summary.why.map((o) => [o.threatId, { verdict: verdictText(o) }])) }
      : undefined;
    parts.push(
      renderSummary(summaryFromJson(summary), { seed: summary.seed, hash: first.hash }, why, layout),
    );
  }
  // a Monte Carlo aggregate as `aspis mc` prints it; anything else stored (older shapes) as JSON
  if (aggregate !== null)
    parts.push(
      isMcAggregate(aggregate)
        ? renderMcAggregate(aggregate, layout)
        : `aggregate\n${JSON.stringify(aggregate, null, 2)}`,
    );
  else if (run.kind === 'mc')
    parts.push(
      `no aggregate yet (${run.replicationsDone} of ${run.runsRequested} replications stored)` +
        (run.status === 'done' ? '' : `; resume with \`aspis mc --resume ${run.id}\``),
    );
  return parts.join('\n');
}

/** Writes one file and records its path. */
function put(written: string[], path: string, text: string): void {
  // complete or absent, and a coded E_OUTPUT when the folder cannot take it (src/files)
  writeFileAtomic(path, text, '--out');
  written.push(path);
}

/** Writes the run's stored files under `dir`; returns the paths written. */
function exportRun(store: RunStore, id: string, dir: string | undefined): { run: RunRow; files: string[] } {
  const run = requireRun(store, id);
  const out = dir ?? join('runs', run.id);
  ensureDir(out, '--out');
  const files: string[] = [];
  put(files, join(out, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
  const scenario = store.getScenario(run.scenarioHash);
  if (scenario) put(files, join(out, 'scenario.yaml'), scenario.yaml);
  const replications = store.completedReplications(run.id);
  if (run.kind === 'single') {
    const rep = replications.length > 0 ? store.getReplication(run.id, replications[0]) : null;
    if (rep) {
      if (rep.events !== null) put(files, join(out, 'events.jsonl'), rep.events);
      put(files, join(out, 'summary.json'), `${JSON.stringify(rep.summary, null, 2)}\n`);
      if (rep.paths !== null) put(files, join(out, 'paths.json'), `${JSON.stringify(rep.paths)}\n`);
    }
  } else {
    const aggregate = store.getAggregate(run.id);
    if (aggregate !== null)
      put(files, join(out, 'aggregate.json'), `${JSON.stringify(aggregate, null, 2)}\n`);
    const lines = store.listReplications(run.id).map((r) => `${JSON.stringify(r)}\n`);
    put(files, join(out, 'replications.jsonl'), lines.join(''));
  }
  return { run, files };
}

export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description('list, show and export runs kept in the run store (.aspis/runs.db)');

  runs
    .command('list')
    .description('table of every stored run, newest first')
    .option('--store <path>', 'run store (SQLite)', DEFAULT_STORE_PATH)
    .option('--json', 'print one JSON array instead of a table')
    .option('--wide', 'every table column, unwrapped (default: fit the terminal)')
    .option('--no-color', 'no colour (also when NO_COLOR is set)')
    .action((opts: { store: string; json?: boolean; wide?: boolean; color: boolean }) => {
      const text = withStore(opts.store, (store) => {
        const rows = store.listRuns();
        return opts.json
          ? JSON.stringify(rows)
          : renderRunList(rows, displayStorePath(store.path), terminalLayout(opts));
      });
      process.stdout.write(`${text}\n`);
    });

  runs
    .command('show')
    .description('one run: its row and its summary (single) or aggregate (mc)')
    .argument('<id>', 'run id (run-000012), a unique prefix, its number (12) or "latest"')
    .option('--store <path>', 'run store (SQLite)', DEFAULT_STORE_PATH)
    .option('--json', 'print one JSON object {run, aggregate, summary?}')
    .option('--wide', 'every table column, unwrapped (default: fit the terminal)')
    .option('--no-color', 'no colour (also when NO_COLOR is set)')
    .action((id: string, opts: { store: string; json?: boolean; wide?: boolean; color: boolean }) => {
      const text = withStore(opts.store, (store) =>
        showRun(store, id, opts.json === true, terminalLayout(opts)),
      );
      process.stdout.write(`${text}\n`);
    });

  runs
    .command('export')
    .description(
      'write a run to a folder: events.jsonl, summary.json, paths.json (single) or aggregate.json, replications.jsonl (mc)',
    )
    .argument('<id>', 'run id (run-000012), a unique prefix, its number (12) or "latest"')
    .option('--store <path>', 'run store (SQLite)', DEFAULT_STORE_PATH)
    .option('--out <dir>', 'output folder (default runs/<id>)')
    .action((id: string, opts: { store: string; out?: string }) => {
      const { run, files } = withStore(opts.store, (store) => exportRun(store, id, opts.out));
      process.stdout.write(`exported ${run.id}: ${files.join(', ')}\n`);
    });
}
