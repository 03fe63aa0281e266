/**
 * @module web/schemaComplete
 * Completion of scenario YAML from the JSON Schema (`GET /api/schema`, as `aspis schema` prints it): where the
 * cursor is in the YAML (the path of keys and list indices, and whether a key or a value is being typed), read from
 * the Lezer YAML tree so that half-typed text still has a shape, and which keys or values the schema allows there.
 * No DOM, no editor: the workbench (`web/editor`) wires it into CodeMirror.
 */
import { yamlLanguage } from '@codemirror/lang-yaml';

/** The part of a JSON Schema completion reads. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  /** Suggested values (the server adds the shipped catalog's ids to catalog-id fields). */
  readonly examples?: readonly unknown[];
  readonly required?: readonly string[];
}

/** Where the cursor is: the YAML path of the mapping (key) or of the field (value), and the word being typed. */
export interface CursorContext {
  readonly position: 'key' | 'value';
  /** Keys and list indices from the document root: `['units', 0, 'radar']`. */
  readonly path: readonly (string | number)[];
  /** Start of the word being typed (completion replaces from here to the cursor). */
  readonly from: number;
  /** Keys already written in the mapping (key position), not offered again. */
  readonly existingKeys: readonly string[];
}

/** One completion: label, a short type note and the schema's description. */
export interface SchemaOption {
  readonly label: string;
  readonly detail: string;
  readonly info: string;
  readonly kind: 'key' | 'value';
}

type Tree = ReturnType<typeof yamlLanguage.parser.parse>;
type SyntaxNode = ReturnType<Tree['resolveInner']>;

