import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTIONAL_MFR_FREE_SPACE } from '../../test/support/sensorFixtures.js';
import { type Aer, aerToEnu, ecefToEnu, enuToEcef } from '../geo/frames.js';
import { ecefToGeodetic, geodeticRecordToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, Radar, RadarType } from '../scenario/types.js';
import { fromDb, pdSwerling1, requiredSnrSwerling1_dB, snrFromRangeEquation } from './detection.js';
import type { Detection, SensorTarget } from './index.js';
import { createRadarSensor, radarCoverageCheck } from './radar.js';

const DEG = Math.PI / 180;

/** The notional MFR with 0.5 false alarms a scan. */
const notionalMfr: RadarType = { ...NOTIONAL_MFR_FREE_SPACE, falseAlarmsPerScan: 0.5 };

/** The numbers of `catalog/radars/notional-cram-radar.yaml`, in SI. */
const notionalCramRadar: RadarType = {
  id: 'notional-cram-radar',
  name: 'C-RAM sense-and-warn radar (notional)',
  notional: true,
  source: 'docs/domain.md §2.2',
  referenceSnr_dB: 15,
  referenceRange_m: 10_000,
  referenceRcs_m2: 0.01,
  maxRange_m: 20_000,
  pfa: 1e-6,
  falseAlarmsPerScan: 0.2,
  scanInterval_s: 0.5,
  rangeSigma_m: 5,
  azimuthSigma_rad: 1e-3,
  elevationSigma_rad: 1e-3,
  sectorWidth_rad: 2 * Math.PI,
  minElevation_rad: 0,
  maxElevation_rad: 85 * DEG,
  antennaHeight_m: 5,
};

/** Al Asad-like site, sector facing east-north-east (towards the launch areas). */
const site: Geodetic = { lat_rad: 33.79 * DEG, lon_rad: 42.44 * DEG, h_m: 190 };

function placeRadar(type: RadarType, sectorCenter_rad = 60 * DEG, id = 'mfr-1'): Radar {
  return { id, type, position: site, sectorCenter_rad };
}

const antenna = (radar: Radar): Geodetic => ({ ...site, h_m: site.h_m + radar.type.antennaHeight_m });

/** ECEF point at a given geometric azimuth/elevation/range from the radar's antenna. */
function pointAtAer(radar: Radar, aer: Aer): Float64Array {
  return enuToEcef(antenna(radar), aerToEnu(aer));
}

/** ECEF point on the azimuth `azimuth_rad`, `ground_m` along the local horizontal, moved to a height above the site. */
function pointAtHeight(
  radar: Radar,
  azimuth_rad: number,
  horizontal_m: number,
  heightAboveSite_m: number,
): Float64Array {
  const geodetic = ecefToGeodetic(
    pointAtAer(radar, { azimuth_rad, elevation_rad: 0, range_m: horizontal_m }),
  );
  return geodeticRecordToEcef({ ...geodetic, h_m: site.h_m + heightAboveSite_m });
}

function scanMany(radar: Radar, targets: SensorTarget[], scans: number, seed: number): Detection[][] {
  const sensor = createRadarSensor(radar);
  const rng = createRng(seed).fork(`radar:${radar.id}`);
  const out: Detection[][] = [];
  for (let i = 0; i < scans; i++) out.push(sensor.scan({ t_s: i * sensor.scanInterval_s, targets }, rng));
  return out;
}

/** Inverse of a symmetric positive-definite 3×3 (row-major) by cofactors. */
function invert3(m: Readonly<Float64Array>): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = m;
  const cof = [
    e * i - f * h,
    c * h - b * i,
    b * f - c * e,
    f * g - d * i,
    a * i - c * g,
    c * d - a * f,
    d * h - e * g,
    b * g - a * h,
    a * e - b * d,
  ];
  const det = a * cof[0] + b * cof[3] + c * cof[6];
  return Float64Array.from(cof, (x) => x / det);
}

function expectBinomial(hits: number, trials: number, p: number): void {
  const sigma = Math.sqrt(trials * p * (1 - p));
  expect(Math.abs(hits - trials * p)).toBeLessThanOrEqual(Math.max(4 * sigma, 1));
}

