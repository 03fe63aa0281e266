/**
 * Layers only point down: every import between folders of src/ (type-only and dynamic ones included) must go to a
 * lower layer of `src/layers.ts`, or to a peer of its own layer without closing a loop of folders. Each offence is
 * printed as `file → file` so the fix is obvious. docs/architecture.md explains the order.
 */
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../src/layers.js';
import {
  type FolderEdge,
  folderCycles,
  isUpward,
  layerIndex,
  readImportGraph,
} from './support/importGraph.js';

/** Upward folder edges tolerated for now, as `from -> to`. Keep this list empty: an entry is a debt, not a rule. */
const KNOWN_UPWARD: readonly string[] = [];

const graph = readImportGraph('src');
const index = layerIndex();
const key = (e: FolderEdge) => `${e.from} -> ${e.to}`;
const describeEdge = (e: FolderEdge) => e.files.map((f) => `  src/${f.from} → src/${f.to}`).join('\n');

describe('src/ layers (src/layers.ts)', () => {
  it('places every folder of src/ in exactly one layer', () => {
    const declared = LAYERS.flat();
    expect(declared.length, 'a folder is named twice in LAYERS').toBe(new Set(declared).size);
    const missing = graph.folders.filter((f) => !index.has(f));
    expect(missing, 'folders of src/ not in LAYERS: add each to its layer in src/layers.ts').toEqual([]);
  });

  it('has no import that leaves src/ (test/, bench/, scripts/ …)', () => {
    const lines = graph.outside.map((f) => `src/${f.from} → ${f.to}`);
    expect(lines, lines.join('\n')).toEqual([]);
  });

  it('has no import that points up the layer order', () => {
    const upward = graph.edges.filter((e) => isUpward(e, index) && !KNOWN_UPWARD.includes(key(e)));
    const report = upward.map((e) => `${key(e)}:\n${describeEdge(e)}`).join('\n');
    expect(upward.map(key), `imports pointing up the layers:\n${report}`).toEqual([]);
  });

  it('has no loop of folders', () => {
    const edges = graph.edges.filter((e) => !KNOWN_UPWARD.includes(key(e)));
    const cycles = folderCycles(edges);
    const report = cycles
      .map((c) =>
        edges
          // a loop needs at least one edge that does not point down: print only those (the suspects)
          .filter((e) => c.includes(e.from) && c.includes(e.to) && index.get(e.to)! >= index.get(e.from)!)
          .map((e) => `${key(e)}:\n${describeEdge(e)}`)
          .join('\n'),
      )
      .join('\n\n');
    expect(cycles, `folder cycles:\n${report}`).toEqual([]);
  });

  it('still needs every KNOWN_UPWARD entry (delete the ones that are fixed)', () => {
    const present = new Set(graph.edges.filter((e) => isUpward(e, index)).map(key));
    expect(KNOWN_UPWARD.filter((k) => !present.has(k))).toEqual([]);
  });
});