/** A key's text without quotes. */
function keyText(text: string, key: SyntaxNode): string {
  return text.slice(key.from, key.to).replace(/^(["'])(.*)\1$/, '$2');
}

/** The path of keys and indices from the document root down to `node` (its own key included when it is a Pair). */
function pathOf(text: string, node: SyntaxNode | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let n = node; n !== null; n = n.parent) {
    if (n.name === 'Pair') {
      const key = n.getChild('Key');
      if (key) path.unshift(keyText(text, key));
    } else if (n.name === 'Item' || n.parent?.name === 'FlowSequence') {
      if (n.name === ',' || n.name === '[' || n.name === ']') continue;
      let index = 0;
      for (let s = n.prevSibling; s !== null; s = s.prevSibling)
        if (s.name === n.name || (n.parent?.name === 'FlowSequence' && !/^[[\],]$/.test(s.name))) index++;
      path.unshift(index);
    }
  }
  return path;
}

/** The keys written directly in a mapping node. */
function keysOf(text: string, mapping: SyntaxNode | null): string[] {
  const keys: string[] = [];
  for (let c = mapping?.firstChild ?? null; c !== null; c = c.nextSibling)
    if (c.name === 'Pair') {
      const key = c.getChild('Key');
      if (key) keys.push(keyText(text, key));
    }
  return keys;
}

/** The innermost ancestor (or self) with one of the names. */
function ancestor(node: SyntaxNode | null, names: readonly string[]): SyntaxNode | null {
  for (let n = node; n !== null; n = n.parent) if (names.includes(n.name)) return n;
  return null;
}

/**
 * On a line with nothing but indentation (or `- `) before the cursor: the mapping whose keys start in the cursor's
 * column, found from the nearest such key above (a sibling), or null (the root when the column is 0).
 */
function mappingByColumn(text: string, tree: Tree, pos: number, column: number): SyntaxNode | null {
  let lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  for (let guard = 0; guard < 500 && lineStart > 0; guard++) {
    const prevEnd = lineStart - 1;
    lineStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(lineStart, prevEnd);
    const indent = /^[\s-]*/.exec(line)?.[0].length ?? 0;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (indent === column) {
      const key = ancestor(tree.resolveInner(lineStart + column, 1), ['Key']);
      if (key && key.from === lineStart + column) return key.parent?.parent ?? null;
    }
    // a line that starts left of the cursor's column belongs to an outer level: stop there
    if (indent < column) return null;
  }
  return null;
}

/**
 * Where the cursor is in scenario YAML text, or null when it is in a comment or a quoted string.
 * @example
 * ```ts
 * import { cursorContext } from './schemaComplete.js';
 * const text = 'units:\n  - id: a\n    rad';
 * cursorContext(text, text.length); // { position: 'key', path: ['units', 0], from: 21, existingKeys: ['id', 'rad'] }
 * ```
 */
export function cursorContext(text: string, pos: number): CursorContext | null {
  const tree = yamlLanguage.parser.parse(text);
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const word = /[\w.$-]*$/.exec(before)?.[0] ?? '';
  const from = pos - word.length;
  const node = tree.resolveInner(pos, -1);
  if (ancestor(node, ['Comment', 'QuotedLiteral'])) return null;
  // after `key: ` (block or flow): a value of that key's field
  const valueMatch = /([\w.$-]+)\s*:\s+[\w.$-]*$/.exec(before);
  if (valueMatch) {
    const keyStart = lineStart + valueMatch.index;
    const key = ancestor(tree.resolveInner(keyStart, 1), ['Key']);
    const pair = key?.from === keyStart ? key.parent : null;
    if (!pair) return null;
    return { position: 'value', path: pathOf(text, pair), from, existingKeys: [] };
  }
  // typing a key: at the start of a block line (after indentation or `- `), or after `{` / `,` in a flow mapping
  const flow = /[{,]\s*[\w.$-]*$/.test(before);
  if (!flow && !/^[\s-]*[\w.$-]*$/.test(before)) return null;
  const keyNode = ancestor(node, ['Key']);
  let mapping: SyntaxNode | null;
  if (flow) mapping = ancestor(node, ['FlowMapping']);
  else if (keyNode && keyNode.from === from) mapping = keyNode.parent?.parent ?? null;
  else mapping = mappingByColumn(text, tree, pos, before.length - word.length);
  if (mapping === null && (flow || before.length - word.length > 0)) return null;
  return { position: 'key', path: pathOf(text, mapping), from, existingKeys: keysOf(text, mapping) };
}

/** A schema with its alternatives spread out (`oneOf`, `anyOf`, `allOf`). */
function alternatives(schema: JsonSchema | undefined): JsonSchema[] {
  if (schema === undefined) return [];
  const parts = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  return [schema, ...parts.flatMap(alternatives)];
}

/**
 * The schemas that describe the value at `path` (several where the schema has alternatives: a unit is a SAM
 * battery or a C-RAM mount).
 */
export function schemasAt(root: JsonSchema, path: readonly (string | number)[]): JsonSchema[] {
  let current = alternatives(root);
  for (const key of path) {
    const next: JsonSchema[] = [];
    for (const s of current) {
      if (typeof key === 'number') {
        if (s.items) for (const a of alternatives(s.items)) next.push(a);
      } else {
        const property = s.properties?.[key];
        if (property) for (const a of alternatives(property)) next.push(a);
        else if (typeof s.additionalProperties === 'object')
          for (const a of alternatives(s.additionalProperties)) next.push(a);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** `number | string` from a schema's type. */
function typeNote(schema: JsonSchema): string {
  const types = alternatives(schema)
    .flatMap((s) => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type as string]))
    .filter((t, i, all) => all.indexOf(t) === i);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  return types.join(' | ');
}

/**
 * The completions the schema allows at a cursor context: the keys of the mapping not yet written, or the values
 * a field can take (enumerated values, constants, booleans, the default, and `examples` such as the catalog ids).
 * @example
 * ```ts
 * import { optionsAt } from './schemaComplete.js';
 * optionsAt(schema, { position: 'key', path: ['units', 0, 'radar'], from: 0, existingKeys: ['type'] });
 * // [{ label: 'sectorCenter', … }, { label: 'sectorWidth', … }]
 * ```
 */
export function optionsAt(root: JsonSchema, context: CursorContext): SchemaOption[] {
  const schemas = schemasAt(root, context.path);
  const options = new Map<string, SchemaOption>();
  if (context.position === 'key') {
    for (const s of schemas)
      for (const [key, property] of Object.entries(s.properties ?? {})) {
        if (context.existingKeys.includes(key) || options.has(key)) continue;
        const required = s.required?.includes(key) ? 'required · ' : '';
        options.set(key, {
          label: key,
          detail: `${required}${typeNote(property)}`,
          info: property.description ?? alternatives(property).find((a) => a.description)?.description ?? '',
          kind: 'key',
        });
      }
  } else {
    const add = (value: unknown, detail: string, info: string): void => {
      if (typeof value === 'object' || value === undefined) return;
      const label = String(value);
      if (!options.has(label)) options.set(label, { label, detail, info, kind: 'value' });
    };
    for (const s of schemas) {
      for (const value of s.enum ?? []) add(value, 'value', s.description ?? '');
      if (s.const !== undefined) add(s.const, 'value', s.description ?? '');
      if (s.type === 'boolean') for (const b of [true, false]) add(b, 'boolean', s.description ?? '');
      if (s.default !== undefined) add(s.default, 'default', s.description ?? '');
      for (const value of s.examples ?? []) add(value, 'catalog id', s.description ?? '');
    }
  }
  return [...options.values()];
}