describe('notional radar numbers', () => {
  it('notional-mfr sees a 0.1 m² SRBM with Pd 0.5 near 90 km and a 1 m² aircraft with Pd ≈ 0.6 at 150 km', () => {
    const pd50Snr_dB = requiredSnrSwerling1_dB(0.5, notionalMfr.pfa);
    const range50_m =
      notionalMfr.referenceRange_m * 10 ** ((notionalMfr.referenceSnr_dB - 10 - pd50Snr_dB) / 40);
    expect(range50_m).toBeGreaterThan(80_000);
    expect(range50_m).toBeLessThan(100_000);
    const aircraftPd = pdSwerling1(fromDb(snrFromRangeEquation(notionalMfr, 150_000, 1)), notionalMfr.pfa);
    expect(aircraftPd).toBeGreaterThan(0.5);
    expect(aircraftPd).toBeLessThan(0.7);
  });

  it('notional-cram-radar sees a 0.01–0.02 m² rocket with Pd 0.5 at 11–14 km', () => {
    const pd50Snr_dB = requiredSnrSwerling1_dB(0.5, notionalCramRadar.pfa);
    for (const rcs_m2 of [0.01, 0.02]) {
      const snrAtReference_dB = snrFromRangeEquation(
        notionalCramRadar,
        notionalCramRadar.referenceRange_m,
        rcs_m2,
      );
      const range50_m = notionalCramRadar.referenceRange_m * 10 ** ((snrAtReference_dB - pd50Snr_dB) / 40);
      expect(range50_m).toBeGreaterThan(10_000);
      expect(range50_m).toBeLessThan(15_000);
    }
  });
});

describe('radar coverage', () => {
  const radar = placeRadar(notionalMfr);

  it('covers a target inside the sector and reports its geometry, SNR and Pd', () => {
    const aer: Aer = { azimuth_rad: 80 * DEG, elevation_rad: 10 * DEG, range_m: 20_000 };
    const coverage = radarCoverageCheck(radar, pointAtAer(radar, aer), 0.1);
    expect(coverage.visible).toBe(true);
    if (!coverage.visible) return;
    expect(coverage.aer.range_m).toBeCloseTo(20_000, 3);
    expect(coverage.aer.azimuth_rad).toBeCloseTo(80 * DEG, 9);
    expect(coverage.aer.elevation_rad).toBeCloseTo(10 * DEG, 9);
    expect(coverage.snr_dB).toBeCloseTo(snrFromRangeEquation(notionalMfr, 20_000, 0.1), 6);
    expect(coverage.pd).toBeCloseTo(pdSwerling1(fromDb(coverage.snr_dB), 1e-6), 12);
  });

  it('misses targets outside the sector, on both sides of the wrap at north', () => {
    const north = placeRadar(notionalMfr, 350 * DEG);
    const at = (azimuth_deg: number) =>
      radarCoverageCheck(
        north,
        pointAtAer(north, { azimuth_rad: azimuth_deg * DEG, elevation_rad: 0.1, range_m: 30_000 }),
        1,
      );
    expect(at(20).visible).toBe(true);
    expect(at(291).visible).toBe(true);
    expect(at(49).visible).toBe(true);
    expect(at(51)).toEqual({ visible: false, reason: 'sector' });
    expect(at(289)).toEqual({ visible: false, reason: 'sector' });
    expect(at(170)).toEqual({ visible: false, reason: 'sector' });
  });

  it('never reports a sector miss for an all-round radar', () => {
    const cram = placeRadar(notionalCramRadar, 0, 'cram-1');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true, maxExcluded: true }), (azimuth_rad) => {
        const coverage = radarCoverageCheck(
          cram,
          pointAtAer(cram, { azimuth_rad, elevation_rad: 0.2, range_m: 5_000 }),
          0.01,
        );
        expect(coverage.visible).toBe(true);
      }),
    );
  });

  it('reports visible only inside the sector, range and elevation limits', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true, maxExcluded: true }),
        fc.double({ min: -0.05, max: 1.55, noNaN: true }),
        fc.double({ min: 500, max: 250_000, noNaN: true }),
        (azimuth_rad, elevation_rad, range_m) => {
          const coverage = radarCoverageCheck(
            radar,
            pointAtAer(radar, { azimuth_rad, elevation_rad, range_m }),
            1,
          );
          if (!coverage.visible) return;
          const offCentre_rad = Math.abs(
            ((azimuth_rad - radar.sectorCenter_rad + 3 * Math.PI) % (2 * Math.PI)) - Math.PI,
          );
          expect(offCentre_rad).toBeLessThanOrEqual(notionalMfr.sectorWidth_rad / 2 + 1e-9);
          expect(range_m).toBeLessThanOrEqual(notionalMfr.maxRange_m + 1e-6);
          expect(elevation_rad).toBeLessThanOrEqual(notionalMfr.maxElevation_rad + 0.01);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('misses a target beyond the instrumented range', () => {
    const far = pointAtAer(radar, { azimuth_rad: 60 * DEG, elevation_rad: 30 * DEG, range_m: 180_000 });
    expect(radarCoverageCheck(radar, far, 100)).toEqual({ visible: false, reason: 'range' });
  });

  it('misses a low flyer beyond the 4/3-Earth horizon and sees it inside', () => {
    // horizon for a 4 m antenna and a 300 m target ≈ 8.2 km + 71.4 km
    const beyond = pointAtHeight(radar, 60 * DEG, 100_000, 300);
    const inside = pointAtHeight(radar, 60 * DEG, 60_000, 300);
    expect(radarCoverageCheck(radar, beyond, 10)).toEqual({ visible: false, reason: 'horizon' });
    expect(radarCoverageCheck(radar, inside, 10).visible).toBe(true);
  });

  it('misses a target above the maximum elevation', () => {
    const overhead = pointAtAer(radar, { azimuth_rad: 60 * DEG, elevation_rad: 85 * DEG, range_m: 20_000 });
    expect(radarCoverageCheck(radar, overhead, 1)).toEqual({ visible: false, reason: 'elevation' });
  });
});

