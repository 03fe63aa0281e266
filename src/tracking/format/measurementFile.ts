/**
 * @module tracking/format/measurementFile
 * The tracker's input, the measurement file: `mtt-scenario` v1 (JSON Lines; docs/tracking.md, docs/formats/mtt.md
 * §1) — a header, then per scan k the detections (`scan` lines) and optionally the truth (`truth` lines). This is
 * not the simulation's scenario (src/scenario): the on-disk name `mtt-scenario` is kept for compatibility only.
 * The parser is a line-at-a-time state machine (`MeasurementFileParser`), so a caller can stream a large file;
 * `parseMeasurementFile` collects a whole file (reading from disk: io/mttFiles). Every problem is an `AspisError('E_MTT_FORMAT', 'line N[: field]', …)` naming the 1-based line.
 * Two fast paths keep a large file cheap (issue 12): a scan's detections are kept as one flat Float64Array (the `z`
 * rows are made when first read; trackers take the flat array through `measurementScanFlatZ`), and a truth line of
 * the usual shape (`truthLineShape`) is checked by that shape and parsed only when read (scoring). Any other line
 * takes the general path, which also words every error, so a bad file fails exactly as before.
 * File keys keep the format's snake_case spelling; units are metres and seconds throughout.
 */
import { LineFields, MTT_LIMITS, mttFormatError, parseJsonLine, show } from './lines.js';

/** Header of an `mtt-scenario` v1 file (line 1). Units: m, s. */
export interface MeasurementFileHeader {
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
  readonly motion: MeasurementMotionHeader;
  /** Position sensor: z = x[mapping] + v, v ~ N(0, sigma² I); `sigma` m, `pd` probability of detection. */
  readonly sensor: MeasurementSensorHeader;
  /** Poisson-uniform clutter: `density` per m^dim per scan over the box `region` (m). */
  readonly clutter: MeasurementClutterHeader;
  /** Generator bookkeeping (targets, births, deaths); informational. */
  readonly targets?: MeasurementTargetsHeader;
  /** Generator counts over the whole file. */
  readonly totals?: MeasurementTotalsHeader;
}

/** Motion model of the truth (§1). */
export interface MeasurementMotionHeader {
  /** `ncv` (nearly constant velocity); aspis' maneuvering scenarios write `ncv-ct` (NCV plus turn segments). */
  readonly model: string;
  /** NCV noise diffusion coefficient q, m²/s³ (Q per axis = q·[[dt³/3, dt²/2], [dt²/2, dt]]). */
  readonly q: number;
  readonly F_per_axis?: readonly (readonly number[])[];
  readonly Q_per_axis?: readonly (readonly number[])[];
  readonly description?: string;
}

