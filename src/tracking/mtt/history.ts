/**
 * @module tracking/mtt/history
 * What every MTT tracker keeps per track slot for `track_history` output (mtt.md §2): the flat states, times and
 * update flags of every scan since the track's first detection, and whether it was ever confirmed; plus the
 * `T000001` track ids both the fast path and the full-covariance tracker report.
 */
import type { MttTrackHistory } from '../mttTracker.js';

/** Per-slot history columns (slot = creation order), grown by `addHistorySlot`. */
export interface HistoryBook {
  readonly count: number;
  readonly histX: number[][];
  readonly histT: number[][];
  readonly histU: boolean[][];
  readonly everConfirmed: boolean[];
}

/** Track id from the creation index: `T000001`, `T000002`, … */
export function mttTrackId(slot: number): string {
  return `T${String(slot + 1).padStart(6, '0')}`;
}

/** Appends the empty history of a new slot. */
export function addHistorySlot(book: HistoryBook): void {
  book.histX.push([]);
  book.histT.push([]);
  book.histU.push([]);
  book.everConfirmed.push(false);
}

/** The histories of every track ever confirmed, in creation order; `stateDim` values per flat state. */
export function trackHistories(book: HistoryBook, stateDim: number): MttTrackHistory[] {
  const out: MttTrackHistory[] = [];
  for (let s = 0; s < book.count; s++) {
    if (!book.everConfirmed[s]) continue;
    const flat = book.histX[s];
    const n = book.histT[s].length;
    const x: number[][] = new Array(n);
    for (let i = 0; i < n; i++) x[i] = flat.slice(i * stateDim, (i + 1) * stateDim);
    out.push({ id: mttTrackId(s), t: book.histT[s].slice(), x, isUpdate: book.histU[s].slice() });
  }
  return out;
}

/**
 * Histories of the fast path as one append-only log in flat typed arrays: each record is a state (`stateDim`
 * values), its time and update flag, and the index of the same track's previous record. A track's history is its
 * chain of records, read back only for the tracks ever confirmed. The log replaces three growing arrays per track
 * (a clutter-rich N = 1,000 run makes ~40,000 tracks, most dropped after a scan or two), which were the tracker
 * loop's largest allocation and most of what the garbage collector copied.
 */
export class HistoryLog {
  private records = 0;
  private x: Float64Array;
  private t: Float64Array;
  private isUpdate: Uint8Array;
  private prev: Int32Array;
  /** Per slot: its last record (−1: none, or forgotten) and whether it was ever confirmed. */
  private last: Int32Array;
  private confirmedEver: Uint8Array;
  private slots = 0;

  constructor(private readonly stateDim: number) {
    this.x = new Float64Array(4096 * stateDim);
    this.t = new Float64Array(4096);
    this.isUpdate = new Uint8Array(4096);
    this.prev = new Int32Array(4096);
    this.last = new Int32Array(1024);
    this.confirmedEver = new Uint8Array(1024);
  }

  /** Adds the empty history of slot `slots` (slots are numbered in creation order). */
  addSlot(): void {
    if (this.slots === this.last.length) {
      this.last = grownInt32(this.last, 2 * this.slots);
      const c = new Uint8Array(2 * this.slots);
      c.set(this.confirmedEver);
      this.confirmedEver = c;
    }
    this.last[this.slots++] = -1;
  }

  /** Appends the state `x[offset …]` of slot `s` at `t_s`. */
  record(s: number, t_s: number, x: Float64Array, offset: number, isUpdate: boolean): void {
    const r = this.records;
    if (r === this.t.length) this.grow(2 * r);
    const sd = this.stateDim;
    for (let i = 0; i < sd; i++) this.x[r * sd + i] = x[offset + i];
    this.t[r] = t_s;
    this.isUpdate[r] = isUpdate ? 1 : 0;
    this.prev[r] = this.last[s];
    this.last[s] = r;
    this.records = r + 1;
  }

  /** Marks slot `s` as confirmed: its history is reported. */
  confirm(s: number): void {
    this.confirmedEver[s] = 1;
  }

  /** Forgets the history of slot `s` (a dropped tentative track, never reported). */
  forget(s: number): void {
    this.last[s] = -1;
  }

  /** The histories of every slot ever confirmed, in creation order. */
  histories(): MttTrackHistory[] {
    const out: MttTrackHistory[] = [];
    for (let s = 0; s < this.slots; s++) {
      if (this.confirmedEver[s] === 0) continue;
      let n = 0;
      for (let r = this.last[s]; r >= 0; r = this.prev[r]) n++;
      const chain = new Int32Array(n);
      for (let r = this.last[s], i = n - 1; r >= 0; r = this.prev[r], i--) chain[i] = r;
      // arrays built by push are packed, which JSON.stringify writes faster than holey ones
      const t: number[] = [];
      const isUpdate: boolean[] = [];
      for (let i = 0; i < n; i++) {
        t.push(this.t[chain[i]]);
        isUpdate.push(this.isUpdate[chain[i]] === 1);
      }
      const log = this;
      out.push({
        id: mttTrackId(s),
        t,
        // the states are made from the log each time they are read, not kept: a track file is written one history
        // at a time, so the rows of a whole run (~80,000 at N = 1,000) never live at once for the GC to copy
        get x(): number[][] {
          return log.rows(chain);
        },
        isUpdate,
      });
    }
    return out;
  }

  /** The states of records `chain`, one packed row each. */
  private rows(chain: Int32Array): number[][] {
    const sd = this.stateDim;
    const x: number[][] = [];
    for (let i = 0; i < chain.length; i++) {
      const r = chain[i];
      const row: number[] = [];
      for (let c = 0; c < sd; c++) row.push(this.x[r * sd + c]);
      x.push(row);
    }
    return x;
  }

  private grow(capacity: number): void {
    const x = new Float64Array(capacity * this.stateDim);
    x.set(this.x);
    this.x = x;
    const t = new Float64Array(capacity);
    t.set(this.t);
    this.t = t;
    const u = new Uint8Array(capacity);
    u.set(this.isUpdate);
    this.isUpdate = u;
    this.prev = grownInt32(this.prev, capacity);
  }
}

/** A copy of `a` with room for `capacity` entries. */
function grownInt32(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}
