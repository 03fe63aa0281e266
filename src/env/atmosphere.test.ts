import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AIR_DENSITY,
  AIR_SOUND_SPEED,
  ATMOSPHERE_TOP_m,
  airAt,
  atmosphere1976,
  density1976,
} from './atmosphere.js';

/**
 * U.S. Standard Atmosphere 1976 (NOAA-S/T 76-1562), Table I, geometric altitude: km, T (K), P (Pa), ρ (kg/m³),
 * speed of sound (m/s, null where not checked), as printed. Tolerance: one unit in the last printed digit.
 */
const TABLE_I: [number, string, string, string, string | null][] = [
  [0, '288.150', '1.01325e5', '1.2250', '340.29'],
  [1, '281.651', '8.9876e4', '1.1117', '336.43'],
  [5, '255.676', '5.4048e4', '7.3643e-1', '320.55'],
  [10, '223.252', '2.6499e4', '4.1351e-1', '299.53'],
  [11, '216.774', '2.2700e4', '3.6480e-1', '295.15'],
  [15, '216.650', '1.2111e4', '1.9476e-1', '295.07'],
  [20, '216.650', '5.5293e3', '8.8910e-2', '295.07'],
  [25, '221.552', '2.5492e3', '4.0084e-2', '298.39'],
  [30, '226.509', '1.1970e3', '1.8410e-2', '301.71'],
  [32, '228.490', '8.8906e2', '1.3555e-2', '303.02'],
  [40, '250.350', '2.8714e2', '3.9957e-3', '317.19'],
  [50, '270.650', '7.9779e1', '1.0269e-3', '329.80'],
  [60, '247.021', '2.1958e1', '3.0968e-4', '315.07'],
  [70, '219.585', '5.2209e0', '8.2829e-5', '297.06'],
  [80, '198.639', '1.0524e0', '1.8458e-5', '282.54'],
  [86, '186.87', '3.7338e-1', '6.958e-6', '274.10'],
];

/** Table 4 layer bases: geopotential m′, T_M (K), P (Pa), as printed. */
const BASES: [number, number, number][] = [
  [11_000, 216.65, 22632.06],
  [20_000, 216.65, 5474.889],
  [32_000, 228.65, 868.0187],
  [47_000, 270.65, 110.9063],
  [51_000, 270.65, 66.93887],
  [71_000, 214.65, 3.95642],
];

/** One unit in the last printed digit of a decimal string ("1.2250" → 1e-4, "8.9876e4" → 1). */
function lastDigit(printed: string): number {
  const [mantissa, exponent = '0'] = printed.toLowerCase().split('e');
  const decimals = mantissa.includes('.') ? mantissa.split('.')[1].length : 0;
  return 10 ** (Number(exponent) - decimals);
}

function expectPrinted(value: number, printed: string): void {
  // one unit in the last digit, plus round-off slack
  expect(Math.abs(value - Number(printed))).toBeLessThanOrEqual(lastDigit(printed) * (1 + 1e-9));
}

/** r₀ of the standard, m. */
const R0_m = 6356766;

describe('atmosphere1976', () => {
  it.each(TABLE_I)('matches Table I at %d km', (z_km, t, p, rho, a) => {
    const s = atmosphere1976(z_km * 1000);
    expectPrinted(s.temperature_K, t);
    expectPrinted(s.pressure_Pa, p);
    expectPrinted(s.density_kgpm3, rho);
    if (a !== null) expectPrinted(s.speedOfSound_mps, a);
  });

  it.each(BASES)('matches the Table 4 layer base at H = %d m′', (h_m, t_K, p_Pa) => {
    const z_m = (R0_m * h_m) / (R0_m - h_m);
    const s = atmosphere1976(z_m);
    expect(Math.abs(s.temperature_K - t_K)).toBeLessThan(1e-9);
    expect(Math.abs(s.pressure_Pa / p_Pa - 1)).toBeLessThan(2e-7);
  });

  it('uses the kinetic temperature T = T_M · M/M₀ between 80 and 86 km (Table 8): 186.87 K at 86 km', () => {
    expect(atmosphere1976(86_000).temperature_K).toBeCloseTo(186.87, 2);
    // at 83 km M/M₀ = 0.999870 and T_M = 214.65 − 2 (H − 71) with H = 81.9207 km′
    const h_km = (R0_m * 83) / (R0_m / 1000 + 83) / 1000;
    expect(atmosphere1976(83_000).temperature_K).toBeCloseTo((214.65 - 2 * (h_km - 71)) * 0.99987, 6);
  });

  it('is continuous at every layer boundary and at 86 km', () => {
    for (const h_m of [11_000, 20_000, 32_000, 47_000, 51_000, 71_000]) {
      const z_m = (R0_m * h_m) / (R0_m - h_m);
      const below = atmosphere1976(z_m - 1e-6);
      const above = atmosphere1976(z_m + 1e-6);
      expect(above.pressure_Pa / below.pressure_Pa).toBeCloseTo(1, 9);
      expect(above.temperature_K - below.temperature_K).toBeCloseTo(0, 6);
    }
    const below = atmosphere1976(ATMOSPHERE_TOP_m - 1e-6);
    const above = atmosphere1976(ATMOSPHERE_TOP_m + 1e-6);
    expect(above.density_kgpm3 / below.density_kgpm3).toBeCloseTo(1, 9);
    expect(above.temperature_K).toBeCloseTo(below.temperature_K, 6);
  });

  it('continues above 86 km within 1 % of Table I at 90 km and 5 % at 100 km (documented tail)', () => {
    expect(atmosphere1976(90_000).pressure_Pa / 0.18359).toBeCloseTo(1, 2);
    expect(Math.abs(atmosphere1976(90_000).density_kgpm3 / 3.416e-6 - 1)).toBeLessThan(0.01);
    expect(Math.abs(atmosphere1976(100_000).density_kgpm3 / 5.604e-7 - 1)).toBeLessThan(0.05);
  });

  it('has pressure and density decreasing with altitude, density1976 agreeing (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5000, max: 200_000, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        (z, dz) => {
          const lower = atmosphere1976(z);
          const upper = atmosphere1976(z + dz);
          expect(upper.pressure_Pa).toBeLessThan(lower.pressure_Pa);
          expect(upper.density_kgpm3).toBeLessThan(lower.density_kgpm3);
          expect(density1976(z)).toBe(lower.density_kgpm3);
        },
      ),
    );
  });

  it('clamps below −5 km', () => {
    expect(atmosphere1976(-10_000)).toEqual(atmosphere1976(-5000));
  });
});

describe('airAt (tabulated hot-path lookup)', () => {
  it('matches the exact 1976 model to 2e-5 relative from 0 to 200 km', () => {
    const out = new Float64Array(2);
    for (let h = 0; h <= 200_000; h += 137.3) {
      const exact = atmosphere1976(h);
      airAt(h, out);
      expect(Math.abs(out[AIR_DENSITY] / exact.density_kgpm3 - 1)).toBeLessThan(2e-5);
      expect(Math.abs(out[AIR_SOUND_SPEED] / exact.speedOfSound_mps - 1)).toBeLessThan(2e-5);
    }
  });
});
