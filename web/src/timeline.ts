/**
 * @module web/timeline
 * The time line under the map: launch waves as bands, idle gaps hatched, and one mark per event (launch, detection,
 * engagement, kill, leak, impact, failure; coloured by kind) over the time slider, at the slider's own scale so a
 * mark sits where the thumb will be at that time. Clicking a mark goes to its event. While playing, `skip` jumps over
 * idle gaps (nothing flying for more than `IDLE_MIN_s`) and says so in a note over the map ("skipped 16 min").
 */
import type { ReplayResponse } from '../../src/server/api.js';
import {
  busyIntervals,
  type EventMark,
  eventMarks,
  type Interval,
  idleGaps,
  launchWaves,
  type MarkKind,
  skipTarget,
  spokenDuration,
} from './moments.js';

/** Words for a mark kind (tooltips and the legend of the time line). */
export const MARK_LABELS: Record<MarkKind, string> = {
  launch: 'launch',
  detect: 'first detection',
  engage: 'engagement',
  kill: 'kill',
  leak: 'leak (impact on an asset)',
  impact: 'impact off the assets',
  failed: 'threat failure',
};

/** Colour of each mark kind (the legend's time-line group uses the same table). */
export const MARK_COLORS: Record<MarkKind, string> = {
  launch: '#ff8c42',
  detect: '#c58cff',
  engage: '#4dd2ff',
  kill: '#4cff88',
  leak: '#ff3b3b',
  impact: '#c98b5a',
  failed: '#9aa3ab',
};

/** Marks of one kind closer than this share of the time line are drawn once (a 320-threat night has ~2,000). */
const MARK_BUCKETS = 600;

/** How long the "skipped" note stays up, ms. */
const NOTE_MS = 2500;

/**
 * The time line of one open replay.
 * @example
 * const timeline = new Timeline(marksElement, noteElement, (i) => goToEvent(i));
 * timeline.show(replay, clock);
 * const to = timeline.skip(t_s); // while playing: past an idle gap, or null
 */
export class Timeline {
  private gaps: Interval[] = [];
  private span: Interval = { start_s: 0, end_s: 0 };
  private noteTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param strip the element over the slider that holds the bands and marks
   * @param note the element that shows "skipped …"
   * @param onPick called with the event index when a mark is clicked
   */
  constructor(
    private readonly strip: HTMLElement,
    private readonly note: HTMLElement,
    private readonly onPick: (event: number) => void,
  ) {}

  /** Draws the bands, gaps and marks of `replay`. */
  show(replay: Pick<ReplayResponse, 'events' | 'paths' | 'span'>, clock: (t_s: number) => string): void {
    this.span = replay.span;
    this.gaps = idleGaps(busyIntervals(replay), replay.span);
    const children: HTMLElement[] = [];
    launchWaves(replay.events).forEach((w, i) => {
      const band = this.band(w, 'wave');
      band.title = `wave ${i + 1}: ${w.launches} launch${w.launches === 1 ? '' : 'es'} from ${clock(w.start_s)}`;
      band.textContent = `W${i + 1}`;
      children.push(band);
    });
    for (const g of this.gaps) {
      const band = this.band(g, 'gap');
      band.title = `nothing flies for ${spokenDuration(g.end_s - g.start_s)} (skipped while playing)`;
      children.push(band);
    }
    const seen = new Set<string>();
    for (const m of eventMarks(replay.events)) {
      const bucket = `${m.kind}:${Math.round(this.share(m.t_s) * MARK_BUCKETS)}`;
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      children.push(this.mark(m, clock));
    }
    this.strip.replaceChildren(...children);
    this.strip.dataset.marks = String(seen.size);
  }

  /** Where playback should go from `t_s` while playing (past an idle gap), or null to carry on. */
  skip(t_s: number): number | null {
    const to = skipTarget(this.gaps, t_s);
    if (to === null) return null;
    this.say(`skipped ${spokenDuration(to - t_s)} with nothing in the air`);
    return to;
  }

  private say(text: string): void {
    this.note.textContent = text;
    this.note.hidden = false;
    clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => {
      this.note.hidden = true;
    }, NOTE_MS);
  }

  /** Position of `t_s` along the slider, 0…1. */
  private share(t_s: number): number {
    const length = this.span.end_s - this.span.start_s;
    return length > 0 ? Math.min(1, Math.max(0, (t_s - this.span.start_s) / length)) : 0;
  }

  private band(interval: Interval, kind: 'wave' | 'gap'): HTMLElement {
    const el = document.createElement('div');
    el.className = `tl-band ${kind}`;
    const from = this.share(interval.start_s);
    el.style.left = `${(from * 100).toFixed(3)}%`;
    el.style.width = `max(3px, ${((this.share(interval.end_s) - from) * 100).toFixed(3)}%)`;
    return el;
  }

  private mark(m: EventMark, clock: (t_s: number) => string): HTMLElement {
    const el = document.createElement('button');
    el.type = 'button';
    el.tabIndex = -1;
    el.className = `tl-mark ${m.kind}`;
    el.style.left = `${(this.share(m.t_s) * 100).toFixed(3)}%`;
    el.style.background = MARK_COLORS[m.kind];
    el.title = `${clock(m.t_s)} ${MARK_LABELS[m.kind]}${m.threatId ? ` · ${m.threatId}` : ''}`;
    el.dataset.kind = m.kind;
    el.dataset.t = m.t_s.toFixed(1);
    el.addEventListener('click', () => this.onPick(m.event));
    return el;
  }
}
