/**
 * @module web/legend
 * The map legend, a MapLibre control in the top-left corner: threat fates (colours) and classes (marker sizes),
 * interceptors, radar tracks, units with their radar sector and weapon coverage, assets, and the end marks (kill,
 * miss, leak, impact, failure). Every swatch is drawn from the map's own colour table (`COLORS` in map.ts), so the
 * legend cannot drift from the drawing. It folds away (a `<details>`), folded by default on narrow screens.
 */
import type { IControl } from 'maplibre-gl';
import { COLORS } from './map.js';
import { CLASS_RADIUS_px, type MarkKind, type ThreatClass } from './moments.js';
import { MARK_COLORS, MARK_LABELS } from './timeline.js';

/** Below this page width the legend starts folded (it would cover a phone's map), px. */
const FOLDED_BELOW_px = 700;

type Swatch =
  | { dot: string; ring?: string; r?: number }
  | { line: string; dash?: boolean; width?: number }
  | { fill: string; edge: string; dash?: boolean };

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** A 22×14 px picture of how the map draws one thing. */
function swatch(s: Swatch): SVGSVGElement {
  const svg = svgEl('svg', { width: 22, height: 14, viewBox: '0 0 22 14' }) as SVGSVGElement;
  if ('dot' in s)
    svg.append(
      svgEl('circle', {
        cx: 11,
        cy: 7,
        r: s.r ?? 5,
        fill: s.dot,
        stroke: s.ring ?? '#ffffff',
        'stroke-width': s.ring ? 1.8 : 1,
      }),
    );
  else if ('line' in s)
    svg.append(
      svgEl('line', {
        x1: 1,
        y1: 7,
        x2: 21,
        y2: 7,
        stroke: s.line,
        'stroke-width': s.width ?? 2,
        ...(s.dash ? { 'stroke-dasharray': '3 2' } : {}),
      }),
    );
  else
    svg.append(
      svgEl('rect', {
        x: 2,
        y: 2,
        width: 18,
        height: 10,
        rx: 2,
        fill: s.fill,
        stroke: s.edge,
        'stroke-width': 1.2,
        ...(s.dash ? { 'stroke-dasharray': '3 2' } : {}),
      }),
    );
  const colour = 'dot' in s ? s.dot : 'line' in s ? s.line : s.edge;
  svg.dataset.color = colour;
  return svg;
}

const CLASS_LABELS: Record<ThreatClass, string> = {
  ballistic: 'ballistic missile',
  cruise: 'cruise missile',
  drone: 'drone',
  rocket: 'rocket / mortar',
  other: 'other threat',
};

/** The legend's groups: heading and rows of [swatch, text]. */
function legendGroups(classes: readonly ThreatClass[]): [string, [Swatch, string][]][] {
  return [
    [
      'Threats',
      [
        [{ dot: COLORS.threat }, 'in flight / killed / impacted'],
        [{ dot: COLORS.leaked }, 'leaker (hits an asset)'],
        [{ dot: COLORS.failed }, 'failed in flight'],
        [{ line: COLORS.threat, width: 1.5 }, 'flown path'],
        [{ line: '#ffffff', width: 3 }, 'selected threat'],
        ...classes.map((c): [Swatch, string] => [
          { dot: COLORS.threat, r: CLASS_RADIUS_px[c] },
          CLASS_LABELS[c],
        ]),
      ],
    ],
    [
      'Defence',
      [
        [{ dot: COLORS.interceptor, ring: '#001018' }, 'interceptor (and its path)'],
        [{ line: COLORS.track, dash: true, width: 1.2 }, 'radar track'],
        [{ dot: '#ffffff', ring: COLORS.sector, r: 4 }, 'unit (battery, C-RAM)'],
        [{ fill: 'rgba(63,167,255,0.15)', edge: COLORS.sector }, 'radar sector'],
        [{ line: COLORS.coverage, dash: true, width: 1.2 }, 'weapon reach'],
        [{ fill: 'rgba(255,209,102,0.35)', edge: COLORS.asset }, 'defended asset'],
      ],
    ],
    [
      'Ends',
      [
        [{ dot: COLORS.kill, r: 5, ring: '#ffffff' }, 'kill'],
        [{ dot: 'rgba(0,0,0,0)', r: 4 }, 'interceptor miss'],
        [{ dot: COLORS.leaked, r: 6.5 }, 'leak (impact on an asset)'],
        [{ dot: COLORS.threat, r: 5 }, 'impact off the assets'],
        [{ dot: COLORS.failed, r: 4 }, 'threat failure'],
      ],
    ],
    [
      'Time line marks',
      (Object.keys(MARK_COLORS) as MarkKind[]).map((k): [Swatch, string] => [
        { line: MARK_COLORS[k], width: 4 },
        MARK_LABELS[k],
      ]),
    ],
  ];
}

/**
 * The legend as a map control; `setClasses` lists the threat classes of the open run.
 * @example
 * const legend = new LegendControl();
 * map.addControl(legend, 'top-left');
 * legend.setClasses(['ballistic']);
 */
export class LegendControl implements IControl {
  private readonly root: HTMLDetailsElement;
  private readonly body: HTMLElement;

  constructor() {
    this.root = document.createElement('details');
    this.root.className = 'maplibregl-ctrl legend';
    this.root.id = 'legend';
    this.root.open = window.innerWidth >= FOLDED_BELOW_px;
    const summary = document.createElement('summary');
    summary.textContent = 'Legend';
    this.body = document.createElement('div');
    this.root.append(summary, this.body);
    this.setClasses([]);
  }

  /** Redraws the rows with the threat classes of a run (none: the class rows are left out). */
  setClasses(classes: readonly ThreatClass[]): void {
    const parts: HTMLElement[] = [];
    for (const [heading, rows] of legendGroups(classes)) {
      const h = document.createElement('h3');
      h.textContent = heading;
      const list = document.createElement('ul');
      for (const [s, text] of rows) {
        const li = document.createElement('li');
        const label = document.createElement('span');
        label.textContent = text;
        li.append(swatch(s), label);
        list.append(li);
      }
      const group = document.createElement('div');
      group.className = 'group';
      group.append(h, list);
      parts.push(group);
    }
    this.body.replaceChildren(...parts);
  }

  onAdd(): HTMLElement {
    return this.root;
  }

  onRemove(): void {
    this.root.remove();
  }
}
