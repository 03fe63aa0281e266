/**
 * @module scenario/inputFiles
 * Files a scenario names (today `terrain.dem`) and where they may come from (docs/run-store.md, "Input files";
 * docs/web.md, "Files"). On the command line a relative reference resolves against the scenario file's folder,
 * whatever the working directory. A scenario posted to the server or queued to workers is confined: it may name only
 * files uploaded alongside it or files inside one allowed data directory, checked after symlinks are resolved
 * (`realpath`), and every refusal reads the same whether or not the path exists elsewhere, so errors reveal nothing
 * about the server's other files. Every file read is recorded with the SHA-256 of its bytes, which the run store
 * folds into the scenario hash so that a resume with different inputs is caught.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AspisError } from '../errors.js';

/** Largest input file read, bytes (a regional 1″ DEM tile is ~25 MB; this bounds memory on a wrong path). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** One file a compiled scenario read. */
export interface InputFile {
  /** Scenario field that named it (`terrain.dem`). */
  readonly field: string;
  /** The reference as written in the scenario. */
  readonly ref: string;
  /** Where it was read: an absolute path, or `upload:<name>` for an uploaded file. */
  readonly location: string;
  /** How messages and reports name it: the path on the command line, the reference as written when confined. */
  readonly shown: string;
  /** SHA-256 (hex) of its bytes. */
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

/** Where a scenario's file references are read from; records every file read (in `inputs`). */
export interface InputFiles {
  /**
   * The bytes of the file `ref` named at `field`.
   * @throws AspisError `E_TERRAIN_FILE` (missing or unreadable, CLI) or `E_FILE_ACCESS` (confined: not allowed)
   */
  read(ref: string, field: string): InputFile;
  /** Files read so far, in reading order. */
  readonly inputs: readonly InputFile[];
}

/** SHA-256 (hex) of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a regular file of at most `MAX_INPUT_BYTES`; a thrown Error says why in words. */
function readRegularFile(path: string): Uint8Array {
  const stat = statSync(path);
  if (!stat.isFile()) throw new Error('not a regular file');
  if (stat.size > MAX_INPUT_BYTES) throw new Error(`larger than ${MAX_INPUT_BYTES} bytes`);
  return readFileSync(path);
}

function recorder(): { inputs: InputFile[]; keep: (f: Omit<InputFile, 'sha256'>) => InputFile } {
  const inputs: InputFile[] = [];
  return {
    inputs,
    keep(f) {
      const file = { ...f, sha256: sha256Hex(f.bytes) };
      inputs.push(file);
      return file;
    },
  };
}

/**
 * Files as the command line reads them: a relative reference resolves against `baseDir` (the scenario file's
 * folder), an absolute one is read as given.
 */
export function localInputFiles(baseDir: string): InputFiles {
  const { inputs, keep } = recorder();
  return {
    inputs,
    read(ref, field) {
      const path = resolve(baseDir, ref);
      let bytes: Uint8Array;
      try {
        bytes = readRegularFile(path);
      } catch (err) {
        const reason =
          (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? `file not found (relative references resolve against the scenario file's folder, ${resolve(baseDir)})`
            : String((err as Error).message);
        throw new AspisError('E_TERRAIN_FILE', field, `cannot read DEM '${path}': ${reason}`, { cause: err });
      }
      return keep({ field, ref, location: path, shown: path, bytes });
    },
  };
}

/** Options of `confinedInputFiles`. */
export interface ConfinedInputOptions {
  /** The allowed data directory; null allows uploads only. */
  readonly dataDir: string | null;
  /** Files sent with the scenario, by the name the scenario uses for them. */
  readonly uploads?: ReadonlyMap<string, Uint8Array>;
}

/** True when `path` is `dir` itself or lies inside it (both absolute and resolved). */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * Files for a scenario from outside (HTTP, queue): an uploaded file of that name, else a relative reference inside
 * `dataDir` whose real path (symlinks resolved) is still inside the data directory's real path. Absolute paths,
 * `..` escapes, symlinks out, missing files and non-regular files all get the same `E_FILE_ACCESS` answer, which
 * names only the reference the caller wrote.
 */
export function confinedInputFiles(options: ConfinedInputOptions): InputFiles {
  const { inputs, keep } = recorder();
  const refuse = (ref: string, field: string, cause?: unknown): never => {
    const where =
      options.dataDir === null
        ? 'upload it with the scenario'
        : "name a file inside the server's data directory (a relative path) or upload it with the scenario";
    throw new AspisError('E_FILE_ACCESS', field, `no readable file '${ref}' available: ${where}`, { cause });
  };
  return {
    inputs,
    read(ref, field) {
      const uploaded = options.uploads?.get(ref);
      if (uploaded !== undefined)
        return keep({ field, ref, location: `upload:${ref}`, shown: ref, bytes: uploaded });
      if (options.dataDir === null || ref === '' || isAbsolute(ref) || ref.includes('\0'))
        return refuse(ref, field);
      let root: string;
      try {
        root = realpathSync(options.dataDir);
      } catch (err) {
        return refuse(ref, field, err);
      }
      // lexically inside first (no file-system call for an escape), then again after symlinks
      const lexical = resolve(root, ref);
      if (!isInside(root, lexical)) return refuse(ref, field);
      let bytes: Uint8Array;
      let real: string;
      try {
        real = realpathSync(lexical);
        if (!isInside(root, real)) return refuse(ref, field);
        bytes = readRegularFile(real);
      } catch (err) {
        return refuse(ref, field, err);
      }
      return keep({ field, ref, location: real, shown: ref, bytes });
    },
  };
}

/** Digest lines of the files a scenario read, in reading order (what the scenario hash folds in). */
export function inputDigests(inputs: readonly InputFile[]): Array<{ field: string; sha256: string }> {
  return inputs.map((f) => ({ field: f.field, sha256: f.sha256 }));
}
