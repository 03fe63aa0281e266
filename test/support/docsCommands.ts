/**
 * The shell commands of the README and docs/, as a reader types them after the quick start: extraction from fenced
 * blocks (```sh / bash / shell / console, and `$ ` lines of an unlabelled block, which is a console session), split
 * into commands (`\` continuations, `#` comments, `$ ` prompts, `&&` `||` `;` chains, `|` pipes, `VAR=$(…)`), and
 * the static checks: `npm` scripts exist, files named as arguments exist, `aspis` is called as `npx aspis` (a bare
 * `aspis` is not on the PATH after `npm ci`), outputs (`--out`, `--store`) go under the ignored runs/ or .aspis/, no ALL-CAPS placeholders or `[optional]` brackets (a synopsis belongs in
 * a table, not in a block people paste), and no `npm run` piped into another program without `--silent` (npm's
 * banner lands on stdout). Whether an `aspis` command parses, or runs, is test/docsCommands.test.ts's part.
 * A block preceded by `<!-- docs-commands: skip REASON -->` is an illustration (its output shown for a file that is
 * not shipped): it is counted as skipped, not checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One command of one block, with where it is. */
export interface DocCommand {
  readonly file: string;
  /** 1-based line of the command's first line. */
  readonly line: number;
  /** The words, quotes removed. */
  readonly argv: readonly string[];
  /** The command as written (after joining continuations, without the comment). */
  readonly text: string;
  /** Words of the programs it is piped into (empty: no pipe). */
  readonly pipedInto: readonly (readonly string[])[];
}

/** A problem found, as `file:line: message`. */
export interface DocProblem {
  readonly where: string;
  readonly message: string;
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);
const SKIP_MARK = /<!--\s*docs-commands:\s*skip\b/;

/** One logical line (continuations joined) with its first line number. */
interface LogicalLine {
  readonly line: number;
  readonly text: string;
}

/** The logical command lines of every shell block of a Markdown text, and the number of skipped blocks. */
export function shellLines(markdown: string): { lines: LogicalLine[]; skippedBlocks: number } {
  const raw = markdown.split('\n');
  const lines: LogicalLine[] = [];
  let skippedBlocks = 0;
  let lang: string | null = null;
  let skip = false;
  let pending: LogicalLine | null = null;
  for (let i = 0; i < raw.length; i++) {
    const fence = /^\s*```\s*([\w-]*)\s*$/.exec(raw[i]);
    if (fence) {
      if (lang === null) {
        lang = fence[1].toLowerCase();
        skip = i > 0 && SKIP_MARK.test(raw[i - 1]) && (SHELL_LANGS.has(lang) || lang === '');
        if (skip) skippedBlocks++;
      } else lang = null;
      continue;
    }
    if (lang === null || skip) continue;
    let text = raw[i].trim();
    const prompt = /^\$ /.test(text);
    if (lang === '' && !prompt && pending === null) continue; // unlabelled block: only `$ ` lines are commands
    if (!SHELL_LANGS.has(lang) && lang !== '') continue;
    if (lang === 'console' && !prompt && pending === null && markdownHasPrompt(raw, i)) continue;
    if (prompt) text = text.slice(2);
    const continued = text.endsWith('\\');
    if (continued) text = text.slice(0, -1);
    pending =
      pending === null ? { line: i + 1, text } : { line: pending.line, text: `${pending.text} ${text}` };
    if (!continued) {
      lines.push(pending);
      pending = null;
    }
  }
  return { lines, skippedBlocks };
}

/** A console block whose command lines carry `$ ` prompts: its other lines are output. */
function markdownHasPrompt(raw: readonly string[], i: number): boolean {
  for (let k = i; k >= 0 && !/^\s*```/.test(raw[k]); k--) if (/^\s*\$ /.test(raw[k])) return true;
  for (let k = i; k < raw.length && !/^\s*```/.test(raw[k]); k++) if (/^\s*\$ /.test(raw[k])) return true;
  return false;
}

/** Shell-like words and operators of one line: quotes removed, `#` comments dropped, `$(…)` kept as one word. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const flush = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      word += text.slice(i + 1, end < 0 ? text.length : end);
      inWord = true;
      i = end < 0 ? text.length : end;
    } else if (ch === '$' && text[i + 1] === '(') {
      let depth = 0;
      let k = i + 1;
      for (; k < text.length; k++) {
        if (text[k] === '(') depth++;
        else if (text[k] === ')' && --depth === 0) break;
      }
      word += text.slice(i, k + 1);
      inWord = true;
      i = k;
    } else if (ch === '#' && !inWord) {
      break;
    } else if (/\s/.test(ch)) {
      flush();
    } else if ('&|;'.includes(ch)) {
      flush();
      const two = text.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        words.push(two);
        i++;
      } else words.push(ch);
    } else {
      word += ch;
      inWord = true;
    }
  }
  flush();
  return words;
}

