import { describe, expect, it } from 'vitest';
import { dcmEnuFromEcef, rotateEnuToEcef } from '../geo/frames.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Asset } from '../scenario/types.js';
import { defaultIppOptions, ImpactPredictor } from './impactPrediction.js';
import {
  assessTrack,
  assetFrames,
  engagementValue,
  hysteresisBand_m,
  THREAT_HYSTERESIS_MIN_m,
  THREAT_HYSTERESIS_SIGMAS,
} from './threatEval.js';

const DEG = Math.PI / 180;
const base: Asset = {
  id: 'base',
  name: 'base',
  position: { lat_rad: 33.79 * DEG, lon_rad: 42.44 * DEG, h_m: 188 },
  radius_m: 3000,
  value: 10,
};
const depot: Asset = {
  id: 'depot',
  name: 'depot',
  position: { lat_rad: 33.9 * DEG, lon_rad: 42.7 * DEG, h_m: 150 },
  radius_m: 500,
  value: 2,
};

/** A state at (east, north, up) metres from the base centre moving with ENU velocity (m/s). */
function stateEnu(e: number, n: number, u: number, ve: number, vn: number, vu: number): Float64Array {
  const p = base.position;
  const dcm = dcmEnuFromEcef(p.lat_rad, p.lon_rad);
  const origin = geodeticToEcef(p.lat_rad, p.lon_rad, p.h_m);
  const pos = rotateEnuToEcef(dcm, Float64Array.of(e, n, u), new Float64Array(3));
  const vel = rotateEnuToEcef(dcm, Float64Array.of(ve, vn, vu), new Float64Array(3));
  return Float64Array.of(pos[0] + origin[0], pos[1] + origin[1], pos[2] + origin[2], vel[0], vel[1], vel[2]);
}

describe('assessTrack', () => {
  const frames = assetFrames([base, depot]);
  const predictor = new ImpactPredictor(defaultIppOptions(188));

  it('flags a steep ballistic descent onto the base as a threat to it, with a time to impact', () => {
    const a = assessTrack(stateEnu(4000, 0, 20_000, -400, 0, -1500), 0, predictor, frames, 500);
    expect(a.decision).toBe('threat');
    if (a.decision === 'threat') {
      expect(a.asset.id).toBe('base');
      expect(a.timeToImpact_s).toBeGreaterThan(5);
      expect(a.timeToImpact_s).toBeLessThan(20);
    }
  });

  it('ignores a ballistic descent that lands 30 km away, and says where', () => {
    const a = assessTrack(stateEnu(-30_000, 0, 15_000, 100, 0, -1500), 0, predictor, frames, 500);
    expect(a.decision).toBe('ignore');
    if (a.decision === 'ignore') {
      expect(a.reason).toBe('impact-off-assets');
      expect(a.predictedImpact).not.toBeNull();
    }
  });

  it('judges a drone by its ground track: inbound → threat, outbound → ignored', () => {
    const inbound = assessTrack(stateEnu(20_000, 200, 300, -51, 0, 0), 0, predictor, frames, 500);
    expect(inbound.decision).toBe('threat');
    if (inbound.decision === 'threat') expect(inbound.timeToImpact_s).toBeCloseTo(20_000 / 51, 0);
    const outbound = assessTrack(stateEnu(20_000, 200, 300, 51, 0, 0), 0, predictor, frames, 500);
    expect(outbound.decision).toBe('ignore');
  });
});

describe('threat evaluation hysteresis', () => {
  const frames = assetFrames([base]);
  const predictor = new ImpactPredictor(defaultIppOptions(188));
  // a near-vertical fall from 2 km lands ~where it is: base radius 3 km + margin 500 m = 3.5 km declares a threat,
  // and a threat is dropped only beyond 3.5 km + the band (≥ 1 km)
  const fallAt = (east_m: number) => stateEnu(east_m, 0, 2000, 0, 0, -300);

  it('a first look declares at radius + margin, as without hysteresis', () => {
    expect(assessTrack(fallAt(3300), 0, predictor, frames, 500).decision).toBe('threat');
    expect(assessTrack(fallAt(3900), 0, predictor, frames, 500).decision).toBe('ignore');
    expect(
      assessTrack(fallAt(3900), 0, predictor, frames, 500, 'auto', { previous: 'ignore' }).decision,
    ).toBe('ignore');
  });

  it('a threat stays a threat inside the band, and is dropped beyond it', () => {
    const held = { previous: 'threat' as const };
    expect(assessTrack(fallAt(3900), 0, predictor, frames, 500, 'auto', held).decision).toBe('threat');
    expect(assessTrack(fallAt(4400), 0, predictor, frames, 500, 'auto', held).decision).toBe('threat');
    expect(assessTrack(fallAt(4700), 0, predictor, frames, 500, 'auto', held).decision).toBe('ignore');
  });

  it('the band is 2σ of the predicted impact from the track covariance, at least 1 km', () => {
    expect(hysteresisBand_m(undefined, 60)).toBe(THREAT_HYSTERESIS_MIN_m);
    const P = new Float64Array(36);
    for (let i = 0; i < 3; i++) {
      P[i * 7] = 200 ** 2;
      P[(i + 3) * 7] = 30 ** 2;
    }
    // σ = √(200² + (60 s × 30 m/s)²) = 1,811 m
    expect(hysteresisBand_m(P, 60)).toBeCloseTo(THREAT_HYSTERESIS_SIGMAS * Math.hypot(200, 1800), 6);
    // a mature track close to impact: the floor
    expect(hysteresisBand_m(P, 1)).toBe(THREAT_HYSTERESIS_MIN_m);
    // a wide band keeps a threat that a narrow one would drop
    const wide = { previous: 'threat' as const, covariance: P };
    const far = stateEnu(6000, 0, 2000, 0, 0, -300);
    expect(assessTrack(far, 0, predictor, frames, 500, 'auto', { previous: 'threat' }).decision).toBe(
      'ignore',
    );
    expect(hysteresisBand_m(P, 6)).toBeLessThan(2600);
    P[21] = P[28] = P[35] = 400 ** 2;
    expect(assessTrack(far, 0, predictor, frames, 500, 'auto', wide).decision).toBe('threat');
  });

  it('a drone that was a threat stays one while its ground track passes within the band', () => {
    // ground track passing 3.9 km north of the centre: outside 3.5 km, inside 4.5 km
    const drone = stateEnu(20_000, 3900, 300, -51, 0, 0);
    expect(assessTrack(drone, 0, predictor, frames, 500).decision).toBe('ignore');
    expect(assessTrack(drone, 0, predictor, frames, 500, 'auto', { previous: 'threat' }).decision).toBe(
      'threat',
    );
  });
});

describe('engagementValue', () => {
  it('is asset value × salvo Pk × urgency: more shots, higher value; sooner impact, higher value', () => {
    expect(engagementValue(10, 0.8, 2, 1e12)).toBeCloseTo(10 * 0.96, 6);
    expect(engagementValue(10, 0.8, 2, 0)).toBeCloseTo(10 * 0.96 * 2, 6);
    expect(engagementValue(10, 0.8, 2, 30)).toBeGreaterThan(engagementValue(10, 0.8, 2, 120));
    expect(engagementValue(10, 0.8, 2, 60)).toBeGreaterThan(engagementValue(10, 0.8, 1, 60));
  });
});
