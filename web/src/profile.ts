/**
 * @module web/profile
 * The altitude profile under the map: altitude against time of the threats and interceptors flying in a window
 * around the replay time, with a cursor and a dot per airborne object at the current time, and kills (green) and
 * impacts on the ground. On the flat map a 110 km ballistic arc and a 20 km intercept look alike; here the arc is a
 * tall hump, a cruise missile or drone a flat line near the ground, and an interceptor a cyan climb that meets its
 * threat. The window is the selected threat's flight (with its interceptors), else the busy stretch around the
 * replay time (pages of at most `MAX_WINDOW_s`). Plain SVG, no dependency; driven by the page's one clock (`t_s`).
 */
import type { ReplayResponse } from '../../src/server/api.js';
import type { SimEvent } from '../../src/world/events.js';
import { pathPositionAt } from '../../src/world/pathAt.js';
import type { PathRecord } from '../../src/world/paths.js';
import { COLORS } from './map.js';
import type { Interval } from './moments.js';

/** Longest time window drawn at once, s (longer busy stretches are paged). */
const MAX_WINDOW_s = 900;
/** Consecutive pages overlap by this share, so the cursor never sits at an edge. */
const PAGE_OVERLAP = 0.2;
const MARGIN = { left: 44, right: 10, top: 16, bottom: 16 };
const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string | number> = {}): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** A round axis step (1, 2 or 5 × 10ⁿ) giving about `ticks` ticks up to `max`. */
function niceStep(max: number, ticks = 4): number {
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

function overlapsWindow(p: PathRecord, w: Interval): boolean {
  return p.t_s.length > 0 && p.t_s[0] <= w.end_s && p.t_s[p.t_s.length - 1] >= w.start_s;
}

/**
 * The altitude-vs-time panel of one open replay.
 * @example
 * const profile = new AltitudeProfile(document.getElementById('profile')!);
 * profile.setReplay(replay, index.fateOf, busyIntervals(replay), clock);
 * profile.show(t_s, selectedThreatId);
 */
export class AltitudeProfile {
  private replay: Pick<ReplayResponse, 'events' | 'paths' | 'stories' | 'span'> | null = null;
  private fateOf: ReadonlyMap<string, string> = new Map();
  private busy: readonly Interval[] = [];
  private clock: (t_s: number) => string = (t) => `T+${Math.round(t)} s`;
  private key = '';
  private window: Interval = { start_s: 0, end_s: 1 };
  private maxAlt_m = 1;
  private shown: PathRecord[] = [];
  private fired = new Map<string, Set<string>>();
  private readonly svg: SVGSVGElement;
  private readonly cursor: SVGElement;
  private readonly dots: SVGElement;
  private last: { t_s: number; selected: string | null } = { t_s: 0, selected: null };

  /**
   * @param container the panel's element
   * @param onSeek called with the time under a click on the panel, s
   */
  constructor(
    private readonly container: HTMLElement,
    onSeek: (t_s: number) => void = () => {},
  ) {
    this.svg = svgEl('svg', { class: 'profile-svg', role: 'img' }) as SVGSVGElement;
    this.svg.addEventListener('click', (e) => {
      const box = this.svg.getBoundingClientRect();
      const width = this.container.clientWidth;
      const share = (e.clientX - box.left - MARGIN.left) / (width - MARGIN.left - MARGIN.right);
      if (share >= 0 && share <= 1)
        onSeek(this.window.start_s + share * (this.window.end_s - this.window.start_s));
    });
    this.cursor = svgEl('line', { class: 'cursor' });
    this.dots = svgEl('g', { class: 'now' });
    container.replaceChildren(this.svg);
    new ResizeObserver(() => {
      this.key = '';
      this.show(this.last.t_s, this.last.selected);
    }).observe(container);
  }

  /** The run to draw: its paths and events, the threats' fate classes and the busy stretches (`moments`). */
  setReplay(
    replay: Pick<ReplayResponse, 'events' | 'paths' | 'stories' | 'span'>,
    fateOf: ReadonlyMap<string, string>,
    busy: readonly Interval[],
    clock: (t_s: number) => string,
  ): void {
    this.replay = replay;
    this.fateOf = fateOf;
    this.busy = busy;
    this.clock = clock;
    this.key = '';
    this.fired = new Map();
    for (const e of replay.events)
      if (e.type === 'interceptor.launch' && e.threatId !== null) {
        const set = this.fired.get(e.threatId) ?? new Set<string>();
        set.add(e.interceptorId);
        this.fired.set(e.threatId, set);
      }
  }

  /** Draws the window around `t_s` (redrawn only when the window changes) and moves the cursor to `t_s`. */
  show(t_s: number, selected: string | null): void {
    this.last = { t_s, selected };
    if (!this.replay) return;
    const w = this.windowAt(t_s, selected);
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (width < 40 || height < 30) return;
    const key = `${w.start_s}:${w.end_s}:${selected}:${width}x${height}`;
    if (key !== this.key) {
      this.key = key;
      this.window = w;
      this.drawPaths(selected, width, height);
    }
    this.drawNow(t_s, width, height);
  }

  private x(t_s: number, width: number): number {
    const w = this.window;
    return MARGIN.left + ((t_s - w.start_s) / (w.end_s - w.start_s)) * (width - MARGIN.left - MARGIN.right);
  }

  private y(alt_m: number, height: number): number {
    return (
      height - MARGIN.bottom - (Math.max(0, alt_m) / this.maxAlt_m) * (height - MARGIN.top - MARGIN.bottom)
    );
  }

  /** The selected threat's flight and its interceptors, else the page of the busy stretch around `t_s`. */
  private windowAt(t_s: number, selected: string | null): Interval {
    const paths = this.replay?.paths;
    const threat = selected ? paths?.threats.find((p) => p.id === selected) : undefined;
    if (threat && threat.t_s.length > 1) {
      let start_s = threat.t_s[0];
      let end_s = threat.t_s[threat.t_s.length - 1];
      const fired = this.firedAt(threat.id);
      for (const p of paths?.interceptors ?? [])
        if (fired.has(p.id)) end_s = Math.max(end_s, p.t_s[p.t_s.length - 1]);
      const pad = Math.max(5, (end_s - start_s) * 0.05);
      start_s -= pad;
      end_s += pad;
      return { start_s, end_s };
    }
    const span = this.replay?.span ?? { start_s: 0, end_s: 1 };
    const stretch = this.busy.find((b) => t_s <= b.end_s) ?? this.busy[this.busy.length - 1] ?? span;
    const length = stretch.end_s - stretch.start_s;
    if (length <= MAX_WINDOW_s) {
      const pad = Math.max(10, length * 0.04);
      return { start_s: stretch.start_s - pad, end_s: stretch.end_s + pad };
    }
    const stride = MAX_WINDOW_s * (1 - PAGE_OVERLAP);
    const page = Math.max(
      0,
      Math.floor((t_s - stretch.start_s - (MAX_WINDOW_s * PAGE_OVERLAP) / 2) / stride),
    );
    const start_s = stretch.start_s + page * stride;
    return { start_s, end_s: start_s + MAX_WINDOW_s };
  }

  /** The interceptors fired at a threat (indexed once per run: the window is asked for at every frame). */
  private firedAt(threatId: string): ReadonlySet<string> {
    return this.fired.get(threatId) ?? new Set<string>();
  }

  private colour(p: PathRecord): string {
    if (p.kind === 'interceptor') return COLORS.interceptor;
    const fate = this.fateOf.get(p.id);
    return fate === 'leaked' ? COLORS.leaked : fate === 'failed' ? COLORS.failed : COLORS.threat;
  }

  private drawPaths(selected: string | null, width: number, height: number): void {
    const w = this.window;
    const paths = this.replay?.paths;
    const fired = selected ? this.firedAt(selected) : new Set<string>();
    this.shown = [...(paths?.threats ?? []), ...(paths?.interceptors ?? [])].filter(
      (p) =>
        overlapsWindow(p, w) && (!selected || p.id === selected || fired.has(p.id) || p.kind === 'threat'),
    );
    let max = 0;
    for (const p of this.shown) for (const a of p.alt_m) max = Math.max(max, a);
    const step = niceStep(Math.max(max, 1000));
    this.maxAlt_m = Math.ceil(Math.max(max, 1000) / step) * step;
    const parts: SVGElement[] = [this.axes(step, width, height)];
    const lines = svgEl('g', { class: 'paths' });
    for (const p of this.shown) {
      const pts: string[] = [];
      for (let i = 0; i < p.t_s.length; i++) {
        if (p.t_s[i] < w.start_s && p.t_s[i + 1] !== undefined && p.t_s[i + 1] < w.start_s) continue;
        if (p.t_s[i] > w.end_s && i > 0 && p.t_s[i - 1] > w.end_s) break;
        pts.push(`${this.x(p.t_s[i], width).toFixed(1)},${this.y(p.alt_m[i], height).toFixed(1)}`);
      }
      const mine = selected !== null && (p.id === selected || fired.has(p.id));
      const line = svgEl('polyline', {
        points: pts.join(' '),
        stroke: p.id === selected ? '#ffffff' : this.colour(p),
        'stroke-width': mine ? 2.4 : p.kind === 'interceptor' ? 1.6 : 1.3,
        'stroke-opacity': selected && !mine ? 0.3 : 0.9,
        fill: 'none',
      });
      line.dataset.id = p.id;
      line.dataset.kind = p.kind;
      const title = svgEl('title');
      title.textContent = `${p.id} (${p.type})`;
      line.append(title);
      lines.append(line);
    }
    parts.push(lines, this.endMarks(width, height), this.cursor, this.dots);
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
    this.svg.replaceChildren(...parts);
    this.container.dataset.paths = String(this.shown.length);
    this.container.dataset.maxAltKm = (this.maxAlt_m / 1000).toFixed(0);
  }

  /** Altitude grid and labels (km), the window's start and end times, and the panel's name. */
  private axes(step: number, width: number, height: number): SVGElement {
    const g = svgEl('g', { class: 'axes' });
    for (let a = 0; a <= this.maxAlt_m + 1e-6; a += step) {
      const y = this.y(a, height);
      g.append(svgEl('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y, y2: y, class: 'grid' }));
      const label = svgEl('text', { x: MARGIN.left - 4, y: y + 3, 'text-anchor': 'end' });
      label.textContent = `${+(a / 1000).toFixed(1)} km`;
      g.append(label);
    }
    const w = this.window;
    const from = svgEl('text', { x: MARGIN.left, y: height - 3 });
    from.textContent = this.clock(w.start_s);
    const to = svgEl('text', { x: width - MARGIN.right, y: height - 3, 'text-anchor': 'end' });
    to.textContent = this.clock(w.end_s);
    const name = svgEl('text', { x: MARGIN.left + 4, y: 11, class: 'name' });
    name.textContent =
      width < 560
        ? 'altitude vs time'
        : 'altitude vs time — threats (orange/red), interceptors (cyan), kills (green)';
    g.append(from, to, name);
    return g;
  }

  /** Kill points (green) and impacts (on the ground) in the window. */
  private endMarks(width: number, height: number): SVGElement {
    const g = svgEl('g', { class: 'ends' });
    const w = this.window;
    for (const e of this.replay?.events ?? []) {
      if (e.t_s < w.start_s || e.t_s > w.end_s) continue;
      const mark = endMark(e);
      if (!mark) continue;
      g.append(
        svgEl('circle', {
          cx: this.x(e.t_s, width).toFixed(1),
          cy: this.y(mark.alt_m, height).toFixed(1),
          r: 3.5,
          fill: mark.colour,
          stroke: '#ffffff',
          'stroke-width': 0.6,
        }),
      );
    }
    return g;
  }

  /** The cursor at `t_s` and a dot on every path airborne then. */
  private drawNow(t_s: number, width: number, height: number): void {
    const x = this.x(t_s, width);
    for (const [k, v] of Object.entries({ x1: x, x2: x, y1: MARGIN.top - 4, y2: height - MARGIN.bottom }))
      this.cursor.setAttribute(k, v.toFixed(1));
    const dots: SVGElement[] = [];
    for (const p of this.shown) {
      if (t_s < p.t_s[0] || t_s > p.t_s[p.t_s.length - 1]) continue;
      const here = pathPositionAt(p, t_s);
      if (!here) continue;
      dots.push(
        svgEl('circle', {
          cx: x.toFixed(1),
          cy: this.y(here.alt_m, height).toFixed(1),
          r: p.kind === 'interceptor' ? 2.5 : 3.5,
          fill: this.colour(p),
        }),
      );
    }
    this.dots.replaceChildren(...dots);
    this.container.dataset.t = t_s.toFixed(1);
  }
}

function endMark(e: SimEvent): { alt_m: number; colour: string } | null {
  if (e.type === 'threat.killed') return { alt_m: e.point.alt_m, colour: COLORS.kill };
  if (e.type === 'threat.impact') return { alt_m: 0, colour: e.assetId ? COLORS.leaked : COLORS.threat };
  return null;
}
