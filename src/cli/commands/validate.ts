/**
 * @module cli/commands/validate
 * `aspis validate <file> [--max-events N]`: compiles a scenario file and prints a one-line summary and its work
 * estimate (docs/limits.md), or every coded problem of the file (`E_SCENARIO_FIELD threats[0].from.lat: expected
 * -90..90`, one per line, sorted by path; `E_WORK_LIMIT …`) with exit code 2. Warnings (`warning: W_STEP_COARSE step:
 * …`) go to stderr and leave the exit code 0. It never runs the engine, so it answers at once for any file.
 */
import type { Command } from 'commander';
import { type AspisWarning, formatIssue } from '../../errors.js';
import { loadScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/types.js';
import { checkWork, type WorkEstimate } from '../../scenario/work.js';
import { maxEventsOption } from './limits.js';

/** One-line summary of a compiled scenario: `ok: <name> — N threats, M units, K assets`. */
export function scenarioSummary(scenario: Scenario): string {
  return `ok: ${scenario.name} — ${scenario.threats.length} threats, ${scenario.units.length} units, ${scenario.assets.length} assets`;
}

/** One line on the work estimate: `work: 1.23e+6 units (limit 2.00e+9), mostly association`. */
export function workSummary(estimate: WorkEstimate, maxEvents: number): string {
  const top = estimate.terms[0];
  const mostly = top === undefined ? '' : `, mostly ${top.name}`;
  return `work: ${estimate.total.toExponential(2)} units (limit ${maxEvents.toExponential(2)})${mostly}`;
}

/** Prints one scenario warning to stderr as `warning: W_CODE path: message` (used by validate, run and mc). */
export function printWarning(warning: AspisWarning): void {
  process.stderr.write(`warning: ${formatIssue(warning)}\n`);
}

/** Registers `aspis validate <file>`; an invalid file throws its AspisError (main.ts prints it and exits 2). */
export function registerValidate(program: Command): void {
  const command = program.command('validate');
  maxEventsOption(command);
  command
    .description(
      'check a scenario file: schema, units, references, semantics, work limit; prints a summary (and warnings) or every coded problem',
    )
    .argument('<file>', 'scenario YAML file')
    .action((file: string, opts: { maxEvents: number }) => {
      let warnings = 0;
      const scenario = loadScenario(file, {
        onWarning: (warning) => {
          warnings++;
          printWarning(warning);
        },
      });
      const estimate = checkWork(scenario, opts.maxEvents);
      const note = warnings === 0 ? '' : ` (${warnings} warning${warnings === 1 ? '' : 's'}, see above)`;
      process.stdout.write(`${scenarioSummary(scenario)}${note}\n${workSummary(estimate, opts.maxEvents)}\n`);
    });
}
