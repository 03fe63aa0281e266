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
 * Collects the problems of one GeoJSON value; one method per RFC 7946 object kind, each taking the JSON-pointer-like
 * path of the value it checks, so a problem always names where it is.
 */
class GeoJsonChecker {
  readonly problems: GeoJsonProblem[] = [];

  fail(path: string, message: string): void {
    this.problems.push({ path: path || '/', message });
  }

  position(p: unknown, path: string): p is number[] {
    if (!Array.isArray(p)) {
      this.fail(path, 'a position must be an array');
      return false;
    }
    if (p.length < 2 || p.length > 3) {
      this.fail(path, `a position has 2 or 3 elements (lon, lat[, height]), got ${p.length}`);
      return false;
    }
    if (!p.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      this.fail(path, 'position elements must be finite numbers');
      return false;
    }
    if (p[0] < -180 || p[0] > 180)
      this.fail(path, `longitude ${p[0]} outside [-180, 180] (order is [lon, lat])`);
    if (p[1] < -90 || p[1] > 90) this.fail(path, `latitude ${p[1]} outside [-90, 90] (order is [lon, lat])`);
    return true;
  }

  positions(list: unknown, path: string, min: number): list is number[][] {
    if (!Array.isArray(list)) {
      this.fail(path, 'expected an array of positions');
      return false;
    }
    if (list.length < min) this.fail(path, `expected at least ${min} positions, got ${list.length}`);
    let ok = true;
    list.forEach((p, i) => {
      ok = this.position(p, `${path}/${i}`) && ok;
    });
    return ok;
  }

  ring(r: unknown, path: string, exterior: boolean): void {
    if (!this.positions(r, path, 4)) return;
    if (r.length < 4) return;
    const first = r[0];
    const last = r[r.length - 1];
    if (first.length !== last.length || first.some((x, k) => x !== last[k]))
      this.fail(path, 'a linear ring must be closed (last position equal to the first)');
    const area = signedArea2(r);
    if (area === 0) this.fail(path, 'a linear ring must enclose an area');
    else if (exterior && area < 0)
      this.fail(path, 'exterior ring must be counter-clockwise (right-hand rule)');
    else if (!exterior && area > 0)
      this.fail(path, 'interior ring (hole) must be clockwise (right-hand rule)');
  }

  polygon(rings: unknown, path: string): void {
    if (!Array.isArray(rings)) {
      this.fail(path, 'polygon coordinates must be an array of rings');
      return;
    }
    if (rings.length === 0) this.fail(path, 'a polygon needs an exterior ring');
    rings.forEach((r, i) => {
      this.ring(r, `${path}/${i}`, i === 0);
    });
  }

  /** The members every GeoJSON object may carry: `bbox` of 2·n numbers, and no `crs`. */
  common(obj: Record<string, unknown>, path: string): void {
    if ('crs' in obj)
      this.fail(`${path}/crs`, 'RFC 7946 removed the crs member (coordinates are always WGS84)');
    if (!('bbox' in obj)) return;
    const b = obj.bbox;
    if (
      !Array.isArray(b) ||
      b.length < 4 ||
      b.length % 2 !== 0 ||
      !b.every((x) => typeof x === 'number' && Number.isFinite(x))
    )
      this.fail(`${path}/bbox`, 'bbox must be an array of 2·n finite numbers');
  }

  geometry(g: unknown, path: string): void {
    if (!isObject(g)) {
      this.fail(path, 'a geometry must be an object');
      return;
    }
    this.common(g, path);
    const type = g.type;
    if (typeof type !== 'string' || !GEOMETRY_TYPES.has(type)) {
      this.fail(`${path}/type`, `unknown geometry type ${JSON.stringify(type)}`);
      return;
    }
    if (type === 'GeometryCollection') {
      if (!Array.isArray(g.geometries))
        this.fail(`${path}/geometries`, 'GeometryCollection needs geometries');
      else
        g.geometries.forEach((x, i) => {
          this.geometry(x, `${path}/geometries/${i}`);
        });
      return;
    }
    if (!('coordinates' in g)) this.fail(`${path}/coordinates`, `${type} needs coordinates`);
    else this.coordinates(type, g.coordinates, `${path}/coordinates`);
  }

  /** The `coordinates` of a geometry of `type` (not a GeometryCollection). */
  coordinates(type: string, c: unknown, cp: string): void {
    switch (type) {
      case 'Point':
        this.position(c, cp);
        break;
      case 'MultiPoint':
        this.positions(c, cp, 0);
        break;
      case 'LineString':
        this.positions(c, cp, 2);
        break;
      case 'MultiLineString':
        if (!Array.isArray(c)) this.fail(cp, 'expected an array of lines');
        else
          c.forEach((l, i) => {
            this.positions(l, `${cp}/${i}`, 2);
          });
        break;
      case 'Polygon':
        this.polygon(c, cp);
        break;
      case 'MultiPolygon':
        if (!Array.isArray(c)) this.fail(cp, 'expected an array of polygons');
        else
          c.forEach((p, i) => {
            this.polygon(p, `${cp}/${i}`);
          });
        break;
    }
  }

  feature(f: unknown, path: string): void {
    if (!isObject(f)) {
      this.fail(path, 'a feature must be an object');
      return;
    }
    if (f.type !== 'Feature') {
      this.fail(`${path}/type`, 'expected type "Feature"');
      return;
    }
    this.common(f, path);
    if (!('geometry' in f)) this.fail(`${path}/geometry`, 'a Feature needs a geometry member (null allowed)');
    else if (f.geometry !== null) this.geometry(f.geometry, `${path}/geometry`);
    if (!('properties' in f))
      this.fail(`${path}/properties`, 'a Feature needs a properties member (null allowed)');
    else if (f.properties !== null && !isObject(f.properties))
      this.fail(`${path}/properties`, 'properties must be an object or null');
    if ('id' in f && typeof f.id !== 'string' && typeof f.id !== 'number')
      this.fail(`${path}/id`, 'a Feature id must be a string or a number');
  }
}

/**
 * Checks a GeoJSON value against RFC 7946's producer rules.
 * @returns every problem found (empty when the value conforms)
 */
export function validateGeoJson(value: unknown): GeoJsonProblem[] {
  const check = new GeoJsonChecker();
  if (!isObject(value)) {
    check.fail('', 'a GeoJSON text must be an object');
    return check.problems;
  }
  if (value.type === 'FeatureCollection') {
    check.common(value, '');
    if (!Array.isArray(value.features)) check.fail('/features', 'a FeatureCollection needs a features array');
    else
      value.features.forEach((f, i) => {
        check.feature(f, `/features/${i}`);
      });
  } else if (value.type === 'Feature') check.feature(value, '');
  else check.geometry(value, '');
  return check.problems;
}
