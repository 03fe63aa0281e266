import { describe, expect, it } from 'vitest';
import { NOTIONAL_MFR_FREE_SPACE } from '../../test/support/sensorFixtures.js';
import { aerToEnu, enuToEcef } from '../geo/frames.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, Jammer, Radar, RadarType, StandOffJammer } from '../scenario/types.js';
import { fromDb, snrFromRangeEquation, toDb } from './detection.js';
import {
  angleBetweenDirections_rad,
  createJammingField,
  DEFAULT_BEAMWIDTH_rad,
  jammerToNoise_dB,
  jammerToNoiseAtGain_dB,
  radarReceiver,
  relativeAntennaGain_dB,
  selfScreeningBurnThroughRange_m,
  selfScreeningDetectionRange_m,
  selfScreeningJammerToSignal_dB,
  signalToInterference_dB,
  standOffDetectionRange_m,
  standOffGeometry,
} from './jamming.js';
import { createRadarSensor, radarCoverageCheck } from './radar.js';

const DEG = Math.PI / 180;
const TWENTY_LOG_2 = 20 * Math.log10(2);

/** The notional MFR; the jamming fields take their defaults. */
const mfr: RadarType = NOTIONAL_MFR_FREE_SPACE;

const site: Geodetic = { lat_rad: 33.8 * DEG, lon_rad: 42.45 * DEG, h_m: 188 };
const radar: Radar = { id: 'r', type: mfr, position: site, sectorCenter_rad: 81 * DEG };

/** A point at (azimuth, elevation, range) from the radar antenna, ECEF. */
function pointAt(az_deg: number, el_deg: number, range_m: number): Float64Array {
  const antenna: Geodetic = { ...site, h_m: site.h_m + mfr.antennaHeight_m };
  return enuToEcef(antenna, aerToEnu({ azimuth_rad: az_deg * DEG, elevation_rad: el_deg * DEG, range_m }));
}

function standOff(
  lat_deg: number,
  lon_deg: number,
  h_m: number,
  extra: Partial<StandOffJammer> = {},
): StandOffJammer {
  return {
    id: 'soj',
    kind: 'stand-off',
    position: { lat_rad: lat_deg * DEG, lon_rad: lon_deg * DEG, h_m },
    erp_W: 1000,
    bandwidth_Hz: 10e6,
    from_s: 0,
    until_s: 1e6,
    ...extra,
  };
}

const soj = { erp_W: 1000, bandwidth_Hz: 10e6 };
const ssj = { erp_W: 10, bandwidth_Hz: 10e6 };

describe('jammer-to-noise ratio', () => {
  it('fills the defaults of the optional radar fields', () => {
    expect(radarReceiver(mfr)).toEqual({
      gain_dB: 38,
      sidelobeLevel_dB: -30,
      bandwidth_Hz: 1e6,
      noiseTemperature_K: 1000,
      wavelength_m: 0.1,
      beamwidth_rad: mfr.lowAltitude?.beamwidth_rad ?? DEFAULT_BEAMWIDTH_rad,
    });
    const bare = { ...mfr, lowAltitude: undefined, beamwidth_rad: undefined };
    expect(radarReceiver(bare).beamwidth_rad).toBe(DEFAULT_BEAMWIDTH_rad);
    expect(radarReceiver({ ...bare, beamwidth_rad: 0.05 }).beamwidth_rad).toBe(0.05);
  });

  it('matches a hand computation (1 kW, 10 MHz, 100 km, mainlobe)', () => {
    // J = 1000 W · 10^3.8 · 0.1² m² · (1 MHz / 10 MHz) / ((4π)² · 1e10 m²) = 3.996e-9 W
    // N = 1.380649e-23 · 1000 K · 1e6 Hz = 1.380649e-14 W  →  JNR = 2.894e5 = 54.61 dB
    const jammer_W = (1000 * 10 ** 3.8 * 0.01 * 0.1) / ((4 * Math.PI) ** 2 * 1e10);
    expect(jammer_W).toBeCloseTo(3.996e-9, 11);
    const rx = radarReceiver(mfr);
    expect(jammerToNoise_dB(rx, soj, 100_000, true)).toBeCloseTo(54.615, 2);
    expect(jammerToNoise_dB(rx, soj, 100_000, false)).toBeCloseTo(24.615, 2);
  });

  it('stand-off: falls 6 dB per range doubling (one-way, 20 log R), while the echo falls 12 dB (40 log R)', () => {
    const rx = radarReceiver(mfr);
    for (const r of [10e3, 50e3, 200e3]) {
      expect(jammerToNoise_dB(rx, soj, r, true) - jammerToNoise_dB(rx, soj, 2 * r, true)).toBeCloseTo(
        TWENTY_LOG_2,
        10,
      );
      expect(snrFromRangeEquation(mfr, r, 1) - snrFromRangeEquation(mfr, 2 * r, 1)).toBeCloseTo(
        2 * TWENTY_LOG_2,
        10,
      );
    }
  });

  it('only the part of the jammer band inside the receiver band counts', () => {
    const rx = radarReceiver(mfr);
    const wide = jammerToNoise_dB(rx, { erp_W: 1000, bandwidth_Hz: 100e6 }, 1e5, true);
    const narrow = jammerToNoise_dB(rx, { erp_W: 1000, bandwidth_Hz: 1e6 }, 1e5, true);
    const spot = jammerToNoise_dB(rx, { erp_W: 1000, bandwidth_Hz: 0.5e6 }, 1e5, true);
    expect(narrow - wide).toBeCloseTo(20, 10);
    expect(spot).toBeCloseTo(narrow, 10);
  });
});

