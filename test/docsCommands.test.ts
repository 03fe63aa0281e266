/**
 * The README's and docs' commands run as written (issue 13). Every command of every shell block of README.md and
 * docs/**\/*.md (test/support/docsCommands.ts extracts and checks them statically: npm scripts exist, files named
 * exist, `npx aspis`, no placeholders) is then, when it is an `aspis` command, parsed by the real CLI — the commander
 * program with every action replaced by a no-op, so option names, required arguments and the option parsers
 * (`--grid 2km`, `--seed 1`) are checked without doing the work. The cheap ones (under a few seconds: validate,
 * schema, check, mtt, track, `--help`, a run of the small Taji scenario) are also run, in order, in-process, with the
 * working directory a temporary folder whose inputs are links to the repository's: the test then checks that nothing
 * changed in the repository (`git status --porcelain`) and that the folder holds only the ignored output folders and
 * the files the commands were told to write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { readCandidates } from '../src/cli/commands/place.js';
import { buildProgram } from '../src/cli/main.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { cli } from './support/cli.js';
import {
  aspisArgs,
  checkCommand,
  checkContext,
  type DocCommand,
  type DocProblem,
  docCommands,
} from './support/docsCommands.js';

const ROOT = packageRoot();

/** README.md and every Markdown file under docs/, repository-relative. */
function docFiles(): string[] {
  const out = ['README.md'];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.md')) out.push(path);
    }
  };
  walk('docs');
  return out;
}

/** Every command of the docs, in reading order, and the number of blocks marked as illustrations. */
function allCommands(): { commands: DocCommand[]; skippedBlocks: number } {
  let skippedBlocks = 0;
  const commands: DocCommand[] = [];
  for (const file of docFiles()) {
    const found = docCommands(file, readFileSync(join(ROOT, file), 'utf8'));
    commands.push(...found.commands);
    skippedBlocks += found.skippedBlocks;
  }
  return { commands, skippedBlocks };
}

const walkCommands = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(walkCommands)];

/**
 * Parses `args` with the real CLI, every action a no-op: null when it parses, else commander's or the option
 * parser's message.
 */
async function parseAspis(args: readonly string[]): Promise<string | null> {
  const argv = ['node', 'aspis', ...args];
  const program = await buildProgram(argv);
  let err = '';
  for (const c of walkCommands(program)) {
    c.exitOverride();
    c.configureOutput({ writeOut: () => {}, writeErr: (s) => (err += s) });
    // only commands that have an action get the no-op: a group (`mtt`, `runs`) must still reject an unknown subcommand
    if ((c as unknown as { _actionHandler: unknown })._actionHandler) c.action(() => {});
  }
  try {
    await program.parseAsync(argv);
    return null;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return null;
      return err.trim().split('\n')[0] || e.message;
    }
    return e instanceof Error ? e.message : String(e);
  }
}

/** Cheap enough to run here: no store look-up, no long computation, no server. */
function cheap(args: readonly string[]): boolean {
  if (args.includes('--help') || args.includes('-h') || args.includes('--version')) return true;
  if (args.some((a) => a === 'latest' || /^run-\d+$/.test(a))) return false; // needs a stored run
  const [sub, next] = args;
  if (sub === 'validate' || sub === 'schema' || sub === 'check' || sub === 'track') return true;
  if (sub === 'mtt') return next === 'generate' || next === 'score';
  return sub === 'run' && args.includes('scenarios/taji-2020-cram.yaml');
}

/** `git …` in the repository, or null outside a git checkout (an unpacked tarball). */
function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

/** A temporary working directory whose top-level entries link to the repository's (tracked ones in a checkout). */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aspis-docs-'));
  const tracked = git('ls-files');
  const top =
    tracked === null
      ? new Set(readdirSync(ROOT).filter((n) => !['runs', '.aspis', 'node_modules', '.git'].includes(n)))
      : new Set(
          tracked
            .split('\n')
            .filter((p) => p !== '')
            .map((p) => p.split('/')[0]),
        );
  for (const name of top) symlinkSync(join(ROOT, name), join(dir, name));
  return dir;
}

const gitStatus = () => git('status', '--porcelain', '--untracked-files=all');

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const report = (problems: readonly DocProblem[]) =>
  problems.map((p) => `${p.where}: ${p.message}`).join('\n');

