/**
 * @module bench/fuzz/mutate
 * Mutations of JSON-like documents (a parsed scenario, a tracker file line): drop a field, duplicate it, change its
 * type, replace it with an extreme number or a non-number string, or grow an array within its bounds. A mutation is
 * plain data (`Mutation`) so a failing case prints and replays from its JSON alone (docs/fuzz.md).
 */
import fc from 'fast-check';

/** What a mutation does to the node it picks. */
export type MutationOp = 'drop' | 'duplicate' | 'retype' | 'extreme' | 'grow';

/** One mutation: `pick` chooses a node (index modulo the node count), `op` and `value` what happens to it. */
export interface Mutation {
  readonly pick: number;
  readonly op: MutationOp;
  /** Replacement for `retype` and `extreme`; growth factor for `grow`. */
  readonly value: unknown;
}

/** Numbers that break arithmetic: zero, negatives, subnormal-ish, huge, and YAML/JSON non-numbers. */
export const EXTREME_NUMBERS: readonly unknown[] = [
  0,
  -1,
  1e-300,
  1e308,
  -1e308,
  1e-9,
  4294967297,
  0.5,
  2 ** 53 + 2,
  'NaN',
  'Infinity',
  '1e999',
  '-0',
];

/** Quantity strings with units at the edges of (and beyond) any sane range. */
export const EXTREME_QUANTITIES: readonly string[] = [
  '0s',
  '-1s',
  '1e-300s',
  '1e308s',
  '1e-9s',
  '1e308m',
  '0m',
  '-1km',
  'NaNs',
  'Infinitym',
  '1e999deg',
  '10000h',
  '1e-6s',
];

/** Values of other JSON types, for `retype`. */
export const RETYPE_VALUES: readonly unknown[] = [
  null,
  true,
  '',
  'x',
  [],
  {},
  [1, 2, 3],
  { a: 1 },
  '3/4',
  '31/31',
  '0/0',
];

/** Arbitrary mutation. */
export function mutationArb(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ pick: fc.nat(), op: fc.constant<MutationOp>('drop'), value: fc.constant(null) }),
    fc.record({ pick: fc.nat(), op: fc.constant<MutationOp>('duplicate'), value: fc.constant(null) }),
    fc.record({
      pick: fc.nat(),
      op: fc.constant<MutationOp>('retype'),
      value: fc.constantFrom(...RETYPE_VALUES),
    }),
    fc.record({
      pick: fc.nat(),
      op: fc.constant<MutationOp>('extreme'),
      value: fc.constantFrom(...EXTREME_NUMBERS, ...EXTREME_QUANTITIES),
    }),
    fc.record({ pick: fc.nat(), op: fc.constant<MutationOp>('grow'), value: fc.constantFrom(10, 100, 1000) }),
  );
}

type Container = Record<string, unknown> | unknown[];

/** A node of a document: its parent and its key there. */
interface Slot {
  readonly parent: Container;
  readonly key: string | number;
}

/** Every slot of a document, depth first, parents before children (iterative: no recursion over data size). */
function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        out.push({ parent: node, key: i });
        stack.push(node[i]);
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        out.push({ parent: node as Record<string, unknown>, key });
        stack.push(child);
      }
    }
  }
  return out;
}

/** Applies one mutation in place to `doc` (a plain JSON-like value); returns false when the document has no node. */
export function applyMutation(doc: unknown, mutation: Mutation): boolean {
  const all = slots(doc);
  if (all.length === 0) return false;
  const { parent, key } = all[mutation.pick % all.length];
  const current = Array.isArray(parent) ? parent[key as number] : parent[key as string];
  switch (mutation.op) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return true;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(current));
      // an object cannot hold one key twice: the copy gets a sibling key (an unknown field)
      else parent[`${String(key)}Copy`] = structuredClone(current);
      return true;
    case 'grow': {
      const factor = Number(mutation.value);
      // arrays grow by repeating their first element; numbers are scaled (counts, rounds)
      const target = Array.isArray(current) ? current : Array.isArray(parent) ? parent : null;
      if (target !== null && target.length > 0) {
        const first = target[0];
        const extra = Math.min(factor, 1000);
        for (let i = 0; i < extra; i++) target.push(structuredClone(first));
      } else if (typeof current === 'number') set(parent, key, current * factor);
      return true;
    }
    default:
      set(parent, key, structuredClone(mutation.value));
      return true;
  }
}

function set(parent: Container, key: string | number, value: unknown): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else parent[key as string] = value;
}
