/**
 * @module bench/fuzz/cases
 * The fuzz cases: plain JSON specs (small, printable, replayable) drawn by fast-check from a seed. Five input kinds:
 * `schema` (documents of the scenario JSON Schema), `mutant` (mutated shipped scenarios), `tracker` (mutated
 * `mtt-scenario` files fed to `aspis track`), `tracks` (mutated `mtt-tracks` files fed to `aspis mtt score`) and
 * `http` (requests to the server API). `materialize` (worker side) turns a spec into files and arguments (docs/fuzz.md).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { packageRoot } from '../../src/scenario/catalog.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { type Mutation, mutationArb } from './mutate.js';
import { schemaArb } from './schemaArb.js';

/** Input kinds, in the order the report prints them. */
export const FUZZ_KINDS = ['schema', 'mutant', 'tracker', 'tracks', 'http'] as const;
export type FuzzKind = (typeof FUZZ_KINDS)[number];

/** A generated scenario document, validated and (when `run`) run with every output written. */
export interface SchemaCase {
  readonly kind: 'schema';
  readonly doc: unknown;
  /** Edge values and type changes applied to `doc` (none for about half the cases). */
  readonly mutations: readonly Mutation[];
  readonly run: boolean;
}

/** A shipped scenario (`base`, a file of scenarios/) with mutations applied to its parsed document. */
export interface MutantCase {
  readonly kind: 'mutant';
  readonly base: string;
  readonly mutations: readonly Mutation[];
  readonly run: boolean;
}

/** A mutation of one line of a JSON Lines file (`line` modulo the line count; 0 is the header). */
export interface LineMutation {
  readonly line: number;
  readonly mutation: Mutation;
}

/** The reference N = 10 `mtt-scenario`, cut to `scans` scans, mutated, tracked with the given flags. */
export interface TrackerCase {
  readonly kind: 'tracker';
  readonly scans: number;
  readonly mutations: readonly LineMutation[];
  readonly flags: readonly string[];
}

/** The reference N = 10 `mtt-tracks` file, mutated (and maybe cut), scored against its scenario. */
export interface TracksCase {
  readonly kind: 'tracks';
  readonly keepLines: number;
  readonly mutations: readonly LineMutation[];
}

/** One request to the server API (`body` as sent; `yamlFrom` replaces `{{yaml}}` in it with a mutant's YAML). */
export interface HttpCase {
  readonly kind: 'http';
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly contentType: string | null;
  readonly body: string | null;
  readonly yamlFrom: MutantCase | null;
}

export type FuzzCase = SchemaCase | MutantCase | TrackerCase | TracksCase | HttpCase;

/** How cases are drawn. */
export interface CaseOptions {
  /** Percentage (0–100) of valid scenario cases that also run the simulation and write every output. */
  readonly runPercent: number;
}

