/**
 * @module scenario/load
 * Reading scenario files: YAML text → document (syntax errors as `E_SCENARIO_PARSE file:line:col`) → compiled,
 * frozen `Scenario` (`compileScenario`). `loadScenario` adds the file read (`E_SCENARIO_FILE` when missing).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseDocument } from 'yaml';
import { AspisError } from '../errors.js';
import { type CompileOptions, compileScenario } from './compile.js';
import type { Scenario } from './types.js';

/** Largest scenario file read, bytes (a scenario is a few kB; this bounds memory on a wrong path). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Parses YAML scenario text into a plain document.
 * @param fileName used in error paths (`al-asad.yaml:3:7`)
 * @throws AspisError `E_SCENARIO_PARSE` with line and column for YAML syntax errors
 */
export function parseScenarioYaml(yamlText: string, fileName: string): unknown {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = error.linePos?.[0];
    const where = pos === undefined ? fileName : `${fileName}:${pos.line}:${pos.col}`;
    const message = error.message.split('\n')[0] ?? 'YAML syntax error';
    // the YAML parser recurses per nesting level; say what is wrong with the file, not with the stack
    if (/Maximum call stack size exceeded/.test(message)) {
      throw new AspisError(
        'E_SCENARIO_PARSE',
        where,
        'YAML nested too deeply (a scenario nests a few levels)',
        {
          cause: error,
        },
      );
    }
    throw new AspisError('E_SCENARIO_PARSE', where, `YAML syntax error: ${message}`, { cause: error });
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw new AspisError(
      'E_SCENARIO_PARSE',
      fileName,
      `cannot read YAML: ${err instanceof Error ? err.message : err}`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Parses and compiles scenario YAML text.
 * @param fileName shown in parse errors
 * @returns the frozen `Scenario`, SI throughout
 * @throws AspisError `E_SCENARIO_PARSE`, `E_SCENARIO_FIELD` (every problem, sorted by path; an empty or non-mapping
 *   file names `fileName`), `E_SCENARIO_REF`, `E_CATALOG`
 * @example
 * ```ts
 * import { parseScenario } from 'aspis';
 * const yaml = `
 * name: one drone
 * start: 2020-01-08T01:30:00+03:00
 * duration: 10min
 * assets: [{ id: base, name: Base, lat: 33.8, lon: 42.44, radius: 1km, value: 1 }]
 * units: []
 * threats: [{ raid: d, type: notional-owa-drone, from: { lat: 33.9, lon: 42.6 }, target: base, count: 1, at: "+0s" }]
 * `;
 * const scenario = parseScenario(yaml, 'inline.yaml');
 * ```
 */
export function parseScenario(yamlText: string, fileName: string, options: CompileOptions = {}): Scenario {
  const document = parseScenarioYaml(yamlText, fileName);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    const found =
      document === null || document === undefined
        ? 'the file is empty'
        : `the file holds ${Array.isArray(document) ? 'a list' : `a ${typeof document}`}`;
    throw new AspisError(
      'E_SCENARIO_FIELD',
      fileName,
      `${found}; expected a scenario mapping (name:, start:, assets:, units:, threats:, …)`,
    );
  }
  return compileScenario(document, options);
}

/**
 * Reads, parses and compiles a scenario file.
 * @throws AspisError `E_SCENARIO_FILE` when the file is missing or unreadable, then as `parseScenario`
 * @example
 * ```ts
 * import { loadScenario, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml'); // validated, SI, frozen
 * console.log(scenario.threats.length, scenario.units.map((u) => u.id));
 * ```
 */
export function loadScenario(path: string, options: CompileOptions = {}): Scenario {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((err as Error).message);
    throw new AspisError('E_SCENARIO_FILE', path, `cannot read scenario file: ${reason}`, { cause: err });
  }
  return parseScenario(text, path, { baseDir: dirname(path), ...options });
}
