/**
 * @module math/optimize
 * One-dimensional golden-section search (Kiefer 1953; Press et al., *Numerical Recipes* §10.2) for unimodal
 * functions on an interval — used for a missile type's best pitch-over, a rocket's max-range elevation and the
 * covariance-intersection weight.
 */

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Argument of the maximum of a unimodal `f` on [lo, hi], to within `tolerance`. */
export function goldenMax(f: (x: number) => number, lo: number, hi: number, tolerance: number): number {
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  return 0.5 * (a + b);
}

/** Argument of the minimum of a unimodal `f` on [lo, hi], to within `tolerance`. */
export function goldenMin(f: (x: number) => number, lo: number, hi: number, tolerance: number): number {
  return goldenMax((x) => -f(x), lo, hi, tolerance);
}
