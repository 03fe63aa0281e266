/**
 * File-naming rule (docs/architecture.md, "Naming"): source files and folders under src/ are camelCase
 * (`impactPrediction.ts`, its unit test `impactPrediction.test.ts` beside it); the tests directly in test/ are
 * kebab-case sentences named after what they guard (`threat-flicker.test.ts`). One rule per place, so a name never
 * has to be guessed.
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

  it('test/: the tests at its top level are kebab-case', () => {
    const kebab = /^[a-z0-9]+(-[a-z0-9]+)*\.test\.ts$/;
    const bad = readdirSync('test').filter((f) => f.endsWith('.test.ts') && !kebab.test(f));
    expect(bad).toEqual([]);
  });
});
