/**
 * @module cli/commands/schema
 * `aspis schema`: prints the JSON Schema of scenario files (for editors and documentation).
 */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/schema.js';

/** Registers `aspis schema`, which writes the scenario JSON Schema to stdout. */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(() => {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
