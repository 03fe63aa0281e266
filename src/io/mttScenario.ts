/**
 * @module io/mttScenario
 * Reader for `mtt-scenario` v1 files (JSON Lines; docs/tracking.md, docs/formats/mtt.md §1). The parser is a
 * line-at-a-time state machine (`MttScenarioParser`), so a caller can stream a large file; `readMttScenario` collects a
 * whole file. Every problem is an `AspisError('E_MTT_FORMAT', 'line N[: field]', …)` naming the 1-based line.
 * File keys keep the format's snake_case spelling; units are metres and seconds throughout.
 */
import { readFileSync } from 'node:fs';
import { AspisError } from '../errors.js';

/** Header of an `mtt-scenario` v1 file (line 1). Units: m, s. */
export interface MttScenarioHeader {
  readonly type: 'header';
  readonly format: 'mtt-scenario';
  readonly version: 1;
  /** Free-text name of the program that wrote the file. */
  readonly generator: string;
  /** Seed of the generator's RNG (informational). */
  readonly seed: number;
  /** Spatial dimension: 2 or 3. */
  readonly dim: 2 | 3;
  /** State dimension, 2·dim, interleaved per axis (`state_order`). */
  readonly state_dim: number;
  /** Measurement dimension, = dim (positions). */
  readonly meas_dim: number;
  /** `["x","vx","y","vy"(,"z","vz")]` (Stone Soup order). */
  readonly state_order: readonly string[];
  /** Time of scan 0, s. */
  readonly t0: number;
  /** Scan interval, s. */
  readonly dt: number;
  /** Number of scans K; scans are k = 0 … K−1 at t = t0 + k·dt. */
  readonly num_scans: number;
  /** `"t = t0 + k*dt"` (informational). */
  readonly time_of_scan?: string;
  /** Truth motion model; `q` is the NCV power spectral density, m²/s³. */
  readonly motion: MttMotionHeader;
  /** Position sensor: z = x[mapping] + v, v ~ N(0, sigma² I); `sigma` m, `pd` probability of detection. */
  readonly sensor: MttSensorHeader;
  /** Poisson-uniform clutter: `density` per m^dim per scan over the box `region` (m). */
  readonly clutter: MttClutterHeader;
  /** Generator bookkeeping (targets, births, deaths); informational. */
  readonly targets?: MttTargetsHeader;
  /** Generator counts over the whole file. */
  readonly totals?: MttTotalsHeader;
}

/** Motion model of the truth (§1). */
export interface MttMotionHeader {
  /** `ncv` (nearly constant velocity); aspis' maneuvering scenarios write `ncv-ct` (NCV plus turn segments). */
  readonly model: string;
  /** NCV noise diffusion coefficient q, m²/s³ (Q per axis = q·[[dt³/3, dt²/2], [dt²/2, dt]]). */
  readonly q: number;
  readonly F_per_axis?: readonly (readonly number[])[];
  readonly Q_per_axis?: readonly (readonly number[])[];
  readonly description?: string;
}

/** Position sensor (§1). */
export interface MttSensorHeader {
  readonly type: 'position';
  /** State indices measured, `[0, 2(, 4)]`. */
  readonly mapping: readonly number[];
  /** Measurement noise standard deviation per axis, m. */
  readonly sigma: number;
  /** Measurement noise covariance σ²I, m². */
  readonly R?: readonly (readonly number[])[];
  /** Probability of detection per target per scan. */
  readonly pd: number;
}

/** Clutter model (§1). */
export interface MttClutterHeader {
  readonly model: string;
  /** Clutter density, per m^dim per scan. */
  readonly density: number;
  readonly density_units?: string;
  /** Box in which clutter is uniform, m. */
  readonly region: { readonly min: readonly number[]; readonly max: readonly number[] };
  /** Volume (area in 2-D) of `region`, m^dim. */
  readonly region_volume: number;
  /** density × region_volume: mean clutter count per scan. */
  readonly mean_per_scan: number;
  readonly region_rule?: string;
  /** Widening of the truth bounding box on each side, m. */
  readonly margin?: number;
}

/** Generator's target bookkeeping (§1). */
export interface MttTargetsHeader {
  readonly num: number;
  /** Mean target spacing, m. */
  readonly spacing: number;
  /** Side of the square of starting positions, m. */
  readonly init_box_side: number;
  /** [vmin, vmax], m/s. */
  readonly speed_range: readonly number[];
  readonly p_start: number;
  readonly p_end: number;
  readonly birth_rule: string;
  readonly death_rule: string;
  /** Scan index of each target's birth (alive for birth ≤ k < death). */
  readonly birth: readonly number[];
  readonly death: readonly number[];
}