describe('radar scan', () => {
  const radar = placeRadar({ ...notionalMfr, falseAlarmsPerScan: 0 });

  it('detects a close target in the sector as often as its Pd predicts (1,000 dwells)', () => {
    const pos_ecef = pointAtAer(radar, { azimuth_rad: 70 * DEG, elevation_rad: 5 * DEG, range_m: 20_000 });
    const coverage = radarCoverageCheck(radar, pos_ecef, 0.1);
    if (!coverage.visible) throw new Error('target should be covered');
    expect(coverage.pd).toBeGreaterThan(0.99);
    const scans = scanMany(radar, [{ id: 'srbm-1', pos_ecef, rcs_m2: 0.1 }], 1000, 1);
    expectBinomial(scans.filter((d) => d.length === 1).length, 1000, coverage.pd);
  });

  it('detects a 0.1 m² target near 90 km about half the time, as Swerling 1 predicts', () => {
    const pos_ecef = pointAtAer(radar, { azimuth_rad: 40 * DEG, elevation_rad: 15 * DEG, range_m: 90_000 });
    const coverage = radarCoverageCheck(radar, pos_ecef, 0.1);
    if (!coverage.visible) throw new Error('target should be covered');
    expect(coverage.pd).toBeGreaterThan(0.45);
    expect(coverage.pd).toBeLessThan(0.55);
    const scans = scanMany(radar, [{ id: 'srbm-1', pos_ecef, rcs_m2: 0.1 }], 1000, 2);
    expectBinomial(scans.filter((d) => d.length === 1).length, 1000, coverage.pd);
  });

  it('never detects targets outside the sector or below the horizon', () => {
    const targets: SensorTarget[] = [
      {
        id: 'behind',
        pos_ecef: pointAtAer(radar, { azimuth_rad: 240 * DEG, elevation_rad: 0.1, range_m: 10_000 }),
        rcs_m2: 10,
      },
      { id: 'low', pos_ecef: pointAtHeight(radar, 60 * DEG, 120_000, 50), rcs_m2: 10 },
    ];
    const scans = scanMany(radar, targets, 1000, 3);
    expect(scans.every((d) => d.length === 0)).toBe(true);
  });

  it('gives measurements whose errors match the reported ECEF covariance (mean NEES ≈ 3 over 2,000 draws)', () => {
    const pos_ecef = pointAtAer(radar, { azimuth_rad: 75 * DEG, elevation_rad: 8 * DEG, range_m: 60_000 });
    const scans = scanMany(radar, [{ id: 'aircraft', pos_ecef, rcs_m2: 100 }], 2000, 4);
    const detections = scans.flat();
    expect(detections.length).toBeGreaterThan(1990);
    let neesSum = 0;
    for (const detection of detections) {
      const information = invert3(detection.cov_ecef);
      const error = [0, 1, 2].map((i) => detection.pos_ecef[i] - pos_ecef[i]);
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) neesSum += error[i] * information[3 * i + j] * error[j];
    }
    const meanNees = neesSum / detections.length;
    expect(meanNees).toBeGreaterThan(2.7);
    expect(meanNees).toBeLessThan(3.3);
  });

  it('reports the polar measurement consistently with its ECEF position', () => {
    const pos_ecef = pointAtAer(radar, { azimuth_rad: 30 * DEG, elevation_rad: 20 * DEG, range_m: 40_000 });
    const [detection] = scanMany(radar, [{ id: 'x', pos_ecef, rcs_m2: 100 }], 1, 5)[0];
    const back = aerToEnu(detection);
    const enu = ecefToEnu(antenna(radar), detection.pos_ecef);
    for (let i = 0; i < 3; i++) expect(enu[i]).toBeCloseTo(back[i], 5);
    expect(detection.sensorId).toBe('mfr-1');
    expect(detection.truthId).toBe('x');
    expect(detection.snr_dB).toBeCloseTo(snrFromRangeEquation(notionalMfr, 40_000, 100), 3);
  });

  it('puts targets first in input order, then false alarms', () => {
    const noisy = placeRadar({ ...notionalMfr, falseAlarmsPerScan: 3 });
    const targets: SensorTarget[] = ['a', 'b', 'c'].map((id, k) => ({
      id,
      pos_ecef: pointAtAer(noisy, { azimuth_rad: (40 + 10 * k) * DEG, elevation_rad: 0.2, range_m: 15_000 }),
      rcs_m2: 100,
    }));
    for (const detections of scanMany(noisy, targets, 50, 6)) {
      const ids = detections.map((d) => d.truthId);
      const firstFalse = ids.indexOf(null);
      const real = firstFalse === -1 ? ids : ids.slice(0, firstFalse);
      expect(ids.slice(real.length).every((id) => id === null)).toBe(true);
      expect(real).toEqual(['a', 'b', 'c'].filter((id) => real.includes(id)));
    }
  });
});