/** The commands of a Markdown text (file name for messages). */
export function docCommands(
  file: string,
  markdown: string,
): { commands: DocCommand[]; skippedBlocks: number } {
  const { lines, skippedBlocks } = shellLines(markdown);
  const commands: DocCommand[] = [];
  for (const { line, text } of lines) {
    const words = shellWords(text);
    let current: string[] = [];
    let pipeline: string[][] = [];
    const close = () => {
      const all = [...pipeline, current].filter((w) => w.length > 0);
      if (all.length > 0) {
        const [first, ...rest] = all;
        for (const argv of expandAssignment(first))
          commands.push({ file, line, argv, text: text.split(' #')[0].trim(), pipedInto: rest });
      }
      current = [];
      pipeline = [];
    };
    for (const w of words) {
      if (w === '&&' || w === '||' || w === ';') close();
      else if (w === '|') {
        pipeline.push(current);
        current = [];
      } else current.push(w);
    }
    close();
  }
  return { commands, skippedBlocks };
}

/** `url=$(scripts/redis-start.sh)` is the command inside; a plain `VAR=value` is no command. */
function expandAssignment(argv: string[]): string[][] {
  const m = /^[A-Za-z_]\w*=(.*)$/.exec(argv[0] ?? '');
  if (!m) return [argv];
  const inner = /^\$\((.*)\)$/.exec(m[1]);
  return inner ? [shellWords(inner[1])] : [];
}

/** Shell built-ins and harmless programs a doc may show; not checked. */
const SHELL_BUILTINS = new Set([
  'echo',
  'cd',
  'export',
  'cat',
  'ls',
  'mkdir',
  'rm',
  'cp',
  'diff',
  'sha256sum',
]);
/** npm commands a reader runs in the quick start. */
const NPM_COMMANDS = new Set(['ci', 'install', 'test', 'start', 'run', 'pack', 'exec']);
/** Options whose value is written, not read (must not exist beforehand). */
const OUTPUT_OPTIONS = new Set(['--out', '--store', '-o']);
/** Arguments that look like files: a path with a slash or a data-file extension. */
const FILE_LIKE = /(\/|\.(ya?ml|jsonl?|geojson|svg|csv|kml|czml|tiff?|db|mjs|js|ts|sh)$)/i;

/** What kind of command it is, for the runner. */
export type CommandKind = 'aspis' | 'npm' | 'node' | 'script' | 'shell';

/** The aspis arguments of a command (`npx aspis …`, `npm run aspis -- …`, `node dist/src/cli/main.js …`), or null. */
export function aspisArgs(argv: readonly string[]): string[] | null {
  if (argv[0] === 'npx' && argv[1] === 'aspis') return argv.slice(2);
  if (argv[0] === 'npm' && argv[1] === 'run' && argv[2] === 'aspis')
    return argv[3] === '--' ? argv.slice(4) : argv.slice(3);
  if (argv[0] === 'node' && argv[1] === 'dist/src/cli/main.js') return argv.slice(2);
  return null;
}

/** The kind of a command (see `CommandKind`). */
export function commandKind(argv: readonly string[]): CommandKind {
  if (aspisArgs(argv) !== null) return 'aspis';
  if (argv[0] === 'npm') return 'npm';
  if (argv[0] === 'node') return 'node';
  if (argv[0]?.includes('/') || argv[0] === 'bash' || argv[0] === 'sh') return 'script';
  return 'shell';
}

/** Context of the static checks: the repository root, its package.json scripts, and files made by earlier commands. */
export interface CheckContext {
  readonly root: string;
  readonly scripts: Readonly<Record<string, string>>;
  /** Paths written by earlier commands of the docs (`--out` values), relative as written. */
  readonly produced: Set<string>;
}

/** A context for the repository at `root`. */
export function checkContext(root: string): CheckContext {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return { root, scripts: pkg.scripts ?? {}, produced: new Set() };
}

