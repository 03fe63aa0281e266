/**
 * @module cli/commands/validate
 * `aspis validate <file>`: compiles a scenario file and prints a one-line summary, or the coded error
 * (`E_SCENARIO_FIELD threats[0].from.lat: expected -90..90`) with exit code 2.
 */
import type { Command } from 'commander';
import { loadScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/types.js';

/** One-line summary of a compiled scenario: `ok: <name> — N threats, M units, K assets`. */
export function scenarioSummary(scenario: Scenario): string {
  return `ok: ${scenario.name} — ${scenario.threats.length} threats, ${scenario.units.length} units, ${scenario.assets.length} assets`;
}

/** Registers `aspis validate <file>`; an invalid file throws its AspisError (main.ts prints it and exits 2). */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file: schema, units, references; prints a summary or a coded error')
    .argument('<file>', 'scenario YAML file')
    .action((file: string) => {
      const scenario = loadScenario(file);
      process.stdout.write(`${scenarioSummary(scenario)}\n`);
    });
}