describe('self-screening jammer', () => {
  it('J/S rises 6 dB per range doubling (R², from R⁻² jamming over R⁻⁴ echo)', () => {
    for (const r of [2e3, 20e3, 80e3]) {
      const js1 = selfScreeningJammerToSignal_dB(mfr, ssj, r, 0.1);
      const js2 = selfScreeningJammerToSignal_dB(mfr, ssj, 2 * r, 0.1);
      expect(js2 - js1).toBeCloseTo(TWENTY_LOG_2, 10);
    }
  });

  it('burn-through range matches a hand computation and scales as √σ', () => {
    // a = SNR(1 m) = 10^2.1 · (0.1 / 1) · (1e5)⁴ = 1.2589e21;  c = JNR(1 m) = 10 W · 10^3.8 · 0.01 · 0.1 / ((4π)² k T B)
    const a = 10 ** 2.1 * 0.1 * 1e20;
    const c = (10 * 10 ** 3.8 * 0.01 * 0.1) / ((4 * Math.PI) ** 2 * 1.380649e-23 * 1000 * 1e6);
    const hand_m = Math.sqrt(a / (c * 10 ** 1.3));
    expect(hand_m).toBeCloseTo(1476.56, 1);
    const rbt = selfScreeningBurnThroughRange_m(mfr, ssj, 0.1, 13);
    expect(rbt).toBeCloseTo(hand_m, 6);
    // at burn-through S/J = 13 dB
    expect(selfScreeningJammerToSignal_dB(mfr, ssj, rbt, 0.1)).toBeCloseTo(-13, 9);
    expect(selfScreeningBurnThroughRange_m(mfr, ssj, 0.4, 13)).toBeCloseTo(2 * rbt, 6);
    // 10× the ERP: burn-through shrinks by √10
    expect(selfScreeningBurnThroughRange_m(mfr, { ...ssj, erp_W: 100 }, 0.1, 13)).toBeCloseTo(
      rbt / Math.sqrt(10),
      6,
    );
  });

  it('detection range with noise and jamming: S/(J + N) = required there, just inside burn-through', () => {
    const r = selfScreeningDetectionRange_m(mfr, ssj, 0.1, 13);
    const snr = snrFromRangeEquation(mfr, r, 0.1);
    const jnr = jammerToNoise_dB(radarReceiver(mfr), ssj, r, true);
    expect(signalToInterference_dB(snr, jnr)).toBeCloseTo(13, 9);
    expect(r).toBeLessThan(selfScreeningBurnThroughRange_m(mfr, ssj, 0.1, 13));
    expect(r).toBeGreaterThan(0.99 * selfScreeningBurnThroughRange_m(mfr, ssj, 0.1, 13));
    // a vanishing jammer gives back the unjammed range
    const unjammed = standOffDetectionRange_m(mfr, Number.NEGATIVE_INFINITY, 0.1, 13);
    expect(selfScreeningDetectionRange_m(mfr, { ...ssj, erp_W: 1e-30 }, 0.1, 13)).toBeCloseTo(unjammed, 3);
  });
});

