/**
 * @module web/map
 * The MapLibre GL map with an offline style: a background (sea), land and borders from GeoJSON built in the page,
 * and GeoJSON layers for the scenario and the replay. No tiles, glyphs or sprites are fetched, so there are no
 * `text-field` symbol layers: labels are HTML markers (`labels.ts` keeps them apart).
 */
import {
  type GeoJSONSource,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
  type PointLike,
  ScaleControl,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { extentOf } from '../../src/math/extent.js';
import type { ReplayGeometry } from '../../src/server/api.js';
import type { Frame } from './frame.js';
import { emptyCollection, loadBasemap, scenarioOverlays } from './geo.js';
import { MapLabels } from './labels.js'; // replay (issue 13): labels that avoid each other
import { CLASS_RADIUS_px } from './moments.js';

/** Layer groups the user can switch on and off, with their labels. */
export const LAYER_GROUPS = {
  sectors: { label: 'Radar sectors', layers: ['sectors-fill', 'sectors-line'] },
  coverage: { label: 'Weapon coverage', layers: ['coverage-line'] },
  truth: { label: 'Threat truth', layers: ['trails-threat'] },
  tracks: { label: 'Tracks (radar picture)', layers: ['tracks-line', 'tracks-point'] },
  interceptors: { label: 'Interceptors', layers: ['trails-interceptor', 'movers-interceptor'] },
  impacts: { label: 'Intercepts & impacts', layers: ['ends'] },
} as const;

export type LayerGroup = keyof typeof LAYER_GROUPS;

/** The map's colours, shared by the legend (so that it draws what the map draws) and the 3-D view (`web/globe`). */
export const COLORS = {
  sea: '#0c1824',
  land: '#1c2a25',
  border: '#4d6356',
  sector: '#3fa7ff',
  coverage: '#7ee0a1',
  asset: '#ffd166',
  threat: '#ff8c42',
  leaked: '#ff3b3b',
  failed: '#9aa3ab',
  interceptor: '#4dd2ff',
  track: '#c58cff',
  kill: '#4cff88',
};

const THREAT_COLOR = [
  'match',
  ['get', 'fate'],
  'leaked',
  COLORS.leaked,
  'failed',
  COLORS.failed,
  COLORS.threat,
] as unknown as string;

function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'aspis offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': COLORS.sea } }],
  };
}

/** The replay map: static scenario overlays, per-frame dynamic layers, layer switches and threat picking. */
export interface ReplayMap {
  readonly map: MapLibreMap;
  showScenario(geometry: ReplayGeometry | null, extraPoints: [number, number][]): void;
  showFrame(frame: Frame): void;
  setGroupVisible(group: LayerGroup, visible: boolean): void;
  onThreatClick(handler: (threatId: string) => void): void;
}

function geojson(map: MapLibreMap, id: string, data: GeoJSON.GeoJSON): void {
  map.addSource(id, { type: 'geojson', data });
}

/** A layer as `map.addLayer` takes it. */
type ReplayLayer = Parameters<MapLibreMap['addLayer']>[0];

/** GeoJSON sources of the scenario and replay layers (empty until a scenario or frame is shown). */
const REPLAY_SOURCES = [
  'sectors',
  'coverage',
  'assets',
  'sites',
  'trails',
  'movers',
  'tracks',
  'ends',
] as const;

/**
 * The scenario and replay layers, bottom to top: sectors, coverage and assets under the trails and tracks, end
 * points, sites, and the moving interceptors and threats on top (data, not code: the order is the drawing order).
 */
