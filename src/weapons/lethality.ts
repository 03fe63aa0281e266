/**
 * @module weapons/lethality
 * Notional kill probability of an interceptor given its true miss distance, its kill mechanism, the closing speed at
 * the closest approach and the class of the threat. Every curve and constant here is notional [N]: a smooth,
 * documented shape with editable catalog numbers, never an estimate of a real system's lethality.
 *
 * Public facts the shapes rest on (docs/domain.md):
 * - §2.1 "Kill mechanism": PAC-2 kills by **blast-fragmentation** with a proximity fuze, PAC-3/MSE by **hit-to-kill**
 *   (body-to-body impact). Hence a wide curve for the first (tens of metres) and a narrow, steep one for the second.
 * - §2.1 "Historical performance caution" (docs/lethality.md): GAO NSIAD-92-340 found strong evidence of a *warhead*
 *   kill in only about 9 % of Gulf War (PAC-2-era) engagements of ballistic missiles — a floor on *evidence* for
 *   pre-GEM 1991 rounds against Al-Hussein missiles that broke up on re-entry, not a Pk; in 2003 upgraded PAC-2s
 *   intercepted all 9 Iraqi TBMs they engaged (Arms Control Today, May 2003). So the degradation of
 *   blast-fragmentation against fast `ballistic` re-entry bodies is an **excursion**, off by default: a type sets
 *   its floor F∞ with `hardTargetFragmentationFloor` (absent = 1, no degradation; the README sweeps 0.5 … 1).
 * - §3.1: Pk is the single-shot kill probability P(kill | intercept); the simulator ships Pk sweeps, not "real" Pk.
 *
 * The curves (d = miss distance, σ = `lethalSigma_m`, v = closing speed, P̂ = `pkMax`):
 * - **legacy** (no `killMechanism` on the type): P = P̂ · exp(−½ (d/σ)²), the Gaussian (Carleton-type) damage
 *   function of analytic air-defense models (Przemieniecki, *Mathematical Methods in Defense Analyses*, §4). Closing
 *   speed and threat class are ignored: this is the behaviour of every type that does not name a mechanism.
 * - **blast-fragmentation**: P = P̂ · F(v, kind) · exp(−½ (d/σ)²), σ ~ 10–20 m. F = 1 against rockets and drones; against
 *   a `ballistic` re-entry body F(v) = F∞ + (1 − F∞) · exp(−(v / v_F)²) with F∞ = the type's
 *   `hardTargetFragmentationFloor` (default 1: F ≡ 1; the pessimistic excursion is
 *   {@link GAO_EXCURSION_FRAGMENTATION_FLOOR}) and v_F = {@link FRAGMENTATION_REFERENCE_SPEED_mps} (of the order of a fragment's Gurney velocity, 2–3 km/s
 *   [D]): once the closing speed is comparable with the fragment speed the fragment cloud sweeps past a hardened
 *   body in a short, badly timed window, and what hits it rarely kills the warhead. F falls monotonically from 1
 *   at v = 0 toward F∞.
 * - **hit-to-kill**: P = P̂ · K(v) · exp(−½ (d/σ)⁴), σ ≈ interceptor body radius + target body radius + a small
 *   allowance (≈ 1–2 m). The fourth-power ("super-Gaussian") exponent is a softened cookie-cutter: near-certain
 *   inside the contact radius and falling much faster than the Gaussian beyond it (the bodies touch or they do
 *   not). K(v) = 1 − exp(−(v / v_K)²) with v_K = {@link HIT_TO_KILL_REFERENCE_SPEED_mps}: the lethal effect of a
 *   body impact grows with the kinetic energy ½ m v² and saturates once it is far above what is needed to
 *   destroy the target, so K rises monotonically from 0 at v = 0 to 1 (0.63 at v_K, > 0.98 above 2 v_K).
 *
 * Without a closing speed (the 2-argument form, or a context with no `closingSpeed_mps`) F = K = 1: each curve at
 * its reference conditions. The 2-argument form of a type without `killMechanism` is exactly the legacy formula.
 */
