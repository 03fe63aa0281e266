/**
 * @module tracking/format/lines
 * JSON Lines plumbing shared by the tracker's file formats (the measurement file and the track file): coded
 * `E_MTT_FORMAT` errors naming the 1-based line and field, per-line JSON parsing, field checks, and the working
 * ranges of the inputs.
 */
import { AspisError } from '../../errors.js';

/**
 * Working ranges of the tracker's inputs in double precision. The filters square and multiply these (σ², q·dt³,
 * z·zᵀ inside the sigma points); outside the ranges a covariance overflows to ∞ or underflows to a singular 0, and
 * the run ends in `null` states, no tracks, or a failed Cholesky factorisation instead of an answer.
 * - position measurements and truth states: |value| ≤ 10⁹ (m, m/s; 2.6× the Moon's distance);
 * - sensor σ: 10⁻³..10⁷ m (σ² 10⁻⁶..10¹⁴ m²);
 * - NCV q: ≤ 10⁸ m²/s³ (a 10⁴ m/s², 1,000 g, white acceleration over 1 s);
 * - scan interval dt: ≤ 10⁴ s (q·dt³/3 stays ≤ 10²⁰).
 */
export const MTT_LIMITS = {
  maxAbsValue: 1e9,
  minSigma_m: 1e-3,
  maxSigma_m: 1e7,
  maxQ_m2ps3: 1e8,
  maxDt_s: 1e4,
} as const;

/** Error for line `line` (1-based), optionally naming a field: `E_MTT_FORMAT line 17: z[3]: …`. */
export function mttFormatError(line: number | string, field: string | null, message: string): AspisError {
  const where = typeof line === 'number' ? `line ${line}` : line;
  return new AspisError('E_MTT_FORMAT', field ? `${where}: ${field}` : where, message);
}

/** Parses one JSON line into an object, with a coded error naming the line (NaN/Infinity tokens called out). */
export function parseJsonLine(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (/\b(NaN|-?Infinity)\b/.test(text)) {
      throw mttFormatError(
        line,
        null,
        'non-finite number (NaN/Infinity) is not allowed; write finite JSON doubles',
      );
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw mttFormatError(line, null, `invalid JSON (${detail}); each line must be one JSON object`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw mttFormatError(line, null, 'each line must be a JSON object with a "type" field');
  }
  return value as Record<string, unknown>;
}

/** Field checks shared by the measurement-file and track-file readers; every failure names the line and the field. */
export class LineFields {
  constructor(
    readonly obj: Record<string, unknown>,
    readonly line: number,
  ) {}

  fail(field: string, message: string): never {
    throw mttFormatError(this.line, field, message);
  }

  /** A finite number. */
  num(field: string, value: unknown = this.obj[field]): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(field, `must be a finite number, got ${show(value)}`);
    return value;
  }

  /** An integer ≥ min. */
  int(field: string, min: number, value: unknown = this.obj[field]): number {
    const n = this.num(field, value);
    if (!Number.isInteger(n) || n < min) this.fail(field, `must be an integer ≥ ${min}, got ${n}`);
    return n;
  }

  str(field: string, value: unknown = this.obj[field]): string {
    if (typeof value !== 'string') this.fail(field, `must be a string, got ${show(value)}`);
    return value;
  }

  obj2(field: string, value: unknown = this.obj[field]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      this.fail(field, 'must be an object');
    return value as Record<string, unknown>;
  }

  arr(field: string, value: unknown = this.obj[field]): unknown[] {
    if (!Array.isArray(value)) this.fail(field, `must be an array, got ${show(value)}`);
    return value;
  }

  /** A vector of finite numbers, of length `len` when given. */
  vec(field: string, len: number | null, value: unknown = this.obj[field]): number[] {
    const a = this.arr(field, value);
    if (len !== null && a.length !== len) this.fail(field, `must have ${len} elements, got ${a.length}`);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (typeof v !== 'number' || !Number.isFinite(v))
        this.fail(`${field}[${i}]`, `must be a finite number, got ${show(v)}`);
    }
    return a as number[];
  }

  /** A vector of integers. */
  ints(field: string, len: number | null, value: unknown = this.obj[field]): number[] {
    const a = this.vec(field, len, value);
    for (let i = 0; i < a.length; i++)
      if (!Number.isInteger(a[i])) this.fail(`${field}[${i}]`, `must be an integer, got ${a[i]}`);
    return a;
  }

  /** `rows` rows (any count when null) of `cols` finite numbers each. */
  matrix(field: string, rows: number | null, cols: number, value: unknown = this.obj[field]): number[][] {
    const a = this.arr(field, value);
    if (rows !== null && a.length !== rows) this.fail(field, `must have ${rows} rows, got ${a.length}`);
    for (let i = 0; i < a.length; i++) {
      const row = a[i];
      if (!Array.isArray(row))
        this.fail(`${field}[${i}]`, `must be an array of ${cols} numbers, got ${show(row)}`);
      if (row.length !== cols) this.fail(`${field}[${i}]`, `must have ${cols} elements, got ${row.length}`);
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          this.fail(`${field}[${i}][${j}]`, `must be a finite number, got ${show(v)}`);
        }
      }
    }
    return a as number[][];
  }
}

/** Short rendering of a bad value for an error message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Splits text into lines (LF or CRLF). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}
