/**
 * @module io/mttOutput
 * Output for the tracker commands: a result is written only once it is complete, either to stdout or to a file via
 * a temporary sibling and an atomic rename, so a failed run never leaves a partial file that looks complete.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AspisError } from '../errors.js';

/** Writes `text` to `path` atomically (temp file + rename), or to stdout when `path` is null. */
export function writeOutput(path: string | null, text: string): void {
  if (path === null) {
    process.stdout.write(text);
    return;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    // `--out runs/tracks.jsonl` on a fresh checkout: the folder is made, as `aspis run --out` does (writeFileAtomic)
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new AspisError('E_USAGE', path, `cannot write output file (${(err as Error).message})`, {
      cause: err,
    });
  }
}

/** Joins lines into file text with a trailing newline. */
export function linesToText(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
