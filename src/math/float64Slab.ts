/**
 * @module math/float64Slab
 * Fixed-length Float64Array views carved from shared ArrayBuffers, for hot paths that hand out many small vectors or
 * matrices. V8 keeps a typed array's elements on the JS heap only up to 64 bytes (8 doubles); a larger one, such as
 * a 3×3 covariance (72 bytes) or a 6×6 one (288 bytes), gets an off-heap backing store, whose allocation and later
 * finalisation cost about ten times a small one (≈ 2 µs against ≈ 0.2 µs measured on Node 20). A view on a slab
 * shares one backing store among `perSlab` arrays: it behaves as a fresh zero-filled `Float64Array(length)` (own
 * indices, `length`, `subarray`), except that its `buffer` is the slab's, and the slab lives as long as any view.
 */

/** Hands out zero-filled Float64Array views of one length, `perSlab` per ArrayBuffer. */
export class Float64Slab {
  private buffer: ArrayBuffer;
  private next = 0;
  private readonly bytes: number;

  /**
   * @param length elements of every array handed out (> 0)
   * @param perSlab arrays per shared buffer (default 32): more saves allocations, but one live view keeps its whole
   *   slab
   */
  constructor(
    readonly length: number,
    private readonly perSlab = 32,
  ) {
    if (!(Number.isInteger(length) && length > 0 && Number.isInteger(perSlab) && perSlab > 0)) {
      throw new RangeError(`Float64Slab: need integer length and perSlab > 0, got ${length}, ${perSlab}`);
    }
    this.bytes = length * Float64Array.BYTES_PER_ELEMENT;
    this.buffer = new ArrayBuffer(this.bytes * perSlab);
  }

  /**
   * A new zero-filled Float64Array(`length`), a view on the current slab.
   * @example
   * ```ts
   * const covariances = new Float64Slab(9);
   * const cov = covariances.take(); // Float64Array(9), zeros
   * ```
   */
  take(): Float64Array {
    if (this.next === this.perSlab) {
      this.buffer = new ArrayBuffer(this.bytes * this.perSlab);
      this.next = 0;
    }
    return new Float64Array(this.buffer, this.bytes * this.next++, this.length);
  }
}