const REPLAY_LAYERS: readonly ReplayLayer[] = [
  {
    id: 'sectors-fill',
    type: 'fill',
    source: 'sectors',
    paint: { 'fill-color': COLORS.sector, 'fill-opacity': 0.1 },
  },
  {
    id: 'sectors-line',
    type: 'line',
    source: 'sectors',
    paint: { 'line-color': COLORS.sector, 'line-width': 1.2, 'line-opacity': 0.7 },
  },
  {
    id: 'coverage-line',
    type: 'line',
    source: 'coverage',
    paint: { 'line-color': COLORS.coverage, 'line-width': 1.2, 'line-dasharray': [3, 2] },
  },
  {
    id: 'assets-fill',
    type: 'fill',
    source: 'assets',
    paint: { 'fill-color': COLORS.asset, 'fill-opacity': 0.35 },
  },
  {
    id: 'assets-line',
    type: 'line',
    source: 'assets',
    paint: { 'line-color': COLORS.asset, 'line-width': 1.5 },
  },
  {
    id: 'trails-threat',
    type: 'line',
    source: 'trails',
    filter: ['==', ['get', 'kind'], 'threat'],
    paint: {
      'line-color': ['case', ['get', 'selected'], '#ffffff', THREAT_COLOR] as unknown as string,
      'line-width': ['case', ['get', 'selected'], 3, 1.5] as unknown as number,
      'line-opacity': 0.85,
    },
  },
  {
    id: 'trails-interceptor',
    type: 'line',
    source: 'trails',
    filter: ['==', ['get', 'kind'], 'interceptor'],
    paint: { 'line-color': COLORS.interceptor, 'line-width': 2, 'line-opacity': 0.9 },
  },
  {
    id: 'tracks-line',
    type: 'line',
    source: 'tracks',
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': COLORS.track, 'line-width': 1, 'line-dasharray': [2, 2] },
  },
  {
    id: 'tracks-point',
    type: 'circle',
    source: 'tracks',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 3,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': COLORS.track,
      'circle-stroke-width': 1.2,
    },
  },
  {
    id: 'ends',
    type: 'circle',
    source: 'ends',
    paint: {
      'circle-radius': ['match', ['get', 'kind'], 'leak', 7, 'impact', 5, 'kill', 5, 4] as unknown as number,
      'circle-color': [
        'match',
        ['get', 'kind'],
        'leak',
        COLORS.leaked,
        'impact',
        COLORS.threat,
        'kill',
        COLORS.kill,
        'failed',
        COLORS.failed,
        'rgba(0,0,0,0)',
      ] as unknown as string,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['match', ['get', 'kind'], 'miss', 1, 0.5] as unknown as number,
    },
  },
  {
    id: 'sites',
    type: 'circle',
    source: 'sites',
    paint: {
      'circle-radius': 5,
      'circle-color': '#ffffff',
      'circle-stroke-color': COLORS.sector,
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'movers-interceptor',
    type: 'circle',
    source: 'movers',
    filter: ['==', ['get', 'kind'], 'interceptor'],
    paint: {
      'circle-radius': 5,
      'circle-color': COLORS.interceptor,
      'circle-stroke-color': '#001018',
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'movers-threat',
    type: 'circle',
    source: 'movers',
    filter: ['==', ['get', 'kind'], 'threat'],
    paint: {
      // replay (issue 13): the marker's size tells the threat class (the legend shows the sizes)
      'circle-radius': [
        'case',
        ['get', 'selected'],
        8,
        ['match', ['get', 'cls'], ...Object.entries(CLASS_RADIUS_px).flat(), 6],
      ] as unknown as number,
      'circle-color': THREAT_COLOR,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': ['case', ['get', 'selected'], 2.5, 1] as unknown as number,
    },
  },
];

/** Adds the (empty) replay sources and their layers above the basemap. */
function addLayers(map: MapLibreMap): void {
  for (const id of REPLAY_SOURCES) geojson(map, id, emptyCollection());
  for (const layer of REPLAY_LAYERS) map.addLayer(layer);
}

/** Creates the map in `container` and resolves once the basemap and empty replay layers are in place. */
export async function createReplayMap(container: HTMLElement): Promise<ReplayMap> {
  const map = await openBasemap(container);
  addLayers(map);
  return new ReplayMapView(map);
}

/** A MapLibre map in `container` with the offline style, its controls and the basemap, once loaded. */
async function openBasemap(container: HTMLElement): Promise<MapLibreMap> {
  // the worker script ships with the app (no CDN)
  setWorkerUrl(workerUrl);
  const basemap = loadBasemap();
  const map = new MapLibreMap({
    container,
    style: offlineStyle(),
    center: [44, 33.5],
    zoom: 5,
    // keep the drawn frame readable (screenshots, the pixel check in the browser tests)
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    attributionControl: { compact: true, customAttribution: 'Borders: Natural Earth (world-atlas)' },
    fadeDuration: 0,
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  const { land, borders } = await basemap;
  geojson(map, 'land', land);
  geojson(map, 'borders', borders);
  map.addLayer({ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': COLORS.land } });
  map.addLayer({
    id: 'borders',
    type: 'line',
    source: 'borders',
    paint: { 'line-color': COLORS.border, 'line-width': 1 },
  });
  return map;
}

/** The replay map over a loaded map with its layers: what it shows, and the HTML labels of the scenario. */
class ReplayMapView implements ReplayMap {
  private readonly labels: MapLabels;

  constructor(readonly map: MapLibreMap) {
    this.labels = new MapLabels(map);
  }

  private set(id: string, data: GeoJSON.GeoJSON): void {
    void (this.map.getSource(id) as GeoJSONSource).setData(data);
  }

  showScenario(geometry: ReplayGeometry | null, extraPoints: [number, number][]): void {
    this.labels.clear();
    // frame the defended area (assets, radar wedges, coverage); launch points only when there is no geometry
    const points: [number, number][] = [];
    if (geometry) this.drawScenario(geometry, points);
    else for (const id of ['sectors', 'coverage', 'assets', 'sites']) this.set(id, emptyCollection());
    if (points.length === 0) for (const p of extraPoints) points.push(p);
    if (points.length > 0) this.fitTo(points);
  }

  /** Sets the scenario overlays and labels, and appends the outline points that frame them to `points`. */
  private drawScenario(geometry: ReplayGeometry, points: [number, number][]): void {
    const overlays = scenarioOverlays(geometry);
    this.set('sectors', overlays.sectors);
    this.set('coverage', overlays.coverage);
    this.set('assets', overlays.assets);
    this.set('sites', overlays.sites);
    for (const f of [
      ...overlays.sectors.features,
      ...overlays.coverage.features,
      ...overlays.assets.features,
    ])
      for (const p of f.geometry.coordinates[0]) points.push([p[0], p[1]]);
    for (const a of geometry.assets) this.labels.add(a.name, 'asset', [a.lon_deg, a.lat_deg]);
    for (const u of geometry.units) this.labels.add(u.id, 'unit', [u.lon_deg, u.lat_deg]);
  }

  /** Fits the view to the points' bounding box. */
  private fitTo(points: readonly [number, number][]): void {
    const [west, east] = extentOf(points.map((p) => p[0]));
    const [south, north] = extentOf(points.map((p) => p[1]));
    const bounds: LngLatBoundsLike = [
      [west, south],
      [east, north],
    ];
    this.map.fitBounds(bounds, { padding: 40, maxZoom: 11, duration: 0 });
  }

  showFrame(frame: Frame): void {
    this.set('movers', frame.movers);
    this.set('trails', frame.trails);
    this.set('tracks', frame.tracks);
    this.set('ends', frame.ends);
  }

  setGroupVisible(group: LayerGroup, visible: boolean): void {
    for (const layer of LAYER_GROUPS[group].layers)
      this.map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
  }

  onThreatClick(handler: (threatId: string) => void): void {
    const map = this.map;
    const pick = (e: MapMouseEvent): void => {
      const box: [PointLike, PointLike] = [
        [e.point.x - 6, e.point.y - 6],
        [e.point.x + 6, e.point.y + 6],
      ];
      const hit = map.queryRenderedFeatures(box, { layers: ['movers-threat', 'trails-threat'] })[0];
      const id = hit?.properties?.id;
      if (typeof id === 'string') handler(id);
    };
    map.on('click', pick);
    for (const layer of ['movers-threat', 'trails-threat']) {
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = '';
      });
    }
  }
}
