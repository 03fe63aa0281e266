import { describe, expect, it } from 'vitest';
import { parseMeasurementFile } from './format/measurementFile.js';
import { generateMeasurementFile } from './mttGenerate.js';

describe('mtt scenario generator', () => {
  it('writes a valid file whose header totals match its content', () => {
    const g = generateMeasurementFile({ n: 20, seed: 5 });
    const s = parseMeasurementFile(g.lines);
    const totals = s.header.totals!;
    expect(s.scans).toHaveLength(100);
    expect(s.truth.reduce((n, tr) => n + tr.x.length, 0)).toBe(totals.truth_states);
    expect(s.scans.reduce((n, sc) => n + sc.z.length, 0)).toBe(totals.detections);
    const clutter = s.scans.reduce((n, sc) => n + sc.origin!.filter((o) => o < 0).length, 0);
    expect(clutter).toBe(totals.clutter);
    expect(totals.target_detections + totals.clutter).toBe(totals.detections);
    // detection ids are global and consecutive in file order
    expect(s.scans.flatMap((sc) => sc.ids)).toEqual(Array.from({ length: totals.detections }, (_, i) => i));
    // alive exactly for birth ≤ k < death
    const { birth, death } = s.header.targets!;
    for (const tr of s.truth)
      for (const id of tr.ids) expect(birth[id] <= tr.k && tr.k < death[id]).toBe(true);
  });

  it('draws births, deaths and speeds by the §1 rules', () => {
    const g = generateMeasurementFile({ n: 400, seed: 2, numScans: 30 });
    const { birth, death } = g.header.targets!;
    expect(birth.every((b) => b === 0 || (b >= 1 && b <= 10))).toBe(true);
    expect(death.every((d) => d === 30 || (d >= 20 && d <= 29))).toBe(true);
    const fromStart = birth.filter((b) => b === 0).length / birth.length;
    expect(fromStart).toBeGreaterThan(0.4);
    expect(fromStart).toBeLessThan(0.6);
    for (const tr of g.truth.slice(0, 1)) {
      for (const x of tr.x) expect(Math.hypot(x[1], x[3])).toBeGreaterThanOrEqual(49);
    }
  });

  it('draws on average density × volume clutter points per scan', () => {
    const g = generateMeasurementFile({ n: 50, seed: 11, numScans: 200 });
    const c = g.header.clutter;
    const perScan = g.header.totals!.clutter / 200;
    // Poisson: standard error of the mean is √(λ/200)
    expect(Math.abs(perScan - c.mean_per_scan)).toBeLessThan(5 * Math.sqrt(c.mean_per_scan / 200));
    expect(c.mean_per_scan).toBeCloseTo(1e-8 * c.region_volume, 9);
    // clutter lies inside the region
    for (const scan of g.scans) {
      scan.z.forEach((z, i) => {
        if (scan.origin![i] >= 0) return;
        for (let a = 0; a < 2; a++) {
          expect(z[a]).toBeGreaterThanOrEqual(c.region.min[a]);
          expect(z[a]).toBeLessThanOrEqual(c.region.max[a]);
        }
      });
    }
  });

  it('gives identical text for the same seed and different text for another seed', () => {
    const a = generateMeasurementFile({ n: 10, seed: 1, maneuver: true }).lines.join('\n');
    const b = generateMeasurementFile({ n: 10, seed: 1, maneuver: true }).lines.join('\n');
    const c = generateMeasurementFile({ n: 10, seed: 2, maneuver: true }).lines.join('\n');
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('writes 3-D scenarios with altitudes in [1, 10] km, vz = 0 at birth and the 3-D clutter density', () => {
    const g = generateMeasurementFile({ n: 10, seed: 4, dim: 3, numScans: 10 });
    expect(g.header.state_dim).toBe(6);
    expect(g.header.clutter.density).toBe(1e-11);
    for (const x of g.truth[0].x) {
      expect(x[4]).toBeGreaterThan(900);
      expect(x[4]).toBeLessThan(10100);
      expect(Math.abs(x[5])).toBeLessThan(5);
    }
    expect(g.scans[0].z.every((z) => z.length === 3)).toBe(true);
  });

  it('turns maneuvering targets at 3–6 °/s on turning legs', () => {
    const g = generateMeasurementFile({ n: 30, seed: 9, maneuver: true, q: 0 });
    expect(g.header.motion.model).toBe('ncv-ct');
    let maxRate = 0;
    let turning = 0;
    for (let k = 1; k < g.truth.length; k++) {
      const prev = g.truth[k - 1];
      const cur = g.truth[k];
      cur.ids.forEach((id, i) => {
        const j = prev.ids.indexOf(id);
        if (j < 0) return;
        const h0 = Math.atan2(prev.x[j][3], prev.x[j][1]);
        const h1 = Math.atan2(cur.x[i][3], cur.x[i][1]);
        const rate = Math.abs(Math.atan2(Math.sin(h1 - h0), Math.cos(h1 - h0)));
        maxRate = Math.max(maxRate, rate);
        if (rate > 1e-9) turning++;
      });
    }
    expect(turning).toBeGreaterThan(100);
    expect(maxRate).toBeLessThanOrEqual((6 * Math.PI) / 180 + 1e-12);
  });
});
