/**
 * @module cli/commands/validate
 * `aspis validate <file> [--max-events N]`: compiles a scenario file and prints a one-line summary and its work
 * estimate (docs/limits.md), or the coded error (`E_SCENARIO_FIELD threats[0].from.lat: expected -90..90`,
 * `E_WORK_LIMIT …`) with exit code 2. It never runs the engine, so it answers at once for any file.
 */
import type { Command } from 'commander';
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

/** Registers `aspis validate <file>`; an invalid file throws its AspisError (main.ts prints it and exits 2). */
export function registerValidate(program: Command): void {
  const command = program.command('validate');
  maxEventsOption(command);
  command
    .description(
      'check a scenario file: schema, units, references, work limit; prints a summary or a coded error',
    )
    .argument('<file>', 'scenario YAML file')
    .action((file: string, opts: { maxEvents: number }) => {
      const scenario = loadScenario(file);
      const estimate = checkWork(scenario, opts.maxEvents);
      process.stdout.write(`${scenarioSummary(scenario)}\n${workSummary(estimate, opts.maxEvents)}\n`);
    });
}
