/**
 * @module tracking/format/trackFile
 * The tracker's output, the track file: parser and writer for `mtt-tracks` v1 (reading from disk: io/mttFiles) (JSON Lines; docs/formats/mtt.md §2): a header line, one `tracks`
 * line per scan (the confirmed tracks after processing that scan), optional `track_history` lines, and a `summary`
 * line last. Numbers are written with `JSON.stringify`, the shortest text that round-trips the float64 exactly.
 */
import { AspisError } from '../../errors.js';
import { LineFields, mttFormatError, parseJsonLine } from './lines.js';

/** Line 1 of an `mtt-tracks` file. */
export interface TrackFileHeader {
  readonly type: 'header';
  readonly format: 'mtt-tracks';
  readonly version: 1;
  /** Name of the tracker and mode that wrote the file. */
  readonly tracker: string;
  /** Measurement file the tracks belong to (base name; the key keeps the format's name). */
  readonly scenario: string;
  /** Tracker configuration (JSON-serialisable; scorers ignore it). */
  readonly config: unknown;
}

/** One `tracks` line: tracks reported after scan k (confirmed, including coasting ones). */
export interface TrackFileScan {
  readonly k: number;
  /** Scan time, s. */
  readonly t: number;
  readonly ids: readonly string[];
  /** Full states in the measurement file's `state_order`, m and m/s. */
  readonly x: readonly (readonly number[])[];
  /** Row-major flattened covariances (state_dim² each), when the writer included them. */
  readonly P?: readonly (readonly number[])[];
}

/** One `track_history` line: the final history of a track ever confirmed (times s, states in `state_order`). */
export interface TrackHistoryRecord {
  readonly id: string;
  readonly t: readonly number[];
  readonly x: readonly (readonly number[])[];
  /** Whether each state is a measurement update (false: a coasting prediction). */
  readonly isUpdate: readonly boolean[];
}

/** The `summary` line (last). Its content is tracker-specific and ignored by scorers, so it is kept as parsed JSON. */
export interface TrackFileSummary {
  readonly type: 'summary';
  /** Measurements processed per second of tracker loop time. */
  readonly meas_per_s?: number;
  readonly [field: string]: unknown;
}

/** A whole `mtt-tracks` file. */
export interface TrackFile {
  readonly header: TrackFileHeader;
  readonly scans: readonly TrackFileScan[];
  readonly histories: readonly TrackHistoryRecord[];
  readonly summary: TrackFileSummary | null;
}

/** Where `writeTrackFile` sends lines: a writable stream (each line written with its newline) or an array of lines. */
export type TrackFileSink = { write(chunk: string): unknown } | string[];

/** `{"type":"header","format":"mtt-tracks",…}` (no newline). */
export function trackFileHeaderLine(header: Omit<TrackFileHeader, 'type' | 'format' | 'version'>): string {
  return JSON.stringify({
    type: 'header',
    format: 'mtt-tracks',
    version: 1,
    tracker: header.tracker,
    scenario: header.scenario,
    config: header.config,
  });
}

/**
 * Refuses to write a non-finite state or covariance entry: JSON would carry it as `null`, which no reader (our own
 * `mtt score` included) accepts, so the tracker's numerical failure is reported where it happens.
 * @throws AspisError `E_MTT_NUMERIC` naming the scan, the field and the entry
 */
function assertFiniteRows(k: number, field: string, rows: readonly (readonly number[])[]): void {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let j = 0; j < row.length; j++) {
      if (!Number.isFinite(row[j]))
        throw new AspisError(
          'E_MTT_NUMERIC',
          `scan ${k}: ${field}[${i}][${j}]`,
          `the tracker produced ${row[j]}; check motion.q, sensor.sigma and the measurement scale of the input`,
        );
    }
  }
}

/** `{"type":"tracks","k":…,"t":…,"ids":[…],"x":[…](,"P":[…])}` (no newline); non-finite entries throw. */
export function trackFileScanLine(scan: TrackFileScan): string {
  assertFiniteRows(scan.k, 'x', scan.x);
  if (scan.P !== undefined) assertFiniteRows(scan.k, 'P', scan.P);
  const rec: Record<string, unknown> = { type: 'tracks', k: scan.k, t: scan.t, ids: scan.ids, x: scan.x };
  if (scan.P !== undefined) rec.P = scan.P;
  return JSON.stringify(rec);
}

/** `{"type":"track_history","id":…,"t":[…],"x":[…],"is_update":[…]}` (no newline). */
export function trackHistoryLine(h: TrackHistoryRecord): string {
  return JSON.stringify({ type: 'track_history', id: h.id, t: h.t, x: h.x, is_update: h.isUpdate });
}

/** `{"type":"summary",…}` (no newline); `type` is always first. */
export function trackFileSummaryLine(summary: Omit<TrackFileSummary, 'type'>): string {
  return JSON.stringify({ type: 'summary', ...summary });
}

/**
 * Writes a complete `mtt-tracks` v1 file (§2): header, one `tracks` line per scan, the `track_history` lines (may be
 * empty) and the `summary` line last. With an array sink, pushes one string per line (no newlines).
 */
