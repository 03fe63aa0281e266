/**
 * @module web/editMap
 * Edit mode of the map for the scenario workbench: the scenario's units and assets as draggable markers, and for
 * each unit with a radar a second marker at the end of its boresight that turns the sector centre. A drop becomes
 * text edits of the YAML (`web/yamlEdit`), handed to the editor; the markers follow the text, not the other way
 * round, so undo in the editor moves them back. The edited text's sector wedges, coverage circles and asset areas
 * (compiled by the server's validation) are drawn in layers of their own; the replayed run's scenario overlays are
 * hidden meanwhile (they would show where the units were before the edit) and come back when edit mode ends.
 */
import { type GeoJSONSource, type Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { ReplayGeometry } from '../../src/server/api.js';
import { emptyCollection, scenarioOverlays } from './geo.js';
import {
  type EditPoint,
  editPointsOf,
  editsFor,
  formatAzimuth,
  formatDegrees,
  type TextChange,
} from './yamlEdit.js';

/** Screen distance from a unit to its boresight handle, px (the handle sets a direction, not a range). */
const HANDLE_px = 70;
const SOURCE = 'edit-boresight';
/** Overlays of the edited text: source → layers (`web/geo` shapes; colours as the replay's, lighter). */
const OVERLAYS = {
  'edit-sectors': [
    { id: 'edit-sectors-fill', type: 'fill', paint: { 'fill-color': '#3fa7ff', 'fill-opacity': 0.12 } },
    { id: 'edit-sectors-line', type: 'line', paint: { 'line-color': '#3fa7ff', 'line-width': 1.2 } },
  ],
  'edit-coverage': [
    {
      id: 'edit-coverage-line',
      type: 'line',
      paint: { 'line-color': '#7ee0a1', 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
  ],
  'edit-assets': [
    { id: 'edit-assets-fill', type: 'fill', paint: { 'fill-color': '#ffd166', 'fill-opacity': 0.25 } },
  ],
} as const;
/** The replay's scenario layers (`web/map`), hidden in edit mode. */
const REPLAY_SCENARIO_LAYERS = [
  'sectors-fill',
  'sectors-line',
  'coverage-line',
  'assets-fill',
  'assets-line',
  'sites',
];

/** Degrees ↔ radians. */
const RAD = Math.PI / 180;

/** Bearing clockwise from north (deg) from one point to another, on the local tangent plane (short distances). */
function bearingDeg(from: { lat: number; lng: number }, to: { lat: number; lng: number }): number {
  const east = (to.lng - from.lng) * Math.cos(from.lat * RAD);
  const north = to.lat - from.lat;
  return Math.atan2(east, north) / RAD;
}

function markerElement(point: EditPoint): HTMLElement {
  const el = document.createElement('div');
  el.className = `edit-marker ${point.kind}`;
  el.dataset.editKey = point.key;
  el.title = `${point.kind === 'unit' ? 'unit' : 'asset'} ${point.label}: drag to move`;
  const text = document.createElement('span');
  text.textContent = point.label;
  el.append(text);
  return el;
}

function handleElement(point: EditPoint): HTMLElement {
  const el = document.createElement('div');
  el.className = 'edit-handle';
  el.dataset.editKey = point.key;
  el.title = `${point.label} radar: drag to turn the sector`;
  return el;
}

interface Placed {
  point: EditPoint;
  marker: Marker;
  handle: Marker | null;
}

/**
 * Draggable markers of a scenario text on the map.
 * @example
 * ```ts
 * const edit = new EditMarkers(map, (changes) => applyToEditor(changes), () => editorText());
 * edit.update(editorText()); // after each change of the text
 * edit.remove(); // leaving edit mode
 * ```
 */
export class EditMarkers {
  private placed = new Map<string, Placed>();
  /** Replay layers hidden in edit mode, with the visibility to give back. */
  private readonly hidden = new Map<string, 'visible' | 'none'>();
  private readonly onZoom = (): void => this.placeHandles();

  /**
   * @param onEdit receives the text changes of a drop, in offsets of `currentText()`
   * @param currentText the editor's text now (a drop edits what is there, not what was shown)
   */
  constructor(
    private readonly map: MapLibreMap,
    private readonly onEdit: (changes: TextChange[]) => void,
    private readonly currentText: () => string,
  ) {
    for (const [source, layers] of Object.entries(OVERLAYS)) {
      if (map.getSource(source)) continue;
      map.addSource(source, { type: 'geojson', data: emptyCollection() });
      for (const layer of layers)
        map.addLayer({ ...layer, source } as Parameters<MapLibreMap['addLayer']>[0]);
    }
    for (const id of REPLAY_SCENARIO_LAYERS)
      if (map.getLayer(id)) {
        this.hidden.set(id, map.getLayoutProperty(id, 'visibility') === 'none' ? 'none' : 'visible');
        map.setLayoutProperty(id, 'visibility', 'none');
      }
    if (!map.getSource(SOURCE)) {
      map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: SOURCE,
        type: 'line',
        source: SOURCE,
        paint: { 'line-color': '#ffd166', 'line-width': 2, 'line-dasharray': [2, 1] },
      });
    }
    map.on('zoomend', this.onZoom);
  }

  /** Shows the units and assets of `yamlText` (markers are kept by id and moved). */
  update(yamlText: string): void {
    const points = editPointsOf(yamlText);
    const seen = new Set<string>();
    for (const point of points) {
      if (seen.has(point.key)) continue;
      seen.add(point.key);
      const old = this.placed.get(point.key);
      if (old && (old.handle !== null) === (point.sector !== undefined)) {
        old.point = point;
        old.marker.setLngLat([point.lon_deg, point.lat_deg]);
        continue;
      }
      if (old) this.drop(point.key);
      this.placed.set(point.key, this.place(point));
    }
    for (const key of [...this.placed.keys()]) if (!seen.has(key)) this.drop(key);
    this.placeHandles();
  }

  /** Draws the compiled geometry of the text (the last one that compiled stays while the text does not). */
  showGeometry(geometry: ReplayGeometry | null): void {
    if (geometry === null) return;
    const overlays = scenarioOverlays(geometry);
    const data = {
      'edit-sectors': overlays.sectors,
      'edit-coverage': overlays.coverage,
      'edit-assets': overlays.assets,
    };
    for (const [source, collection] of Object.entries(data))
      void (this.map.getSource(source) as GeoJSONSource | undefined)?.setData(collection);
  }

  /** The points shown, for framing the view. */
  points(): EditPoint[] {
    return [...this.placed.values()].map((p) => p.point);
  }

  /** Leaves edit mode: markers, handles and the boresight layer go. */
  remove(): void {
    for (const key of [...this.placed.keys()]) this.drop(key);
    this.map.off('zoomend', this.onZoom);
    for (const [source, layers] of Object.entries({ ...OVERLAYS, [SOURCE]: [{ id: SOURCE }] })) {
      for (const layer of layers) if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
      if (this.map.getSource(source)) this.map.removeSource(source);
    }
    for (const [id, visibility] of this.hidden)
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visibility);
    this.hidden.clear();
  }

  private drop(key: string): void {
    const p = this.placed.get(key);
    p?.marker.remove();
    p?.handle?.remove();
    this.placed.delete(key);
  }

  private place(point: EditPoint): Placed {
    const marker = new Marker({ element: markerElement(point), draggable: true })
      .setLngLat([point.lon_deg, point.lat_deg])
      .addTo(this.map);
    const placed: Placed = { point, marker, handle: null };
    marker.on('drag', () => this.placeHandles());
    marker.on('dragend', () => {
      const at = marker.getLngLat();
      const p = placed.point;
      this.edit([
        { path: p.latPath, value: formatDegrees(at.lat) },
        { path: p.lonPath, value: formatDegrees(at.lng) },
      ]);
    });
    if (point.sector) {
      // placed at the unit until `placeHandles` puts it on the boresight (a marker needs a position before addTo)
      const handle = new Marker({ element: handleElement(point), draggable: true })
        .setLngLat([point.lon_deg, point.lat_deg])
        .addTo(this.map);
      placed.handle = handle;
      handle.on('drag', () => this.drawBoresights(placed, handle.getLngLat()));
      handle.on('dragend', () => {
        const sector = placed.point.sector;
        if (!sector) return;
        const azimuth = bearingDeg(marker.getLngLat(), handle.getLngLat());
        this.edit([{ path: sector.path, value: formatAzimuth(azimuth) }]);
        this.placeHandles();
      });
    }
    return placed;
  }

  private edit(settings: { path: readonly (string | number)[]; value: string }[]): void {
    this.onEdit(editsFor(this.currentText(), settings));
  }

  /** Puts every handle `HANDLE_px` from its unit along the sector centre, and redraws the boresight lines. */
  private placeHandles(): void {
    for (const p of this.placed.values()) {
      if (!p.handle || !p.point.sector) continue;
      const centre = this.map.project(p.marker.getLngLat());
      const az = p.point.sector.center_deg * RAD;
      p.handle.setLngLat(
        this.map.unproject([centre.x + HANDLE_px * Math.sin(az), centre.y - HANDLE_px * Math.cos(az)]),
      );
    }
    this.drawBoresights();
  }

  /** The dashed lines from units to their handles (one handle possibly mid-drag). */
  private drawBoresights(dragging?: Placed, at?: { lng: number; lat: number }): void {
    const features: GeoJSON.Feature[] = [];
    for (const p of this.placed.values()) {
      if (!p.handle) continue;
      const from = p.marker.getLngLat();
      const to = p === dragging && at ? at : p.handle.getLngLat();
      features.push({
        type: 'Feature',
        properties: { key: p.point.key },
        geometry: {
          type: 'LineString',
          coordinates: [
            [from.lng, from.lat],
            [to.lng, to.lat],
          ],
        },
      });
    }
    void (this.map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features,
    });
  }
}
