/**
 * @module errors
 * Typed, coded errors raised at the boundaries (scenario files, CLI input, tracker files). The CLI prints
 * `CODE path: message` and exits 2; nothing deeper ever reaches the user as a stack trace.
 */

/** Error codes a user can search for. */
export type AspisErrorCode =
  | 'E_SCENARIO_PARSE'
  | 'E_SCENARIO_FIELD'
  | 'E_SCENARIO_REF'
  | 'E_SCENARIO_FILE'
  | 'E_TERRAIN_FILE'
  | 'E_CATALOG'
  | 'E_MTT_FORMAT'
  | 'E_USAGE'
  | 'E_NO_SOLUTION'
  /** A file named by a posted or queued scenario lies outside the allowed data directory (or is missing there). */
  | 'E_FILE_ACCESS'
  /** A resume whose inputs (scenario text, DEM bytes) differ from those the stored run used. */
  | 'E_RESUME_INPUT'
  /** A resume that would shrink a stored batch (`--runs` below the stored count). */
  | 'E_RESUME_RUNS'
  /** An output file or directory (`--out`) cannot be written: missing, read-only, not a directory or full. */
  | 'E_OUTPUT'
  /** The run store cannot be written (disk full, I/O error); what was stored stays consistent and resumable. */
  | 'E_STORE_WRITE'
  /** The queue (redis) stopped answering or lost the batch's jobs; the stored run can be resumed. */
  | 'E_QUEUE_TIMEOUT'
  /** Interrupted by a signal (Ctrl-C); the stored run is marked stopped and can be resumed. */
  | 'E_INTERRUPTED'
  | 'E_WORK_LIMIT'
  | 'E_WALL_TIME'
  | 'E_CANCELLED';

/** An input problem with a code, a field path (`threats[2].from.lat`) and a message that says how to fix it. */
export class AspisError extends Error {
  readonly code: AspisErrorCode;
  readonly path: string;

  constructor(code: AspisErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(path ? `${code} ${path}: ${message}` : `${code}: ${message}`, options);
    this.name = 'AspisError';
    this.code = code;
    this.path = path;
  }
}
