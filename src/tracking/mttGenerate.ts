/**
 * @module tracking/mttGenerate
 * Seeded generator of `mtt-scenario` v1 files by the rules of docs/formats/mtt.md §1: N targets with nearly
 * constant velocity (NCV) truth, random births and deaths, a position sensor with detection probability Pd and
 * Gaussian noise σ, and Poisson-uniform clutter over the truth bounding box widened by a margin. Detections are
 * shuffled within each scan and numbered globally. With `maneuver`, each target alternates straight legs and
 * coordinated turns (exact constant-turn-rate transition, Bar-Shalom, Li & Kirubarajan 2001 §11.7.1) so that an IMM
 * has something to beat. All randomness comes from `createRng(seed)` streams.
 */

import { createRng, type Rng } from '../math/rng.js';
import type { MeasurementFileHeader, MeasurementScan, TruthScan } from './format/measurementFile.js';
import { defaultStateOrder, positionMapping } from './format/measurementFile.js';

/** Options of {@link generateMeasurementFile}; every field but n and seed has the §1 default. */
export interface MttGenerateOptions {
  /** Number of targets N. */
  readonly n: number;
  /** Root seed of the RNG. */
  readonly seed: number;
  /** Spatial dimension (default 2). */
  readonly dim?: 2 | 3;
  /** Add coordinated-turn segments (default false: pure NCV as in §1). */
  readonly maneuver?: boolean;
  /** Number of scans K (default 100). */
  readonly numScans?: number;
  /** Scan interval, s (default 1). */
  readonly dt_s?: number;
  /** NCV diffusion coefficient q, m²/s³ (default 1). */
  readonly q?: number;
  /** Measurement noise σ per axis, m (default 20). */
  readonly sigma_m?: number;
  /** Probability of detection (default 0.9). */
  readonly pd?: number;
  /** Clutter density per m^dim per scan (default 1e-8 m⁻² in 2-D, 1e-11 m⁻³ in 3-D). */
  readonly clutterDensity?: number;
  /** Mean target spacing, m (default 5000): the start box has side spacing·√N. */
  readonly spacing_m?: number;
  /** Speed range [vmin, vmax], m/s (default [50, 200]). */
  readonly speedRange_mps?: readonly [number, number];
  /** Probability a target exists from scan 0 (default 0.5). */
  readonly pStart?: number;
  /** Probability a target lives to the end (default 0.5). */
  readonly pEnd?: number;
  /** Clutter region margin around the truth bounding box, m (default 1000). */
  readonly margin_m?: number;
  /** 3-D start altitude range, m (default [1000, 10000]). */
  readonly altitudeRange_m?: readonly [number, number];
  /** Maneuver turn-rate magnitude range, rad/s (default 3–6 °/s). */
  readonly turnRateRange_radps?: readonly [number, number];
  /** Maneuver leg length range in scans, inclusive (default [8, 20]). */
  readonly legScans?: readonly [number, number];
}

/** A generated measurement file: the parsed records and the file lines (header, then truth/scan pairs), no newlines. */
export interface GeneratedMeasurementFile {
  readonly header: MeasurementFileHeader;
  readonly truth: readonly TruthScan[];
  readonly scans: readonly MeasurementScan[];
  readonly lines: readonly string[];
}

/** The §1 defaults, as one table. */
export function defaultMttGenerateOptions(
  n: number,
  seed: number,
  dim: 2 | 3 = 2,
): Required<MttGenerateOptions> {
  return {
    n,
    seed,
    dim,
    maneuver: false,
    numScans: 100,
    dt_s: 1,
    q: 1,
    sigma_m: 20,
    pd: 0.9,
    clutterDensity: dim === 3 ? 1e-11 : 1e-8,
    spacing_m: 5000,
    speedRange_mps: [50, 200],
    pStart: 0.5,
    pEnd: 0.5,
    margin_m: 1000,
    altitudeRange_m: [1000, 10000],
    turnRateRange_radps: [(3 * Math.PI) / 180, (6 * Math.PI) / 180],
    legScans: [8, 20],
  };
}

/** Samples w ~ N(0, q·[[dt³/3, dt²/2], [dt²/2, dt]]) per axis via the 2×2 Cholesky factor; adds it to x in place. */
function addNcvNoise(x: number[], dim: number, q: number, dt: number, rng: Rng): void {
  const a = (q * dt ** 3) / 3;
  const b = (q * dt ** 2) / 2;
  const c = q * dt;
  const l11 = Math.sqrt(a);
  const l21 = l11 > 0 ? b / l11 : 0;
  const l22 = Math.sqrt(Math.max(0, c - l21 * l21));
  for (let axis = 0; axis < dim; axis++) {
    const n1 = rng.normal();
    const n2 = rng.normal();
    x[2 * axis] += l11 * n1;
    x[2 * axis + 1] += l21 * n1 + l22 * n2;
  }
}