import type { InterceptorType, KillMechanism, ThreatType } from '../scenario/types.js';

export type { KillMechanism } from '../scenario/types.js';

/** Closing speed at which the hit-to-kill kinetic-energy factor K reaches 1 − e⁻¹ ≈ 0.63, m/s [N]. */
export const HIT_TO_KILL_REFERENCE_SPEED_mps = 800;
/** Closing speed scale of the blast-fragmentation degradation against ballistic re-entry bodies, m/s [N]. */
export const FRAGMENTATION_REFERENCE_SPEED_mps = 2500;
/**
 * Floor F∞ of the blast-fragmentation factor of the pessimistic *excursion* (GAO NSIAD-92-340-motivated, see
 * docs/lethality.md): F falls from 1 toward 0.5 at closing speeds well above v_F. Not a default: a type opts in with
 * `hardTargetFragmentationFloor`. [N]
 */
export const GAO_EXCURSION_FRAGMENTATION_FLOOR = 0.5;

/** The engagement's endgame conditions, as far as lethality depends on them. */
export interface EndgameConditions {
  /** Relative speed of interceptor and threat at the closest approach, m/s (≥ 0). */
  readonly closingSpeed_mps?: number;
  /** Class of the threat (`ballistic`: a hardened re-entry body). */
  readonly threatKind?: ThreatType['kind'];
}

/** The fields of an interceptor type that lethality reads. */
export type LethalityType = Pick<InterceptorType, 'pkMax' | 'lethalSigma_m' | 'killMechanism'> &
  Partial<Pick<InterceptorType, 'hardTargetFragmentationFloor'>>;

/**
 * Hit-to-kill kinetic-energy factor K(v) = 1 − exp(−(v / v_K)²), in [0, 1), non-decreasing in v; 1 when the closing
 * speed is unknown. A negative or NaN speed gives 0.
 */
export function hitToKillSpeedFactor(closingSpeed_mps: number | undefined): number {
  if (closingSpeed_mps === undefined) return 1;
  if (!(closingSpeed_mps >= 0)) return 0;
  const u = closingSpeed_mps / HIT_TO_KILL_REFERENCE_SPEED_mps;
  return 1 - Math.exp(-u * u);
}

/**
 * Blast-fragmentation factor F(v, kind): F∞ + (1 − F∞) · exp(−(v / v_F)²) against a `ballistic` threat, else 1; 1
 * when the closing speed is unknown. In [F∞, 1], non-increasing in v. A negative or NaN speed gives 0.
 * @param floor F∞ in [0, 1] (default 1: no degradation; {@link GAO_EXCURSION_FRAGMENTATION_FLOOR} for the excursion)
 * @example fragmentationFactor(2500, 'ballistic', 0.5) // 0.5 + 0.5·e⁻¹ ≈ 0.684
 */
export function fragmentationFactor(
  closingSpeed_mps: number | undefined,
  threatKind: ThreatType['kind'] | undefined,
  floor = 1,
): number {
  if (closingSpeed_mps === undefined) return 1;
  if (!(closingSpeed_mps >= 0)) return 0;
  if (threatKind !== 'ballistic' || floor >= 1) return 1;
  const u = closingSpeed_mps / FRAGMENTATION_REFERENCE_SPEED_mps;
  return floor + (1 - floor) * Math.exp(-u * u);
}

/**
 * Kill probability for a miss distance `miss_m` (m, ≥ 0) under the type's kill mechanism (see the module comment
 * for the curves), in [0, pkMax] and monotone non-increasing in the miss distance for any fixed `conditions`.
 * A negative or NaN miss (or closing speed) is a caller error and gives 0.
 * @example
 * ```ts
 * import { expectedKillProbability, killProbability, loadScenario, type SamBattery } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * const pk = killProbability(interceptor, 2, { closingSpeed_mps: 2_500, threatKind: 'ballistic' }); // 2 m miss
 * const expected = expectedKillProbability(interceptor, 3, { closingSpeed_mps: 2_500 }); // miss ~ Rayleigh(3 m)
 * ```
 */