/** Generator totals (§1). */
export interface MttTotalsHeader {
  readonly truth_states: number;
  readonly detections: number;
  readonly target_detections: number;
  readonly clutter: number;
}

/** One `truth` line: targets alive at scan k, in id order; `x` rows are full states in `state_order`. */
export interface MttTruthScan {
  readonly k: number;
  /** Scan time, s. */
  readonly t: number;
  readonly ids: readonly number[];
  readonly x: readonly (readonly number[])[];
}

/** One `scan` line: detections of scan k (shuffled); `origin` is for scoring only — trackers must not read it. */
export interface MttScan {
  readonly k: number;
  /** Scan time, s. */
  readonly t: number;
  /** Global detection ids. */
  readonly ids: readonly number[];
  /** Measurements, `meas_dim` each, m. */
  readonly z: readonly (readonly number[])[];
  /** Truth id per detection, −1 for clutter; absent when the writer did not record it. */
  readonly origin?: readonly number[];
}

/** A whole `mtt-scenario` file. `truth` holds the truth lines present (normally one per scan, index = k). */
export interface MttScenario {
  readonly header: MttScenarioHeader;
  readonly scans: readonly MttScan[];
  readonly truth: readonly MttTruthScan[];
}

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

/** Field checks shared by the scenario and tracks readers; every failure names the line and the field. */
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
function show(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Relative tolerance for `t = t0 + k·dt` checks (files written by other languages round differently). */
const TIME_REL_TOL = 1e-9;

/** Validates the header object of an `mtt-scenario` file (line `line`). */
export function validateScenarioHeader(obj: Record<string, unknown>, line: number): MttScenarioHeader {
  const f: LineFields = new LineFields(obj, line);
  if (obj.type !== 'header') {
    f.fail(
      'type',
      `missing header: the first line must be {"type":"header","format":"mtt-scenario",…}, got type ${show(obj.type)}`,
    );
  }
  if (obj.format !== 'mtt-scenario') f.fail('format', `must be "mtt-scenario", got ${show(obj.format)}`);
  if (obj.version !== 1) f.fail('version', `only version 1 is supported, got ${show(obj.version)}`);
  const dim = f.int('dim', 2);
  if (dim !== 2 && dim !== 3) f.fail('dim', `must be 2 or 3, got ${dim}`);
  const stateDim = f.int('state_dim', 1);
  if (stateDim !== 2 * dim) f.fail('state_dim', `must be 2·dim = ${2 * dim}, got ${stateDim}`);
  const measDim = f.int('meas_dim', 1);
  if (measDim !== dim) f.fail('meas_dim', `must equal dim = ${dim}, got ${measDim}`);
  const t0 = obj.t0 === undefined ? 0 : f.num('t0');
  const dt = f.num('dt');
  if (!(dt > 0)) f.fail('dt', `scan interval must be > 0 s, got ${dt}`);
  if (dt > MTT_LIMITS.maxDt_s) f.fail('dt', `scan interval must be ≤ ${MTT_LIMITS.maxDt_s} s, got ${dt}`);
  const numScans = f.int('num_scans', 0);
  const stateOrder =
    obj.state_order === undefined ? defaultStateOrder(dim) : f.arr('state_order').map(String);

  const motionObj = f.obj2('motion');
  const q = f.num('motion.q', motionObj.q);
  if (!(q >= 0 && q <= MTT_LIMITS.maxQ_m2ps3))
    f.fail('motion.q', `must be in 0..${MTT_LIMITS.maxQ_m2ps3} m²/s³ (finite covariances), got ${q}`);

  const sensorObj = f.obj2('sensor');
  const sigma = f.num('sensor.sigma', sensorObj.sigma);
  if (!(sigma >= MTT_LIMITS.minSigma_m && sigma <= MTT_LIMITS.maxSigma_m))
    f.fail(
      'sensor.sigma',
      `must be in ${MTT_LIMITS.minSigma_m}..${MTT_LIMITS.maxSigma_m} m (σ² must neither underflow nor overflow), got ${sigma}`,
    );
  const pd = f.num('sensor.pd', sensorObj.pd);
  if (!(pd > 0 && pd <= 1)) f.fail('sensor.pd', `must be in (0, 1], got ${pd}`);
  const mapping =
    sensorObj.mapping === undefined
      ? positionMapping(dim)
      : f.ints('sensor.mapping', measDim, sensorObj.mapping);
  for (const m of mapping)
    if (m < 0 || m >= stateDim) f.fail('sensor.mapping', `index ${m} is outside the state`);

  const clutterObj = f.obj2('clutter');
  const density = f.num('clutter.density', clutterObj.density);
  if (density < 0) f.fail('clutter.density', `must be ≥ 0 per m^${dim}, got ${density}`);
  const regionObj = f.obj2('clutter.region', clutterObj.region);
  const regionMin = f.vec('clutter.region.min', dim, regionObj.min);
  const regionMax = f.vec('clutter.region.max', dim, regionObj.max);
  const regionVolume =
    clutterObj.region_volume === undefined
      ? regionMin.reduce((v, lo, i) => v * (regionMax[i] - lo), 1)
      : f.num('clutter.region_volume', clutterObj.region_volume);

  return {
    ...(obj as object),
    type: 'header',
    format: 'mtt-scenario',
    version: 1,
    generator: typeof obj.generator === 'string' ? obj.generator : 'unknown',
    seed: typeof obj.seed === 'number' ? obj.seed : 0,
    dim,
    state_dim: stateDim,
    meas_dim: measDim,
    state_order: stateOrder,
    t0,
    dt,
    num_scans: numScans,
    motion: { ...motionObj, model: typeof motionObj.model === 'string' ? motionObj.model : 'ncv', q },
    sensor: { ...sensorObj, type: 'position', mapping, sigma, pd },
    clutter: {
      ...clutterObj,
      model: typeof clutterObj.model === 'string' ? clutterObj.model : 'poisson-uniform',
      density,
      region: { min: regionMin, max: regionMax },
      region_volume: regionVolume,
      mean_per_scan:
        typeof clutterObj.mean_per_scan === 'number' ? clutterObj.mean_per_scan : density * regionVolume,
    },
  } as MttScenarioHeader;
}

/** `["x","vx","y","vy"(,"z","vz")]`. */
export function defaultStateOrder(dim: 2 | 3): string[] {
  const axes = ['x', 'y', 'z'].slice(0, dim);
  return axes.flatMap((a) => [a, `v${a}`]);
}

/** Position indices in the interleaved state: `[0, 2(, 4)]`. */
export function positionMapping(dim: number): number[] {
  return Array.from({ length: dim }, (_, i) => 2 * i);
}

/** Checks `t` against t0 + k·dt. */
function checkScanTime(f: LineFields, header: MttScenarioHeader, k: number, t: number): void {
  const expected = header.t0 + k * header.dt;
  if (Math.abs(t - expected) > TIME_REL_TOL * Math.max(1, Math.abs(expected))) {
    f.fail('t', `scan ${k} must be at t = t0 + k·dt = ${expected} s, got ${t}`);
  }
}

/** Streaming parser: feed lines in order with `push`, then call `finish` (which checks that no scan is missing). */
export class MttScenarioParser {
  private headerValue: MttScenarioHeader | null = null;
  private lineNo = 0;
  /** Next scan index expected. */
  private nextK = 0;
  /** Whether a truth line was seen for `nextK`. */
  private truthSeenForNext = false;
  private lastDetectionId = -1;

  /** Header, once line 1 has been pushed. */
  get header(): MttScenarioHeader | null {
    return this.headerValue;
  }

  /** Number of lines consumed so far. */
  get lines(): number {
    return this.lineNo;
  }

  /** Parses the next line; returns the record it holds (null for a blank line). */
  push(
    text: string,
  ):
    | { readonly type: 'header'; readonly header: MttScenarioHeader }
    | { readonly type: 'truth'; readonly truth: MttTruthScan }
    | { readonly type: 'scan'; readonly scan: MttScan }
    | null {
    this.lineNo++;
    const line = this.lineNo;
    if (text.trim() === '') return null;
    const obj = parseJsonLine(text, line);
    if (this.headerValue === null) {
      this.headerValue = validateScenarioHeader(obj, line);
      return { type: 'header', header: this.headerValue };
    }
    const header = this.headerValue;
    const f: LineFields = new LineFields(obj, line);
    if (obj.type === 'truth') return { type: 'truth', truth: this.truthLine(f, header) };
    if (obj.type === 'scan') return { type: 'scan', scan: this.scanLine(f, header) };
    if (obj.type === 'header') f.fail('type', 'a second header line; a file holds exactly one scenario');
    return f.fail('type', `unknown record type ${show(obj.type)}; expected "truth" or "scan"`);
  }

  /** Ends the file: throws when the header or any scan is missing. */
  finish(): MttScenarioHeader {
    const header = this.headerValue;
    if (header === null) throw mttFormatError(1, null, 'missing header: the file is empty');
    if (this.nextK < header.num_scans) {
      throw mttFormatError(
        `line ${this.lineNo + 1}`,
        null,
        `missing scans: end of file after ${this.nextK} of num_scans = ${header.num_scans} scans`,
      );
    }
    return header;
  }

  private checkK(f: LineFields, header: MttScenarioHeader, kind: string): number {
    const k = f.int('k', 0);
    if (k >= header.num_scans) f.fail('k', `${kind} k = ${k} is beyond num_scans = ${header.num_scans}`);
    if (k !== this.nextK) {
      const what = k > this.nextK ? `missing scan ${this.nextK}` : 'out-of-order k';
      f.fail(
        'k',
        `${what}: expected ${kind} k = ${this.nextK}, got ${k}; scans must be k = 0, 1, … in order`,
      );
    }
    checkScanTime(f, header, k, f.num('t'));
    return k;
  }

  private truthLine(f: LineFields, header: MttScenarioHeader): MttTruthScan {
    const k = this.checkK(f, header, 'truth');
    if (this.truthSeenForNext) f.fail('k', `a second truth line for scan ${k}`);
    this.truthSeenForNext = true;
    const x = f.matrix('x', null, header.state_dim);
    checkMagnitudes(f, 'x', x);
    const ids = f.ints('ids', x.length);
    return { k, t: f.obj.t as number, ids, x };
  }

  private scanLine(f: LineFields, header: MttScenarioHeader): MttScan {
    const k = this.checkK(f, header, 'scan');
    const z = f.matrix('z', null, header.meas_dim);
    checkMagnitudes(f, 'z', z);
    const ids = f.ints('ids', z.length);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] <= this.lastDetectionId) f.fail(`ids[${i}]`, `detection ids must increase through the file`);
      this.lastDetectionId = ids[i];
    }
    const scan: MttScan =
      f.obj.origin === undefined
        ? { k, t: f.obj.t as number, ids, z }
        : { k, t: f.obj.t as number, ids, z, origin: f.ints('origin', z.length) };
    this.nextK++;
    this.truthSeenForNext = false;
    return scan;
  }
}