describe('signal-to-interference and stand-off detection range', () => {
  it('S/(J + N) = SNR − 10 log10(1 + JNR)', () => {
    expect(signalToInterference_dB(20, Number.NEGATIVE_INFINITY)).toBe(20);
    expect(signalToInterference_dB(20, 0)).toBeCloseTo(20 - toDb(2), 12);
    expect(signalToInterference_dB(20, 30)).toBeCloseTo(20 - toDb(1001), 12);
  });

  it('a constant JNR shortens the detection range by (1 + JNR)^(1/4)', () => {
    const r0 = standOffDetectionRange_m(mfr, Number.NEGATIVE_INFINITY, 0.1, 13);
    expect(snrFromRangeEquation(mfr, r0, 0.1)).toBeCloseTo(13, 9);
    expect(r0 / 1000).toBeCloseTo(89.125, 2); // 21 − 10 − 13 = −2 dB = 40 log10(R / 100 km)
    const r = standOffDetectionRange_m(mfr, 30, 0.1, 13);
    expect(r0 / r).toBeCloseTo(1001 ** 0.25, 9);
  });
});

describe('stand-off geometry and the jamming field', () => {
  it('places the jammer by range, azimuth and elevation; nothing beyond the horizon', () => {
    const inSector = standOff(34.01, 44.06, 8000); // ~150 km at ~81°
    const behind = standOff(33.59, 40.84, 8000); // ~150 km at ~261°
    const g1 = standOffGeometry(radar, inSector);
    const g2 = standOffGeometry(radar, behind);
    expect(g1.visible).toBe(true);
    expect(g1.range_m / 1000).toBeCloseTo(150, -1);
    expect(g1.azimuth_rad / DEG).toBeCloseTo(81, -1);
    // 8 km up at 150 km: ≈ 3° above the horizontal less ≈ 0.7° of Earth curvature
    expect(g1.elevation_rad / DEG).toBeGreaterThan(1.5);
    expect(g1.elevation_rad / DEG).toBeLessThan(3.5);
    expect(g2.visible).toBe(true);
    expect(g2.azimuth_rad / DEG).toBeCloseTo(261, -1);
    const low = standOffGeometry(radar, standOff(34.01, 44.06, 10)); // on the ground at 150 km
    expect(low.visible).toBe(false);
  });

  it('antenna pattern: peak gain on boresight, −3 dB at half the beamwidth, the sidelobe floor far off', () => {
    const rx = radarReceiver(mfr);
    expect(relativeAntennaGain_dB(rx, 0)).toBe(0);
    expect(relativeAntennaGain_dB(rx, rx.beamwidth_rad / 2)).toBeCloseTo(-3.0103, 3);
    expect(relativeAntennaGain_dB(rx, 51 * DEG)).toBeCloseTo(rx.sidelobeLevel_dB, 9);
    expect(angleBetweenDirections_rad(0, 0, 51 * DEG, 0) / DEG).toBeCloseTo(51, 9);
    expect(angleBetweenDirections_rad(10 * DEG, 20 * DEG, 10 * DEG, 25 * DEG) / DEG).toBeCloseTo(5, 9);
  });

  it('a stand-off jammer 51° off the target’s bearing jams through the sidelobes (the bug: main lobe for every target in the sector)', () => {
    const rx = radarReceiver(mfr);
    const jammer = standOff(34.01, 44.06, 8000);
    const g = standOffGeometry(radar, jammer);
    const field = createJammingField(radar, [jammer]);
    if (field === null) throw new Error('expected a field');
    const peak = jammerToNoise_dB(rx, soj, g.range_m, true);
    // beam on the jammer: main lobe; beam 51° away in azimuth (still inside the 120° sector): sidelobes
    expect(field(0, 'x', 100e3, g.azimuth_rad, g.elevation_rad)).toBeCloseTo(peak, 9);
    expect(field(0, 'x', 100e3, g.azimuth_rad - 51 * DEG, g.elevation_rad)).toBeCloseTo(
      peak + rx.sidelobeLevel_dB,
      9,
    );
    // same bearing, but the beam raised 30° to a re-entering missile: sidelobes too
    expect(field(0, 'x', 100e3, g.azimuth_rad, g.elevation_rad + 30 * DEG)).toBeCloseTo(
      peak + rx.sidelobeLevel_dB,
      9,
    );
  });

  it('stand-off applies to every target within its window; self-screening only to its raid', () => {
    expect(createJammingField(radar, [])).toBeNull();
    const jammers: Jammer[] = [
      standOff(34.01, 44.06, 8000, { from_s: 100, until_s: 200 }),
      {
        id: 'ssj',
        kind: 'self-screening',
        threatRaid: 'w',
        threatIds: ['w-1', 'w-2'],
        erp_W: 10,
        bandwidth_Hz: 10e6,
      },
    ];
    const field = createJammingField(radar, jammers);
    if (field === null) throw new Error('expected a field');
    const rx = radarReceiver(mfr);
    const sojJnr = jammerToNoise_dB(
      rx,
      soj,
      standOffGeometry(radar, jammers[0] as StandOffJammer).range_m,
      true,
    );
    const ssjJnr = jammerToNoise_dB(rx, ssj, 50e3, true);
    // every dwell here points straight at the stand-off jammer (main lobe)
    const g = standOffGeometry(radar, jammers[0] as StandOffJammer);
    const at = (t_s: number, id: string) => field(t_s, id, 50e3, g.azimuth_rad, g.elevation_rad);
    expect(at(50, 'x-1')).toBe(Number.NEGATIVE_INFINITY);
    expect(at(50, 'w-1')).toBeCloseTo(ssjJnr, 10);
    expect(at(150, 'x-1')).toBeCloseTo(sojJnr, 10);
    expect(at(150, 'w-2')).toBeCloseTo(toDb(fromDb(sojJnr) + fromDb(ssjJnr)), 10);
    expect(at(250, 'x-1')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('the radar reports S/(J + N) as the detection SNR and detects less often', () => {
    const jammer = standOff(34.01, 44.06, 8000, { erp_W: 1e-3 }); // weak: JNR ≈ −9 dB on boresight
    const g = standOffGeometry(radar, jammer);
    // a target 60 km out, half a degree above the jammer's line of sight: in the main lobe with it
    const target = {
      id: 't-1',
      pos_ecef: pointAt(g.azimuth_rad / DEG, g.elevation_rad / DEG + 0.5, 60e3),
      rcs_m2: 1,
    };
    const coverage = radarCoverageCheck(radar, target.pos_ecef, 1);
    if (!coverage.visible) throw new Error('expected coverage');
    // the beam on the target (81°, 5°) is a few degrees off the jammer: the pattern's gain there
    const rx = radarReceiver(mfr);
    const off_rad = angleBetweenDirections_rad(
      coverage.aer.azimuth_rad,
      coverage.aer.elevation_rad,
      g.azimuth_rad,
      g.elevation_rad,
    );
    const jnr = jammerToNoiseAtGain_dB(
      rx,
      { erp_W: 1e-3, bandwidth_Hz: 10e6 },
      g.range_m,
      relativeAntennaGain_dB(rx, off_rad),
    );
    const clean = createRadarSensor(radar);
    const jammed = createRadarSensor(radar, [jammer]);
    const count = (sensor: typeof clean) => {
      const rng = createRng(7);
      let hits = 0;
      let snr = Number.NaN;
      for (let i = 0; i < 2000; i++) {
        const d = sensor.scan({ t_s: i, targets: [target] }, rng);
        if (d.length > 0) {
          hits++;
          snr = d[0]?.snr_dB ?? Number.NaN;
        }
      }
      return { hits, snr };
    };
    const a = count(clean);
    const b = count(jammed);
    expect(a.snr).toBeCloseTo(coverage.snr_dB, 10);
    expect(b.snr).toBeCloseTo(signalToInterference_dB(coverage.snr_dB, jnr), 10);
    expect(b.hits).toBeLessThan(a.hits);
  });
});
