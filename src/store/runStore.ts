/**
 * @module store/runStore
 * The run store: one embedded SQLite file (better-sqlite3, WAL journal, `busy_timeout` 5000 ms), by default
 * `.aspis/runs.db` under the working directory. It holds scenarios (keyed by the SHA-256 of their YAML text), runs
 * (single runs and Monte Carlo batches), one row per completed replication and one aggregate per run. Every write is
 * one autocommit statement or one `BEGIN IMMEDIATE` transaction, so a killed process loses at most the replication it
 * was computing and two processes writing the same file serialise on SQLite's lock instead of corrupting it. Run ids
 * (`run-000001`) come from a per-store sequence, never from a wall clock; `created_at` is stored for display only.
 */
import { createHash } from 'node:crypto';
import { dirname, relative, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AspisError } from '../errors.js';
import { ensureDir } from '../files.js';

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

interface RunDbRow {
  seq: number;
  id: string;
  kind: 'single' | 'mc';
  scenario_hash: string;
  scenario_name: string;
  scenario_file: string;
  seed: number;
  runs_requested: number;
  status: 'running' | 'done' | 'stopped';
  config: string;
  created_at: string;
  replications_done: number;
}

const RUN_SELECT = `
  SELECT r.*, (SELECT COUNT(*) FROM replications p WHERE p.run_id = r.id) AS replications_done
  FROM runs r`;

function toRunRow(row: RunDbRow): RunRow {
  return {
    id: row.id,
    kind: row.kind,
    scenarioHash: row.scenario_hash,
    scenarioName: row.scenario_name,
    scenarioFile: row.scenario_file,
    seed: row.seed,
    runsRequested: row.runs_requested,
    status: row.status,
    config: JSON.parse(row.config),
    createdSeq: row.seq,
    replicationsDone: row.replications_done,
    createdAt: row.created_at,
  };
}

/** `run-000012` for sequence number 12. */
export function runIdForSeq(seq: number): string {
  return `run-${String(seq).padStart(6, '0')}`;
}

/** One input file of a scenario as the hash sees it: the field that named it and the SHA-256 of its bytes. */
export interface InputDigest {
  readonly field: string;
  readonly sha256: string;
}

/**
 * The key `putScenario` uses: SHA-256 (hex) of the YAML text, and, when the scenario read files (a DEM), of the text
 * followed by each file's field and byte digest, so two runs share a hash only when their inputs are identical.
 * Without input files it is the SHA-256 of the text alone (the hash runs stored before inputs were hashed have).
 */
export function scenarioHash(yamlText: string, inputs: readonly InputDigest[] = []): string {
  const hash = createHash('sha256').update(yamlText, 'utf8');
  if (inputs.length > 0) {
    hash.update('\0aspis-inputs\n', 'utf8');
    for (const input of inputs) hash.update(`${input.field}=${input.sha256}\n`, 'utf8');
  }
  return hash.digest('hex');
}

function parseJsonOrNull(text: string | null): unknown | null {
  return text === null ? null : JSON.parse(text);
}

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

/** SQLite result codes (better-sqlite3 `err.code`) that mean the file cannot take the write. */
const WRITE_FAULT = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN)/;

/**
 * Runs one store write; a full disk or an I/O error becomes `E_STORE_WRITE` (the write's transaction rolled back,
 * so everything stored before it stays consistent and a Monte Carlo run can be resumed once there is room).
 */
function storeWrite<T>(shown: string, what: string, write: () => T, runId?: string): T {
  try {
    return write();
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (!WRITE_FAULT.test(code)) throw err;
    const reason = code.startsWith('SQLITE_FULL') ? 'the disk (or database) is full' : `${code}`;
    throw new AspisError(
      'E_STORE_WRITE',
      '--store',
      `cannot ${what} in ${shown}: ${reason}; everything stored before stays consistent — free space, then ${runId ? `resume with aspis mc --resume ${runId}` : 'run again'}`,
      { cause: err },
    );
  }
}

