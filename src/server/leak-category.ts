/**
 * @module server/leak-category
 * The leak category of a threat story, read back from its verdict text (`leaked: <category>: <detail>`, built by
 * `story-leak`), and the per-category counts the reports show under "Why threats leaked". Reading the category from
 * the verdict, not re-deriving it, keeps the reports' counts identical to the "why" column by construction.
 */
import type { ThreatStory } from './api.js';
import type { LeakCategory } from './story-leak.js';

/** Every leak category, in the order the reports list them (a record, so a new category fails to compile here). */
const CATEGORY_ORDER: Readonly<Record<LeakCategory, number>> = {
  'not detected': 0,
  'detected late': 1,
  'no fire channel': 2,
  'no inventory': 3,
  'out of envelope': 4,
  missed: 5,
  'not engaged': 6,
};

/** The leak categories in report order. */
export const LEAK_CATEGORIES: readonly LeakCategory[] = (Object.keys(CATEGORY_ORDER) as LeakCategory[]).sort(
  (a, b) => CATEGORY_ORDER[a] - CATEGORY_ORDER[b],
);

/** Prefix of every leaker's verdict (`story.ts`, `verdictOf`). */
const LEAKED_PREFIX = 'leaked: ';

/**
 * The category of a story verdict: the segment between `leaked: ` and the next `: ` (e.g. "leaked: no inventory:
 * battery out of rounds" → `no inventory`). Null for verdicts that are not leaks (killed, failed, impacted outside
 * the assets, airborne) and for a leak whose first segment names no known category.
 */
export function leakCategoryOf(verdict: string): LeakCategory | null {
  if (!verdict.startsWith(LEAKED_PREFIX)) return null;
  const rest = verdict.slice(LEAKED_PREFIX.length);
  const end = rest.indexOf(':');
  const segment = end < 0 ? rest : rest.slice(0, end);
  return Object.hasOwn(CATEGORY_ORDER, segment) ? (segment as LeakCategory) : null;
}

/** How many leakers fall in each category (every category present, zero when none), from the stories' verdicts. */
export function countLeakCategories(
  stories: readonly Pick<ThreatStory, 'verdict'>[],
): Record<LeakCategory, number> {
  const counts = Object.fromEntries(LEAK_CATEGORIES.map((c) => [c, 0])) as Record<LeakCategory, number>;
  for (const s of stories) {
    const category = leakCategoryOf(s.verdict);
    if (category !== null) counts[category]++;
  }
  return counts;
}