/** Shipped scenario files (scenarios/*.yaml). */
export function shippedScenarios(): string[] {
  return readdirSync(join(packageRoot(), 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** Catalog ids by kind, from src/scenario/catalog/<kind>s/*.yaml. */
function catalogIds(): Record<'threat' | 'interceptor' | 'radar' | 'gun', string[]> {
  const dir = join(packageRoot(), 'src', 'scenario', 'catalog');
  const ids = (kind: string) =>
    readdirSync(join(dir, kind))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
  return { threat: ids('threats'), interceptor: ids('interceptors'), radar: ids('radars'), gun: ids('guns') };
}

function runFlag(options: CaseOptions): fc.Arbitrary<boolean> {
  return fc.integer({ min: 0, max: 99 }).map((n) => n < options.runPercent);
}

/** Mutations that usually keep a scenario valid (a mutant meant to run should reach the engine). */
const RUNNABLE_OPS = new Set(['grow', 'duplicate', 'drop']);

function mutantArb(options: CaseOptions): fc.Arbitrary<MutantCase> {
  return fc
    .record({
      kind: fc.constant('mutant' as const),
      base: fc.constantFrom(...shippedScenarios()),
      mutations: fc.array(mutationArb(), { minLength: 1, maxLength: 3 }),
      run: runFlag(options),
    })
    .map((c) => (c.run ? { ...c, mutations: c.mutations.filter((m) => RUNNABLE_OPS.has(m.op)) } : c));
}

/** Line mutations biased to the header (line 0), where one field changes the meaning of the whole file. */
function lineMutationArb(): fc.Arbitrary<LineMutation> {
  return fc.record({
    line: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.nat({ max: 200 }) }),
    mutation: mutationArb(),
  });
}

const TRACK_FLAGS: readonly (readonly string[])[] = [
  [],
  ['--filter', 'ekf'],
  ['--filter', 'ukf'],
  ['--filter', 'imm'],
  ['--assoc', 'jpda'],
  ['--compat', 'stonesoup'],
  ['--covariance'],
  ['--confirm', '31/31'],
  ['--gate', '1e-300'],
  ['--delete-misses', '1'],
];

/** HTTP bodies that are not a well-formed run request. */
const BAD_BODIES: readonly string[] = [
  '',
  '{',
  'null',
  '[]',
  '42',
  '"yaml"',
  '{"yaml": 1}',
  '{"yaml": ""}',
  '{"yaml": "name: x", "seed": 1e308}',
  '{"yaml": "name: x", "seed": -1}',
  '{"yaml": "name: x", "seed": "1"}',
  '{"yaml": "name: x", "seed": 4294967297}',
  '{"yaml": "name: x", "name": "../../etc/passwd"}',
  '{"yaml": "name: x\\nstart: 2020-01-01T00:00:00Z\\nterrain: { dem: /etc/shadow }"}',
  '{"yaml": "name: x\\nstart: 2020-01-01T00:00:00Z\\nterrain: { dem: /etc/hostname }"}',
  '{"yaml": "name: x\\nstart: 2020-01-01T00:00:00Z\\nterrain: { dem: /nonexistent/dem.tif }"}',
  '{"yaml": "a: &a [*a]"}',
  '{"yaml": "- - - - - - - - - - - - - - - - - - - - - -"}',
  '{"__proto__": {"yaml": "name: x"}}',
];

const GET_PATHS: readonly string[] = [
  '/api/runs',
  '/api/runs/latest',
  '/api/runs/run-999999',
  '/api/runs/%00',
  '/api/runs/..%2F..%2Fetc%2Fpasswd',
  '/api/runs/latest/replay?replication=99999999999',
  '/api/runs/latest/replay?replication=-1',
  '/api/runs/1/replay?replication=0',
  '/api/nothing',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/index.html',
  '/assets/%00.js',
];

function httpArb(options: CaseOptions): fc.Arbitrary<HttpCase> {
  const get = fc.record({
    kind: fc.constant('http' as const),
    method: fc.constant('GET' as const),
    path: fc.constantFrom(...GET_PATHS),
    contentType: fc.constant(null),
    body: fc.constant(null),
    yamlFrom: fc.constant(null),
  });
  const bad = fc.record({
    kind: fc.constant('http' as const),
    method: fc.constant('POST' as const),
    path: fc.constantFrom('/api/run', '/api/runs', '/api/run?x=1'),
    contentType: fc.constantFrom('application/json', 'text/plain', null, 'application/json; charset=utf-8'),
    body: fc.oneof(
      fc.constantFrom(...BAD_BODIES),
      fc.constant('x'.repeat(300 * 1024)),
      fc.json({ maxDepth: 3 }),
    ),
    yamlFrom: fc.constant(null),
  });
  const scenario = fc.record({
    kind: fc.constant('http' as const),
    method: fc.constant('POST' as const),
    path: fc.constant('/api/run'),
    contentType: fc.constant('application/json'),
    body: fc.constantFrom('{"yaml": {{yaml}}}', '{"yaml": {{yaml}}, "seed": 7, "name": "fuzz.yaml"}'),
    // a POSTed scenario that validates runs a simulation: only runPercent of them stay valid
    yamlFrom: mutantArb(options).map((m) => (m.run ? { ...m, mutations: [] } : m)),
  });
  return fc.oneof(
    { weight: 3, arbitrary: get },
    { weight: 4, arbitrary: bad },
    { weight: 3, arbitrary: scenario },
  );
}

type Doc = Record<string, unknown>;

/**
 * Makes a schema document's references consistent (unique ids, `defends` and targets naming existing assets, no
 * free-form catalog): the schema cannot say so, and without it nearly every document stops at the first reference.
 */
export function repairReferences(input: unknown): unknown {
  if (input === null || typeof input !== 'object') return input;
  const doc = input as Doc;
  const list = (key: string) => (Array.isArray(doc[key]) ? (doc[key] as Doc[]) : []);
  delete doc.catalog;
  delete doc.networks;
  delete doc.terrain;
  const assets = list('assets');
  assets.forEach((a, i) => {
    a.id = `a${i}`;
  });
  const assetIds = assets.map((a) => a.id as string);
  list('units').forEach((u, i) => {
    u.id = `u${i}`;
    if (Array.isArray(u.defends)) u.defends = assetIds.slice(0, Math.max(1, u.defends.length));
  });
  list('threats').forEach((t, i) => {
    t.raid = `r${i}`;
    if (typeof t.target === 'string') t.target = assetIds[i % Math.max(1, assetIds.length)] ?? 'a0';
  });
  list('jammers').forEach((j, i) => {
    j.id = `j${i}`;
    if ('threatRaid' in j) j.threatRaid = 'r0';
  });
  return doc;
}

/** The arbitrary of one kind's cases. */
export function caseArb(kind: FuzzKind, options: CaseOptions): fc.Arbitrary<FuzzCase> {
  switch (kind) {
    case 'schema': {
      const root = scenarioJsonSchema();
      const doc = schemaArb(root, root, { catalogIds: catalogIds(), maxArray: 3 }).map(repairReferences);
      return (
        fc
          .record({
            kind: fc.constant('schema' as const),
            doc,
            mutations: fc.oneof(fc.constant([]), fc.array(mutationArb(), { minLength: 1, maxLength: 2 })),
            run: runFlag(options),
          })
          // a document meant to run keeps its in-range values: mutations would stop nearly all at validation
          .map((c) => (c.run ? { ...c, mutations: [] } : c))
      );
    }
    case 'mutant':
      return mutantArb(options);
    case 'tracker':
      return fc.record({
        kind: fc.constant('tracker' as const),
        scans: fc.integer({ min: 0, max: 12 }),
        mutations: fc.array(lineMutationArb(), { minLength: 0, maxLength: 3 }),
        flags: fc.constantFrom(...TRACK_FLAGS),
      });
    case 'tracks':
      return fc.record({
        kind: fc.constant('tracks' as const),
        keepLines: fc.oneof(fc.constant(1e9), fc.integer({ min: 0, max: 120 })),
        mutations: fc.array(lineMutationArb(), { minLength: 1, maxLength: 3 }),
      });
    case 'http':
      return httpArb(options);
  }
}

/**
 * `count` cases spread over `kinds` round-robin, deterministic in `seed` (fast-check's own generator: the same seed
 * and count give the same cases on every machine).
 */
export function drawCases(
  count: number,
  seed: number,
  kinds: readonly FuzzKind[],
  options: CaseOptions,
): FuzzCase[] {
  const out: FuzzCase[] = [];
  kinds.forEach((kind, i) => {
    const n = Math.floor(count / kinds.length) + (i < count % kinds.length ? 1 : 0);
    if (n > 0) out.push(...fc.sample(caseArb(kind, options), { seed: seed + i, numRuns: n }));
  });
  return out;
}
