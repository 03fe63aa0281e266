import { describe, expect, it } from 'vitest';
import { geodesicInverse } from '../geo/geodesic.js';
import {
  circleRing,
  localIso,
  normalizeLon,
  parseStart,
  pathSamples,
  ringSignedArea2,
  sectorRing,
  splitLineAtAntimeridian,
  splitRingAtAntimeridian,
  utcIso,
} from './runDataGeo.js';

const RAD = Math.PI / 180;
const at = (lat: number, lon: number) => ({ lat_rad: lat * RAD, lon_rad: lon * RAD, h_m: 0 });

describe('scenario clock', () => {
  it('applies the offset of the start exactly', () => {
    const base = parseStart('2020-01-08T01:20:00+03:00');
    expect(utcIso(base, 0)).toBe('2020-01-07T22:20:00.000Z');
    expect(utcIso(base, 570.0004)).toBe('2020-01-07T22:29:30.000Z');
    expect(utcIso(base, 904.302707)).toBe('2020-01-07T22:35:04.303Z');
    expect(localIso(base, 570)).toBe('2020-01-08T01:29:30.000+03:00');
  });

  it('handles Z, negative and half-hour offsets, fractions and day changes', () => {
    expect(utcIso(parseStart('2021-06-30T23:30:00Z'), 3600)).toBe('2021-07-01T00:30:00.000Z');
    expect(utcIso(parseStart('2021-03-01T00:10:00.5-04:30'), 0)).toBe('2021-03-01T04:40:00.500Z');
    expect(localIso(parseStart('2021-03-01T00:10:00-04:30'), -700)).toBe('2021-02-28T23:58:20.000-04:30');
    expect(localIso(parseStart('2021-03-01T00:10Z'), 1)).toBe('2021-03-01T00:10:01.000Z');
  });

  it('refuses starts without an offset or with impossible fields', () => {
    for (const bad of [
      '2020-01-08T01:20:00',
      '2020-02-30T00:00:00Z',
      '2020-01-08 01:20:00Z',
      '2020-13-01T00:00Z',
    ])
      expect(() => parseStart(bad), bad).toThrow(/E_USAGE start/);
  });
});

describe('shapes', () => {
  it('circle rings are closed, counter-clockwise and at the radius', () => {
    const center = at(33.79, 42.44);
    const ring = circleRing(center, 3000);
    expect(ring.length).toBe(73);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ringSignedArea2(ring)).toBeGreaterThan(0);
    for (const [lon, lat] of ring)
      expect(geodesicInverse(center.lat_rad, center.lon_rad, lat * RAD, lon * RAD).distance_m).toBeCloseTo(
        3000,
        0,
      );
  });

  it('sector wedges start and end at the site, are counter-clockwise and span the sector', () => {
    const site = at(33.8, 42.45);
    const ring = sectorRing(site, 81 * RAD, 120 * RAD, 100_000);
    expect(ring[0]).toEqual([42.45, 33.8]);
    expect(ring[ring.length - 1]).toEqual([42.45, 33.8]);
    expect(ringSignedArea2(ring)).toBeGreaterThan(0);
    const bearings = ring
      .slice(1, -1)
      .map(
        ([lon, lat]) => geodesicInverse(site.lat_rad, site.lon_rad, lat * RAD, lon * RAD).azimuth1_rad / RAD,
      );
    expect(bearings[0]).toBeCloseTo(141, 4);
    expect(bearings[bearings.length - 1]).toBeCloseTo(21, 4);
    // all-round radars are circles
    expect(sectorRing(site, 0, 2 * Math.PI, 50_000).length).toBe(73);
    // a sector across north keeps counter-clockwise order
    expect(ringSignedArea2(sectorRing(site, 0, 90 * RAD, 50_000))).toBeGreaterThan(0);
  });

  it('splits rings and lines at the antimeridian', () => {
    const ring = circleRing(at(-17, 179.95), 20_000);
    const parts = splitRingAtAntimeridian(ring);
    expect(parts.length).toBe(2);
    for (const part of parts) {
      expect(part[0]).toEqual(part[part.length - 1]);
      expect(ringSignedArea2(part)).toBeGreaterThan(0);
      for (const [lon] of part) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    }
    expect(parts.some((p) => p.every(([lon]) => lon >= 0))).toBe(true);
    expect(parts.some((p) => p.every(([lon]) => lon <= 0))).toBe(true);
    expect(splitRingAtAntimeridian(circleRing(at(0, 0), 1000))).toEqual([circleRing(at(0, 0), 1000)]);

    const line = splitLineAtAntimeridian([
      [179, 0, 100, 0],
      [-179, 2, 300, 10],
    ]);
    expect(line).toEqual([
      [
        [179, 0, 100, 0],
        [180, 1, 200, 5],
      ],
      [
        [-180, 1, 200, 5],
        [-179, 2, 300, 10],
      ],
    ]);
    expect(
      splitLineAtAntimeridian([
        [10, 0],
        [11, 1],
      ]),
    ).toEqual([
      [
        [10, 0],
        [11, 1],
      ],
    ]);
  });

  it('normalises longitudes and cleans path samples', () => {
    expect(normalizeLon(190)).toBe(-170);
    expect(normalizeLon(-540)).toBe(-180);
    const samples = pathSamples({
      t_s: [0, 1, 1.0000001, 2, Number.NaN, 3],
      lat_deg: [1, 2, 3, 4, 5, 6],
      lon_deg: [1, 2, 3, 4, 5, 6],
      alt_m: [0, 0, 0, 0, 0, 0],
    });
    expect(samples.map((s) => s.t_s)).toEqual([0, 1, 2, 3]);
  });
});
