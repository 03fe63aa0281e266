/**
 * @module cli/commands/run
 * `aspis run [scenario] [--seed N] [--replication I] [--json] [--out DIR] [--store PATH | --no-store]`: one
 * replication (`--replication i` replays replication i of an `aspis mc` run); terminal table (or JSON, with `why`:
 * each threat's outcome record, `outcome/`), the run
 * written to disk (events, summary, report) in its own folder, `runs/<scenario>-<run id>` (`report/runDir`), and
 * stored in the run store (`.aspis/runs.db`) — once: an identical re-run points at the stored entry unless
 * `--store-again` (`store/sameRun`).
 * Without a file it runs the default scenario (Al Asad 2020, one battery).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import { checkSeed } from '../../math/rng.js';
import type { ThreatOutcome } from '../../outcome/index.js';
import { runToJson } from '../../outcome/index.js';
import { terminalLayout } from '../../report/fitTable.js';
import { writeRun, writeRunReport } from '../../report/output.js';
import { claimRunDir } from '../../report/runDir.js';
import { renderSummary } from '../../report/terminal.js';
import { reportWhy } from '../../report/why.js';
import { packageRoot } from '../../scenario/catalog.js';
import { type InputFile, inputDigests, localInputFiles } from '../../scenario/inputFiles.js';
import { loadScenario } from '../../scenario/load.js';
import { checkWork } from '../../scenario/work.js';
import type { RunResult } from '../../sim/engine.js';
import { runScenario } from '../../sim/engine.js';
import { wallTimeWatchdog } from '../../sim/watchdog.js';
import { DEFAULT_STORE_PATH, displayStorePath, openRunStore } from '../../store/runStore.js';
import { storeSingleRun } from '../../store/storeRun.js';
import { maxEventsOption, maxWallOption } from './limits.js';
import { printWarning } from './validate.js';

/** The scenario `npm start` runs. */
export const DEFAULT_SCENARIO = 'scenarios/al-asad-2020.yaml';

/** Parses `--seed` strictly (an integer in 0..2³²−1), with a coded error otherwise. */
export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value.trim()))
    throw new AspisError('E_USAGE', '--seed', `expected an integer, got "${value}"`);
  return checkSeed(Number(value), '--seed');
}

/** Parses `--replication` strictly (a non-negative integer). */
export function parseReplication(value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new AspisError('E_USAGE', '--replication', `expected a non-negative integer, got "${value}"`);
  return Number(value);
}

/**
 * Stores the run in the store at `storePath` (created when missing); returns its id, whether it was already stored
 * (an identical re-run, unless `again`) and the store as shown.
 */
function storeRun(
  storePath: string,
  scenarioPath: string,
  result: RunResult,
  outcomes: readonly ThreatOutcome[],
  inputs: readonly InputFile[],
  again: boolean,
): { id: string; existing: boolean; shown: string } {
  const store = openRunStore(storePath);
  try {
    const yaml = readFileSync(scenarioPath, 'utf8');
    const scenarioFile = relative(process.cwd(), scenarioPath) || scenarioPath;
    const { id, existing } = storeSingleRun(store, result, {
      yaml,
      scenarioFile,
      source: 'cli',
      outcomes,
      // the stored scenario hash covers the DEM's bytes too (docs/run-store.md)
      inputs: inputDigests(inputs),
      reuseIdentical: !again,
    });
    return { id, existing: existing === true, shown: displayStorePath(store.path) };
  } finally {
    store.close();
  }
}

