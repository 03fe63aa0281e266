/**
 * @module errors
 * Typed, coded errors raised at the boundaries (scenario files, CLI input, tracker files). The CLI prints
 * `CODE path: message` and exits 2; nothing deeper ever reaches the user as a stack trace. A file with several
 * problems throws one `AspisError` carrying every problem in `issues` (sorted by path), one per message line.
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
  | 'E_MTT_NUMERIC'
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

/** Codes of warnings: the input is accepted but something in it is likely not what was meant. */
export type AspisWarningCode = 'W_OUT_OF_RANGE' | 'W_FIELD_IGNORED' | 'W_STEP_COARSE';

/** One problem in an input: code, field path (`threats[2].from.lat`, '' for the whole input) and message. */
export interface AspisIssue {
  readonly code: AspisErrorCode;
  readonly path: string;
  readonly message: string;
}

/** One warning about an accepted input, in the same shape as an issue. */
export interface AspisWarning {
  readonly code: AspisWarningCode;
  readonly path: string;
  readonly message: string;
}

/** `CODE path: message` (or `CODE: message` without a path), the one-line form the CLI prints. */
export function formatIssue(issue: { code: string; path: string; message: string }): string {
  return issue.path ? `${issue.code} ${issue.path}: ${issue.message}` : `${issue.code}: ${issue.message}`;
}

/** Splits a field path into keys and numeric indices: `a.b[10].c` → ['a', 'b', 10, 'c']. */
function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g))
    keys.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? ''));
  return keys;
}

/** Orders field paths as a reader scans a file: key by key, array indices numerically (`[2]` before `[10]`). */
export function comparePaths(a: string, b: string): number {
  const ka = pathKeys(a);
  const kb = pathKeys(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i] as string | number;
    const y = kb[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return ka.length - kb.length;
}

/** Issues sorted by path (stable for equal paths) with exact duplicates dropped. */
export function sortIssues<T extends { code: string; path: string; message: string }>(
  issues: readonly T[],
): T[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = formatIssue(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => comparePaths(a.path, b.path));
}

/** An input problem with a code, a field path (`threats[2].from.lat`) and a message that says how to fix it. */
export class AspisError extends Error {
  readonly code: AspisErrorCode;
  readonly path: string;
  /** Every problem found in the input, sorted by path; the first is `code`/`path`. One element for a single problem. */
  readonly issues: readonly AspisIssue[];

  constructor(
    code: AspisErrorCode,
    path: string,
    message: string,
    options?: { cause?: unknown; issues?: readonly AspisIssue[] },
  ) {
    const issues = options?.issues ?? [{ code, path, message }];
    super(
      issues.length > 1 ? issues.map(formatIssue).join('\n') : formatIssue({ code, path, message }),
      options,
    );
    this.name = 'AspisError';
    this.code = code;
    this.path = path;
    this.issues = issues;
  }

  /**
   * One error for several problems: sorted by path, duplicates dropped; the message lists them one per line, so the
   * CLI prints them all at once.
   * @param issues at least one
   */
  static ofIssues(issues: readonly AspisIssue[], options?: { cause?: unknown }): AspisError {
    const sorted = sortIssues(issues);
    const first = sorted[0];
    if (first === undefined) throw new RangeError('AspisError.ofIssues: need at least one issue');
    return new AspisError(first.code, first.path, first.message, { ...options, issues: sorted });
  }
}
