/**
 * @module io/geojsonValidate
 * A strict checker for the GeoJSON rules of RFC 7946 that a producer must follow: `type` members, Feature
 * `geometry`/`properties` members, positions of 2 or 3 finite numbers with longitude in [−180, 180] and latitude in
 * [−90, 90], LineStrings of two or more positions, closed linear rings of four or more positions whose exteriors are
 * counter-clockwise and holes clockwise (right-hand rule, planar lon/lat area), `bbox` of 2·n numbers, Feature `id`
 * a string or number, and no `crs` member. Used on footprint files before they are merged, and by the tests.
 */

/** One problem: a JSON-pointer-like path and a message. */
export interface GeoJsonProblem {
  readonly path: string;
  readonly message: string;
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Twice the signed planar area of a ring in lon/lat (> 0: counter-clockwise). */
function signedArea2(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/**
 * Checks a GeoJSON value against RFC 7946's producer rules.
 * @returns every problem found (empty when the value conforms)
 */
export function validateGeoJson(value: unknown): GeoJsonProblem[] {
  const problems: GeoJsonProblem[] = [];
  const fail = (path: string, message: string): void => {
    problems.push({ path: path || '/', message });
  };

  const position = (p: unknown, path: string): p is number[] => {
    if (!Array.isArray(p)) {
      fail(path, 'a position must be an array');
      return false;
    }
    if (p.length < 2 || p.length > 3) {
      fail(path, `a position has 2 or 3 elements (lon, lat[, height]), got ${p.length}`);
      return false;
    }
    if (!p.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      fail(path, 'position elements must be finite numbers');
      return false;
    }
    if (p[0] < -180 || p[0] > 180) fail(path, `longitude ${p[0]} outside [-180, 180] (order is [lon, lat])`);
    if (p[1] < -90 || p[1] > 90) fail(path, `latitude ${p[1]} outside [-90, 90] (order is [lon, lat])`);
    return true;
  };
  const positions = (list: unknown, path: string, min: number): list is number[][] => {
    if (!Array.isArray(list)) {
      fail(path, 'expected an array of positions');
      return false;
    }
    if (list.length < min) fail(path, `expected at least ${min} positions, got ${list.length}`);
    let ok = true;
    list.forEach((p, i) => {
      ok = position(p, `${path}/${i}`) && ok;
    });
    return ok;
  };
  const ring = (r: unknown, path: string, exterior: boolean): void => {
    if (!positions(r, path, 4)) return;
    if (r.length < 4) return;
    const first = r[0];
    const last = r[r.length - 1];
    if (first.length !== last.length || first.some((x, k) => x !== last[k]))
      fail(path, 'a linear ring must be closed (last position equal to the first)');
    const area = signedArea2(r);
    if (area === 0) fail(path, 'a linear ring must enclose an area');
    else if (exterior && area < 0) fail(path, 'exterior ring must be counter-clockwise (right-hand rule)');
    else if (!exterior && area > 0) fail(path, 'interior ring (hole) must be clockwise (right-hand rule)');
  };
  const polygon = (rings: unknown, path: string): void => {
    if (!Array.isArray(rings)) {
      fail(path, 'polygon coordinates must be an array of rings');
      return;
    }
    if (rings.length === 0) fail(path, 'a polygon needs an exterior ring');
    rings.forEach((r, i) => {
      ring(r, `${path}/${i}`, i === 0);
    });
  };
  const bbox = (obj: Record<string, unknown>, path: string): void => {
    if (!('bbox' in obj)) return;
    const b = obj.bbox;
    if (
      !Array.isArray(b) ||
      b.length < 4 ||
      b.length % 2 !== 0 ||
      !b.every((x) => typeof x === 'number' && Number.isFinite(x))
    )
      fail(`${path}/bbox`, 'bbox must be an array of 2·n finite numbers');
  };
  const noCrs = (obj: Record<string, unknown>, path: string): void => {
    if ('crs' in obj) fail(`${path}/crs`, 'RFC 7946 removed the crs member (coordinates are always WGS84)');
  };

  const geometry = (g: unknown, path: string): void => {
    if (!isObject(g)) {
      fail(path, 'a geometry must be an object');
      return;
    }
    noCrs(g, path);
    bbox(g, path);
    const type = g.type;
    if (typeof type !== 'string' || !GEOMETRY_TYPES.has(type)) {
      fail(`${path}/type`, `unknown geometry type ${JSON.stringify(type)}`);
      return;
    }
    if (type === 'GeometryCollection') {
      if (!Array.isArray(g.geometries)) {
        fail(`${path}/geometries`, 'GeometryCollection needs geometries');
        return;
      }
      g.geometries.forEach((x, i) => {
        geometry(x, `${path}/geometries/${i}`);
      });
      return;
    }
    const c = g.coordinates;
    const cp = `${path}/coordinates`;
    if (!('coordinates' in g)) {
      fail(cp, `${type} needs coordinates`);
      return;
    }
    switch (type) {
      case 'Point':
        position(c, cp);
        break;
      case 'MultiPoint':
        positions(c, cp, 0);
        break;
      case 'LineString':
        positions(c, cp, 2);
        break;
      case 'MultiLineString':
        if (!Array.isArray(c)) fail(cp, 'expected an array of lines');
        else
          c.forEach((l, i) => {
            positions(l, `${cp}/${i}`, 2);
          });
        break;
      case 'Polygon':
        polygon(c, cp);
        break;
      case 'MultiPolygon':
        if (!Array.isArray(c)) fail(cp, 'expected an array of polygons');
        else
          c.forEach((p, i) => {
            polygon(p, `${cp}/${i}`);
          });
        break;
    }
  };

  const feature = (f: unknown, path: string): void => {
    if (!isObject(f)) {
      fail(path, 'a feature must be an object');
      return;
    }
    if (f.type !== 'Feature') {
      fail(`${path}/type`, 'expected type "Feature"');
      return;
    }
    noCrs(f, path);
    bbox(f, path);
    if (!('geometry' in f)) fail(`${path}/geometry`, 'a Feature needs a geometry member (null allowed)');
    else if (f.geometry !== null) geometry(f.geometry, `${path}/geometry`);
    if (!('properties' in f))
      fail(`${path}/properties`, 'a Feature needs a properties member (null allowed)');
    else if (f.properties !== null && !isObject(f.properties))
      fail(`${path}/properties`, 'properties must be an object or null');
    if ('id' in f && typeof f.id !== 'string' && typeof f.id !== 'number')
      fail(`${path}/id`, 'a Feature id must be a string or a number');
  };

  if (!isObject(value)) {
    fail('', 'a GeoJSON text must be an object');
    return problems;
  }
  if (value.type === 'FeatureCollection') {
    noCrs(value, '');
    bbox(value, '');
    if (!Array.isArray(value.features)) fail('/features', 'a FeatureCollection needs a features array');
    else
      value.features.forEach((f, i) => {
        feature(f, `/features/${i}`);
      });
  } else if (value.type === 'Feature') feature(value, '');
  else geometry(value, '');
  return problems;
}