/** NCV mean step: position += velocity·dt on each axis, in place. */
function ncvStep(x: number[], dim: number, dt: number): void {
  for (let axis = 0; axis < dim; axis++) x[2 * axis] += x[2 * axis + 1] * dt;
}

/**
 * Coordinated turn at rate ω (rad/s, positive counter-clockwise in x–y) for dt, exact; other axes NCV. In place.
 * Bar-Shalom, Li & Kirubarajan (2001) eq. 11.7.1-4.
 */
function turnStep(x: number[], dim: number, omega_radps: number, dt: number): void {
  const s = Math.sin(omega_radps * dt);
  const c = Math.cos(omega_radps * dt);
  const [px, vx, py, vy] = [x[0], x[1], x[2], x[3]];
  x[0] = px + (s / omega_radps) * vx - ((1 - c) / omega_radps) * vy;
  x[1] = c * vx - s * vy;
  x[2] = py + ((1 - c) / omega_radps) * vx + (s / omega_radps) * vy;
  x[3] = s * vx + c * vy;
  for (let axis = 2; axis < dim; axis++) x[2 * axis] += x[2 * axis + 1] * dt;
}

/** Turn rate per scan for one target: alternating straight and turning legs (0 on straight legs), rad/s. */
function turnSchedule(numScans: number, o: Required<MttGenerateOptions>, rng: Rng): Float64Array {
  const rates = new Float64Array(numScans);
  let k = 0;
  let turning = rng.chance(0.5);
  while (k < numScans) {
    const len = rng.integer(o.legScans[0], o.legScans[1]);
    const omega = turning
      ? (rng.chance(0.5) ? 1 : -1) * rng.uniformRange(o.turnRateRange_radps[0], o.turnRateRange_radps[1])
      : 0;
    for (let i = 0; i < len && k < numScans; i++, k++) rates[k] = omega;
    turning = !turning;
  }
  return rates;
}

/** In-place Fisher–Yates shuffle of indices. */
function shuffle(order: number[], rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.integer(0, i);
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
}

/** Target lifetimes and paths (state per scan, null when not alive), drawn from the `targets`/`motion` streams. */
interface TargetDraws {
  readonly birth: number[];
  readonly death: number[];
  readonly paths: (number[] | null)[][];
  /** Side of the initial position box, m. */
  readonly side: number;
}

/** Draws every target's lifetime, initial state, turn schedule and path (see {@link generateMeasurementFile}). */
function drawTargets(o: Required<MttGenerateOptions>, targetRng: Rng, motionRng: Rng): TargetDraws {
  const dim = o.dim;
  const stateDim = 2 * dim;
  const numScans = o.numScans;
  const dt = o.dt_s;
  const side = o.spacing_m * Math.sqrt(o.n);
  const birth: number[] = [];
  const death: number[] = [];
  const paths: (number[] | null)[][] = [];
  for (let id = 0; id < o.n; id++) {
    const b = targetRng.chance(o.pStart) ? 0 : targetRng.integer(1, Math.max(1, Math.floor(numScans / 3)));
    const d = targetRng.chance(o.pEnd)
      ? numScans
      : targetRng.integer(
          Math.floor((2 * numScans) / 3),
          Math.max(Math.floor((2 * numScans) / 3), numScans - 1),
        );
    birth.push(b);
    death.push(d);
    const x = new Array<number>(stateDim).fill(0);
    const speed = targetRng.uniformRange(o.speedRange_mps[0], o.speedRange_mps[1]);
    const heading = targetRng.uniformRange(0, 2 * Math.PI);
    x[0] = targetRng.uniformRange(-side / 2, side / 2);
    x[2] = targetRng.uniformRange(-side / 2, side / 2);
    x[1] = speed * Math.cos(heading);
    x[3] = speed * Math.sin(heading);
    if (dim === 3) x[4] = targetRng.uniformRange(o.altitudeRange_m[0], o.altitudeRange_m[1]);
    const turns = o.maneuver ? turnSchedule(numScans, o, targetRng.fork(`turns:${id}`)) : null;
    const path: (number[] | null)[] = new Array(numScans).fill(null);
    const targetMotion = motionRng.fork(`target:${id}`);
    for (let k = b; k < Math.min(d, numScans); k++) {
      if (k > b) {
        const omega = turns === null ? 0 : turns[k];
        if (omega === 0) ncvStep(x, dim, dt);
        else turnStep(x, dim, omega, dt);
        addNcvNoise(x, dim, o.q, dt, targetMotion);
      }
      path[k] = x.slice();
    }
    paths.push(path);
  }

  return { birth, death, paths, side };
}

