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