/** A file argument is there: in the repository, made by an earlier command, or under the ignored output folders. */
function fileThere(path: string, ctx: CheckContext): boolean {
  if (ctx.produced.has(path)) return true;
  // `runs/` and `.aspis/` are written by the runs the docs describe (npm start, aspis run): ignored by git
  if (/^(runs|\.aspis)\//.test(path)) return true;
  // `node dist/…js` exists after `npm run build`: its source must
  const dist = /^dist\/(.*)\.js$/.exec(path);
  if (dist) return existsSync(join(ctx.root, `${dist[1]}.ts`));
  return existsSync(join(ctx.root, path));
}

/** Placeholder words of a synopsis (FILE, DIR, ID, N …) and `[optional]` groups: not a command one can paste. */
function synopsisProblem(argv: readonly string[]): string | null {
  const placeholder = argv.find((w) => /^[A-Z][A-Z0-9_]*$/.test(w) || /[:=/]([A-Z]{2,})\b/.test(w));
  if (placeholder)
    return `placeholder "${placeholder}" in a command (write a real value; a synopsis goes in a table)`;
  const bracket = argv.find((w) => w.startsWith('[') && !w.includes('='));
  if (bracket) return `optional group "${bracket}…" in a command (write one real command per line)`;
  return null;
}

/** The aspis file arguments (inputs) and outputs of `args`. */
export function aspisFiles(args: readonly string[]): { inputs: string[]; outputs: string[] } {
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (OUTPUT_OPTIONS.has(w) && i + 1 < args.length) {
      outputs.push(args[++i]);
      continue;
    }
    if (w.startsWith('-') || w.includes('=') || w.startsWith('redis://')) continue;
    if (FILE_LIKE.test(w)) inputs.push(w);
  }
  return { inputs, outputs };
}

/**
 * The static problems of one command (empty: fine), and what it writes for the commands after it.
 * @example
 * ```ts
 * checkCommand({ file: 'README.md', line: 3, argv: ['npm', 'run', 'nope'], text: 'npm run nope', pipedInto: [] }, ctx);
 * // [{ where: 'README.md:3', message: 'npm run nope: no script "nope" in package.json' }]
 * ```
 */
export function checkCommand(cmd: DocCommand, ctx: CheckContext): DocProblem[] {
  const where = `${cmd.file}:${cmd.line}`;
  const problems: string[] = [];
  const [program, ...rest] = cmd.argv;
  const kind = commandKind(cmd.argv);
  if (program === 'aspis') problems.push('bare `aspis` is not on the PATH after `npm ci`: write `npx aspis`');
  const synopsis = synopsisProblem(cmd.argv);
  if (synopsis) problems.push(synopsis);
  if (program === 'npm') {
    const sub = rest[0];
    if (!NPM_COMMANDS.has(sub)) problems.push(`npm ${sub}: not an npm command the docs should use`);
    if ((sub === 'start' || sub === 'test') && !(sub in ctx.scripts))
      problems.push(`npm ${sub}: no "${sub}" script in package.json`);
    if (sub === 'run' && !(rest[1] in ctx.scripts))
      problems.push(`npm run ${rest[1]}: no script "${rest[1]}" in package.json`);
    if (cmd.pipedInto.length > 0 && !rest.includes('--silent') && !rest.includes('-s'))
      problems.push(
        'npm writes its banner ("> aspis@… …") to stdout, which breaks the program it is piped into: use `npx aspis` or `npm run --silent`',
      );
  }
  const args = aspisArgs(cmd.argv);
  if (args !== null) {
    const { inputs, outputs } = aspisFiles(args);
    for (const input of inputs) if (!fileThere(input, ctx)) problems.push(`file not found: ${input}`);
    for (const output of outputs) {
      if (!/^(runs|\.aspis)\//.test(output))
        problems.push(`writes ${output} into the repository: put outputs under runs/ (ignored by git)`);
      ctx.produced.add(output);
    }
  } else if (kind === 'node' || kind === 'script') {
    const script = kind === 'node' || program === 'bash' || program === 'sh' ? rest[0] : program;
    if (script === undefined || !fileThere(script.replace(/^\.\//, ''), ctx))
      problems.push(`file not found: ${script ?? '(no script)'}`);
  } else if (kind === 'shell' && program !== 'aspis' && !SHELL_BUILTINS.has(program ?? ''))
    problems.push(`unknown program "${program}" (the docs' blocks use npm, npx aspis, node and scripts/)`);
  return problems.map((message) => ({ where, message }));
}
