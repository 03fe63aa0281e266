/**
 * @module cli/helpExamples
 * The "Examples:" block at the end of every command's `--help`, by command path (`runs show`). Kept in one place so
 * a new command is caught by the test that asks every command for examples (test/cliTerminal.test.ts), and so the
 * command files keep only their options and actions.
 */
import type { Command } from 'commander';

/** Example command lines (with a short comment) per command path. */
export const HELP_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': [
    'aspis run                                           # the default scenario (Al Asad 2020, one battery)',
    'aspis mc scenarios/erbil-2020.yaml --runs 500       # Monte Carlo with 95 % intervals and a report',
    'aspis <command> --help                              # options and examples of one command',
  ],
  run: [
    'aspis run                                           # the default scenario, table fitted to the terminal',
    'aspis run scenarios/erbil-2020.yaml --seed 7        # another scenario and seed',
    'aspis run scenarios/al-asad-2020.yaml --seed 1 --replication 37   # replay replication 37 of an mc run',
    "aspis run --json | jq .why                          # each threat's outcome and why, as JSON",
    'aspis run --wide --no-color > run.txt               # every column, no colour',
  ],
  validate: [
    'aspis validate scenarios/al-asad-2020.yaml          # summary and warnings, or every coded problem',
    'aspis validate my.yaml --max-events 5000000         # with a larger work limit',
  ],
  schema: ['aspis schema > scenario.schema.json             # the JSON Schema for editors'],
  track: [
    'aspis track scans.yaml --out tracks.yaml           # GNN + KF defaults',
    'aspis track scans.yaml --filter imm --assoc jpda --score   # IMM + JPDA, scored against the truth',
  ],
  mtt: [
    'aspis mtt generate --n 10 --seed 1 --out scans.yaml',
    'aspis mtt score scans.yaml tracks.yaml --json',
  ],
  'mtt generate': [
    'aspis mtt generate --n 10 --seed 1 --out scans.yaml       # 10 targets, 100 scans',
    'aspis mtt generate --n 5 --dim 3 --maneuver --scans 200   # manoeuvring, 3-D',
  ],
  'mtt score': [
    'aspis mtt score scans.yaml tracks.yaml                # OSPA/GOSPA and counts',
    'aspis mtt score scans.yaml tracks.yaml --compare other.yaml --json',
  ],
  mc: [
    'aspis mc scenarios/erbil-2020.yaml --runs 500       # writes runs/mc-erbil-2020-<run id>/report.html',
    'aspis mc scenarios/erbil-2020.yaml --runs 2000 --until-ci 0.02 --workers 4   # stop at ±0.02',
    "aspis mc scenarios/erbil-2020.yaml --runs 200 --sweep 'units[0].doctrine.shotsPerThreat=1,2,3'",
    'aspis mc --resume run-000012                         # continue a batch stopped with Ctrl-C',
  ],
  runs: ['aspis runs list', 'aspis runs show latest', 'aspis runs export run-000012 --out exported/'],
  'runs list': [
    'aspis runs list                                     # every stored run, newest first',
    'aspis runs list --json',
  ],
  'runs show': [
    'aspis runs show latest                              # the newest run',
    'aspis runs show 12 --json                           # run-000012 as JSON',
  ],
  'runs export': [
    'aspis runs export latest                            # into runs/<id>/',
    'aspis runs export run-000012 --out exported/',
  ],
  worker: [
    'aspis worker --queue redis://localhost:6379         # process jobs of `aspis mc --queue`',
    'aspis worker --queue redis://queue:6379 --concurrency 4 --quiet',
  ],
  serve: [
    'aspis serve                                         # http://127.0.0.1:8787 (the address is printed)',
    'aspis serve --port 9000 --store .aspis/runs.db',
  ],
  export: [
    'aspis export runs/al-asad-2020-run-000001 --format czml --out al-asad.czml',
    'aspis export latest --format kml                    # a stored run by id',
    'aspis export scenarios/erbil-2020.yaml --format csv --what threats --seed 3',
  ],
  coverage: [
    'aspis coverage scenarios/al-asad-2020.yaml          # footprint GeoJSON + SVG under runs/coverage-al-asad-2020',
    'aspis coverage scenarios/al-asad-2020.yaml --grid 2km --altitude 5km --json',
  ],
  place: [
    'aspis place scenarios/four-bases-two-batteries.yaml --batteries 2   # 10 km grid, value saved',
    'aspis place scenarios/erbil-2020.yaml --batteries 1 --grid 5km --runs 50 --out units.yaml',
  ],
  masking: ['aspis masking my-terrain-scenario.yaml --unit patriot-1 --range 60km --out masking.svg'],
  check: [
    'aspis check runs/al-asad-2020-run-000001            # invariants of a run folder',
    'aspis check latest --json                           # a stored run',
  ],
};

/** Adds the "Examples:" block to `command` and every subcommand that has examples. */
export function addHelpExamples(command: Command, path = ''): void {
  const examples = HELP_EXAMPLES[path];
  if (examples) command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  for (const sub of command.commands)
    addHelpExamples(sub, path === '' ? sub.name() : `${path} ${sub.name()}`);
}
