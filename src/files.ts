/**
 * @module files
 * Beside `errors.ts` at the root of src/ (not in io/): the run store, the reports, io and the CLI all write files
 * this way, and a folder of one of those layers would make the others import sideways.
 * Output files that are either complete or absent, with coded errors (docs/run-store.md, "Faults"). A file is
 * written to a temporary sibling and renamed over its name, so a full disk, a read-only folder or a crash never
 * leaves a partial file under the real name; the temporary file is removed when the write fails. Folders are made
 * one level at a time from the nearest existing ancestor, because Node's recursive `mkdirSync` loops forever under
 * pseudo file systems (`/proc/x/y` → ENOENT retried without end).
 *
 * Fault injection for tests: `ASPIS_FAULT_WRITE=ENOSPC` (or another errno name) makes every `writeFileAtomic` write
 * half of its text to the temporary file and then fail with that errno, as a disk filling up mid-write does.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AspisError, type AspisErrorCode } from './errors.js';

/** Most folder levels `ensureDir` creates (a bound, so no path can make it loop). */
const MAX_NEW_LEVELS = 64;

/** What a failed file-system call means to a person, by errno. */
function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'a parent folder does not exist and cannot be made';
    case 'ENOTDIR':
      return 'a parent is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

/** A coded error for a failed output operation on `path` (`field` names the flag, e.g. `--out`). */
export function outputError(
  field: string,
  path: string,
  err: unknown,
  code: AspisErrorCode = 'E_OUTPUT',
  verb = 'write',
): AspisError {
  if (err instanceof AspisError) return err;
  return new AspisError(code, field, `cannot ${verb} ${path}: ${reasonOf(err)}`, { cause: err });
}

/**
 * Makes folder `dir` and any missing parents, one level at a time from the nearest existing ancestor (never
 * Node's recursive mkdir, which spins on `/proc`).
 * @param code the error code (`E_OUTPUT` for outputs, `E_USAGE` for `--store`)
 * @throws AspisError `code` at `field` when a level cannot be made or an ancestor is not a folder
 */
export function ensureDir(dir: string, field = '--out', code: AspisErrorCode = 'E_OUTPUT'): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let isDir: boolean | null = null;
    try {
      isDir = statSync(at).isDirectory();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        throw outputError(field, dir, err, code, 'create folder');
    }
    if (isDir === true) break;
    if (isDir === false)
      throw outputError(
        field,
        dir,
        Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }),
        code,
        'create folder',
      );
    missing.push(at);
    const up = dirname(at);
    if (up === at || missing.length > MAX_NEW_LEVELS)
      throw outputError(
        field,
        dir,
        Object.assign(new Error('no existing ancestor'), { code: 'ENOENT' }),
        code,
        'create folder',
      );
    at = up;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw outputError(field, dir, err, code, 'create folder');
    }
  }
}

/** The injected write fault (`ASPIS_FAULT_WRITE`), or null. */
function injectedWriteFault(): string | null {
  const code = process.env.ASPIS_FAULT_WRITE;
  return code !== undefined && /^E[A-Z]+$/.test(code) ? code : null;
}

/**
 * Writes `text` to `path` through a temporary sibling and a rename: afterwards the file is complete or absent
 * (an earlier complete file stays when the write fails). Makes the folder first.
 * @param field the flag reported in errors (`--out`)
 * @throws AspisError `E_OUTPUT` naming the file and the reason (no space, permission, read-only, not a folder)
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, field = '--out'): void {
  ensureDir(dirname(path), field);
  const tmp = `${path}.partial-${process.pid}`;
  try {
    const fault = injectedWriteFault();
    if (fault !== null) {
      writeFileSync(
        tmp,
        typeof text === 'string' ? text.slice(0, text.length >> 1) : text.slice(0, text.length >> 1),
      );
      throw Object.assign(new Error(`${fault} (injected by ASPIS_FAULT_WRITE)`), { code: fault });
    }
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder refused the write; it may refuse the removal too, and the real name was never touched
    }
    throw outputError(field, path, err);
  }
}