export function registerRun(program: Command): void {
  const command = program.command('run');
  maxEventsOption(command);
  maxWallOption(command);
  command
    .description('run one replication of a scenario and print the engagement summary')
    .argument('[scenario]', 'scenario YAML file', undefined)
    .option('--seed <n>', "root seed (integer); defaults to the scenario file's seed", parseSeed)
    .option(
      '--replication <i>',
      'replication index (replays replication i of an `aspis mc` run with the same --seed)',
      parseReplication,
    )
    .option('--json', 'print one JSON object instead of tables')
    .option(
      '--wide',
      'every table column, unwrapped (default: fit the terminal, 100 columns when not a terminal)',
    )
    .option('--no-color', 'no colour (also when NO_COLOR is set; colour is only used on a terminal)')
    .option(
      '--out <dir>',
      'directory for events.jsonl, summary.json, report.md and report.html (default: a new runs/<scenario>-<run id>)',
    )
    .option('--no-save', 'do not write the run to disk')
    .option('--store <path>', 'run store (SQLite) that keeps every run', DEFAULT_STORE_PATH)
    .option('--no-store', 'do not record the run in the run store')
    .option(
      '--store-again',
      'store a new entry even when the identical run (same scenario content, seed, replication) is already stored',
    )
    .action(runCommand);
}

/** Options of `aspis run` as commander parses them. */
interface RunCommandOptions {
  seed?: number;
  replication?: number;
  json?: boolean;
  wide?: boolean;
  color: boolean;
  out?: string;
  save: boolean;
  store: string | false;
  storeAgain?: boolean;
  maxEvents: number;
  maxWall: number;
}

/** `aspis run [scenario]`: one replication, its table or JSON, its folder and its store entry. */
async function runCommand(file: string | undefined, opts: RunCommandOptions): Promise<void> {
  const path = file ?? join(packageRoot(), DEFAULT_SCENARIO);
  const files = localInputFiles(dirname(path));
  const scenario = loadScenario(path, { files, onWarning: printWarning });
  checkWork(scenario, opts.maxEvents);
  // paths feed the report, the store and the per-threat "why" (track attribution); they never change the run
  const result = runScenario(scenario, {
    seed: opts.seed,
    replication: opts.replication,
    recordPaths: true,
    interrupt: wallTimeWatchdog(opts.maxWall),
  });
  const scenarioFile = relative(process.cwd(), path) || path;
  // the threats' outcomes, built once for the terminal's "why" column, the JSON, the store and both reports
  const why = reportWhy(result, scenario);
  const stored =
    opts.store === false
      ? null
      : storeRun(opts.store, path, result, why.outcomes, files.inputs, opts.storeAgain === true);
  if (opts.json) {
    const json = runToJson(result, { scenarioFile, outcomes: why.outcomes });
    const storedJson = stored
      ? { runId: stored.id, ...(stored.existing ? { alreadyStored: true } : {}) }
      : {};
    process.stdout.write(`${JSON.stringify({ ...json, ...storedJson })}\n`);
  } else process.stdout.write(`${renderSummary(result.summary, result, why, terminalLayout(opts))}\n`);
  if (opts.save || opts.out) {
    // its own folder: runs/<scenario>-<run id> (stored) or runs/<scenario>-seed<N>[-rep<i>], never another's
    const stem = basename(path).replace(/\.ya?ml$/i, '');
    const unstored = `seed${result.seed}${result.replication ? `-rep${result.replication}` : ''}`;
    const dir = opts.out ?? claimRunDir(stem, stored?.id ?? unstored, stored?.existing === true);
    const written = writeRun(result, dir, scenarioFile, why);
    const html = await writeRunReport(result, scenario, dir, scenarioFile, { why });
    if (!opts.json)
      process.stdout.write(
        // the folder once, then the file names: short enough for a narrow terminal
        `run written to ${dir}/ (${[written.events, written.summary, written.report, ...(written.paths ? [written.paths] : [])].map((f) => basename(f)).join(', ')})\n`,
      );
    if (!opts.json) process.stdout.write(`HTML report: ${html}\n`);
  }
  if (stored && !opts.json)
    process.stdout.write(
      stored.existing
        ? `identical to ${stored.id} in ${stored.shown} (same scenario, seed, options): not stored again\n` +
            '(--store-again stores a new entry)\n'
        : `stored as ${stored.id} in ${stored.shown}\n`,
    );
}
