/**
 * @module test/support/sensorFixtures
 * Test fixture shared by the sensor tests: the range-equation numbers of `catalog/radars/notional-mfr.yaml`, in SI,
 * without the optional fields (free space, Swerling 1, no time budget, jamming defaults) and without false alarms.
 * Tests that need false alarms or another field spread it and override.
 */
import type { RadarType } from '../../src/scenario/types.js';

const DEG = Math.PI / 180;

/** Notional MFR: 21 dB on 1 m² at 100 km, Pfa 1e-6, 170 km, 120° sector, −1°…80°, 4 m antenna, 1 s revisit. */
export const NOTIONAL_MFR_FREE_SPACE: RadarType = Object.freeze({
  id: 'notional-mfr',
  name: 'Patriot-like multifunction radar (notional)',
  notional: true,
  source: 'docs/domain.md §2.1',
  referenceSnr_dB: 21,
  referenceRange_m: 100_000,
  referenceRcs_m2: 1,
  maxRange_m: 170_000,
  pfa: 1e-6,
  falseAlarmsPerScan: 0,
  scanInterval_s: 1,
  rangeSigma_m: 15,
  azimuthSigma_rad: 2e-3,
  elevationSigma_rad: 2e-3,
  sectorWidth_rad: 120 * DEG,
  minElevation_rad: -1 * DEG,
  maxElevation_rad: 80 * DEG,
  antennaHeight_m: 4,
});
