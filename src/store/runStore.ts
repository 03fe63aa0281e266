/**
 * @module store/runStore
 * The run store: one embedded SQLite file (better-sqlite3, WAL journal, `busy_timeout` 5000 ms), by default
 * `.aspis/runs.db` under the working directory. It holds scenarios (keyed by the SHA-256 of their YAML text), runs
 * (single runs and Monte Carlo batches), one row per completed replication and one aggregate per run. Every write is
 * one autocommit statement or one `BEGIN IMMEDIATE` transaction, so a killed process loses at most the replication it
 * was computing and two processes writing the same file serialise on SQLite's lock instead of corrupting it. Run ids
 * (`run-000001`) come from a per-store sequence, never from a wall clock; `created_at` is stored for display only.
 */
import { dirname, relative, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AspisError } from '../errors.js';
import { ensureDir } from '../files.js';
import { createStore, noSuchRun } from './runStoreAccess.js';

import type { InputDigest } from './runStoreIds.js';

export { type InputDigest, runIdForSeq, scenarioHash } from './runStoreIds.js';

/** Where `aspis` keeps its runs, relative to the working directory. */
export const DEFAULT_STORE_PATH = '.aspis/runs.db';

/** How long a writer waits for another process's lock before failing, ms. */
const BUSY_TIMEOUT_ms = 5000;

/** A run as stored: one `aspis run` (kind single) or one `aspis mc` batch (kind mc). */
export interface RunRow {
  /** `run-000001`, monotonic per store. */
  id: string;
  kind: 'single' | 'mc';
  /** SHA-256 (hex) of the scenario YAML text; key into the scenarios table. */
  scenarioHash: string;
  scenarioName: string;
  /** The scenario file as the user named it (display only). */
  scenarioFile: string;
  /** Root seed of the run. */
  seed: number;
  /** Replications asked for (1 for a single run). */
  runsRequested: number;
  status: 'running' | 'done' | 'stopped';
  /** The run configuration, JSON-serialisable, as given to `createRun`. */
  config: unknown;
  /** Position of the run in the store's sequence (1, 2, …). */
  createdSeq: number;
  /** Replications stored so far. */
  replicationsDone: number;
  /** Wall-clock creation time (ISO-8601, UTC), for display only; never part of an id or a result. */
  createdAt?: string;
}

/** One replication as stored. */
export interface StoredReplication {
  runId: string;
  replication: number;
  /** SHA-256 of the replication's canonical event log. */
  hash: string;
  /** The replication's summary (for `aspis run`: the `--json` object). */
  summary: unknown;
  /** Canonical JSONL event log, when it was stored. */
  events: string | null;
  /** Flight paths, when they were stored. */
  paths: unknown | null;
}

/** Metadata of a new run (its id, status, sequence and counts are the store's). */
export type NewRun = Pick<
  RunRow,
  'kind' | 'scenarioHash' | 'scenarioName' | 'scenarioFile' | 'seed' | 'runsRequested' | 'config'
>;

/** One replication to store. */
export interface NewReplication {
  replication: number;
  hash: string;
  summary: unknown;
  events?: string;
  paths?: unknown;
}

/** An open run store. Methods are synchronous; each write commits before it returns. */
export interface RunStore {
  /** Absolute path of the database file (`:memory:` for an in-memory store). */
  readonly path: string;
  /**
   * Stores a scenario's YAML text (once per distinct text and inputs); returns its hash, `scenarioHash(yamlText,
   * inputs)`: the bytes of every input file (DEM) it read are part of the key.
   */
  putScenario(yamlText: string, name: string, inputs?: readonly InputDigest[]): string;
  getScenario(hash: string): { yaml: string; name: string } | null;
  /** Creates a run with status `running`; returns its id (`run-000001`, next in the store's sequence). */
  createRun(meta: NewRun): string;
  /**
   * Stores one replication, idempotently by `(runId, replication)`: returns false (and changes nothing) when that
   * replication already exists. Throws `E_USAGE` for an unknown run.
   */
  putReplication(runId: string, r: NewReplication): boolean;
  /** Replication indices stored for a run, ascending (what a resumed Monte Carlo run can skip). */
  completedReplications(runId: string): number[];
  getReplication(runId: string, replication: number): StoredReplication | null;
  /** Every stored replication's index, hash and summary, ascending (no events or paths). */
  listReplications(runId: string): Array<{ replication: number; hash: string; summary: unknown }>;
  /** Stores (replacing) the run's aggregate. */
  putAggregate(runId: string, aggregate: unknown): void;
  getAggregate(runId: string): unknown | null;
  /** Sets the run's final status. */
  finishRun(runId: string, status: 'done' | 'stopped'): void;
  /**
   * Raises a run's requested replications (a resume with a larger `--runs`) and stores its updated config, so
   * `runs show` counts against the new total. Never lowers it (`E_USAGE`).
   */
  extendRun(runId: string, runsRequested: number, config: unknown): void;
  /** Sets a stopped (or killed) run back to `running` before resuming it; returns the updated row. */
  reopenRun(runId: string): RunRow;
  /** Every run, newest first. */
  listRuns(): RunRow[];
  /**
   * A run by id; also accepts `latest`, a bare sequence number (`12` → `run-000012`) or a unique id prefix. Null
   * when nothing matches; throws `E_USAGE` when a prefix is ambiguous.
   */
  getRun(id: string): RunRow | null;
  close(): void;
}

