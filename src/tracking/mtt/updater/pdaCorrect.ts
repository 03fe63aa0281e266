/**
 * @module tracking/mtt/updater/pdaCorrect
 * The (probabilistic data association) Kalman correction shared by every updater (Bar-Shalom, Daum & Huang, "The
 * probabilistic data association filter", IEEE CSM 29(6), 2009, eqs. 27–33): with gain K, innovation covariance S,
 * innovations ν_i and weights β_i (β₀ = none is the target's),
 * x⁺ = x⁻ + K ν̄, ν̄ = Σ β_i ν_i,
 * P⁺ = P⁻ − (1 − β₀) K S Kᵀ + K (Σ β_i ν_i ν_iᵀ − ν̄ ν̄ᵀ) Kᵀ.
 * With one detection and β = (0, 1) this is the standard update x⁺ = x⁻ + K ν, P⁺ = P⁻ − K S Kᵀ (Stone Soup's form).
 */
import { mulInto, mulTransInto, symmetrizeAt } from '../smallMatrix.js';

/** Scratch of {@link pdaCorrect}. */
export interface PdaWork {
  readonly nuBar: Float64Array;
  readonly C: Float64Array;
  readonly KC: Float64Array;
  readonly KCKt: Float64Array;
}

/** Allocate {@link PdaWork} for dimensions n, m. */
export function createPdaWork(n: number, m: number): PdaWork {
  return {
    nuBar: new Float64Array(m),
    C: new Float64Array(m * m),
    KC: new Float64Array(n * m),
    KCKt: new Float64Array(n * n),
  };
}

/**
 * Correct (x at xOff, P at pOff) in place with gain K (n×m), S (m×m) and `count` innovations `nu` (stride m);
 * `beta` null means one innovation with β = (0, 1).
 */
export function pdaCorrect(
  work: PdaWork,
  x: Float64Array,
  xOff: number,
  P: Float64Array,
  pOff: number,
  n: number,
  m: number,
  K: Readonly<Float64Array>,
  S: Readonly<Float64Array>,
  nu: Readonly<Float64Array>,
  count: number,
  beta: Readonly<Float64Array> | null,
): void {
  const { nuBar, C, KC, KCKt } = work;
  const beta0 = beta === null ? 0 : beta[0];
  // combined innovation
  nuBar.fill(0);
  for (let i = 0; i < count; i++) {
    const b = beta === null ? 1 : beta[1 + i];
    for (let a = 0; a < m; a++) nuBar[a] += b * nu[i * m + a];
  }
  // C = −(1 − β₀) S + Σ β_i ν_i ν_iᵀ − ν̄ ν̄ᵀ (the spread term vanishes for a single detection)
  for (let a = 0; a < m * m; a++) C[a] = -(1 - beta0) * S[a];
  if (beta !== null) {
    for (let i = 0; i < count; i++) {
      const b = beta[1 + i];
      if (b === 0) continue;
      for (let a = 0; a < m; a++)
        for (let c = 0; c < m; c++) C[a * m + c] += b * nu[i * m + a] * nu[i * m + c];
    }
    for (let a = 0; a < m; a++) for (let c = 0; c < m; c++) C[a * m + c] -= nuBar[a] * nuBar[c];
  }
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let a = 0; a < m; a++) s += K[r * m + a] * nuBar[a];
    x[xOff + r] += s;
  }
  mulInto(KC, K, 0, C, 0, n, m, m);
  mulTransInto(KCKt, KC, 0, K, 0, n, m, n);
  for (let i = 0; i < n * n; i++) P[pOff + i] += KCKt[i];
  symmetrizeAt(P, pOff, n);
}
