/**
 * @module bench/fuzz/execute
 * Runs one fuzz case the way a user would meet it — through the CLI's `main` (validate, run with every output
 * written, track, mtt score) or the server's Hono app (`app.request`) — and classifies the outcome: `ok`, `coded`
 * (an `E_…` error, exit 2 / HTTP 4xx with a code), `internal` (uncoded failure, exit 1, HTTP 500), `nan` (NaN,
 * Infinity or a null number in any output), `unresponsive` (a read waited for a run), `leak` (an answer reveals
 * another file's bytes). Hangs are the runner's to see (a timeout). Runs inside a worker thread (worker.ts), so its
 * captured stdout never mixes with the runner's (docs/fuzz.md).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { packageRoot } from '../../src/scenario/catalog.js';
import { parseScenarioYaml } from '../../src/scenario/load.js';
import { createApp } from '../../src/server/app.js';
import { openRunStore, type RunStore } from '../../src/store/runStore.js';
import type { FuzzCase, HttpCase, LineMutation, MutantCase } from './cases.js';
import { applyMutation } from './mutate.js';

/** Outcome classes, in the order the report prints them. */
export const FUZZ_CLASSES = ['ok', 'coded', 'internal', 'hang', 'nan', 'unresponsive', 'leak'] as const;
export type FuzzClass = (typeof FUZZ_CLASSES)[number];

/** What one case gave. */
export interface CaseOutcome {
  readonly class: FuzzClass;
  /** First line of the error or the reason for the class. */
  readonly detail: string;
}

/** Non-finite numbers as the writers spell them (JSON turns NaN into null: `nullNumbers` catches that). */
const NON_FINITE = /\bNaN\b|-?\bInfinity\b/;
/** A null inside a numeric array (`[1,null]`): a NaN that JSON.stringify hid. */
const NULL_NUMBER = /[[,]\s*null\s*[,\]]/;

const MTT_DIR = join(packageRoot(), 'test', 'data', 'mtt');
const MTT_SCENARIO = join(MTT_DIR, 'scen_N10_s1.jsonl');
const MTT_TRACKS = join(MTT_DIR, 'scen_N10_s1.tracks_stonesoup_kdtree.jsonl');

/** Per-worker state: a scratch directory, the reference files, and a server with its own store. */
export interface ExecContext {
  readonly dir: string;
  readonly mttScenarioLines: readonly string[];
  readonly mttTracksLines: readonly string[];
  readonly store: RunStore;
  readonly app: ReturnType<typeof createApp>;
}

/** Creates the worker's scratch directory, store and server app. */
export function createContext(): ExecContext {
  const dir = mkdtempSync(join(tmpdir(), 'aspis-fuzz-'));
  const store = openRunStore(join(dir, 'runs.db'));
  const web = join(dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>aspis</title>');
  const app = createApp({ store, staticDir: web, onInternalError: () => {} });
  return {
    dir,
    mttScenarioLines: readFileSync(MTT_SCENARIO, 'utf8').trimEnd().split('\n'),
    mttTracksLines: readFileSync(MTT_TRACKS, 'utf8').trimEnd().split('\n'),
    store,
    app,
  };
}

/** Removes the scratch directory. */
export function disposeContext(ctx: ExecContext): void {
  ctx.store.close();
  rmSync(ctx.dir, { recursive: true, force: true });
}

/** The YAML text of a mutant case. */
export function mutantYaml(c: MutantCase): string {
  const path = join(packageRoot(), 'scenarios', c.base);
  const doc = parseScenarioYaml(readFileSync(path, 'utf8'), path);
  for (const m of c.mutations) applyMutation(doc, m);
  return stringify(doc);
}

/** Applies line mutations to JSON Lines (a line that is not JSON is left as it is). */
function mutateLines(lines: string[], mutations: readonly LineMutation[]): string[] {
  const out = lines.slice();
  for (const { line, mutation } of mutations) {
    if (out.length === 0) break;
    const i = line % out.length;
    let value: unknown;
    try {
      value = JSON.parse(out[i]);
    } catch {
      continue;
    }
    applyMutation(value, mutation);
    out[i] = JSON.stringify(value) ?? 'null';
  }
  return out;
}

/** The first `scans` scans of the reference scenario, its header's counts made consistent. */
function cutMttScenario(lines: readonly string[], scans: number): string[] {
  const header = JSON.parse(lines[0]) as Record<string, unknown>;
  header.num_scans = scans;
  delete header.totals;
  const body = lines.slice(1).filter((l) => {
    const k = /"k":(\d+)/.exec(l);
    return k !== null && Number(k[1]) < scans;
  });
  return [JSON.stringify(header), ...body];
}

/** Runs the CLI in this thread with captured stdout/stderr; returns the exit code and the text. */
async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'aspis', ...args]);
    return { code, stdout, stderr };
  } catch (e) {
    return {
      code: 1,
      stdout,
      stderr: `${stderr}aspis: internal error: ${(e as Error)?.stack ?? String(e)}\n`,
    };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
  }
}

