import { describe, expect, it } from 'vitest';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from '../../test/support/weaponFixtures.js';
import { atmosphere1976 } from '../env/atmosphere.js';
import { geodeticRecordToEcef } from '../geo/wgs84.js';
import {
  AIRFRAME_STATE_SIZE,
  CN_CALIBRATION_ALTITUDE_m,
  CN_CALIBRATION_MACH,
  defaultMaxNormalForceCoefficient,
  lateralAccelLimit_mps2,
  MASS_INDEX,
} from './airframe.js';

/** A state straight above (0°, 0°) at `h_m`, flying horizontally at `speed_mps` with `mass_kg`. */
function stateAt(h_m: number, speed_mps: number, mass_kg: number): Float64Array {
  const y = new Float64Array(AIRFRAME_STATE_SIZE);
  y.set(geodeticRecordToEcef({ lat_rad: 0, lon_rad: 0, h_m }), 0);
  y[4] = speed_mps;
  y[MASS_INDEX] = mass_kg;
  return y;
}

describe('lateralAccelLimit_mps2', () => {
  it('equals maxAccel_mps2 at 10 km, Mach 4 and burnout mass with the default CN_max', () => {
    const speed_mps = CN_CALIBRATION_MACH * atmosphere1976(CN_CALIBRATION_ALTITUDE_m).speedOfSound_mps;
    const air = new Float64Array(2);
    for (const type of [NOTIONAL_PAC3_MSE, NOTIONAL_PAC2_GEM]) {
      const cn = defaultMaxNormalForceCoefficient(type);
      expect(cn).toBeGreaterThan(1);
      expect(cn).toBeLessThan(5);
      const burnout = type.launchMass_kg - type.propellantMass_kg;
      const y = stateAt(CN_CALIBRATION_ALTITUDE_m, speed_mps, burnout);
      // just below the calibration point the aero limit is the binding one; at it, both agree
      expect(lateralAccelLimit_mps2(type, cn * 0.999, true, y, air)).toBeCloseTo(
        type.maxAccel_mps2 * 0.999,
        0,
      );
      expect(lateralAccelLimit_mps2(type, cn, true, y, air)).toBeCloseTo(type.maxAccel_mps2, 6);
    }
  });

  it('falls with altitude (25 km vs 5 km at the same speed) and is capped by maxAccel_mps2', () => {
    const type = NOTIONAL_PAC3_MSE;
    const cn = defaultMaxNormalForceCoefficient(type);
    const air = new Float64Array(2);
    const mass = type.launchMass_kg - type.propellantMass_kg;
    const low = lateralAccelLimit_mps2(type, cn, true, stateAt(5000, 1200, mass), air);
    const high = lateralAccelLimit_mps2(type, cn, true, stateAt(25_000, 1200, mass), air);
    expect(low).toBe(type.maxAccel_mps2);
    // density ratio ρ(25 km)/ρ(10 km) ≈ 0.096
    expect(high).toBeLessThan(0.1 * type.maxAccel_mps2);
    expect(high).toBeGreaterThan(0.05 * type.maxAccel_mps2);
    // slower means less: q ∝ v²
    const slow = lateralAccelLimit_mps2(type, cn, true, stateAt(25_000, 600, mass), air);
    expect(slow / high).toBeCloseTo(0.25, 6);
    // aerodynamics off (vacuum tests): only the structural limit
    expect(lateralAccelLimit_mps2(type, cn, false, stateAt(25_000, 600, mass), air)).toBe(type.maxAccel_mps2);
  });
});

describe('dynamic-pressure limit', () => {
  it('the cap at 20 km is the one at 5 km times the US Standard Atmosphere density ratio', () => {
    const type = NOTIONAL_PAC2_GEM;
    const cn = defaultMaxNormalForceCoefficient(type);
    const air = new Float64Array(2);
    const mass = type.launchMass_kg - type.propellantMass_kg;
    // 400 m/s keeps the 5 km value below the structural cap, so both are aerodynamic
    const low = lateralAccelLimit_mps2(type, cn, true, stateAt(5000, 400, mass), air);
    const high = lateralAccelLimit_mps2(type, cn, true, stateAt(20_000, 400, mass), air);
    expect(low).toBeLessThan(type.maxAccel_mps2);
    // U.S. Standard Atmosphere 1976, Table I: ρ(5 km) = 0.73643 kg/m³, ρ(20 km) = 0.088910 kg/m³ (geopotential
    // heights; the geometric ones here differ by < 0.4 %)
    expect(high / low).toBeCloseTo(0.08891 / 0.73643, 2);
    expect(high / low).toBeCloseTo(
      atmosphere1976(20_000).density_kgpm3 / atmosphere1976(5000).density_kgpm3,
      2,
    );
  });
});