export function writeTrackFile(
  sink: TrackFileSink,
  header: Omit<TrackFileHeader, 'type' | 'format' | 'version'>,
  scans: Iterable<TrackFileScan>,
  histories: Iterable<TrackHistoryRecord>,
  summary: Omit<TrackFileSummary, 'type'>,
): void {
  const put = Array.isArray(sink)
    ? (line: string) => sink.push(line)
    : (line: string) => sink.write(`${line}\n`);
  put(trackFileHeaderLine(header));
  for (const scan of scans) put(trackFileScanLine(scan));
  for (const h of histories) put(trackHistoryLine(h));
  put(trackFileSummaryLine(summary));
}

/** Parses an `mtt-tracks` v1 text given as lines. `stateDim`, when known, checks every state's length. */
export function parseTrackFile(lines: Iterable<string>, stateDim: number | null = null): TrackFile {
  let header: TrackFileHeader | null = null;
  const scans: TrackFileScan[] = [];
  const histories: TrackHistoryRecord[] = [];
  let summary: TrackFileSummary | null = null;
  let dim = stateDim;
  let line = 0;
  for (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const obj = parseJsonLine(text, line);
    const f: LineFields = new LineFields(obj, line);
    if (header === null) {
      header = tracksHeader(f);
      continue;
    }
    if (summary !== null) f.fail('type', 'a line after the summary; the summary line must be last');
    if (obj.type === 'tracks') {
      if (histories.length > 0) f.fail('type', 'a tracks line after track_history lines');
      const k = f.int('k', 0);
      if (k !== scans.length) {
        f.fail(
          'k',
          `out-of-order k: expected tracks k = ${scans.length}, got ${k} (missing scans or out of order)`,
        );
      }
      const t = f.num('t');
      const xs = f.arr('x');
      if (dim === null && xs.length > 0) dim = f.arr('x[0]', xs[0]).length;
      const x = f.matrix('x', null, dim ?? 0);
      const ids = f.arr('ids').map((id, i) => trackId(f, `ids[${i}]`, id));
      if (ids.length !== x.length) f.fail('ids', `has ${ids.length} ids for ${x.length} states`);
      if (obj.P === undefined || (Array.isArray(obj.P) && obj.P.length === 0 && x.length === 0)) {
        scans.push({ k, t, ids, x });
      } else {
        const n = dim ?? 0;
        const P = f.matrix('P', x.length, n * n);
        // a covariance with a negative variance is degenerate: no Gaussian has it
        P.forEach((cov, i) => {
          for (let d = 0; d < n; d++) {
            if (!(cov[d * n + d] >= 0))
              f.fail(`P[${i}][${d * n + d}]`, `variance must be ≥ 0, got ${cov[d * n + d]}`);
          }
        });
        scans.push({ k, t, ids, x, P });
      }
    } else if (obj.type === 'track_history') {
      const id = trackId(f, 'id', obj.id);
      const t = f.vec('t', null);
      const xs = f.arr('x');
      if (dim === null && xs.length > 0) dim = f.arr('x[0]', xs[0]).length;
      const x = f.matrix('x', t.length, dim ?? 0);
      const flags = obj.is_update === undefined ? t.map(() => true) : f.arr('is_update');
      if (flags.length !== t.length)
        f.fail('is_update', `must have ${t.length} elements, got ${flags.length}`);
      flags.forEach((b, i) => {
        if (typeof b !== 'boolean') f.fail(`is_update[${i}]`, 'must be true or false');
      });
      histories.push({ id, t, x, isUpdate: flags as boolean[] });
    } else if (obj.type === 'summary') {
      summary = obj as TrackFileSummary;
    } else if (obj.type === 'header') {
      f.fail('type', 'a second header line');
    } else {
      f.fail(
        'type',
        `unknown record type ${JSON.stringify(obj.type)}; expected tracks, track_history or summary`,
      );
    }
  }
  if (header === null) throw mttFormatError(1, null, 'missing header: the file is empty');
  return { header, scans, histories, summary };
}

/** Validates the header line. */
function tracksHeader(f: LineFields): TrackFileHeader {
  const obj = f.obj;
  if (obj.type !== 'header') {
    f.fail('type', `missing header: the first line must be {"type":"header","format":"mtt-tracks",…}`);
  }
  if (obj.format !== 'mtt-tracks')
    f.fail('format', `must be "mtt-tracks", got ${JSON.stringify(obj.format)}`);
  if (obj.version !== 1) f.fail('version', `only version 1 is supported, got ${JSON.stringify(obj.version)}`);
  return {
    type: 'header',
    format: 'mtt-tracks',
    version: 1,
    tracker: typeof obj.tracker === 'string' ? obj.tracker : 'unknown',
    scenario: typeof obj.scenario === 'string' ? obj.scenario : '',
    config: obj.config ?? null,
  };
}

/** Track ids are strings; integer ids are accepted and turned into strings. */
function trackId(f: LineFields, field: string, id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isInteger(id)) return String(id);
  return f.fail(field, 'track ids must be strings');
}