/** Fails on the first entry of `rows` beyond ±MTT_LIMITS.maxAbsValue (named `field[i][j]`). */
function checkMagnitudes(f: LineFields, field: string, rows: readonly (readonly number[])[]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let j = 0; j < row.length; j++) {
      if (Math.abs(row[j]) > MTT_LIMITS.maxAbsValue)
        f.fail(`${field}[${i}][${j}]`, `must be within ±${MTT_LIMITS.maxAbsValue} (m, m/s), got ${row[j]}`);
    }
  }
}

/** Splits text into lines (LF or CRLF). */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

/** Reads a file's text, as an `E_MTT_FORMAT` error when it cannot be read. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new AspisError('E_MTT_FORMAT', path, `cannot read file (${(err as Error).message})`, {
      cause: err,
    });
  }
}

/** True when `input` is file content rather than a path (content starts with `{` or holds a newline). */
export function looksLikeContent(input: string): boolean {
  const trimmed = input.trimStart();
  return trimmed.startsWith('{') || input.includes('\n') || input === '';
}

/** Parses a whole `mtt-scenario` text (lines in any iterable). */
export function parseMttScenario(lines: Iterable<string>): MttScenario {
  const parser = new MttScenarioParser();
  const scans: MttScan[] = [];
  const truth: MttTruthScan[] = [];
  for (const text of lines) {
    const rec = parser.push(text);
    if (rec?.type === 'scan') scans.push(rec.scan);
    else if (rec?.type === 'truth') truth.push(rec.truth);
  }
  return { header: parser.finish(), scans, truth };
}

/**
 * Reads an `mtt-scenario` v1 file. `textOrPath` is the file content (starts with `{`) or a path to it.
 * Throws `E_MTT_FORMAT line N: …` on any format problem.
 */
export function readMttScenario(textOrPath: string): MttScenario {
  const text = looksLikeContent(textOrPath) ? textOrPath : readTextFile(textOrPath);
  return parseMttScenario(splitLines(text));
}

/** Truth of scan k, or a coded error when the file carries no truth line for it (scoring needs truth). */
export function truthAt(scenario: MttScenario, k: number): MttTruthScan {
  const tr = scenario.truth[k];
  if (tr === undefined || tr.k !== k) {
    throw mttFormatError(
      'scenario',
      null,
      `no truth line for scan ${k}; scoring needs one truth line per scan`,
    );
  }
  return tr;
}
