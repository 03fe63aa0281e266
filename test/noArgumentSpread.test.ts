/**
 * Source rule behind issue 11 "Crashes on large valid inputs": no array spread into a call whose argument count
 * grows with the data (`Math.min(...xs)`, `Math.max(...xs)`, `arr.push(...xs)`, `f.apply(null, xs)`). V8 puts every
 * spread element on the stack and throws "Maximum call stack size exceeded" somewhere above ~10⁵ elements; use
 * `minOf`/`maxOf`/`extentOf` (src/math/extent.ts) or a loop. Test files are exempt (their arrays are fixed and small).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['src', 'web/src'];
/** Spread (or apply) into an argument list that scales with data. */
const FORBIDDEN = [
  { name: 'spread into Math.*', pattern: /Math\.\w+\(\s*[^()]*?\.\.\./g },
  { name: 'spread into push/unshift', pattern: /\.(?:push|unshift)\(\s*\.\.\./g },
  { name: 'Function.prototype.apply with an array', pattern: /\.apply\(\s*(?:null|undefined|Math)\s*,/g },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const f of sourceFiles(path)) out.push(f);
    else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Every forbidden call in `text`, as `file:line: kind`. */
function forbiddenSpreads(file: string, text: string): string[] {
  const hits: string[] = [];
  for (const rule of FORBIDDEN) {
    for (const m of text.matchAll(rule.pattern)) {
      const line = text.slice(0, m.index).split('\n').length;
      hits.push(`${file}:${line}: ${rule.name}`);
    }
  }
  return hits;
}

describe('no array spreads into Math.* or push (stack overflow on large inputs)', () => {
  it('the rule catches the patterns it names and lets scalar Math calls through', () => {
    expect(forbiddenSpreads('x.ts', 'const m = Math.max(...xs);')).toHaveLength(1);
    expect(forbiddenSpreads('x.ts', 'const m = Math.max(\n  0,\n  ...xs,\n);')).toHaveLength(1);
    expect(forbiddenSpreads('x.ts', 'out.push(...rows);')).toHaveLength(1);
    expect(forbiddenSpreads('x.ts', 'Math.max.apply(null, xs);')).toHaveLength(1);
    expect(forbiddenSpreads('x.ts', 'const m = Math.max(a, b); const v = [...xs]; f(...args);')).toHaveLength(
      0,
    );
  });

  it('no source file under src/ or web/src/ spreads an array into Math.* or push', () => {
    const hits: string[] = [];
    for (const dir of SOURCE_DIRS) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        for (const hit of forbiddenSpreads(relative(ROOT, file), readFileSync(file, 'utf8'))) hits.push(hit);
      }
    }
    expect(hits).toEqual([]);
  });
});
