/**
 * @module cli/commands/check
 * `aspis check RUN [--json] [--store PATH] [--scenario FILE] [--replication N]`: the invariant checker
 * (`outcome/invariants`) over one finished run. RUN is a stored run id (`run-000012`, `12`, a prefix, `latest`), a
 * run directory written by `aspis run --out`, or that directory's `events.jsonl`. Prints a table of violations or
 * "0 violations in N events"; exit 0 when clean, 1 when not. The scenario-level rules (envelope, reach, horizon,
 * magazines) need the scenario: the store keeps it, a directory names it (or `--scenario`); without it only the
 * log and summary rules run, and a note says so.
 */
import { basename, dirname } from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import { loadRunData } from '../../io/runData.js';
import { checkInvariants, type Violation } from '../../outcome/invariants.js';
import { DEFAULT_STORE_PATH } from '../../store/runStore.js';

interface CheckCliOptions {
  json?: boolean;
  store: string;
  scenario?: string;
  replication?: number;
}

function parseReplication(value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new AspisError('E_USAGE', '--replication', `expected an integer ≥ 0, got "${value}"`);
  return Number(value);
}

/** Renders violations as a terminal table (code, threat, events, message). */
export function renderViolations(violations: readonly Violation[]): string {
  const table = new Table({
    head: ['code', 'threat', 'events', 'message'],
    wordWrap: true,
    colWidths: [26, 14, 12, 80],
  });
  for (const v of violations) table.push([v.code, v.threatId ?? '', v.events.join(', '), v.message]);
  return table.toString();
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check a finished run against the invariants (fates, totals, envelope, reach, horizon, NaN)')
    .argument('<run>', 'stored run id (run-000012, 12, prefix, latest), run directory or its events.jsonl')
    .option('--json', 'print one JSON object { events, violations, scenarioChecked }')
    .option('--store <path>', 'run store to look run ids up in', DEFAULT_STORE_PATH)
    .option('--scenario <file>', 'scenario file of a run directory (default: the one the run names)')
    .option('--replication <n>', 'replication of a stored run (default 0)', parseReplication)
    .action((ref: string, opts: CheckCliOptions) => {
      // a run's events.jsonl stands for its directory
      const where = basename(ref) === 'events.jsonl' ? dirname(ref) : ref;
      const run = loadRunData(where, {
        store: opts.store,
        scenario: opts.scenario,
        replication: opts.replication,
      });
      const violations = checkInvariants({
        events: run.events,
        summary: run.summary,
        scenario: run.scenario,
        paths: run.pathsFrom === 'events' ? null : run.paths,
      });
      const n = run.events.length;
      if (opts.json) {
        const scenarioChecked = run.scenario !== null;
        process.stdout.write(`${JSON.stringify({ events: n, scenarioChecked, violations })}\n`);
      } else {
        for (const w of run.warnings) process.stderr.write(`aspis check: warning: ${w}\n`);
        if (run.scenario === null)
          process.stderr.write(
            'aspis check: the scenario is unknown: envelope, reach, horizon and magazine rules skipped (use --scenario)\n',
          );
        process.stdout.write(
          violations.length === 0
            ? `0 violations in ${n} events\n`
            : `${renderViolations(violations)}\n${violations.length} violation${violations.length === 1 ? '' : 's'} in ${n} events\n`,
        );
      }
      if (violations.length > 0) process.exitCode = 1;
    });
}
