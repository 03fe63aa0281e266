/**
 * @module cli/commands
 * Every CLI command registers itself on the commander program here; main.ts only wires this list. Each entry loads
 * its command module lazily (`await import()`), so a command pays only for the modules it uses: `aspis track` never
 * loads the engine, the web server, the queue or the plotting code, and `aspis --version` loads none of them
 * (issue 12: start-up went from ~1 s to node's own start-up). The import specifiers are literal so tsc and bundlers
 * still see every module.
 */
import type { Command } from 'commander';

/** A command module: adds its subcommand (with options and help) to the program. */
export type RegisterCommand = (program: Command) => void;

/** One top-level command: its name on the command line and a loader for its registration function. */
export interface LazyCommand {
  readonly name: string;
  readonly load: () => Promise<RegisterCommand>;
}

/** Every top-level command, in the order `aspis --help` lists them. */
export const commands: readonly LazyCommand[] = [
  { name: 'run', load: async () => (await import('./run.js')).registerRun },
  { name: 'validate', load: async () => (await import('./validate.js')).registerValidate },
  { name: 'schema', load: async () => (await import('./schema.js')).registerSchema },
  { name: 'track', load: async () => (await import('./track.js')).registerTrack },
  { name: 'mtt', load: async () => (await import('./mtt.js')).registerMtt },
  { name: 'mc', load: async () => (await import('./mc.js')).registerMc },
  { name: 'runs', load: async () => (await import('./runs.js')).registerRuns },
  { name: 'worker', load: async () => (await import('./worker.js')).registerWorker },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServe },
  { name: 'export', load: async () => (await import('./export.js')).registerExport },
  { name: 'coverage', load: async () => (await import('./coverage.js')).registerCoverage },
  { name: 'place', load: async () => (await import('./place.js')).registerPlace },
  { name: 'masking', load: async () => (await import('./masking.js')).registerMasking },
  { name: 'check', load: async () => (await import('./check.js')).registerCheck },
];

/**
 * The commands to register for `args` (argv without node and the script): only the named command when the first
 * argument is one; none for `--version`/`-V` alone; every command otherwise (help, an unknown name, no argument), so
 * `aspis --help` lists them all and commander can suggest the nearest name for a typo.
 */
export function commandsFor(args: readonly string[]): readonly LazyCommand[] {
  const first = args[0];
  if (first === '--version' || first === '-V') return [];
  const named = commands.find((c) => c.name === first);
  return named ? [named] : commands;
}
