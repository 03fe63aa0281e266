import { describe, expect, it } from 'vitest';
import { NOTIONAL_MFR_FREE_SPACE } from '../../test/support/sensorFixtures.js';
import { type Aer, aerToEnu, enuToEcef } from '../geo/frames.js';
import { ecefToGeodetic, geodeticToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type {
  Geodetic,
  LowAltitudeEnvironment,
  Radar,
  RadarType,
  RcsAspectTable,
} from '../scenario/types.js';
import { pdSwerling1, toDb } from './detection.js';
import {
  amentRoughnessFactor,
  clutterCell,
  clutterToNoise_dB,
  flatEarthPhase_rad,
  multipathFactor,
  SPEED_OF_LIGHT_mps,
  sphericalReflection,
  sumInterference_dB,
  twoRayFactor,
} from './propagation.js';
import { createRadarSensor, radarCoverageCheck, radarDetectionProbability } from './radar.js';
import { detectionProbability } from './swerling.js';

const DEG = Math.PI / 180;
/** 4/3 Earth radius used by the radar model, m. */
const EARTH_43_m = (4 / 3) * 6_371_008.8;

/** Smooth horizontal-polarisation surface, 2° beam, clutter made negligible (isolates multipath). */
const smooth: LowAltitudeEnvironment = {
  reflectionCoefficient: -1,
  surfaceRoughness_m: 0,
  clutterGamma_dB: -60,
  clutterImprovement_dB: 100,
  beamwidth_rad: 2 * DEG,
  pulseWidth_s: 2e-7,
};

describe('two-ray multipath, closed forms (Blake ch. 6; Skolnik §8.2)', () => {
  it('ρ = −1 gives F = 2|sin(2π h₁h₂/(λR))|', () => {
    for (const range_m of [3000, 7000, 12_345, 40_000]) {
      const phase_rad = flatEarthPhase_rad(4, 50, range_m, 0.1);
      expect(twoRayFactor(phase_rad, -1)).toBeCloseTo(
        2 * Math.abs(Math.sin((2 * Math.PI * 200) / (0.1 * range_m))),
        12,
      );
    }
  });

  it('peaks at F = 2 (+12.04 dB on the echo) and nulls at F = 0', () => {
    // lobe peak where 2π h₁h₂/(λR) = π/2: R = 4 h₁h₂/λ = 8 km for 4 m, 50 m, 0.1 m
    const peak = twoRayFactor(flatEarthPhase_rad(4, 50, 8000, 0.1), -1);
    expect(peak).toBeCloseTo(2, 12);
    expect(40 * Math.log10(peak)).toBeCloseTo(12.0412, 4);
    // null where the phase is 2π: R = 2 h₁h₂/λ = 4 km
    expect(twoRayFactor(flatEarthPhase_rad(4, 50, 4000, 0.1), -1)).toBeLessThan(1e-12);
  });

  it('puts the first lobe at elevation λ/(4 h₁) above the horizon', () => {
    // F = 2 sin(2π h₁ sinθ / λ) at long range (h₂/R = sinθ): first maximum at sinθ = λ/(4 h₁) = 0.1/16
    const elevation_rad = Math.asin(0.1 / 16);
    const range_m = 50_000;
    const targetHeight_m = range_m * Math.sin(elevation_rad);
    expect(twoRayFactor(flatEarthPhase_rad(4, targetHeight_m, range_m, 0.1), -1)).toBeCloseTo(2, 9);
  });

  it('Ament roughness drives F to 1 (free space) as the surface gets rough', () => {
    expect(amentRoughnessFactor(0, 0.01, 0.1)).toBe(1);
    // exp(−2 (2π·1·sin 0.05/0.1)²) = exp(−2·3.1395²) = 2.75e-9
    expect(amentRoughnessFactor(1, 0.05, 0.1)).toBeCloseTo(
      Math.exp(-2 * ((2 * Math.PI * Math.sin(0.05)) / 0.1) ** 2),
      15,
    );
    const phase_rad = flatEarthPhase_rad(4, 50, 8000, 0.1);
    const rough = twoRayFactor(phase_rad, -1 * amentRoughnessFactor(10, Math.atan(54 / 8000), 0.1));
    expect(rough).toBeGreaterThan(0.999);
    expect(rough).toBeLessThan(1.001);
  });

  it('reflection point tends to the flat-Earth one, d₁ = d h₁/(h₁ + h₂), with D → 1 for a huge Earth', () => {
    const flat = sphericalReflection(4, 50, 10_000, 1e15);
    expect(flat.antennaSide_m).toBeCloseTo((10_000 * 4) / 54, 5);
    expect(flat.divergence).toBeCloseTo(1, 9);
    expect(flat.grazing_rad).toBeCloseTo(Math.atan(54 / 10_000), 9);
  });

  it("reflection point solves Kerr's cubic on the 4/3 Earth", () => {
    const d = 20_000;
    const g = sphericalReflection(4, 50, d, EARTH_43_m);
    const d1 = g.antennaSide_m;
    const cubic = 2 * d1 ** 3 - 3 * d * d1 ** 2 + (d * d - 2 * EARTH_43_m * 54) * d1 + 2 * EARTH_43_m * 4 * d;
    // relative to the size of its terms (2 a h₁ d ≈ 1.4e12)
    expect(Math.abs(cubic) / (2 * EARTH_43_m * 4 * d)).toBeLessThan(1e-9);
    expect(g.divergence).toBeGreaterThan(0);
    expect(g.divergence).toBeLessThan(1);
    expect(g.targetEffectiveHeight_m).toBeLessThan(50);
  });

  it('a high-elevation target sees the image ray through the sidelobes: F within ±0.5 dB of 1', () => {
    for (let range_m = 100_000; range_m < 100_500; range_m += 7) {
      const factor = multipathFactor(
        smooth,
        {
          antennaHeight_m: 4,
          targetHeight_m: 30_000,
          range_m,
          elevation_rad: Math.asin(30_000 / range_m),
          earthRadius_m: EARTH_43_m,
        },
        0.1,
        -30,
      );
      expect(Math.abs(40 * Math.log10(factor))).toBeLessThan(0.6);
    }
  });
});

describe('constant-γ land clutter (Skolnik §7.2)', () => {
  const env: LowAltitudeEnvironment = {
    ...smooth,
    clutterGamma_dB: -15,
    clutterImprovement_dB: 30,
    beamwidth_rad: 0.02,
    pulseWidth_s: 1e-6,
  };

  it('σ_c = γ sinψ · R θ (cτ/2) secψ, by hand on a (nearly) flat Earth', () => {
    // h₁ 10 m, R 5 km: sinψ = 0.002; σ⁰ = 10^−1.5 · 0.002 = 6.3246e-5; A = 5000 · 0.02 · 149.896 m / cos ψ = 14 989.6 m²
    const cell = clutterCell(env, 10, 5000, 1e17);
    const area_m2 = (5000 * 0.02 * (SPEED_OF_LIGHT_mps * 1e-6)) / 2 / Math.cos(Math.asin(0.002));
    expect(cell.rcs_m2).toBeCloseTo(10 ** -1.5 * 0.002 * area_m2, 9);
    expect(cell.rcs_m2).toBeCloseTo(0.94799, 4);
  });

  it('C/N from the range equation on σ_c, two-way beam gain and improvement factor, by hand', () => {
    const type = { referenceSnr_dB: 20, referenceRange_m: 10_000, referenceRcs_m2: 1 } as RadarType;
    const cnr_dB = clutterToNoise_dB(
      type,
      env,
      { antennaHeight_m: 10, targetHeight_m: 10, range_m: 5000, elevation_rad: 0, earthRadius_m: 1e17 },
      -30,
    );
    // 20 + 10 log10 0.94799 + 40 log10 2 = 31.809 dB; beam 0.002 rad off axis: 40 log10 exp(−2 ln2 · 0.01) = −0.2408 dB; − 30 dB
    expect(cnr_dB).toBeCloseTo(20 + 10 * Math.log10(0.947994) + 40 * Math.log10(2) - 0.24082 - 30, 3);
    expect(cnr_dB).toBeCloseTo(1.568, 2);
  });

  it('is absent beyond the clutter horizon √(2 a h₁)', () => {
    expect(clutterCell(env, 4, 9000, EARTH_43_m).rcs_m2).toBe(0); // horizon 8.24 km
    expect(clutterCell(env, 4, 8000, EARTH_43_m).rcs_m2).toBeGreaterThan(0);
  });

  it('adds to the noise like jamming: S/(N + J + C) from the summed interference', () => {
    expect(sumInterference_dB(0, 0)).toBeCloseTo(toDb(2), 12);
    expect(sumInterference_dB(7.25, Number.NEGATIVE_INFINITY)).toBe(7.25);
    expect(sumInterference_dB(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });
});

// --- the radar model with these effects ---

const site: Geodetic = { lat_rad: 33.79 * DEG, lon_rad: 42.44 * DEG, h_m: 190 };

/** MFR-like type (21 dB on 1 m² at 100 km, Pfa 1e-6, 4 m antenna), free space. */
const mfr: RadarType = NOTIONAL_MFR_FREE_SPACE;

const place = (type: RadarType): Radar => ({ id: 'r', type, position: site, sectorCenter_rad: 60 * DEG });
const antenna: Geodetic = { ...site, h_m: site.h_m + 4 };
const pointAtAer = (aer: Aer): Float64Array => enuToEcef(antenna, aerToEnu(aer));
/** Unit ECEF vector from a point toward the antenna. */
function towardRadar(pos_ecef: Float64Array): Float64Array {
  const origin = geodeticToEcef(antenna.lat_rad, antenna.lon_rad, antenna.h_m);
  const d = Float64Array.of(origin[0] - pos_ecef[0], origin[1] - pos_ecef[1], origin[2] - pos_ecef[2]);
  const n = Math.hypot(d[0], d[1], d[2]);
  return Float64Array.of(d[0] / n, d[1] / n, d[2] / n);
}

describe('Swerling case per radar type', () => {
  it('the default (Swerling 1, one pulse) is pdSwerling1 exactly and detectionProbability to rounding', () => {
    for (let snr_dB = -10; snr_dB <= 40; snr_dB += 0.25) {
      const pd = radarDetectionProbability(mfr, snr_dB);
      expect(pd).toBe(pdSwerling1(10 ** (snr_dB / 10), mfr.pfa));
      const general = detectionProbability({ snr_dB, pfa: mfr.pfa, swerling: 1, pulses: 1 });
      expect(Math.abs(pd - general)).toBeLessThan(1e-14);
    }
  });

  it('other cases and pulse counts follow detectionProbability (Swerling 0 beats 1 at high Pd)', () => {
    const steady = { ...mfr, swerling: 0 as const, pulses: 10 };
    expect(radarDetectionProbability(steady, 5)).toBe(
      detectionProbability({ snr_dB: 5, pfa: 1e-6, swerling: 0, pulses: 10 }),
    );
    expect(radarDetectionProbability({ ...mfr, swerling: 0 }, 16)).toBeGreaterThan(
      radarDetectionProbability(mfr, 16),
    );
    expect(() => createRadarSensor(place({ ...mfr, pulses: 0 }))).toThrow(/pulses/);
    expect(() => createRadarSensor(place({ ...mfr, swerling: 5 as 1 }))).toThrow(/swerling/);
  });
});

describe('aspect-dependent RCS in the scan', () => {
  const srbm: RcsAspectTable = {
    aspect_rad: [0, 30 * DEG, 60 * DEG, 90 * DEG, 120 * DEG, 150 * DEG, 180 * DEG],
    rcs_m2: [0.1, 0.14, 0.4, 1, 0.45, 0.25, 0.4],
  };

  /** Velocity of 2 km/s, nose-on (toward the radar) or broadside (perpendicular to the line of sight, horizontal-ish). */
  function velocity(pos_ecef: Float64Array, noseOn: boolean): Float64Array {
    const u = towardRadar(pos_ecef);
    if (noseOn) return Float64Array.of(2000 * u[0], 2000 * u[1], 2000 * u[2]);
    // any vector ⟂ u: u × z normalised
    const p = Float64Array.of(u[1], -u[0], 0);
    const n = Math.hypot(p[0], p[1]);
    return Float64Array.of((2000 * p[0]) / n, (2000 * p[1]) / n, 0);
  }

  it('nose-on and broadside SNRs differ by exactly the table’s dB difference', () => {
    const sensor = createRadarSensor(place(mfr));
    const pos_ecef = pointAtAer({ azimuth_rad: 60 * DEG, elevation_rad: 20 * DEG, range_m: 20_000 });
    const snr = (noseOn: boolean): number => {
      const target = {
        id: 't',
        pos_ecef,
        vel_ecef: velocity(pos_ecef, noseOn),
        rcs_m2: 0.5,
        rcsAspect: srbm,
      };
      const detections = sensor.scan({ t_s: 0, targets: [target] }, createRng(3));
      expect(detections.length).toBe(1);
      return detections[0].snr_dB;
    };
    expect(snr(false) - snr(true)).toBeCloseTo(10, 9); // 10 log10(1 / 0.1)
  });

  it('an SRBM diving at the radar is first seen closer than the same body flying broadside', () => {
    const sensor = createRadarSensor(place(mfr));
    const firstDetection_m = (noseOn: boolean, seed: number): number => {
      const rng = createRng(seed);
      for (let range_m = 170_000; range_m > 10_000; range_m -= 2000) {
        const pos_ecef = pointAtAer({ azimuth_rad: 60 * DEG, elevation_rad: 20 * DEG, range_m });
        const target = {
          id: 't',
          pos_ecef,
          vel_ecef: velocity(pos_ecef, noseOn),
          rcs_m2: 0.5,
          rcsAspect: srbm,
        };
        if (sensor.scan({ t_s: 0, targets: [target] }, rng).length > 0) return range_m;
      }
      return 0;
    };
    const median = (noseOn: boolean): number => {
      const ranges = Array.from({ length: 21 }, (_, k) => firstDetection_m(noseOn, k + 1)).sort(
        (a, b) => a - b,
      );
      return ranges[10];
    };
    // Pd = 0.5 per dwell at SNR 12.77 dB: 1 m² at 169 km (instrumented-range limited), 0.1 m² at 95 km
    expect(median(false)).toBeGreaterThan(155_000);
    expect(median(true)).toBeLessThan(135_000);
    expect(median(true)).toBeGreaterThan(90_000);
  });
});

describe('low drone approaching a radar with multipath', () => {
  /** SNR for Pd 0.5 (Swerling 1, Pfa 1e-6): ln Pfa / ln 0.5 − 1 = 18.93 → 12.77 dB. */
  const pd50Snr_dB = toDb(Math.log(1e-6) / Math.log(0.5) - 1);
  /** Free-space Pd 0.5 on 0.1 m² at 10 km. */
  const shortRange: RadarType = {
    ...mfr,
    referenceSnr_dB: pd50Snr_dB,
    referenceRange_m: 10_000,
    referenceRcs_m2: 0.1,
  };

  /** Longest range (coming in, 10 m steps) where a 0.1 m² drone 50 m above the site's ground has Pd ≥ 0.5. */
  function pd50Range_m(type: RadarType): number {
    const radar = place(type);
    for (let horizontal_m = 40_000; horizontal_m > 1000; horizontal_m -= 10) {
      const enu = aerToEnu({ azimuth_rad: 60 * DEG, elevation_rad: 0, range_m: horizontal_m });
      const g = ecefToGeodetic(enuToEcef(antenna, enu));
      const pos_ecef = geodeticToEcef(g.lat_rad, g.lon_rad, site.h_m + 50);
      const coverage = radarCoverageCheck(radar, pos_ecef, 0.1);
      if (coverage.visible && coverage.pd >= 0.5) return coverage.aer.range_m;
    }
    return 0;
  }

  it('without the model the Pd-0.5 range is the free-space 10 km', () => {
    expect(pd50Range_m(shortRange)).toBeGreaterThan(9_990);
    expect(pd50Range_m(shortRange)).toBeLessThan(10_020);
  });

  it('with smooth-surface multipath the first lobe carries it out to 12–15 km', () => {
    // flat Earth: R = 10 km · F(R), F = 2 sin(2π·4·50/(0.1 R)) → R ≈ 14.9 km (F = 1.49, +6.9 dB);
    // on the 4/3 Earth the target's effective height at 15 km is ≈ 39 m, F ≈ 1.2 → R ≈ 12–13 km
    const range_m = pd50Range_m({ ...shortRange, wavelength_m: 0.1, lowAltitude: smooth });
    expect(range_m).toBeGreaterThan(12_000);
    expect(range_m).toBeLessThan(14_900);
  });

  it('a very rough surface (σh 10 m at S band) removes the lobe: back to ≈ free space', () => {
    const range_m = pd50Range_m({ ...shortRange, lowAltitude: { ...smooth, surfaceRoughness_m: 10 } });
    expect(range_m).toBeGreaterThan(9_800);
    expect(range_m).toBeLessThan(10_300);
  });

  it('strong clutter without Doppler processing: none beyond the 8.2 km clutter horizon of a 4 m antenna, S/(N + C) from a 30 m mast', () => {
    const cluttered = { ...smooth, surfaceRoughness_m: 10, clutterGamma_dB: -10, clutterImprovement_dB: 0 };
    const low_m = pd50Range_m({ ...shortRange, lowAltitude: cluttered });
    expect(low_m).toBeGreaterThan(9_800);
    // 30 m mast, 10 km: sinψ ≈ 30/10⁴ − 10⁴/(2·8.5e6) = 0.0024, σc ≈ 0.1·0.0024·10⁴·0.035·30 m ≈ 2.5 m² ≫ 0.1 m²
    const mast_m = pd50Range_m({ ...shortRange, antennaHeight_m: 30, lowAltitude: cluttered });
    expect(mast_m).toBeLessThan(9_000);
  });
});
