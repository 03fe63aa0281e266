/**
 * File-naming rule (docs/architecture.md, "Naming"): every TypeScript file and code folder under src/ and test/ is
 * camelCase (`impactPrediction.ts`, its unit test `impactPrediction.test.ts` beside it; a regression test named after
 * the bug it caught, `forwardBatteryInterceptsBehind.test.ts`). One style, so a name never has to be guessed; data
 * (catalog ids, scenario files, golden-output folders named after a scenario) stays kebab-case like the ids it holds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Exceptions, each with its reason. Keep it empty. */
const KNOWN_EXCEPTIONS: readonly string[] = [];

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(entry.isDirectory() ? `${path}/` : path);
    if (entry.isDirectory()) walk(path, out);
  }
  return out;
}

describe('file names', () => {
  it('src/: camelCase folders and .ts files', () => {
    const camel = /^[a-z][a-zA-Z0-9]*(\.test)?\.ts$|^[a-z][a-zA-Z0-9]*\/$/;
    const bad = walk('src', [])
      .filter((p) => p.endsWith('/') || p.endsWith('.ts'))
      .filter((p) => !p.startsWith('src/scenario/catalog/')) // catalog YAML ids are kebab-case data, not modules
      .filter((p) => !camel.test(p.split('/').filter(Boolean).pop()! + (p.endsWith('/') ? '/' : '')))
      .filter((p) => !KNOWN_EXCEPTIONS.includes(p));
    expect(bad).toEqual([]);
  });

  it('test/: camelCase TypeScript files and code folders (golden-output data folders excepted)', () => {
    const camel = /^[a-z][a-zA-Z0-9]*(\.test)?\.m?ts$|^[a-z][a-zA-Z0-9]*\/$/;
    const bad = walk('test', [])
      .filter((p) => p.endsWith('/') || /\.m?ts$/.test(p))
      .filter((p) => !(p.startsWith('test/goldenIo/') && p !== 'test/goldenIo/')) // data named after scenario ids
      .filter((p) => !camel.test(p.split('/').filter(Boolean).pop()! + (p.endsWith('/') ? '/' : '')))
      .filter((p) => !KNOWN_EXCEPTIONS.includes(p));
    expect(bad).toEqual([]);
  });
});
