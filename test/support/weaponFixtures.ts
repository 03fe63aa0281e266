/**
 * @module test/support/weaponFixtures
 * The notional weapon types as typed constants, mirroring the catalog files
 * `src/scenario/catalog/interceptors/notional-pac2-gem.yaml`, `notional-pac3-mse.yaml` and
 * `src/scenario/catalog/guns/notional-cram.yaml` (the weapons owner sets these numbers; keep both in step). Tests and
 * examples use them without going through the YAML compiler. Every number is notional [N], derived from the public
 * figures of docs/domain.md §2.1 (Patriot: Mach 4–5, 15–40 km vs TBM, 15–24 km ceiling, 5–10 km keep-out, $3–4 M) and
 * §2.2 (C-RAM: 4,500 rpm, ~1.5 km, 1,500 rounds); the motor numbers follow from Isp ≈ 245–250 s.
 */
import type { CdTable, GunType, InterceptorType } from '../../src/scenario/types.js';

/** g₀ for the "25 g"-style catalog values, m/s² (same constant as the catalog unit parser). */
const STANDARD_GRAVITY_mps2 = 9.80665;

/** Generic finned-missile drag curve (transonic rise, supersonic decay), notional. */
const MISSILE_CD: CdTable = {
  mach: [0, 0.8, 1.0, 1.2, 2, 3, 4, 5],
  cd: [0.25, 0.25, 0.42, 0.45, 0.36, 0.28, 0.23, 0.21],
};

/**
 * PAC-2 GEM-class (notional): ~900 kg blast-fragmentation interceptor, Mach ~4.5, TBM envelope 25 km / 5–20 km.
 * Motor: 480 kg over 9 s (53.3 kg/s × 2,400 m/s ≈ 128 kN; 14.5 g at launch).
 */
export const NOTIONAL_PAC2_GEM: InterceptorType = Object.freeze({
  id: 'notional-pac2-gem',
  name: 'PAC-2 GEM-class interceptor (notional)',
  notional: true,
  source:
    'docs/domain.md §2.1 (Mach ~5, TBM 15–20 km range, 15–24 km ceiling, keep-out 5–10 km, $3–4 M); numbers [N]',
  launchMass_kg: 900,
  propellantMass_kg: 480,
  burnTime_s: 9,
  thrust_N: 128_000,
  diameter_m: 0.41,
  cd: MISSILE_CD,
  maxSpeed_mps: 1500,
  maxAccel_mps2: 25 * STANDARD_GRAVITY_mps2,
  navigationConstant: 4,
  minInterceptAltitude_m: 5000,
  minInterceptAltitudeAirBreathing_m: 60,
  requiresOwnRadarTrack: true,
  maxInterceptAltitude_m: 20_000,
  maxInterceptRange_m: 25_000,
  maxFlightTime_s: 90,
  pkMax: 0.8,
  lethalSigma_m: 15,
  guidanceNoise_m: 4,
  reliability: 0.95,
  cost_usd: 3_500_000,
  seekerAcquisitionRange_m: 15_000,
  seekerFieldOfView_rad: (30 * Math.PI) / 180,
  maxNormalForceCoefficient: 2.63,
  killMechanism: 'blast-fragmentation',
});

/**
 * PAC-3 MSE-class (notional): ~310 kg hit-to-kill interceptor, Mach ~5, TBM envelope 38 km / 4–22 km.
 * Motor: 175 kg over 8 s (21.9 kg/s × 2,450 m/s ≈ 53.6 kN; 17.6 g at launch).
 */
export const NOTIONAL_PAC3_MSE: InterceptorType = Object.freeze({
  id: 'notional-pac3-mse',
  name: 'PAC-3 MSE-class interceptor (notional)',
  notional: true,
  source: 'docs/domain.md §2.1 (MSE ~40 km vs TBM, Mach ~5, hit-to-kill, $4 M); numbers [N]',
  launchMass_kg: 310,
  propellantMass_kg: 175,
  burnTime_s: 8,
  thrust_N: 53_600,
  diameter_m: 0.29,
  cd: MISSILE_CD,
  maxSpeed_mps: 1700,
  maxAccel_mps2: 35 * STANDARD_GRAVITY_mps2,
  navigationConstant: 4,
  minInterceptAltitude_m: 4000,
  minInterceptAltitudeAirBreathing_m: 60,
  requiresOwnRadarTrack: false,
  maxInterceptAltitude_m: 22_000,
  maxInterceptRange_m: 38_000,
  maxFlightTime_s: 75,
  pkMax: 0.9,
  lethalSigma_m: 1.5,
  guidanceNoise_m: 0.75,
  reliability: 0.95,
  cost_usd: 4_000_000,
  seekerAcquisitionRange_m: 15_000,
  seekerFieldOfView_rad: (30 * Math.PI) / 180,
  maxNormalForceCoefficient: 2.36,
  killMechanism: 'hit-to-kill',
});

/** C-RAM / Centurion-class gun mount (notional): 75 rds/s, 2 s bursts, 1,500 rounds, 1.5 km radius. */
export const NOTIONAL_CRAM: GunType = Object.freeze({
  id: 'notional-cram',
  name: 'C-RAM / Centurion-class 20 mm gun (notional)',
  notional: true,
  source:
    'docs/domain.md §2.2 (4,500 rpm, 1,500 rounds [N][?], ~1.5 km engagement radius [N][?]); Pk per burst [N]',
  rateOfFire_rps: 75,
  burst_s: 2,
  ammunition: 1500,
  engagementRadius_m: 1500,
  minEngagementAltitude_m: 30,
  pkPerBurst: { range_m: [0, 500, 1000, 1500], pk: [0.6, 0.6, 0.4, 0.2] },
  slewTime_s: 1,
  costPerRound_usd: 30,
  muzzleVelocity_mps: 1100,
  selfDestructTime_s: 4,
});
