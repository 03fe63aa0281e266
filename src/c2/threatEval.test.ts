import { describe, expect, it } from 'vitest';
import { dcmEnuFromEcef, rotateEnuToEcef } from '../geo/frames.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Asset } from '../scenario/types.js';
import { defaultIppOptions, ImpactPredictor } from './ipp.js';
import { assessTrack, assetFrames, engagementValue } from './threatEval.js';

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

describe('engagementValue', () => {
  it('is asset value × salvo Pk × urgency: more shots, higher value; sooner impact, higher value', () => {
    expect(engagementValue(10, 0.8, 2, 1e12)).toBeCloseTo(10 * 0.96, 6);
    expect(engagementValue(10, 0.8, 2, 0)).toBeCloseTo(10 * 0.96 * 2, 6);
    expect(engagementValue(10, 0.8, 2, 30)).toBeGreaterThan(engagementValue(10, 0.8, 2, 120));
    expect(engagementValue(10, 0.8, 2, 60)).toBeGreaterThan(engagementValue(10, 0.8, 1, 60));
  });
});