/** Schema migrations: entry i takes `user_version` i to i + 1. Append only; never edit a shipped entry. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE scenarios (
    hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    yaml TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE runs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('single', 'mc')),
    scenario_hash TEXT NOT NULL REFERENCES scenarios(hash),
    scenario_name TEXT NOT NULL,
    scenario_file TEXT NOT NULL,
    seed INTEGER NOT NULL,
    runs_requested INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'stopped')),
    config TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE replications (
    run_id TEXT NOT NULL REFERENCES runs(id),
    replication INTEGER NOT NULL,
    hash TEXT NOT NULL,
    summary TEXT NOT NULL,
    events TEXT,
    paths TEXT,
    PRIMARY KEY (run_id, replication)
  ) WITHOUT ROWID;
  CREATE TABLE aggregates (
    run_id TEXT PRIMARY KEY REFERENCES runs(id),
    aggregate TEXT NOT NULL
  );
  `,
];

/** The schema version this code writes. */
export const STORE_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema to `STORE_SCHEMA_VERSION` inside one immediate transaction (safe against a racing opener). */
function migrate(db: Database.Database, displayPath: string): void {
  const upgrade = db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > MIGRATIONS.length)
      throw new AspisError(
        'E_USAGE',
        '--store',
        `${displayPath} has schema version ${version}, newer than this aspis understands (${MIGRATIONS.length}); upgrade aspis or use another --store`,
      );
    for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  upgrade.immediate();
}

/** A store path as the user should read it in messages: relative to the working directory when inside it. */
export function displayStorePath(absPath: string): string {
  if (absPath === ':memory:') return absPath;
  const rel = relative(process.cwd(), absPath);
  return rel && !rel.startsWith('..') ? rel : absPath;
}

/**
 * Opens (creating file, folders and schema as needed) the run store at `path` (default `.aspis/runs.db` under the
 * working directory; `:memory:` for a throwaway store). The journal is WAL and writers wait up to 5 s for a lock.
 * @example
 * ```ts
 * import { openRunStore } from 'aspis';
 * const store = openRunStore('.aspis/runs.db');
 * for (const run of store.listRuns()) console.log(run.id, run.scenarioName);
 * store.close();
 * ```
 */
export function openRunStore(path: string = DEFAULT_STORE_PATH): RunStore {
  const absPath = path === ':memory:' ? path : resolve(process.cwd(), path);
  const shown = displayStorePath(absPath);
  let db: Database.Database;
  // level by level: Node's recursive mkdir spins forever under /proc (`--store /proc/x/runs.db`)
  if (absPath !== ':memory:') ensureDir(dirname(absPath), '--store', 'E_USAGE');
  try {
    db = new Database(absPath);
  } catch (err) {
    throw new AspisError(
      'E_USAGE',
      '--store',
      `cannot open run store ${shown}: ${(err as Error).message}; pick another file with --store PATH (or --no-store)`,
      {
        cause: err,
      },
    );
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_ms}`);
    if (absPath !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, shown);
    // fault injection for tests: a database that may not grow past N pages answers SQLITE_FULL, as a full disk does
    const maxPages = process.env.ASPIS_STORE_MAX_PAGES;
    if (maxPages !== undefined && /^\d+$/.test(maxPages)) db.pragma(`max_page_count = ${maxPages}`);
  } catch (err) {
    db.close();
    if (err instanceof AspisError) throw err;
    throw new AspisError(
      'E_USAGE',
      '--store',
      `${shown} is not a usable run store: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return createStore(db, absPath, shown);
}

/** `store.getRun(id)`, or the coded error `no run "x" in <store>` when nothing matches. */
export function requireRun(store: RunStore, id: string): RunRow {
  const run = store.getRun(id);
  if (!run) throw noSuchRun(id, displayStorePath(store.path));
  return run;
}

/**
 * The stored Monte Carlo run `id` to resume and its scenario text: the coded `--resume` errors when there is no
 * store, no such run, a single run, or a missing scenario. One rule for the in-process and the queued batch.
 */
export function requireResumableMcRun(
  store: RunStore | undefined,
  id: string,
): { row: RunRow; yaml: string } {
  if (!store) throw new AspisError('E_USAGE', '--resume', 'resuming needs the run store (drop --no-store)');
  const row = requireRun(store, id);
  if (row.kind !== 'mc')
    throw new AspisError('E_USAGE', '--resume', `${row.id} is a single run, not a Monte Carlo run`);
  const scenario = store.getScenario(row.scenarioHash);
  if (!scenario)
    throw new AspisError('E_USAGE', '--resume', `the scenario of ${row.id} is missing from the store`);
  return { row, yaml: scenario.yaml };
}
