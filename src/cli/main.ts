#!/usr/bin/env node
/**
 * @module cli/main
 * The `aspis` command line: a thin shell over the public API. Input errors print `CODE path: message` and exit 2;
 * failures exit 1; an interrupted command (`E_INTERRUPTED`, Ctrl-C) exits 130 as a shell expects; never a stack trace
 * for bad input.
 */
import { Command, CommanderError } from 'commander';
import { AspisError } from '../errors.js';
import { commandsFor } from './commands/index.js';
import { addHelpExamples } from './helpExamples.js';

/** Exit status of a command stopped by SIGINT (128 + 2, the shell's convention). */
const EXIT_INTERRUPTED = 130;

/**
 * Builds the commander program with the commands `argv` needs (node-style argv; default: every command). Command
 * modules load lazily (commands/index.ts), so `aspis --version` and `aspis track` load no engine, server or queue.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('aspis')
    .description(
      'aspis: notional air & missile defense simulator and planning tool (defensive analysis only)',
    )
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  const wanted = commandsFor(argv.slice(2));
  const registers = await Promise.all(wanted.map((c) => c.load()));
  for (const register of registers) register(program);
  // examples of the commands registered (all of them for `aspis --help`)
  addHelpExamples(program);
  return program;
}

/** Runs the CLI with `argv` (node-style, including executable and script). Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      return 2;
    }
    if (err instanceof AspisError) {
      process.stderr.write(`${err.message}\n`);
      return err.code === 'E_INTERRUPTED' ? EXIT_INTERRUPTED : 2;
    }
    process.stderr.write(`aspis: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly || process.argv[1]?.endsWith('/aspis')) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
