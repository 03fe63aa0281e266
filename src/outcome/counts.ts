/**
 * @module outcome/counts
 * Leakers per leak category, counted from the outcome records (the same records every report's "why" column
 * renders, so the counts and the column agree by construction).
 */
import type { ThreatOutcome } from './fate.js';
import { LEAK_CATEGORIES, type LeakCategory } from './reasons.js';

/** How many leakers fall in each category (every category present, zero when none). */
export function countLeakCategories(
  outcomes: readonly Pick<ThreatOutcome, 'category'>[],
): Record<LeakCategory, number> {
  const counts = Object.fromEntries(LEAK_CATEGORIES.map((c) => [c, 0])) as Record<LeakCategory, number>;
  for (const o of outcomes) if (o.category !== null) counts[o.category]++;
  return counts;
}
