/**
 * @module web/labels
 * The scenario's names on the map (assets, units) as HTML markers that keep out of each other's way. The offline
 * style has no glyphs, so MapLibre's symbol collision (`text-allow-overlap`, `text-variable-anchor`) is not
 * available; this does the same in a few lines: after every view change each label, in priority order (assets
 * first), takes the first of eight places around its point (right, left, above, below, then the four corners) whose
 * box meets no label already placed and no site dot; a label with no free place is hidden until zooming in frees
 * one (its name stays in the marker's title). Co-located units (Taji's C-RAM pair) no longer print on each other.
 */
import { type Map as MapLibreMap, Marker } from 'maplibre-gl';

/** Gap between a point and its label, px. */
const GAP_px = 9;
/** Half the size of the box kept free around each labelled point (its dot), px. */
const DOT_px = 6;

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

interface Placed {
  readonly marker: Marker;
  readonly el: HTMLElement;
  readonly kind: 'asset' | 'unit';
  readonly at: [number, number];
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The box of a w × h label centred at `offset` from point `p`. */
function boxAt(p: { x: number; y: number }, offset: [number, number], w: number, h: number): Box {
  const x = p.x + offset[0];
  const y = p.y + offset[1];
  return { x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2 };
}

/** Centre offsets of the eight candidate places for a w × h label, in preference order. */
function candidates(w: number, h: number): [number, number][] {
  const dx = w / 2 + GAP_px;
  const dy = h / 2 + GAP_px / 2;
  return [
    [dx, 0],
    [-dx, 0],
    [0, -dy],
    [0, dy],
    [dx, -h],
    [-dx, -h],
    [dx, h],
    [-dx, h],
  ];
}

/**
 * The names of assets and units on a map, placed so that they do not overlap.
 * @example
 * const labels = new MapLabels(map);
 * labels.add('Camp Taji', 'asset', [44.28, 33.53]);
 */
export class MapLabels {
  private labels: Placed[] = [];
  private pending = false;

  constructor(private readonly map: MapLibreMap) {
    map.on('moveend', () => this.layout());
    map.on('resize', () => this.layout());
  }

  /** Removes every label. */
  clear(): void {
    for (const l of this.labels) l.marker.remove();
    this.labels = [];
  }

  /** Adds a label at a point (lon, lat in degrees); placed on the next layout. */
  add(text: string, kind: 'asset' | 'unit', at: [number, number]): void {
    const el = document.createElement('div');
    el.className = `map-label ${kind}`;
    el.textContent = text;
    el.title = text;
    const marker = new Marker({ element: el, anchor: 'center' }).setLngLat(at).addTo(this.map);
    this.labels.push({ marker, el, kind, at });
    this.schedule();
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.layout();
    });
  }

  /** Places every label (assets before units) at its first free place; hides those with none. */
  layout(): void {
    const taken: Box[] = this.labels.map((l) => {
      const p = this.map.project(l.at);
      return { x0: p.x - DOT_px, y0: p.y - DOT_px, x1: p.x + DOT_px, y1: p.y + DOT_px };
    });
    // a place that sticks out of the map is a last resort
    const container = this.map.getContainer();
    const onMap = (b: Box): boolean =>
      b.x0 >= 0 && b.y0 >= 0 && b.x1 <= container.clientWidth && b.y1 <= container.clientHeight;
    const order = [...this.labels].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'asset' ? -1 : 1));
    for (const l of order) {
      const w = l.el.offsetWidth;
      const h = l.el.offsetHeight;
      const p = this.map.project(l.at);
      const free = candidates(w, h)
        .map((offset) => ({ offset, box: boxAt(p, offset, w, h) }))
        .filter((c) => !taken.some((t) => overlaps(t, c.box)));
      // prefer a free place inside the map; a label whose point is near the edge may still stick out
      const place = free.find((c) => onMap(c.box)) ?? free[0];
      l.el.classList.toggle('crowded', !place);
      if (!place) continue;
      l.marker.setOffset(place.offset);
      taken.push(place.box);
    }
  }
}