/** Truth per scan, and the clutter region: the truth bounding box widened by the margin. */
function truthAndRegion(
  o: Required<MttGenerateOptions>,
  paths: readonly (number[] | null)[][],
): { truth: TruthScan[]; truthStates: number; regionMin: number[]; regionMax: number[] } {
  const dim = o.dim;
  const mapping = positionMapping(dim);
  const numScans = o.numScans;
  const dt = o.dt_s;
  const regionMin = new Array<number>(dim).fill(Number.POSITIVE_INFINITY);
  const regionMax = new Array<number>(dim).fill(Number.NEGATIVE_INFINITY);
  const truth: TruthScan[] = [];
  let truthStates = 0;
  for (let k = 0; k < numScans; k++) {
    const ids: number[] = [];
    const xs: number[][] = [];
    for (let id = 0; id < o.n; id++) {
      const x = paths[id][k];
      if (x === null) continue;
      ids.push(id);
      xs.push(x);
      for (let a = 0; a < dim; a++) {
        regionMin[a] = Math.min(regionMin[a], x[mapping[a]]);
        regionMax[a] = Math.max(regionMax[a], x[mapping[a]]);
      }
    }
    truthStates += ids.length;
    truth.push({ k, t: k * dt, ids, x: xs });
  }
  for (let a = 0; a < dim; a++) {
    if (!Number.isFinite(regionMin[a])) {
      regionMin[a] = 0;
      regionMax[a] = 0;
    }
    regionMin[a] -= o.margin_m;
    regionMax[a] += o.margin_m;
  }

  return { truth, truthStates, regionMin, regionMax };
}

/** Detections per scan: target returns with P_D, Poisson clutter in the region, shuffled, numbered globally. */
function drawDetections(
  o: Required<MttGenerateOptions>,
  truth: readonly TruthScan[],
  region: { readonly regionMin: number[]; readonly regionMax: number[]; readonly meanClutter: number },
  detectRng: Rng,
  clutterRng: Rng,
): { scans: MeasurementScan[]; targetDetections: number; clutterCount: number } {
  const { regionMin, regionMax, meanClutter } = region;
  const mapping = positionMapping(o.dim);
  const numScans = o.numScans;
  const dt = o.dt_s;
  const scans: MeasurementScan[] = [];
  let nextId = 0;
  let targetDetections = 0;
  let clutterCount = 0;
  for (let k = 0; k < numScans; k++) {
    const z: number[][] = [];
    const origin: number[] = [];
    const tr = truth[k];
    for (let i = 0; i < tr.ids.length; i++) {
      if (!detectRng.chance(o.pd)) continue;
      z.push(mapping.map((m) => tr.x[i][m] + o.sigma_m * detectRng.normal()));
      origin.push(tr.ids[i]);
    }
    targetDetections += z.length;
    const nClutter = clutterRng.poisson(meanClutter);
    for (let i = 0; i < nClutter; i++) {
      z.push(regionMin.map((lo, a) => clutterRng.uniformRange(lo, regionMax[a])));
      origin.push(-1);
    }
    clutterCount += nClutter;
    const order = z.map((_, i) => i);
    shuffle(order, detectRng);
    const ids = order.map(() => nextId++);
    scans.push({ k, t: k * dt, ids, z: order.map((i) => z[i]), origin: order.map((i) => origin[i]) });
  }

  return { scans, targetDetections, clutterCount };
}

/** What the header records beside the options: the draws, the clutter region and the counts. */
interface GeneratedFacts {
  readonly targets: TargetDraws;
  readonly regionMin: number[];
  readonly regionMax: number[];
  readonly regionVolume: number;
  readonly meanClutter: number;
  readonly truthStates: number;
  readonly targetDetections: number;
  readonly clutterCount: number;
}

