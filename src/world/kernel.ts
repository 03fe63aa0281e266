/**
 * @module world/kernel
 * A tiny deterministic discrete-event kernel in the spirit of SimPy: a binary heap keyed by
 * (time_s, priority, seq). Equal-time events run in priority order, then in the order they were scheduled, so a
 * run is a pure function of its inputs. Nothing here knows about missiles.
 */

/** What runs when an event fires. Throwing stops the run (the error propagates out of `step`/`run`). */
export type EventAction = () => void;

interface Entry {
  readonly time_s: number;
  readonly priority: number;
  readonly seq: number;
  readonly action: EventAction;
}

function before(a: Entry, b: Entry): boolean {
  if (a.time_s !== b.time_s) return a.time_s < b.time_s;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

/** The event kernel: `now_s`, `schedule`, `step`, `peek`, `run`. */
export class Kernel {
  private heap: Entry[] = [];
  private nextSeq = 0;
  private current_s = 0;

  /** Current simulation time, s. */
  get now_s(): number {
    return this.current_s;
  }

  /** Number of pending events. */
  get pending(): number {
    return this.heap.length;
  }

  /**
   * Schedules `action` after `delay_s` (≥ 0). Lower `priority` runs first among equal times.
   * @throws RangeError on a negative or non-finite delay (a scheduling bug, never user input).
   */
  schedule(delay_s: number, action: EventAction, priority = 0): void {
    if (!(delay_s >= 0) || !Number.isFinite(delay_s))
      throw new RangeError(`delay must be finite and ≥ 0, got ${delay_s}`);
    this.push({ time_s: this.current_s + delay_s, priority, seq: this.nextSeq++, action });
  }

  /** Schedules at an absolute time (≥ now). */
  scheduleAt(time_s: number, action: EventAction, priority = 0): void {
    this.schedule(time_s - this.current_s, action, priority);
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): number {
    return this.heap.length > 0 ? this.heap[0].time_s : Number.POSITIVE_INFINITY;
  }

  /** Runs the next event. Returns false when nothing was pending. */
  step(): boolean {
    const entry = this.pop();
    if (!entry) return false;
    this.current_s = entry.time_s;
    entry.action();
    return true;
  }

  /**
   * Runs events up to and including `until_s` (all of them when omitted), then sets now to `until_s`.
   * `interrupt`, when given, is called before each event and may throw to abandon the run (a wall-time watchdog or a
   * cancellation); it never changes which events run or in what order.
   */
  run(options: { until_s?: number; interrupt?: () => void } = {}): void {
    const until_s = options.until_s ?? Number.POSITIVE_INFINITY;
    const interrupt = options.interrupt;
    while (this.heap.length > 0 && this.heap[0].time_s <= until_s) {
      interrupt?.();
      this.step();
    }
    if (Number.isFinite(until_s) && until_s > this.current_s) this.current_s = until_s;
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): Entry | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}