/** Position sensor (§1). */
export interface MeasurementSensorHeader {
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
export interface MeasurementClutterHeader {
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
export interface MeasurementTargetsHeader {
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
export interface MeasurementTotalsHeader {
  readonly truth_states: number;
  readonly detections: number;
  readonly target_detections: number;
  readonly clutter: number;
}

/** One `truth` line: targets alive at scan k, in id order; `x` rows are full states in `state_order`. */
export interface TruthScan {
  readonly k: number;
  /** Scan time, s. */
  readonly t: number;
  readonly ids: readonly number[];
  readonly x: readonly (readonly number[])[];
}

/** One `scan` line: detections of scan k (shuffled); `origin` is for scoring only — trackers must not read it. */
export interface MeasurementScan {
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
export interface MeasurementFile {
  readonly header: MeasurementFileHeader;
  readonly scans: readonly MeasurementScan[];
  readonly truth: readonly TruthScan[];
}

/** Relative tolerance for `t = t0 + k·dt` checks (files written by other languages round differently). */
const TIME_REL_TOL = 1e-9;

/** Validates the header object of an `mtt-scenario` file (line `line`). */
export function validateMeasurementFileHeader(
  obj: Record<string, unknown>,
  line: number,
): MeasurementFileHeader {
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
  const { sigma, pd, mapping } = validateSensor(f, sensorObj, dim, measDim, stateDim);
  const clutterObj = f.obj2('clutter');
  const { density, regionMin, regionMax, regionVolume } = validateClutter(f, clutterObj, dim);

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
  } as MeasurementFileHeader;
}

/** The `sensor` block: σ and P_D within their working ranges, and the position mapping. */
function validateSensor(
  f: LineFields,
  sensorObj: Record<string, unknown>,
  dim: 2 | 3,
  measDim: number,
  stateDim: number,
): { sigma: number; pd: number; mapping: number[] } {
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

  return { sigma, pd, mapping };
}

/** The `clutter` block: density ≥ 0 and the region box (its volume computed when absent). */
function validateClutter(
  f: LineFields,
  clutterObj: Record<string, unknown>,
  dim: 2 | 3,
): { density: number; regionMin: number[]; regionMax: number[]; regionVolume: number } {
  const density = f.num('clutter.density', clutterObj.density);
  if (density < 0) f.fail('clutter.density', `must be ≥ 0 per m^${dim}, got ${density}`);
  const regionObj = f.obj2('clutter.region', clutterObj.region);
  const regionMin = f.vec('clutter.region.min', dim, regionObj.min);
  const regionMax = f.vec('clutter.region.max', dim, regionObj.max);
  const regionVolume =
    clutterObj.region_volume === undefined
      ? regionMin.reduce((v, lo, i) => v * (regionMax[i] - lo), 1)
      : f.num('clutter.region_volume', clutterObj.region_volume);

  return { density, regionMin, regionMax, regionVolume };
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
function checkScanTime(f: LineFields, header: MeasurementFileHeader, k: number, t: number): void {
  const expected = header.t0 + k * header.dt;
  if (Math.abs(t - expected) > TIME_REL_TOL * Math.max(1, Math.abs(expected))) {
    f.fail('t', `scan ${k} must be at t = t0 + k·dt = ${expected} s, got ${t}`);
  }
}

/** Streaming parser: feed lines in order with `push`, then call `finish` (which checks that no scan is missing). */
export class MeasurementFileParser {
  private headerValue: MeasurementFileHeader | null = null;
  private lineNo = 0;
  /** Next scan index expected. */
  private nextK = 0;
  /** Whether a truth line was seen for `nextK`. */
  private truthSeenForNext = false;
  private lastDetectionId = -1;
  /** `truthLineShape(state_dim)`, made at the first truth line. */
  private truthShape: RegExp | null = null;

  /** Header, once line 1 has been pushed. */
  get header(): MeasurementFileHeader | null {
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
    | { readonly type: 'header'; readonly header: MeasurementFileHeader }
    | { readonly type: 'truth'; readonly truth: TruthScan }
    | { readonly type: 'scan'; readonly scan: MeasurementScan }
    | null {
    this.lineNo++;
    const line = this.lineNo;
    if (text.trim() === '') return null;
    if (this.headerValue === null) {
      this.headerValue = validateMeasurementFileHeader(parseJsonLine(text, line), line);
      return { type: 'header', header: this.headerValue };
    }
    const header = this.headerValue;
    const truth = this.shapedTruthLine(text, header);
    if (truth !== null) return { type: 'truth', truth };
    const obj = parseJsonLine(text, line);
    const f: LineFields = new LineFields(obj, line);
    if (obj.type === 'truth') return { type: 'truth', truth: this.truthLine(f, header) };
    if (obj.type === 'scan') return { type: 'scan', scan: this.scanLine(f, header) };
    if (obj.type === 'header') f.fail('type', 'a second header line; a file holds exactly one scenario');
    return f.fail('type', `unknown record type ${show(obj.type)}; expected "truth" or "scan"`);
  }

  /** Ends the file: throws when the header or any scan is missing. */
  finish(): MeasurementFileHeader {
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

  /**
   * A truth line of the usual shape (`truthLineShape`), which passes every check of `truthLine`, read without
   * parsing its numbers: only scoring reads the truth, so `ids` and `x` are parsed from the line when first read.
   * `null` for any other line, which `truthLine` then parses and checks in full (and words the error).
   */
  private shapedTruthLine(text: string, header: MeasurementFileHeader): TruthScan | null {
    if (!text.startsWith('{"type":"truth"') || this.truthSeenForNext) return null;
    if (this.truthShape === null) this.truthShape = truthLineShape(header.state_dim);
    const m = this.truthShape.exec(text);
    if (m === null) return null;
    const k = Number(m[1]);
    const t = Number(m[2]);
    if (k !== this.nextK || k >= header.num_scans) return null;
    const expected = header.t0 + k * header.dt;
    if (!(Math.abs(t - expected) <= TIME_REL_TOL * Math.max(1, Math.abs(expected)))) return null;
    // as many ids as states: the ids' commas and the rows' opening brackets
    const ids = m[3] === undefined ? 0 : countOf(m[3], ',', 0) + 1;
    if (ids !== countOf(text, '[', text.length - m[4].length)) return null;
    this.truthSeenForNext = true;
    let parsed: { ids: number[]; x: number[][] } | undefined;
    const load = (): { ids: number[]; x: number[][] } => {
      if (parsed === undefined) parsed = JSON.parse(text) as { ids: number[]; x: number[][] };
      return parsed;
    };
    return {
      k,
      t,
      get ids() {
        return load().ids;
      },
      get x() {
        return load().x;
      },
    };
  }

  private checkK(f: LineFields, header: MeasurementFileHeader, kind: string): number {
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

  private truthLine(f: LineFields, header: MeasurementFileHeader): TruthScan {
    const k = this.checkK(f, header, 'truth');
    if (this.truthSeenForNext) f.fail('k', `a second truth line for scan ${k}`);
    this.truthSeenForNext = true;
    const x = f.matrix('x', null, header.state_dim);
    checkMagnitudes(f, 'x', x);
    const ids = f.ints('ids', x.length);
    return { k, t: f.obj.t as number, ids, x };
  }

  private scanLine(f: LineFields, header: MeasurementFileHeader): MeasurementScan {
    const k = this.checkK(f, header, 'scan');
    const z = f.matrix('z', null, header.meas_dim);
    checkMagnitudes(f, 'z', z);
    const ids = f.ints('ids', z.length);
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] <= this.lastDetectionId) f.fail(`ids[${i}]`, `detection ids must increase through the file`);
      this.lastDetectionId = ids[i];
    }
    const origin = f.obj.origin === undefined ? undefined : f.ints('origin', z.length);
    const dim = header.meas_dim;
    const flat = new Float64Array(z.length * dim);
    for (let i = 0; i < z.length; i++) for (let a = 0; a < dim; a++) flat[i * dim + a] = z[i][a];
    const scan = flatMeasurementScan(k, f.obj.t as number, ids, flat, z.length, dim, origin);
    this.nextK++;
    this.truthSeenForNext = false;
    return scan;
  }
}

/**
 * A truth line of the usual shape: the keys in the writers' order without spaces, k and t, integer ids, and rows of
 * `stateDim` plain decimals each below 10⁹ in magnitude (at most nine integer digits, no exponent) — so every check
 * of `truthLine` but k, t and the ids' count holds by its shape. Groups: k, t, the ids, the `x` text after `[`.
 */
export function truthLineShape(stateDim: number): RegExp {
  const num = '-?(?:0|[1-9]\\d{0,8})(?:\\.\\d+)?';
  const int = '(?:0|[1-9]\\d*)';
  const row = `\\[${num}(?:,${num}){${stateDim - 1}}\\]`;
  return new RegExp(
    `^\\{"type":"truth","k":(${int}),"t":(${num}),"ids":\\[(${int}(?:,${int})*)?\\],"x":\\[((?:${row}(?:,(?=\\[)|(?=\\])))*\\]\\})$`,
  );
}

/** Occurrences of the one-character `ch` in `text` from `from`. */
function countOf(text: string, ch: string, from: number): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Flat detections of the scans read by the fast path (see {@link measurementScanFlatZ}). */
const flatZ = new WeakMap<MeasurementScan, Float64Array>();

/**
 * The detections of `scan` as one row-major Float64Array (meas_dim values a detection) when the reader kept them
 * flat, else `undefined`. A tracker fed this never makes the `z` rows, which the reader builds only when read.
 * @example
 * ```ts
 * const file = parseMeasurementFile(lines);
 * const zFlat = measurementScanFlatZ(file.scans[0]); // Float64Array [x0, y0, x1, y1, …] or undefined
 * ```
 */
export function measurementScanFlatZ(scan: MeasurementScan): Float64Array | undefined {
  return flatZ.get(scan);
}

/** Rows `[flat[i·cols], …]` of a flat matrix. */
function rowsOf(flat: Float64Array, rows: number, cols: number): number[][] {
  const out: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(cols);
    for (let c = 0; c < cols; c++) row[c] = flat[i * cols + c];
    out[i] = row;
  }
  return out;
}

/** A scan whose `z` rows are made from `flat` on first read (and kept). */
function flatMeasurementScan(
  k: number,
  t: number,
  ids: number[],
  flat: Float64Array,
  rows: number,
  cols: number,
  origin: number[] | undefined,
): MeasurementScan {
  let z: number[][] | undefined;
  const rowsOnce = (): number[][] => {
    if (z === undefined) z = rowsOf(flat, rows, cols);
    return z;
  };
  const scan: MeasurementScan =
    origin === undefined
      ? {
          k,
          t,
          ids,
          get z() {
            return rowsOnce();
          },
        }
      : {
          k,
          t,
          ids,
          get z() {
            return rowsOnce();
          },
          origin,
        };
  flatZ.set(scan, flat);
  return scan;
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

/** Parses a whole `mtt-scenario` text (lines in any iterable). */
export function parseMeasurementFile(lines: Iterable<string>): MeasurementFile {
  const parser = new MeasurementFileParser();
  const scans: MeasurementScan[] = [];
  const truth: TruthScan[] = [];
  for (const text of lines) {
    const rec = parser.push(text);
    if (rec?.type === 'scan') scans.push(rec.scan);
    else if (rec?.type === 'truth') truth.push(rec.truth);
  }
  return { header: parser.finish(), scans, truth };
}

/** Truth of scan k, or a coded error when the file carries no truth line for it (scoring needs truth). */
export function truthAt(measurements: MeasurementFile, k: number): TruthScan {
  const tr = measurements.truth[k];
  if (tr === undefined || tr.k !== k) {
    throw mttFormatError(
      'scenario',
      null,
      `no truth line for scan ${k}; scoring needs one truth line per scan`,
    );
  }
  return tr;
}
