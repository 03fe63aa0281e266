/**
 * The import graph of src/ at folder level, and its check against the layer order of `src/layers.ts`. Shared by
 * `test/layers.test.ts` (which fails on a violation) and `scripts/importGraph.ts` (which draws the picture).
 * Imports are read with the TypeScript compiler's own pre-processor, so `import type`, `export … from` and dynamic
 * `import()` all count: a type-only edge still ties two folders together for a reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { LAYERS } from '../../src/layers.js';

/** One import of one file of src/ by another (paths relative to src/, with `/`). */
export interface FileEdge {
  readonly from: string;
  readonly to: string;
}

/** All imports between two different folders. */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  readonly files: readonly FileEdge[];
}

export interface ImportGraph {
  /** Folders that hold at least one non-test source file. */
  readonly folders: readonly string[];
  /** Non-test source files per folder. */
  readonly fileCounts: ReadonlyMap<string, number>;
  readonly edges: readonly FolderEdge[];
  /** Imports of src/ files that leave src/ through a relative path (test/, bench/, …): never allowed. */
  readonly outside: readonly FileEdge[];
}

/** Top-level folder of a path relative to src/ (`.` for files directly in src/). */
export function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length === 1 ? '.' : parts[0];
}

function sourceFiles(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|mts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Reads every non-test TypeScript file of `srcDir` and groups its relative imports by folder pair. */
export function readImportGraph(srcDir: string): ImportGraph {
  const root = resolve(srcDir);
  const posix = (p: string) => p.split(sep).join('/');
  const files = sourceFiles(root, []);
  const byPair = new Map<string, FileEdge[]>();
  const outside: FileEdge[] = [];
  const fileCounts = new Map<string, number>();
  for (const file of files) {
    const from = posix(relative(root, file));
    fileCounts.set(folderOf(from), (fileCounts.get(folderOf(from)) ?? 0) + 1);
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      const spec = imported.fileName;
      if (!spec.startsWith('.')) continue; // packages and node: builtins
      const to = posix(relative(root, resolve(dirname(file), spec))).replace(/\.js$/, '.ts');
      if (to.startsWith('../')) {
        outside.push({ from, to });
        continue;
      }
      const a = folderOf(from);
      const b = folderOf(to);
      if (a === b) continue;
      const key = `${a}\0${b}`;
      const list = byPair.get(key) ?? [];
      list.push({ from, to });
      byPair.set(key, list);
    }
  }
  const edges = [...byPair].map(([key, list]) => {
    const [from, to] = key.split('\0');
    return { from, to, files: list };
  });
  edges.sort((x, y) => (x.from === y.from ? (x.to < y.to ? -1 : 1) : x.from < y.from ? -1 : 1));
  return { folders: [...fileCounts.keys()].sort(), fileCounts, edges, outside };
}

/** Layer index of each folder named in `LAYERS` (0 = bottom). */
export function layerIndex(): Map<string, number> {
  const index = new Map<string, number>();
  LAYERS.forEach((layer, i) => {
    for (const folder of layer) index.set(folder, i);
  });
  return index;
}

/** Folder cycles (strongly connected components of two or more folders), Tarjan's algorithm. */
export function folderCycles(edges: readonly FolderEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Whether a folder edge points up the declared order (to a higher layer). */
export function isUpward(edge: FolderEdge, index: Map<string, number>): boolean {
  const a = index.get(edge.from);
  const b = index.get(edge.to);
  return a !== undefined && b !== undefined && b > a;
}
