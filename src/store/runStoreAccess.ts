/**
 * @module store/runStoreAccess
 * The implementation of `RunStore` (`store/runStore` opens and migrates the database): the prepared statements,
 * and one small part per kind of row (scenarios, runs, replications, aggregates), each turning write faults into
 * coded `E_STORE_WRITE` errors through `storeWrite`.
 */
import type Database from 'better-sqlite3';
import { AspisError } from '../errors.js';
import type { NewRun, RunRow, RunStore } from './runStore.js';
import { runIdForSeq, scenarioHash } from './runStoreIds.js';

/** A `runs` row as `RUN_SELECT` returns it. */
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

/** Every run with its count of completed replications. */
const RUN_SELECT = `
  SELECT r.*, (SELECT COUNT(*) FROM replications p WHERE p.run_id = r.id) AS replications_done
  FROM runs r`;

/** The API shape of a `runs` row. */
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

/** JSON.parse, keeping SQL NULL as null. */
function parseJsonOrNull(text: string | null): unknown | null {
  return text === null ? null : JSON.parse(text);
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

/** The prepared statements of one store, prepared once when it opens. */
function prepareStatements(db: Database.Database) {
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

  return {
    insertScenario,
    selectScenario,
    nextSeq,
    insertRun,
    insertReplication,
    selectCompleted,
    selectReplication,
    selectReplications,
    upsertAggregate,
    selectAggregate,
    updateStatus,
    updateRequested,
    selectRuns,
    selectRunById,
    selectLatest,
    selectRunsByPrefix,
    createRunTx,
  };
}

/** What every part of a store works with: its statements and its path as the user reads it. */
interface StoreContext {
  readonly st: ReturnType<typeof prepareStatements>;
  readonly shown: string;
}

/** `RunStore.getRun`: `latest`, a sequence number, an exact id or an unambiguous id prefix. */
function runLookup({ st, shown }: StoreContext): RunStore['getRun'] {
  return function getRun(id: string): RunRow | null {
    const key = id.trim();
    if (key === '') return null;
    if (key === 'latest') {
      const row = st.selectLatest.get() as RunDbRow | undefined;
      return row ? toRunRow(row) : null;
    }
    const exact = st.selectRunById.get(/^\d+$/.test(key) ? runIdForSeq(Number(key)) : key) as
      | RunDbRow
      | undefined;
    if (exact) return toRunRow(exact);
    const matches = st.selectRunsByPrefix.all(key.length, key) as RunDbRow[];
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
  };
}

/** Scenarios by hash: one row per distinct scenario text and inputs. */
function scenarioAccess({ st, shown }: StoreContext): Pick<RunStore, 'putScenario' | 'getScenario'> {
  return {
    putScenario(yamlText, name, inputs = []) {
      const hash = scenarioHash(yamlText, inputs);
      storeWrite(shown, 'store the scenario', () =>
        st.insertScenario.run(hash, name, yamlText, new Date().toISOString()),
      );
      return hash;
    },
    getScenario(hash) {
      const row = st.selectScenario.get(hash) as { yaml: string; name: string } | undefined;
      return row ? { yaml: row.yaml, name: row.name } : null;
    },
  };
}

/** Runs: created, extended, finished and reopened; listed newest first. */
function runLifecycle(
  { st, shown }: StoreContext,
  getRun: RunStore['getRun'],
): Pick<RunStore, 'createRun' | 'finishRun' | 'extendRun' | 'reopenRun' | 'listRuns'> {
  return {
    createRun(meta) {
      try {
        return storeWrite(shown, 'create the run', () => st.createRunTx.immediate(meta));
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
    finishRun(runId, status) {
      const info = storeWrite(shown, `mark ${runId} ${status}`, () => st.updateStatus.run(status, runId));
      if (info.changes === 0) throw noSuchRun(runId, shown);
    },
    extendRun(runId, runsRequested, config) {
      const info = storeWrite(shown, `extend ${runId}`, () =>
        st.updateRequested.run(runsRequested, JSON.stringify(config ?? null), runId, runsRequested),
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
      const info = storeWrite(shown, `reopen ${runId}`, () => st.updateStatus.run('running', runId));
      if (info.changes === 0) throw noSuchRun(runId, shown);
      return toRunRow(st.selectRunById.get(runId) as RunDbRow);
    },
    listRuns() {
      return (st.selectRuns.all() as RunDbRow[]).map(toRunRow);
    },
  };
}

/** Replications of a run: one row each, written once. */
function replicationAccess({
  st,
  shown,
}: StoreContext): Pick<
  RunStore,
  'putReplication' | 'completedReplications' | 'getReplication' | 'listReplications'
> {
  return {
    putReplication(runId, r) {
      try {
        const info = storeWrite(
          shown,
          `store replication ${r.replication} of ${runId}`,
          () =>
            st.insertReplication.run(
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
      return (st.selectCompleted.all(runId) as number[]).map(Number);
    },
    getReplication(runId, replication) {
      const row = st.selectReplication.get(runId, replication) as
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
      const rows = st.selectReplications.all(runId) as Array<{
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
  };
}

/** The aggregate of a run: one row, replaced on each write. */
function aggregateAccess({ st, shown }: StoreContext): Pick<RunStore, 'putAggregate' | 'getAggregate'> {
  return {
    putAggregate(runId, aggregate) {
      try {
        storeWrite(shown, `store the aggregate of ${runId}`, () =>
          st.upsertAggregate.run(runId, JSON.stringify(aggregate ?? null)),
        );
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw noSuchRun(runId, shown);
        throw err;
      }
    },
    getAggregate(runId) {
      const text = st.selectAggregate.get(runId) as string | undefined;
      return text === undefined ? null : JSON.parse(text);
    },
  };
}

/** The `RunStore` over an open, migrated database: its parts, each over the same prepared statements. */
export function createStore(db: Database.Database, absPath: string, shown: string): RunStore {
  const ctx: StoreContext = { st: prepareStatements(db), shown };
  const getRun = runLookup(ctx);
  return {
    path: absPath,
    ...scenarioAccess(ctx),
    ...runLifecycle(ctx, getRun),
    ...replicationAccess(ctx),
    ...aggregateAccess(ctx),
    getRun,
    close() {
      if (db.open) db.close();
    },
  };
}

/** The coded error for a run id that matches nothing. */
export function noSuchRun(id: string, shown: string): AspisError {
  return new AspisError('E_USAGE', 'run', `no run "${id}" in ${shown}; list runs with \`aspis runs list\``);
}