describe('the README and docs commands', () => {
  it('are all valid: scripts, files, npx aspis, and every aspis command parses; the cheap ones run and write nothing into the repository', async () => {
    const { commands, skippedBlocks } = allCommands();
    const ctx = checkContext(ROOT);
    const problems: DocProblem[] = [];
    const before = gitStatus();
    const dir = workspace();
    scratch.push(dir);
    const cwd = process.cwd();
    let parsed = 0;
    let ran = 0;
    process.chdir(dir);
    try {
      for (const cmd of commands) {
        problems.push(...checkCommand(cmd, ctx));
        const args = aspisArgs(cmd.argv);
        if (args === null) continue;
        const where = `${cmd.file}:${cmd.line}`;
        const parseError = await parseAspis(args);
        parsed++;
        if (parseError !== null) {
          problems.push({ where, message: `aspis ${args.join(' ')}: ${parseError}` });
          continue;
        }
        // parse-only commands still read their small input files the way the command does
        const candidates = args.indexOf('--candidates');
        if (candidates >= 0) {
          try {
            readCandidates(args[candidates + 1]);
          } catch (e) {
            problems.push({
              where,
              message: `--candidates ${args[candidates + 1]}: ${(e as Error).message}`,
            });
          }
        }
        if (!cheap(args)) continue;
        const r = await cli(...args);
        ran++;
        if (r.code !== 0)
          problems.push({
            where,
            message: `aspis ${args.join(' ')} exited ${r.code}: ${r.err.trim().split('\n')[0]}`,
          });
      }
    } finally {
      process.chdir(cwd);
    }
    // nothing written into the repository; in the workspace only the links, the ignored output folders and --out files
    expect(gitStatus()).toBe(before);
    const linked = new Set(readdirSync(ROOT));
    const strays = readdirSync(dir).filter(
      (name) => !linked.has(name) && name !== 'runs' && name !== '.aspis',
    );
    expect(strays, `files written outside runs/ and .aspis/: ${strays.join(', ')}`).toEqual([]);
    process.stdout.write(
      `docs commands: ${commands.length} commands, ${parsed} aspis commands parsed, ${ran} run, ${skippedBlocks} illustration block(s) skipped (in ${relative(ROOT, dir) || dir})\n`,
    );
    expect(report(problems)).toBe('');
    expect(commands.length).toBeGreaterThan(20);
    expect(ran).toBeGreaterThan(5);
  }, 180_000); // ≈ 20 s of CPU (the tracker runs on 1,000 targets); wall time triples on a loaded 2-core box
});

describe('the docs command checker reports what is wrong, with file:line', () => {
  const markdown = [
    '# Doc',
    '',
    '```sh',
    'npm ci && npm start',
    'npx aspis run scenarios/al-asad-2020.yaml --sede 3     # unknown option',
    'npx aspis validate scenarios/nope.yaml',
    'npm run no-such-script',
    'aspis schema',
    'npm run aspis -- run --json | python3 -m json.tool',
    'npx aspis coverage scenarios/al-asad-2020.yaml \\',
    '  --grid abc',
    'npx aspis run scenarios/taji-2020-cram.yaml --out taji',
    '```',
  ].join('\n');

  it('flags a missing file, an unknown npm script, a bare aspis and a piped npm banner statically', () => {
    const ctx = checkContext(ROOT);
    const { commands } = docCommands('docs/planted.md', markdown);
    const problems = commands.flatMap((c) => checkCommand(c, ctx));
    const text = report(problems);
    expect(text).toContain('docs/planted.md:6: file not found: scenarios/nope.yaml');
    expect(text).toContain('docs/planted.md:7: npm run no-such-script: no script "no-such-script"');
    expect(text).toContain('docs/planted.md:8: bare `aspis`');
    expect(text).toMatch(/docs\/planted\.md:9: npm writes its banner/);
    expect(text).toContain('docs/planted.md:12: writes taji into the repository');
    expect(text).not.toContain('planted.md:4');
  });

  it('flags an unknown option and a bad option value by parsing with the real CLI (continuation lines joined)', async () => {
    const { commands } = docCommands('docs/planted.md', markdown);
    const errors = new Map<number, string | null>();
    for (const c of commands) {
      const args = aspisArgs(c.argv);
      if (args !== null && c.argv[0] === 'npx') errors.set(c.line, await parseAspis(args));
    }
    expect(errors.get(5)).toMatch(/unknown option '--sede'/);
    expect(errors.get(6)).toBeNull(); // parses; the missing file is the static check's
    expect(errors.get(10)).toMatch(/--grid/);
  });
});