describe('false alarms', () => {
  it('average falseAlarmsPerScan per dwell and fall inside the searched volume', () => {
    const radar = placeRadar(notionalMfr);
    const scans = scanMany(radar, [], 4000, 7);
    const falseAlarms = scans.flat();
    expect(falseAlarms.every((d) => d.truthId === null && Number.isNaN(d.snr_dB))).toBe(true);
    const mean = falseAlarms.length / scans.length;
    expect(Math.abs(mean - notionalMfr.falseAlarmsPerScan)).toBeLessThan(
      4 * Math.sqrt(notionalMfr.falseAlarmsPerScan / scans.length),
    );
    for (const d of falseAlarms) {
      const offCentre_rad = Math.abs(
        ((d.azimuth_rad - radar.sectorCenter_rad + 3 * Math.PI) % (2 * Math.PI)) - Math.PI,
      );
      expect(offCentre_rad).toBeLessThanOrEqual(notionalMfr.sectorWidth_rad / 2 + 1e-12);
      expect(d.range_m).toBeLessThanOrEqual(notionalMfr.maxRange_m);
      expect(d.elevation_rad).toBeGreaterThanOrEqual(notionalMfr.minElevation_rad);
      expect(d.elevation_rad).toBeLessThanOrEqual(notionalMfr.maxElevation_rad);
      expect(d.cov_ecef.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('determinism', () => {
  const radar = placeRadar(notionalMfr);
  const targets: SensorTarget[] = [
    {
      id: 't1',
      pos_ecef: pointAtAer(radar, { azimuth_rad: 50 * DEG, elevation_rad: 0.1, range_m: 85_000 }),
      rcs_m2: 0.1,
    },
    {
      id: 't2',
      pos_ecef: pointAtAer(radar, { azimuth_rad: 90 * DEG, elevation_rad: 0.3, range_m: 140_000 }),
      rcs_m2: 1,
    },
  ];

  it('gives identical detections for the same seed', () => {
    expect(scanMany(radar, targets, 200, 42)).toEqual(scanMany(radar, targets, 200, 42));
  });

  it('gives different detections for a different seed', () => {
    expect(scanMany(radar, targets, 200, 42)).not.toEqual(scanMany(radar, targets, 200, 43));
  });
});

describe('createRadarSensor', () => {
  it('exposes the radar id and revisit interval', () => {
    const sensor = createRadarSensor(placeRadar(notionalCramRadar, 0, 'cram-1'));
    expect(sensor.id).toBe('cram-1');
    expect(sensor.scanInterval_s).toBe(0.5);
  });

  it('rejects an out-of-domain radar type with the field name', () => {
    expect(() => createRadarSensor(placeRadar({ ...notionalMfr, pfa: 0 }))).toThrow(/pfa/);
    expect(() => createRadarSensor(placeRadar({ ...notionalMfr, minElevation_rad: 2 }))).toThrow(
      /minElevation_rad/,
    );
  });
});
