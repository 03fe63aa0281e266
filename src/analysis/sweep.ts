/**
 * @module analysis/sweep
 * Parameter sweeps over any scenario field: `path=v1,v2,…` names a field of the scenario YAML document
 * (`units[0].doctrine.shotsPerThreat`, `catalog.interceptors.my-pac2.pkMax`), each value is written into a copy of
 * the parsed document, the copy is re-serialised (so it can be stored and replayed) and compiled, and one Monte Carlo
 * batch runs per value with the same seed (common random numbers: replication i of every point shares its root
 * stream, which sharpens the differences between points).
 *
 * Catalog values are swept through a scenario-level entry that `extends` a shipped one, e.g.
 * `catalog: { interceptors: { my-pac2: { extends: notional-pac2-gem } } }` with the launchers using `my-pac2`.
 *
 * Every variant compiles with the original file's directory as `baseDir`, so relative file references in it
 * (`terrain.dem`) resolve as they do for the file itself, whatever the working directory.
 */
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { AspisError } from '../errors.js';
import { parseScenario, parseScenarioYaml } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { type MonteCarloOptions, type MonteCarloResult, runMonteCarlo } from './monteCarlo.js';

/** One path segment: an object key or an array index. */
export type PathSegment = string | number;

/** A parsed `--sweep path=v1,v2,…`. */
export interface SweepSpec {
  /** The path as written. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  /** Values in the order given: numbers, booleans or strings (unit strings such as `8s` stay strings). */
  readonly values: readonly (number | boolean | string)[];
}

/** One swept value and its Monte Carlo result. */
export interface SweepPoint {
  readonly value: number | boolean | string;
  readonly result: MonteCarloResult;
}

/** Splits `units[0].doctrine.shotsPerThreat` into `['units', 0, 'doctrine', 'shotsPerThreat']`. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = '';
  for (const m of path.matchAll(re)) {
    consumed += m[0];
    segments.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  if (segments.length === 0 || consumed.length !== path.replace(/\./g, '').length)
    throw new AspisError(
      'E_USAGE',
      '--sweep',
      `cannot read the path "${path}"; write e.g. units[0].doctrine.shotsPerThreat`,
    );
  return segments;
}

function parseValue(text: string): number | boolean | string {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
}

/**
 * Parses `path=v1,v2,…`.
 * @throws AspisError `E_USAGE` when the form is wrong or no value is given
 */
export function parseSweep(text: string): SweepSpec {
  const eq = text.indexOf('=');
  if (eq <= 0)
    throw new AspisError(
      'E_USAGE',
      '--sweep',
      `expected path=v1,v2,… (e.g. units[0].doctrine.shotsPerThreat=1,2,3), got "${text}"`,
    );
  const path = text.slice(0, eq).trim();
  const values = text
    .slice(eq + 1)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map(parseValue);
  if (values.length === 0) throw new AspisError('E_USAGE', '--sweep', `no values after "${path}="`);
  return { path, segments: parsePath(path), values };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * A deep copy of `document` with the field at `segments` set to `value`. Missing object keys on the way are
 * created, except under `catalog` (an entry there must exist and `extends` a shipped one); array indices must exist.
 * @throws AspisError `E_USAGE` naming the first segment that cannot be followed
 */
export function withField(document: unknown, segments: readonly PathSegment[], value: unknown): unknown {
  const root = structuredClone(document);
  let node: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    const where = formatPath(segments.slice(0, i + 1));
    if (typeof seg === 'number') {
      if (!Array.isArray(node) || seg >= node.length)
        throw new AspisError('E_USAGE', '--sweep', `${where}: no such list element in the scenario`);
      if (last) node[seg] = value;
      else node = node[seg];
      continue;
    }
    if (!isRecord(node)) throw new AspisError('E_USAGE', '--sweep', `${where}: the parent is not a mapping`);
    if (last) {
      node[seg] = value;
      break;
    }
    if (node[seg] === undefined) {
      if (segments[0] === 'catalog' && i >= 2)
        throw new AspisError(
          'E_USAGE',
          '--sweep',
          `${where} is not in the scenario; add e.g. \`catalog: { ${String(segments[1])}: { ${seg}: { extends: <shipped id> } } }\` and refer to ${seg} from the units`,
        );
      node[seg] = typeof segments[i + 1] === 'number' ? [] : {};
    }
    node = node[seg];
  }
  return root;
}

/** `['units', 0, 'doctrine']` → `units[0].doctrine`. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The scenario YAML text with one field replaced (comments are not kept). */
export function sweptYaml(yamlText: string, fileName: string, spec: SweepSpec, value: unknown): string {
  return stringify(withField(parseScenarioYaml(yamlText, fileName), spec.segments, value));
}

/** Directory relative references of a swept variant resolve against: the original scenario file's. */
export function sweepBaseDir(fileName: string): string {
  return dirname(fileName);
}

/**
 * One swept variant compiled as the Monte Carlo batch compiles it (relative paths against the original file's
 * directory, `sweepBaseDir`).
 * @throws AspisError as `parseScenario`, or `E_USAGE` for a path that cannot be followed
 */
export function compileSweptVariant(
  yamlText: string,
  fileName: string,
  spec: SweepSpec,
  value: unknown,
): Scenario {
  return parseScenario(sweptYaml(yamlText, fileName, spec, value), `${fileName} [${spec.path}=${value}]`, {
    baseDir: sweepBaseDir(fileName),
  });
}

/**
 * Runs one Monte Carlo batch per swept value, one after the other, each with the same options (and seed).
 * @param onPoint called before each value's batch starts (index, value), e.g. to reset a progress bar
 */
export async function runSweep(
  yamlText: string,
  fileName: string,
  spec: SweepSpec,
  options: MonteCarloOptions,
  onPoint?: (index: number, value: number | boolean | string) => void,
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const [index, value] of spec.values.entries()) {
    onPoint?.(index, value);
    const yaml = sweptYaml(yamlText, fileName, spec, value);
    const result = await runMonteCarlo(
      { yaml, fileName: `${fileName} [${spec.path}=${value}]`, baseDir: sweepBaseDir(fileName) },
      { ...options, scenarioFile: options.scenarioFile ?? fileName },
    );
    points.push({ value, result });
    if (result.aborted) break;
  }
  return points;
}
