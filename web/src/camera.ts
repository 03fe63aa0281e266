/**
 * @module web/camera
 * Moving the map to what the user picked: frame a set of points (a threat's path with its interceptors, an event
 * and the unit involved, the whole raid at opening) with MapLibre's `fitBounds`, or fly to a single point. The view
 * after every move is written to `<body data-view="lon,lat,zoom" data-bounds="w,s,e,n">`, so a test (or a deep link
 * builder) can read where the camera is without reaching into the map object.
 */
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { extentOf } from '../../src/math/extent.js';

/** Zoom when flying to a single point (about 60 km across on a laptop screen). */
const POINT_ZOOM = 8;
/** Closest zoom a framed set of points gets (a threat that ends next to its launcher). */
const MAX_FIT_ZOOM = 10;
/** Length of a fly-to, ms (0 for users who asked for reduced motion). */
const FLY_MS = 900;

function flyDuration_ms(): number {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : FLY_MS;
}

/** Padding that keeps framed points clear of the legend and the controls, px. */
function padding(map: MapLibreMap): { top: number; bottom: number; left: number; right: number } {
  const c = map.getContainer();
  const small = c.clientWidth < 500;
  const legend = c.querySelector<HTMLElement>('.legend[open]');
  const left = small || !legend ? 24 : Math.min(legend.offsetWidth + 20, c.clientWidth / 3);
  return { top: 30, bottom: 30, left, right: small ? 24 : 50 };
}

/**
 * Frames `points` ([lon, lat] degrees): a fly-to for one point, `fitBounds` for several; nothing for none.
 * @param animate false jumps (the opening view)
 * @example
 * frame(map, threatPoints(replay, 'T3'), true);
 */
export function frame(map: MapLibreMap, points: readonly [number, number][], animate: boolean): void {
  if (points.length === 0) return;
  // the container may have just changed size (a story panel opened with the pick): fit to the size it has now
  map.resize();
  const duration = animate ? flyDuration_ms() : 0;
  const [west, east] = extentOf(points.map((p) => p[0]));
  const [south, north] = extentOf(points.map((p) => p[1]));
  if (east - west < 1e-4 && north - south < 1e-4) {
    map.flyTo({ center: [west, south], zoom: Math.max(map.getZoom(), POINT_ZOOM), duration });
    return;
  }
  const bounds: LngLatBoundsLike = [
    [west, south],
    [east, north],
  ];
  const c = map.getContainer();
  const pad = padding(map);
  // a container smaller than its padding cannot be fitted; frame the centre instead
  if (c.clientWidth <= pad.left + pad.right + 10 || c.clientHeight <= pad.top + pad.bottom + 10)
    map.jumpTo({ center: [(west + east) / 2, (south + north) / 2] });
  else map.fitBounds(bounds, { padding: pad, maxZoom: MAX_FIT_ZOOM, duration });
}

/**
 * Keeps `data-view` and `data-bounds` on `target` (the body) up to date with the map's view.
 * @example
 * publishView(map, document.body);
 */
export function publishView(map: MapLibreMap, target: HTMLElement): void {
  const write = (): void => {
    const c = map.getCenter();
    const b = map.getBounds();
    target.dataset.view = [c.lng.toFixed(4), c.lat.toFixed(4), map.getZoom().toFixed(2)].join(',');
    target.dataset.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map((x) => x.toFixed(4))
      .join(',');
  };
  map.on('moveend', write);
  write();
}
