/**
 * @module web/geo
 * GeoJSON for the map, all built in the page: the offline basemap (Natural Earth countries from `world-atlas`,
 * TopoJSON → GeoJSON), radar sector wedges, coverage circles and asset footprints. Longitude/latitude in degrees.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import type { ReplayGeometry } from '../../src/server/api.js';
import { destinationPoint } from '../../src/world/pathAt.js';

/** Vertices per full circle of a drawn arc. */
const ARC_STEPS = 96;

/** Land polygons and country borders, from the package's own copy of Natural Earth (no network). */
export async function loadBasemap(): Promise<{ land: FeatureCollection; borders: Feature<MultiLineString> }> {
  const response = await fetch(countriesUrl);
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection }>;
  const land = feature(topology, topology.objects.countries) as FeatureCollection;
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b) as unknown as MultiLineString;
  return { land, borders: { type: 'Feature', properties: {}, geometry: borders } };
}

/** A closed ring approximating a circle of `radius_m` around a point. */
export function circleRing(lat_deg: number, lon_deg: number, radius_m: number): [number, number][] {
  const ring: [number, number][] = [];
  for (let i = 0; i <= ARC_STEPS; i++)
    ring.push(destinationPoint(lat_deg, lon_deg, (360 * i) / ARC_STEPS, radius_m));
  return ring;
}

/** A radar wedge: apex at the site, arc from centre − width/2 to centre + width/2 (clockwise from north). */
export function wedgeRing(
  lat_deg: number,
  lon_deg: number,
  center_deg: number,
  width_deg: number,
  range_m: number,
): [number, number][] {
  if (width_deg >= 359.9) return circleRing(lat_deg, lon_deg, range_m);
  const steps = Math.max(8, Math.ceil((ARC_STEPS * width_deg) / 360));
  const ring: [number, number][] = [[lon_deg, lat_deg]];
  for (let i = 0; i <= steps; i++) {
    const az = center_deg - width_deg / 2 + (width_deg * i) / steps;
    ring.push(destinationPoint(lat_deg, lon_deg, az, range_m));
  }
  ring.push([lon_deg, lat_deg]);
  return ring;
}

function polygon(ring: [number, number][], properties: Record<string, unknown>): Feature<Polygon> {
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** Static overlays of a scenario: sectors, coverage circles, asset footprints, unit sites. */
export function scenarioOverlays(geometry: ReplayGeometry): {
  sectors: FeatureCollection<Polygon>;
  coverage: FeatureCollection<Polygon>;
  assets: FeatureCollection<Polygon>;
  sites: FeatureCollection<Point>;
} {
  return {
    sectors: {
      type: 'FeatureCollection',
      features: geometry.units.map((u) =>
        polygon(wedgeRing(u.lat_deg, u.lon_deg, u.sector.center_deg, u.sector.width_deg, u.sector.range_m), {
          id: u.id,
          kind: u.kind,
        }),
      ),
    },
    coverage: {
      type: 'FeatureCollection',
      features: geometry.units.map((u) =>
        polygon(circleRing(u.lat_deg, u.lon_deg, u.coverage_m), { id: u.id, kind: u.kind }),
      ),
    },
    assets: {
      type: 'FeatureCollection',
      features: geometry.assets.map((a) =>
        polygon(circleRing(a.lat_deg, a.lon_deg, a.radius_m), { id: a.id }),
      ),
    },
    sites: {
      type: 'FeatureCollection',
      features: geometry.units.map((u) => ({
        type: 'Feature',
        properties: { id: u.id, kind: u.kind },
        geometry: { type: 'Point', coordinates: [u.lon_deg, u.lat_deg] },
      })),
    },
  };
}

/** An empty collection (initial source data). */
export function emptyCollection<G extends Point | LineString | Polygon>(): FeatureCollection<G> {
  return { type: 'FeatureCollection', features: [] };
}
