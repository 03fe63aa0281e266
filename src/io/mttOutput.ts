/**
 * @module io/mttOutput
 * Output for the tracker commands: a result is written only once it is complete, either to stdout or to a file via
 * a temporary sibling and an atomic rename, so a failed run never leaves a partial file that looks complete.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/** Size from which {@link TextChunks} joins what it collected into one chunk, characters (~1 MB). */
const CHUNK_CHARS = 1 << 20;

/**
 * A sink for `writeTrackFile` and the like that collects text in chunks of about 1 MB: a large string lives in the
 * heap's large-object space, which the young-generation collector never copies, whereas the ~300 line strings of a
 * 14 MB track file, kept until the end, were copied by every scavenge. Write it out with {@link writeOutputChunks}.
 * @example
 * ```ts
 * const out = new TextChunks();
 * out.write('{"type":"header"}\n');
 * writeOutputChunks('tracks.jsonl', out.finish());
 * ```
 */
export class TextChunks {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private pendingChars = 0;

  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /** The chunks, in order; the text is their concatenation. */
  finish(): string[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.pending.length > 0) this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}

/**
 * {@link writeOutput} for text given as consecutive chunks (from {@link TextChunks}): the same atomic file write
 * (temporary sibling, then rename) or stdout, without first joining the chunks into one string.
 */
export function writeOutputChunks(path: string | null, chunks: readonly string[]): void {
  if (path === null) {
    for (const chunk of chunks) process.stdout.write(chunk);
    return;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      for (const chunk of chunks) writeSync(fd, chunk, null, 'utf8');
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new AspisError('E_USAGE', path, `cannot write output file (${(err as Error).message})`, {
      cause: err,
    });
  }
}
