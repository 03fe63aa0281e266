import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodeticToEcef } from '../geo/wgs84.js';
import { SampledTrajectory } from '../threats/trajectory.js';
import { coverageEntry_s } from './radarLoop.js';

const DEG = Math.PI / 180;
const SITE_ECEF = geodeticToEcef(33.8 * DEG, 42.45 * DEG, 188);

/** A ballistic-looking arc sampled every `dt_s`: straight-line ground track towards the site, parabolic height. */
function arc(
  start_m: number,
  end_m: number,
  apex_m: number,
  duration_s: number,
  dt_s: number,
): SampledTrajectory {
  const n = Math.floor(duration_s / dt_s) + 1;
  const times_s = new Float64Array(n);
  const pos = new Float64Array(3 * n);
  const vel = new Float64Array(3 * n);
  const up = SITE_ECEF.map((c) => c / Math.hypot(...SITE_ECEF));
  const east = [-Math.sin(42.45 * DEG), Math.cos(42.45 * DEG), 0];
  for (let k = 0; k < n; k++) {
    const t = Math.min(k * dt_s, duration_s);
    const u = t / duration_s;
    const x_m = start_m + (end_m - start_m) * u;
    const h_m = 4 * apex_m * u * (1 - u);
    const dx = (end_m - start_m) / duration_s;
    const dh = (4 * apex_m * (1 - 2 * u)) / duration_s;
    times_s[k] = t;
    for (let i = 0; i < 3; i++) {
      pos[3 * k + i] = SITE_ECEF[i] + x_m * east[i] + h_m * up[i];
      vel[3 * k + i] = dx * east[i] + dh * up[i];
    }
  }
  return new SampledTrajectory({
    launchTime_s: 0,
    outcome: 'impact',
    endPoint: { lat_rad: 0, lon_rad: 0, h_m: 0 },
    apexAltitude_m: apex_m,
    times_s,
    pos_ecef: pos,
    vel_ecef: vel,
  });
}

describe('coverageEntry_s (the dwell skip of issue 12)', () => {
  it('is never later than the first time the interpolated path is within reach (dense check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50_000, max: 800_000, noNaN: true }),
        fc.double({ min: -50_000, max: 50_000, noNaN: true }),
        fc.double({ min: 0, max: 300_000, noNaN: true }),
        fc.double({ min: 60, max: 900, noNaN: true }),
        fc.constantFrom(0.5, 2, 5),
        fc.double({ min: 5_000, max: 200_000, noNaN: true }),
        (start_m, end_m, apex_m, duration_s, dt_s, reach_m) => {
          const path = arc(start_m, end_m, apex_m, duration_s, dt_s);
          const entry_s = coverageEntry_s(path, SITE_ECEF, reach_m);
          const pos = new Float64Array(3);
          const vel = new Float64Array(3);
          for (let t = 0; t <= duration_s; t += 0.05) {
            path.stateAt(t, pos, vel);
            const d = Math.hypot(pos[0] - SITE_ECEF[0], pos[1] - SITE_ECEF[1], pos[2] - SITE_ECEF[2]);
            if (d <= reach_m) {
              expect(entry_s).toBeLessThanOrEqual(t);
              return;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lets a radar skip most of an SRBM flight beyond its 170 km', () => {
    const path = arc(470_000, 0, 150_000, 420, 2);
    const entry_s = coverageEntry_s(path, SITE_ECEF, 170_000);
    expect(entry_s).toBeGreaterThan(200);
    expect(entry_s).toBeLessThan(420);
    expect(coverageEntry_s(arc(470_000, 300_000, 150_000, 420, 2), SITE_ECEF, 170_000)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
