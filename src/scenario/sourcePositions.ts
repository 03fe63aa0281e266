/**
 * @module scenario/sourcePositions
 * Where a field path (`units[0].radar.sectorWidth`, as coded errors name it) sits in the scenario's YAML text: the
 * line and column (1-based) of the closest node the text has, for editors that underline a problem where it is.
 * A path that goes further than the text (a required key that is missing) lands on the deepest node that exists.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A span of the text: 1-based line and column of its start and end, and its offsets. */
export interface SourceSpan {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly from: number;
  readonly to: number;
}

/** Splits a field path into keys and numeric indices: `a.b[10].c` → ['a', 'b', 10, 'c']. */
export function fieldPathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g))
    keys.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? ''));
  return keys;
}

/** Offsets [from, to) of a node, or null when the parser gave it none. */
function nodeRange(node: unknown): [number, number] | null {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? [range[0], range[1]] : null;
}

/** The offsets of the deepest node along `keys`: a mapping entry spans its key and value, a list item itself. */
function deepestRange(contents: unknown, keys: readonly (string | number)[]): [number, number] | null {
  let node: unknown = contents;
  let best = nodeRange(node);
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key),
      );
      if (!pair) break;
      const from = nodeRange(pair.key)?.[0];
      const to = nodeRange(pair.value)?.[1] ?? nodeRange(pair.key)?.[1];
      if (from !== undefined && to !== undefined) best = [from, to];
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined) break;
      best = nodeRange(item) ?? best;
      node = item;
    } else break;
  }
  return best;
}

/**
 * The span of the text a field path points at, or null when the text has no document (empty, or a syntax error
 * before any content).
 * @example
 * ```ts
 * import { sourceSpanOf } from '../scenario/sourcePositions.js';
 * sourceSpanOf('name: x\nassets:\n  - { id: a, radius: -3km }\n', 'assets[0].radius'); // { line: 3, col: 14, … }
 * ```
 */
export function sourceSpanOf(yamlText: string, path: string): SourceSpan | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, keepSourceTokens: false });
  const range = deepestRange(doc.contents as Node | null, fieldPathKeys(path));
  if (range === null) return null;
  const start = lineCounter.linePos(range[0]);
  const end = lineCounter.linePos(Math.max(range[0], range[1]));
  return {
    line: start.line,
    col: start.col,
    endLine: end.line,
    endCol: end.col,
    from: range[0],
    to: Math.max(range[0], range[1]),
  };
}