/** The measurement-file header of a generated file (formats/mtt.md §1, with the generator's bookkeeping). */
function generatedHeader(o: Required<MttGenerateOptions>, facts: GeneratedFacts): MeasurementFileHeader {
  const dim = o.dim;
  const stateDim = 2 * dim;
  const mapping = positionMapping(dim);
  const numScans = o.numScans;
  const dt = o.dt_s;
  const { regionMin, regionMax, regionVolume, meanClutter, truthStates, targetDetections, clutterCount } =
    facts;
  const { side, birth, death } = facts.targets;
  return {
    type: 'header',
    format: 'mtt-scenario',
    version: 1,
    generator: 'aspis src/tracking/mttGenerate.ts (xoroshiro128+ via createRng)',
    seed: o.seed,
    dim,
    state_dim: stateDim,
    meas_dim: dim,
    state_order: defaultStateOrder(dim),
    t0: 0,
    dt,
    num_scans: numScans,
    time_of_scan: 't = t0 + k*dt',
    motion: {
      model: o.maneuver ? 'ncv-ct' : 'ncv',
      q: o.q,
      F_per_axis: [
        [1, dt],
        [0, 1],
      ],
      Q_per_axis: [
        [(o.q * dt ** 3) / 3, (o.q * dt ** 2) / 2],
        [(o.q * dt ** 2) / 2, o.q * dt],
      ],
      description: o.maneuver
        ? `NCV (F, Q as ncv) plus coordinated-turn legs in x-y: alternating straight and turning legs of ` +
          `U{${o.legScans[0]}..${o.legScans[1]}} scans, |omega| ~ U[${o.turnRateRange_radps[0]}, ` +
          `${o.turnRateRange_radps[1]}] rad/s, random sign`
        : 'per axis F=[[1,dt],[0,1]], Q=q*[[dt^3/3,dt^2/2],[dt^2/2,dt]]; block-diagonal over axes (Stone Soup ConstantVelocity)',
    },
    sensor: {
      type: 'position',
      mapping,
      sigma: o.sigma_m,
      R: mapping.map((_, i) => mapping.map((__, j) => (i === j ? o.sigma_m ** 2 : 0))),
      pd: o.pd,
    },
    clutter: {
      model: 'poisson-uniform',
      density: o.clutterDensity,
      density_units: 'per m^dim per scan',
      region: { min: regionMin, max: regionMax },
      region_volume: regionVolume,
      mean_per_scan: meanClutter,
      region_rule: 'bounding box of all truth positions widened by margin',
      margin: o.margin_m,
    },
    targets: {
      num: o.n,
      spacing: o.spacing_m,
      init_box_side: side,
      speed_range: [o.speedRange_mps[0], o.speedRange_mps[1]],
      p_start: o.pStart,
      p_end: o.pEnd,
      birth_rule: `0 with p_start else U{1..${Math.floor(numScans / 3)}}`,
      death_rule: `${numScans} (end) with p_end else U{${Math.floor((2 * numScans) / 3)}..${numScans - 1}}`,
      birth,
      death,
    },
    totals: {
      truth_states: truthStates,
      detections: targetDetections + clutterCount,
      target_detections: targetDetections,
      clutter: clutterCount,
    },
  };
}

/**
 * Generates an `mtt-scenario` v1 measurement file (formats/mtt.md §1). Same options ⇒ identical text. Birth: scan 0
 * with p_start, else U{1..K//3}; death: K with p_end, else U{2K//3..K−1}; alive for birth ≤ k < death. Each target's
 * state is drawn at its birth scan and propagated with the NCV F and Q (plus turns when `maneuver`).
 */
export function generateMeasurementFile(options: MttGenerateOptions): GeneratedMeasurementFile {
  const o: Required<MttGenerateOptions> = {
    ...defaultMttGenerateOptions(options.n, options.seed, options.dim ?? 2),
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as Required<MttGenerateOptions>;
  if (!Number.isInteger(o.n) || o.n < 0) throw new RangeError(`n must be a non-negative integer, got ${o.n}`);
  const root = createRng(o.seed);
  const targets = drawTargets(o, root.fork('targets'), root.fork('motion'));
  const { truth, truthStates, regionMin, regionMax } = truthAndRegion(o, targets.paths);
  const regionVolume = regionMin.reduce((v, lo, a) => v * (regionMax[a] - lo), 1);
  const meanClutter = o.clutterDensity * regionVolume;
  const { scans, targetDetections, clutterCount } = drawDetections(
    o,
    truth,
    { regionMin, regionMax, meanClutter },
    root.fork('detect'),
    root.fork('clutter'),
  );
  const header = generatedHeader(o, {
    targets,
    regionMin,
    regionMax,
    regionVolume,
    meanClutter,
    truthStates,
    targetDetections,
    clutterCount,
  });
  const lines: string[] = [JSON.stringify(header)];
  for (let k = 0; k < o.numScans; k++) {
    lines.push(JSON.stringify({ type: 'truth', ...truth[k] }));
    lines.push(JSON.stringify({ type: 'scan', ...scans[k] }));
  }
  return { header, truth, scans, lines };
}
