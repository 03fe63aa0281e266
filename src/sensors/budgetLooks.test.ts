import { describe, expect, it } from 'vitest';
import { NOTIONAL_MFR_FREE_SPACE } from '../../test/support/sensorFixtures.js';
import { type Aer, aerToEnu, enuToEcef } from '../geo/frames.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, Radar, RadarBudget, RadarType } from '../scenario/types.js';
import { createBudgetedRadar, type TrackLook } from './budgetLooks.js';
import type { SensorTarget } from './index.js';
import { createRadarSensor } from './radar.js';

const DEG = Math.PI / 180;

/** A 120° sector radar centred on 60° (sector edges 0° and 120°), Al Asad-like site, 2 false alarms a scan. */
const TYPE: RadarType = { ...NOTIONAL_MFR_FREE_SPACE, falseAlarmsPerScan: 2 };
const SITE: Geodetic = { lat_rad: 33.79 * DEG, lon_rad: 42.44 * DEG, h_m: 190 };
const RADAR: Radar = { id: 'r', type: TYPE, position: SITE, sectorCenter_rad: 60 * DEG };

/** ECEF point at azimuth (deg), elevation 0.1 rad and range 50 km from the antenna. */
function at(azimuth_deg: number, range_m = 50_000): Float64Array {
  const aer: Aer = { azimuth_rad: azimuth_deg * DEG, elevation_rad: 0.1, range_m };
  return enuToEcef({ ...SITE, h_m: SITE.h_m + TYPE.antennaHeight_m }, aerToEnu(aer));
}

const target = (id: string, azimuth_deg: number): SensorTarget => ({
  id,
  pos_ecef: at(azimuth_deg),
  rcs_m2: 1,
});
const track = (id: string, azimuth_deg: number, confirmed = true): TrackLook => ({
  id,
  confirmed,
  pos_ecef: at(azimuth_deg),
  vel_ecef: new Float64Array(3),
  posSigma_m: 50,
});

describe('createBudgetedRadar', () => {
  // one track of 0.5 s leaves 0.5 s of a 2 s search: a quarter of the sector (30°) per frame
  const budget: RadarBudget = {
    searchFrame_s: 2,
    trackDwell_s: 0.5,
    trackInterval_s: 1,
    maxTrackFraction: 0.5,
  };

  it('looks at the slice [0°, 30°) and the dwelt track’s beam; the other tracks are unobserved, not missed', () => {
    const looks = createBudgetedRadar(RADAR, budget).frame(
      0,
      [track('T1', 90), track('T2', 60), track('T3', 10)],
      [target('in-slice', 20), target('in-beam', 90.5), target('beside-beam', 95), target('elsewhere', 60)],
    );
    // T1 and T2 are both stationary (infinite time to go): creation order decides, T1 gets the one dwell
    expect(looks.plan.dwellTrackIds).toEqual(['T1']);
    expect(looks.plan.searchFraction).toBeCloseTo(0.25, 12);
    expect(looks.targets.map((t) => t.id)).toEqual(['in-slice', 'in-beam']);
    expect([...looks.unobservedTrackIds]).toEqual(['T2']);
    expect(looks.searchSlice).toEqual({ start: 0, fraction: 0.25 });
  });

  it('advances the fence a slice a frame and reports a change of saturation once', () => {
    const radar = createBudgetedRadar(RADAR, { ...budget, maxTrackFraction: 0.5 });
    const two = [track('T1', 90), track('T2', 100)];
    const first = radar.frame(0, two, []);
    expect(first.plan.saturated).toBe(true);
    expect(first.saturationChanged).toBe(true);
    const second = radar.frame(1, two, []);
    // T2 waited longest (never dwelt) and goes first now
    expect(second.plan.dwellTrackIds).toEqual(['T2']);
    expect(second.saturationChanged).toBe(false);
    expect(second.searchSlice?.start).toBeCloseTo(0.25, 12);
    const alone = radar.frame(2, [track('T1', 90)], []);
    expect(alone.saturationChanged).toBe(true);
  });

  it('prefers the track closing fastest on the radar', () => {
    // 'fast' heads straight for the antenna at 1 km/s; 'still' (created first) does not close
    const pos = at(80);
    const inward = at(80, 49_000).map((c, i) => c - pos[i]);
    const fast: TrackLook = { ...track('fast', 80), vel_ecef: inward };
    const looks = createBudgetedRadar(RADAR, budget).frame(0, [track('still', 90), fast], []);
    expect(looks.plan.dwellTrackIds).toEqual(['fast']);
  });

  it('hands no slice when the whole sector is searched', () => {
    const looks = createBudgetedRadar(RADAR, { ...budget, searchFrame_s: 0.25 }).frame(
      0,
      [track('T', 40)],
      [],
    );
    expect(looks.searchSlice).toBeUndefined();
    expect(looks.unobservedTrackIds.size).toBe(0);
  });
});

describe('false alarms of a budgeted search', () => {
  it('scale with the searched fraction and fall inside the slice', () => {
    const sensor = createRadarSensor({ ...RADAR, type: { ...TYPE, falseAlarmsPerScan: 2 } });
    const rng = createRng(11);
    const slice = { start: 0.9, fraction: 0.25 };
    let count = 0;
    const scans = 4000;
    for (let k = 0; k < scans; k++) {
      for (const d of sensor.scan({ t_s: k, targets: [], searchSlice: slice }, rng)) {
        count++;
        // sector fraction of the azimuth, from the 0° edge: the slice wraps from 108° round to 18°
        const u = ((((d.azimuth_rad / DEG) % 360) + 360) % 360) / 120;
        expect((u >= 0.9 - 1e-12 && u <= 1 + 1e-12) || u < 0.15 + 1e-12).toBe(true);
      }
    }
    // Poisson mean 2 × 0.25 = 0.5 per scan; 4σ of the mean over 4000 scans ≈ 0.045
    expect(Math.abs(count / scans - 0.5)).toBeLessThan(4 * Math.sqrt(0.5 / scans));
  });
});