/** Text of every file under `dir` (the outputs of one case). */
function outputsOf(dir: string): { name: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Classifies a CLI outcome; `outputs` are checked for non-finite numbers the input did not spell itself. */
function classifyCli(
  result: { code: number; stdout: string; stderr: string },
  outputs: { name: string; text: string }[],
  input = '',
): CaseOutcome {
  // a name or description "Infinity" comes back in the outputs as text: only numbers the program made count
  const nonFinite = NON_FINITE.test(input) ? null : NON_FINITE;
  const firstError = result.stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  if (/internal error/.test(result.stderr)) return { class: 'internal', detail: firstError };
  if (result.code === 2) return { class: 'coded', detail: firstError };
  if (result.code !== 0 && result.code !== 1) return { class: 'internal', detail: `exit ${result.code}` };
  for (const { name, text } of [{ name: 'stdout', text: result.stdout }, ...outputs]) {
    const m =
      nonFinite?.exec(text) ?? (name.endsWith('.jsonl') || name === 'stdout' ? NULL_NUMBER.exec(text) : null);
    if (m)
      return { class: 'nan', detail: `${name}: …${text.slice(Math.max(0, m.index - 60), m.index + 20)}…` };
  }
  return { class: 'ok', detail: result.code === 0 ? '' : firstError };
}

/** A scenario case: validate, then (when asked and valid) run with every output written. */
async function scenarioCase(ctx: ExecContext, yamlText: string, run: boolean): Promise<CaseOutcome> {
  const file = join(ctx.dir, 'case.yaml');
  writeFileSync(file, yamlText);
  const validated = await runCli(['validate', file]);
  const verdict = classifyCli(validated, [], yamlText);
  if (verdict.class !== 'ok' || !run) return verdict;
  const out = join(ctx.dir, 'out');
  rmSync(out, { recursive: true, force: true });
  const result = await runCli(['run', file, '--no-store', '--out', out, '--json']);
  return classifyCli(result, outputsOf(out), yamlText);
}

/** When the concurrent read is sent after the request, ms. */
const READ_DELAY_MS = 20;
/** A read slower than this while a request computes means the server computes on its event loop, ms. */
const SLOW_READ_MS = 1000;

/** A posted scenario naming a DEM by absolute path (a file of the server's, not the poster's). */
const ABSOLUTE_DEM = /dem: \//;
/** Answers that tell a poster about a server file: its first bytes (`0x6f72`), its type, whether it exists. */
const FILE_ORACLE = /0x[0-9a-f]{4}|TIFF|not found|ENOENT|EACCES|permission/i;

async function httpCase(ctx: ExecContext, c: HttpCase): Promise<CaseOutcome> {
  let body = c.body;
  if (body !== null && c.yamlFrom !== null)
    body = body.replace('{{yaml}}', JSON.stringify(mutantYaml(c.yamlFrom)));
  const headers: Record<string, string> = {};
  if (c.contentType !== null) headers['Content-Type'] = c.contentType;
  const url = `http://localhost${c.path}`;
  // a read sent shortly after the request: a server that computes on its event loop answers it only afterwards
  const request = Promise.resolve(ctx.app.request(url, { method: c.method, headers, body }));
  const readDue_ms = performance.now() + READ_DELAY_MS;
  const read = new Promise<number>((resolve) => {
    setTimeout(async () => {
      await ctx.app.request('http://localhost/api/runs');
      resolve(performance.now() - readDue_ms);
    }, READ_DELAY_MS);
  });
  const [response, readLatency_ms] = await Promise.all([request, read]);
  const text = await response.text();
  if (response.status >= 500)
    return { class: 'internal', detail: `${response.status} ${text.slice(0, 200)}` };
  if (ABSOLUTE_DEM.test(body ?? '') && FILE_ORACLE.test(text))
    return { class: 'leak', detail: text.slice(0, 200) };
  if (readLatency_ms > SLOW_READ_MS)
    return {
      class: 'unresponsive',
      detail: `GET /api/runs waited ${Math.round(readLatency_ms)} ms behind ${c.method} ${c.path} (${response.status})`,
    };
  if (response.status >= 400) {
    const coded = /"code":"E_[A-Z_]+"/.test(text) || !c.path.startsWith('/api');
    return coded
      ? { class: 'coded', detail: `${response.status} ${text.slice(0, 160)}` }
      : { class: 'internal', detail: `${response.status} without a code: ${text.slice(0, 160)}` };
  }
  const m = NON_FINITE.exec(text) ?? NULL_NUMBER.exec(text);
  if (m && c.path.startsWith('/api'))
    return { class: 'nan', detail: text.slice(Math.max(0, m.index - 60), m.index + 20) };
  return { class: 'ok', detail: '' };
}

/** Runs one case. */
export async function executeCase(ctx: ExecContext, c: FuzzCase): Promise<CaseOutcome> {
  switch (c.kind) {
    case 'schema': {
      const doc = structuredClone(c.doc);
      for (const m of c.mutations) applyMutation(doc, m);
      return scenarioCase(ctx, stringify(doc), c.run);
    }
    case 'mutant':
      return scenarioCase(ctx, mutantYaml(c), c.run);
    case 'tracker': {
      const lines = mutateLines(cutMttScenario(ctx.mttScenarioLines, c.scans), c.mutations);
      const file = join(ctx.dir, 'scen.jsonl');
      const out = join(ctx.dir, 'tracks-out');
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const result = await runCli(['track', file, '--out', join(out, 'tracks.jsonl'), '--score', ...c.flags]);
      return classifyCli(result, outputsOf(out));
    }
    case 'tracks': {
      const lines = mutateLines(ctx.mttTracksLines.slice(0, c.keepLines), c.mutations);
      const file = join(ctx.dir, 'tracks.jsonl');
      writeFileSync(file, `${lines.join('\n')}\n`);
      return classifyCli(await runCli(['mtt', 'score', MTT_SCENARIO, file, '--json']), []);
    }
    case 'http':
      return httpCase(ctx, c);
  }
}