export function killProbability(
  type: LethalityType,
  miss_m: number,
  conditions: EndgameConditions = {},
): number {
  if (!(miss_m >= 0) || !(type.lethalSigma_m > 0)) return 0;
  const z = miss_m / type.lethalSigma_m;
  const mechanism: KillMechanism | undefined = type.killMechanism;
  if (mechanism === 'hit-to-kill') {
    const z2 = z * z;
    return type.pkMax * hitToKillSpeedFactor(conditions.closingSpeed_mps) * Math.exp(-0.5 * z2 * z2);
  }
  const gaussian = type.pkMax * Math.exp(-0.5 * z * z);
  if (mechanism === 'blast-fragmentation')
    return (
      gaussian *
      fragmentationFactor(
        conditions.closingSpeed_mps,
        conditions.threatKind,
        type.hardTargetFragmentationFloor ?? 1,
      )
    );
  return gaussian;
}

/** Fewest Simpson intervals of the Rayleigh expectation, and the largest step as a fraction of σ. */
const EXPECTATION_MIN_INTERVALS = 400;
const EXPECTATION_STEP_PER_SIGMA = 0.05;

/**
 * E[P(d)] for a miss d that is Rayleigh-distributed with per-axis σ (the 2-D miss of an unbiased aim error in the
 * plane normal to the line of sight): ∫₀^∞ P(d) · (d/σ²) e^(−d²/2σ²) dd by Simpson's rule on [0, 10σ + 6s]
 * (s = `lethalSigma_m`; the Rayleigh tail beyond 10σ is e⁻⁵⁰) with a step ≤ σ/20 (error < 1e-6 on the closed forms).
 * σ = 0 gives P(0). Used by planners (memoise it), not in the engagement itself.
 * @example
 * ```ts
 * import { expectedKillProbability, killProbability, loadScenario, type SamBattery } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * const pk = killProbability(interceptor, 2, { closingSpeed_mps: 2_500, threatKind: 'ballistic' }); // 2 m miss
 * const expected = expectedKillProbability(interceptor, 3, { closingSpeed_mps: 2_500 }); // miss ~ Rayleigh(3 m)
 * ```
 */
export function expectedKillProbability(
  type: LethalityType,
  sigma_m: number,
  conditions: EndgameConditions = {},
): number {
  if (!(sigma_m > 0)) return killProbability(type, 0, conditions);
  const upper_m = 10 * sigma_m + 6 * type.lethalSigma_m;
  const intervals =
    2 * Math.ceil(Math.max(EXPECTATION_MIN_INTERVALS, upper_m / (EXPECTATION_STEP_PER_SIGMA * sigma_m)) / 2);
  const h_m = upper_m / intervals;
  const s2 = sigma_m * sigma_m;
  let sum = 0;
  for (let i = 0; i <= intervals; i++) {
    const d = i * h_m;
    const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * killProbability(type, d, conditions) * (d / s2) * Math.exp((-0.5 * d * d) / s2);
  }
  return (sum * h_m) / 3;
}

/** Fraction of `pkMax` at which the kill curve is taken to end: the edge of the warhead's lethal reach [N]. */
export const LETHAL_REACH_PK_FRACTION = 0.01;

/**
 * Lethal reach of a type, m: the miss distance beyond which P(kill) < 1 % of `pkMax` at reference conditions, so a
 * miss beyond it is a wide miss (guidance, not the warhead, failed). From the curves of the module note:
 * Gaussian (legacy, blast-fragmentation) d = σ √(2 ln 100) ≈ 3.03 σ; hit-to-kill d = σ (2 ln 100)^¼ ≈ 1.74 σ.
 * Speed and class factors only lower P, so they do not widen the reach.
 */
export function lethalReach_m(type: LethalityType): number {
  const twoLn = 2 * Math.log(1 / LETHAL_REACH_PK_FRACTION);
  return type.killMechanism === 'hit-to-kill'
    ? type.lethalSigma_m * Math.sqrt(Math.sqrt(twoLn))
    : type.lethalSigma_m * Math.sqrt(twoLn);
}
