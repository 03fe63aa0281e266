/**
 * @module report/runDir
 * The default output folder of a run or a Monte Carlo batch: `runs/<name>-<id>/`, one per run, never another's.
 * The id is the run store's id when the run was stored (`runs/al-asad-2020-run-000012`), else a descriptive suffix
 * (`seed1`). A folder is claimed by creating it (`mkdir` fails when it exists, atomically, so two processes never
 * claim the same one); a taken name gets a counter (`-2`, `-3`, …). Only the same run — an identical re-run the
 * store recognised, or a resumed batch — writes into its own folder again (`reuse`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AspisError } from '../errors.js';
import { ensureDir } from '../files.js';

/** Folder that default outputs go under, relative to the working directory. */
export const RUNS_DIR = 'runs';

/** Highest counter tried before giving up (a folder with this many namesakes is a mistake, not a workload). */
const MAX_COUNTER = 10_000;

/** Characters kept in a folder name; anything else becomes `_`. */
function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Claims the output folder `runs/<name>-<id>` (created, parents too) and returns its path.
 * @param name the scenario file's stem, with any prefix (`mc-erbil-2020`)
 * @param id the store's run id, or a descriptive suffix when the run was not stored
 * @param reuse the folder belongs to this same run (identical stored re-run, resumed batch): use it as it is
 */
export function claimRunDir(name: string, id: string, reuse = false, root: string = RUNS_DIR): string {
  const base = join(root, `${safe(name)}-${safe(id)}`);
  ensureDir(root, '--out');
  if (reuse) {
    ensureDir(base, '--out');
    return base;
  }
  for (let n = 1; n <= MAX_COUNTER; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST')
        throw new AspisError('E_OUTPUT', '--out', `cannot create ${dir}: ${(err as Error).message}`);
    }
  }
  throw new AspisError(
    'E_OUTPUT',
    '--out',
    `${base}: ${MAX_COUNTER} folders of that name already; give --out`,
  );
}
