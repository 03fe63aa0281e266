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
