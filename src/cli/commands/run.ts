/**
 * @module cli/commands/run
 * `aspis run [scenario] [--seed N] [--json] [--out DIR]`: one replication; terminal table (or JSON) and the run
 * written to disk (events, summary, report). Without a file it runs the default scenario (Al Asad 2020, one battery).
 */
import { basename, join, relative } from 'node:path';
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import { renderSummary } from '../../report/terminal.js';
import { packageRoot } from '../../scenario/catalog.js';
import { loadScenario } from '../../scenario/load.js';
import { runScenario } from '../../sim/engine.js';
import { runToJson, writeRun } from '../../sim/output.js';

/** The scenario `npm start` runs. */
export const DEFAULT_SCENARIO = 'scenarios/al-asad-2020.yaml';

/** Parses `--seed` strictly (an integer), with a coded error otherwise. */
export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value.trim()))
    throw new AspisError('E_USAGE', '--seed', `expected an integer, got "${value}"`);
  return Number(value);
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one replication of a scenario and print the engagement summary')
    .argument('[scenario]', 'scenario YAML file', undefined)
    .option('--seed <n>', "root seed (integer); defaults to the scenario file's seed", parseSeed)
    .option('--json', 'print one JSON object instead of tables')
    .option(
      '--out <dir>',
      'directory for events.jsonl, summary.json and report.md (default runs/<scenario>-seed<N>)',
    )
    .option('--no-save', 'do not write the run to disk')
    .action(
      (file: string | undefined, opts: { seed?: number; json?: boolean; out?: string; save: boolean }) => {
        const path = file ?? join(packageRoot(), DEFAULT_SCENARIO);
        const scenario = loadScenario(path);
        const result = runScenario(scenario, {
          seed: opts.seed,
          recordPaths: opts.save || opts.out !== undefined,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(runToJson(result))}\n`);
        else process.stdout.write(`${renderSummary(result.summary, result)}\n`);
        if (opts.save || opts.out) {
          const dir =
            opts.out ?? join('runs', `${basename(path).replace(/\.ya?ml$/i, '')}-seed${result.seed}`);
          const written = writeRun(result, dir, relative(process.cwd(), path) || path);
          if (!opts.json)
            process.stdout.write(`run written to ${written.events}, ${written.summary}, ${written.report}\n`);
        }
      },
    );
}