function createStore(db: Database.Database, absPath: string, shown: string): RunStore {
  // prepared statements, once per store
  const insertScenario = db.prepare(
    'INSERT OR IGNORE INTO scenarios (hash, name, yaml, created_at) VALUES (?, ?, ?, ?)',
  );
  const selectScenario = db.prepare('SELECT yaml, name FROM scenarios WHERE hash = ?');
  const nextSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM runs');
  const insertRun = db.prepare(
    `INSERT INTO runs (seq, id, kind, scenario_hash, scenario_name, scenario_file, seed, runs_requested, status,
       config, created_at)
     VALUES (@seq, @id, @kind, @scenarioHash, @scenarioName, @scenarioFile, @seed, @runsRequested, 'running',
       @config, @createdAt)`,
  );
  const insertReplication = db.prepare(
    `INSERT OR IGNORE INTO replications (run_id, replication, hash, summary, events, paths)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const selectCompleted = db
    .prepare('SELECT replication FROM replications WHERE run_id = ? ORDER BY replication')
    .pluck();
  const selectReplication = db.prepare(
    'SELECT run_id, replication, hash, summary, events, paths FROM replications WHERE run_id = ? AND replication = ?',
  );
  const selectReplications = db.prepare(
    'SELECT replication, hash, summary FROM replications WHERE run_id = ? ORDER BY replication',
  );
  const upsertAggregate = db.prepare(
    `INSERT INTO aggregates (run_id, aggregate) VALUES (?, ?)
     ON CONFLICT (run_id) DO UPDATE SET aggregate = excluded.aggregate`,
  );
  const selectAggregate = db.prepare('SELECT aggregate FROM aggregates WHERE run_id = ?').pluck();
  const updateStatus = db.prepare('UPDATE runs SET status = ? WHERE id = ?');
  const updateRequested = db.prepare(
    'UPDATE runs SET runs_requested = ?, config = ? WHERE id = ? AND runs_requested <= ?',
  );
  const selectRuns = db.prepare(`${RUN_SELECT} ORDER BY r.seq DESC`);
  const selectRunById = db.prepare(`${RUN_SELECT} WHERE r.id = ?`);
  const selectLatest = db.prepare(`${RUN_SELECT} ORDER BY r.seq DESC LIMIT 1`);
  const selectRunsByPrefix = db.prepare(`${RUN_SELECT} WHERE substr(r.id, 1, ?) = ? ORDER BY r.seq LIMIT 6`);

  const createRunTx = db.transaction((meta: NewRun): string => {
    const seq = Number((nextSeq.get() as { seq: number }).seq);
    const id = runIdForSeq(seq);
    insertRun.run({
      seq,
      id,
      kind: meta.kind,
      scenarioHash: meta.scenarioHash,
      scenarioName: meta.scenarioName,
      scenarioFile: meta.scenarioFile,
      seed: meta.seed,
      runsRequested: meta.runsRequested,
      config: JSON.stringify(meta.config ?? null),
      createdAt: new Date().toISOString(),
    });
    return id;
  });

  function getRun(id: string): RunRow | null {
    const key = id.trim();
    if (key === '') return null;
    if (key === 'latest') {
      const row = selectLatest.get() as RunDbRow | undefined;
      return row ? toRunRow(row) : null;
    }
    const exact = selectRunById.get(/^\d+$/.test(key) ? runIdForSeq(Number(key)) : key) as
      | RunDbRow
      | undefined;
    if (exact) return toRunRow(exact);
    const matches = selectRunsByPrefix.all(key.length, key) as RunDbRow[];
    if (matches.length === 0) return null;
    if (matches.length > 1)
      throw new AspisError(
        'E_USAGE',
        'run',
        `"${key}" matches several runs in ${shown} (${matches
          .slice(0, 5)
          .map((m) => m.id)
          .join(', ')}${matches.length > 5 ? ', …' : ''}); give more of the id`,
      );
    return toRunRow(matches[0]);
  }

  return {
    path: absPath,
    putScenario(yamlText, name, inputs = []) {
      const hash = scenarioHash(yamlText, inputs);
      storeWrite(shown, 'store the scenario', () =>
        insertScenario.run(hash, name, yamlText, new Date().toISOString()),
      );
      return hash;
    },
    getScenario(hash) {
      const row = selectScenario.get(hash) as { yaml: string; name: string } | undefined;
      return row ? { yaml: row.yaml, name: row.name } : null;
    },
    createRun(meta) {
      try {
        return storeWrite(shown, 'create the run', () => createRunTx.immediate(meta));
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
          throw new AspisError(
            'E_USAGE',
            'run',
            `scenario ${meta.scenarioHash} is not in ${shown}; call putScenario first`,
            { cause: err },
          );
        throw err;
      }
    },
    putReplication(runId, r) {
      try {
        const info = storeWrite(
          shown,
          `store replication ${r.replication} of ${runId}`,
          () =>
            insertReplication.run(
              runId,
              r.replication,
              r.hash,
              JSON.stringify(r.summary ?? null),
              r.events ?? null,
              r.paths === undefined || r.paths === null ? null : JSON.stringify(r.paths),
            ),
          runId,
        );
        return info.changes === 1;
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw noSuchRun(runId, shown);
        throw err;
      }
    },
    completedReplications(runId) {
      return (selectCompleted.all(runId) as number[]).map(Number);
    },
    getReplication(runId, replication) {
      const row = selectReplication.get(runId, replication) as
        | {
            run_id: string;
            replication: number;
            hash: string;
            summary: string;
            events: string | null;
            paths: string | null;
          }
        | undefined;
      if (!row) return null;
      return {
        runId: row.run_id,
        replication: row.replication,
        hash: row.hash,
        summary: JSON.parse(row.summary),
        events: row.events,
        paths: parseJsonOrNull(row.paths),
      };
    },
    listReplications(runId) {
      const rows = selectReplications.all(runId) as Array<{
        replication: number;
        hash: string;
        summary: string;
      }>;
      return rows.map((row) => ({
        replication: row.replication,
        hash: row.hash,
        summary: JSON.parse(row.summary),
      }));
    },
    putAggregate(runId, aggregate) {
      try {
        storeWrite(shown, `store the aggregate of ${runId}`, () =>
          upsertAggregate.run(runId, JSON.stringify(aggregate ?? null)),
        );
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw noSuchRun(runId, shown);
        throw err;
      }
    },
    getAggregate(runId) {
      const text = selectAggregate.get(runId) as string | undefined;
      return text === undefined ? null : JSON.parse(text);
    },
    finishRun(runId, status) {
      const info = storeWrite(shown, `mark ${runId} ${status}`, () => updateStatus.run(status, runId));
      if (info.changes === 0) throw noSuchRun(runId, shown);
    },
    extendRun(runId, runsRequested, config) {
      const info = storeWrite(shown, `extend ${runId}`, () =>
        updateRequested.run(runsRequested, JSON.stringify(config ?? null), runId, runsRequested),
      );
      if (info.changes === 0) {
        if (!getRun(runId)) throw noSuchRun(runId, shown);
        throw new AspisError(
          'E_USAGE',
          '--runs',
          `run ${runId} already asks for more than ${runsRequested} runs`,
        );
      }
    },
    reopenRun(runId) {
      const info = storeWrite(shown, `reopen ${runId}`, () => updateStatus.run('running', runId));
      if (info.changes === 0) throw noSuchRun(runId, shown);
      return toRunRow(selectRunById.get(runId) as RunDbRow);
    },
    listRuns() {
      return (selectRuns.all() as RunDbRow[]).map(toRunRow);
    },
    getRun,
    close() {
      if (db.open) db.close();
    },
  };
}

function noSuchRun(id: string, shown: string): AspisError {
  return new AspisError('E_USAGE', 'run', `no run "${id}" in ${shown}; list runs with \`aspis runs list\``);
}

/** `store.getRun(id)`, or the coded error `no run "x" in <store>` when nothing matches. */
export function requireRun(store: RunStore, id: string): RunRow {
  const run = store.getRun(id);
  if (!run) throw noSuchRun(id, displayStorePath(store.path));
  return run;
}
