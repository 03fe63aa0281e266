/**
 * @module tracking/mtt/deleter/anyDeleter
 * Union of deletion rules: Stone Soup's `CompositeDeleter(deleters, intersect=False)` — a track is deleted when any
 * of the rules fires.
 */
import type { Deleter } from './index.js';

/** Deleter firing when at least one of `deleters` fires (none: never). */
export function anyDeleter(deleters: readonly Deleter[]): Deleter {
  if (deleters.length === 1) return deleters[0];
  return {
    shouldDelete: (consecutiveMisses, positionTrace_m2) =>
      deleters.some((d) => d.shouldDelete(consecutiveMisses, positionTrace_m2)),
  };
}
