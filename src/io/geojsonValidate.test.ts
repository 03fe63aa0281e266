import { describe, expect, it } from 'vitest';
import { validateGeoJson } from './geojsonValidate.js';

const ccw = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];
const feature = (geometry: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry,
  properties: {},
  ...extra,
});
const messages = (v: unknown) => validateGeoJson(v).map((p) => `${p.path}: ${p.message}`);

describe('validateGeoJson (RFC 7946 producer rules)', () => {
  it('accepts conforming objects', () => {
    expect(
      messages({
        type: 'FeatureCollection',
        features: [
          feature({ type: 'Point', coordinates: [42.4, 33.8, 188] }, { id: 'a' }),
          feature(
            {
              type: 'LineString',
              coordinates: [
                [0, 0],
                [1, 1, 5],
              ],
            },
            { id: 3 },
          ),
          feature({
            type: 'Polygon',
            coordinates: [
              ccw,
              [
                [0.2, 0.2],
                [0.2, 0.8],
                [0.8, 0.8],
                [0.2, 0.2],
              ],
            ],
          }),
          feature({ type: 'MultiPolygon', coordinates: [[ccw]] }),
          feature({ type: 'GeometryCollection', geometries: [{ type: 'MultiPoint', coordinates: [] }] }),
          feature(null, { properties: null }),
        ],
        bbox: [0, 0, 1, 1],
        foreign: { ok: true },
      }),
    ).toEqual([]);
    expect(messages({ type: 'Point', coordinates: [180, -90] })).toEqual([]);
  });

  it('rejects each broken rule', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'Point', coordinates: [33.8, 142.4] }, /latitude 142.4/],
      [{ type: 'Point', coordinates: [181, 0] }, /longitude 181/],
      [{ type: 'Point', coordinates: [0, Number.NaN] }, /finite/],
      [{ type: 'Point', coordinates: [0] }, /2 or 3 elements/],
      [{ type: 'Point', coordinates: [0, 0, 0, 0] }, /2 or 3 elements/],
      [{ type: 'LineString', coordinates: [[0, 0]] }, /at least 2/],
      [{ type: 'Polygon', coordinates: [ccw.slice(0, 4)] }, /closed/],
      [{ type: 'Polygon', coordinates: [[...ccw].reverse()] }, /counter-clockwise/],
      [{ type: 'Polygon', coordinates: [ccw, ccw] }, /hole\) must be clockwise/],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
        /at least 4/,
      ],
      [{ type: 'Polygon', coordinates: [] }, /exterior ring/],
      [{ type: 'Circle', coordinates: [0, 0] }, /unknown geometry type/],
      [{ type: 'Point', coordinates: [0, 0], crs: { type: 'name' } }, /crs/],
      [{ type: 'FeatureCollection', features: [], crs: {} }, /crs/],
      [{ type: 'FeatureCollection' }, /features array/],
      [{ type: 'Feature', properties: {} }, /geometry member/],
      [{ type: 'Feature', geometry: null }, /properties member/],
      [feature(null, { id: { x: 1 } }), /id must be a string or a number/],
      [feature(null, { properties: [1] }), /properties must be an object/],
      [feature(null, { bbox: [0, 0, 1] }), /bbox/],
      [{ type: 'FeatureCollection', features: [{ type: 'Thing' }] }, /"Feature"/],
      [[], /must be an object/],
    ];
    for (const [value, pattern] of cases)
      expect(messages(value).join('\n'), JSON.stringify(value)).toMatch(pattern);
  });
});
