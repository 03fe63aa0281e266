/**
 * @module tracking/mtt/immOptions
 * The IMM model set of the full-covariance tracker as plain JSON data (`MttTrackerConfig.imm`), its defaults, its
 * validation and its compilation into transition models on one shared {@link StateLayout}.
 *
 * Default (chosen for the `mtt-scenario` maneuver generator, whose turns are 3–6 °/s): three modes, CV with the
 * scenario's q, and coordinated turns at +ω₀ and −ω₀ with ω₀ = {@link DEFAULT_IMM_TURN_RATE_radps} (4.5 °/s) and
 * the same q; Markov matrix with staying probability 0.95 (CV → each turn 0.025; turn → CV 0.04, → other turn 0.01);
 * initial mode probabilities (0.8, 0.1, 0.1). The two known-rate turns keep the state 2·dim-long and the filters
 * linear; `ct-estimated` (EKF on ω) and `ca` are available for other model sets.
 */
import { AspisError } from '../../errors.js';
import { type StateLayout, stateLayout } from './models/layout.js';
import {
  constantAccelerationModel,
  constantVelocityModel,
  coordinatedTurnEstimatedModel,
  coordinatedTurnModel,
  DEFAULT_OMEGA_NOISE_rad2ps3,
  type TransitionModel,
} from './models/transition.js';

/** One IMM mode. Omitted q values default to the scenario's q. */
export type ImmModelSpec =
  | {
      /** Nearly constant velocity. */
      readonly kind: 'cv';
      /** Diffusion coefficient, m²/s³. */
      readonly q_m2ps3?: number;
    }
  | {
      /** Nearly constant acceleration (Wiener-process acceleration). */
      readonly kind: 'ca';
      /** Jerk diffusion coefficient, m²/s⁵. */
      readonly q_m2ps5: number;
    }
  | {
      /** Coordinated turn in x–y at a known rate. */
      readonly kind: 'ct';
      /** Turn rate, rad/s, counter-clockwise (x toward y) positive. */
      readonly omega_radps: number;
      /** Diffusion coefficient, m²/s³. */
      readonly q_m2ps3?: number;
    }
  | {
      /** Coordinated turn with the turn rate estimated (EKF). */
      readonly kind: 'ct-estimated';
      /** Diffusion coefficient, m²/s³. */
      readonly q_m2ps3?: number;
      /** Turn-rate random-walk diffusion, rad²/s³. */
      readonly qOmega_rad2ps3: number;
    };

/** IMM configuration (JSON-serialisable). */
export interface ImmOptions {
  /** Modes, in order. */
  readonly models: readonly ImmModelSpec[];
  /** Markov matrix per scan, p_ij = P(mode j next | mode i now); rows sum to 1. */
  readonly transition: readonly (readonly number[])[];
  /** Mode probabilities of a new track, summing to 1. */
  readonly initialProbabilities: readonly number[];
  /** Prior acceleration std of a new track (layouts with accelerations), m/s². */
  readonly initialAccelerationStd_mps2?: number;
  /** Prior turn-rate std of a new track (layouts with ω), rad/s. */
  readonly initialTurnRateStd_radps?: number;
}

/** Turn rate of the default model set's turn modes, rad/s (4.5 °/s). */
export const DEFAULT_IMM_TURN_RATE_radps = (4.5 * Math.PI) / 180;

/** Default IMM: CV + CT(+ω₀) + CT(−ω₀) (see the module header). */
export function defaultImmOptions(): ImmOptions {
  return {
    models: [
      { kind: 'cv' },
      { kind: 'ct', omega_radps: DEFAULT_IMM_TURN_RATE_radps },
      { kind: 'ct', omega_radps: -DEFAULT_IMM_TURN_RATE_radps },
    ],
    transition: [
      [0.95, 0.025, 0.025],
      [0.04, 0.95, 0.01],
      [0.04, 0.01, 0.95],
    ],
    initialProbabilities: [0.8, 0.1, 0.1],
    initialAccelerationStd_mps2: 10,
    initialTurnRateStd_radps: 0.1,
  };
}

/** A compiled IMM model set. */
export interface CompiledImm {
  readonly layout: StateLayout;
  readonly models: TransitionModel[];
  /** Row-major r×r. */
  readonly transition: Float64Array;
  readonly initialProbabilities: number[];
}

/** Validate `options` and build the models for dimension `dim`; bad input raises `AspisError('E_USAGE')`. */
export function compileImm(options: ImmOptions, dim: 2 | 3, defaultQ_m2ps3: number): CompiledImm {
  const r = options.models.length;
  const fail = (msg: string): never => {
    throw new AspisError('E_USAGE', 'imm', msg);
  };
  if (r < 1) fail('need at least one IMM model');
  if (options.transition.length !== r || options.transition.some((row) => row.length !== r)) {
    fail(`transition must be ${r}×${r} (one row and column per model)`);
  }
  for (const row of options.transition) {
    const s = row.reduce((a, b) => a + b, 0);
    if (row.some((p) => !(p >= 0)) || Math.abs(s - 1) > 1e-9)
      fail('each transition row must be ≥ 0 and sum to 1');
  }
  const p0 = options.initialProbabilities;
  if (p0.length !== r || p0.some((p) => !(p >= 0)) || Math.abs(p0.reduce((a, b) => a + b, 0) - 1) > 1e-9) {
    fail(`initialProbabilities must hold ${r} values ≥ 0 summing to 1`);
  }
  const hasAccel = options.models.some((m) => m.kind === 'ca');
  const hasOmega = options.models.some((m) => m.kind === 'ct-estimated');
  const layout = stateLayout(dim, hasAccel ? 3 : 2, hasOmega);
  const qOmegaHeld =
    options.models.find(
      (m): m is Extract<ImmModelSpec, { kind: 'ct-estimated' }> => m.kind === 'ct-estimated',
    )?.qOmega_rad2ps3 ?? DEFAULT_OMEGA_NOISE_rad2ps3;
  const models = options.models.map((spec): TransitionModel => {
    switch (spec.kind) {
      case 'cv':
        return constantVelocityModel(layout, spec.q_m2ps3 ?? defaultQ_m2ps3, qOmegaHeld);
      case 'ca':
        return constantAccelerationModel(layout, spec.q_m2ps5, qOmegaHeld);
      case 'ct':
        return coordinatedTurnModel(layout, spec.q_m2ps3 ?? defaultQ_m2ps3, spec.omega_radps, qOmegaHeld);
      case 'ct-estimated':
        return coordinatedTurnEstimatedModel(layout, spec.q_m2ps3 ?? defaultQ_m2ps3, spec.qOmega_rad2ps3);
      default:
        return fail(`unknown IMM model kind "${(spec as { kind: string }).kind}"`);
    }
  });
  const transition = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) transition[i * r + j] = options.transition[i][j];
  return { layout, models, transition, initialProbabilities: [...p0] };
}
