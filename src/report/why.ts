/**
 * @module report/why
 * Why each threat ended as it did, for the HTML and Markdown reports: the same threat stories as the terminal's
 * "why" column (`server/story`, with the scenario's engagement-time floors when the scenario is at hand), each
 * leaker's category (`server/leak-category`), the counts per category, and the run notes (radar saturation,
 * network deferrals; `report/runNotes`).
 */
import type { Scenario } from '../scenario/types.js';
import { countLeakCategories, LEAK_CATEGORIES, leakCategoryOf } from '../server/leak-category.js';
import { buildStories, type LeakCategory } from '../server/story.js';
import { storyTimingOf } from '../server/story-timing.js';
import type { RunResult } from '../sim/engine.js';
import { runNotes } from './runNotes.js';

/** One threat's verdict, split for display. */
export interface ThreatWhy {
  /** The whole verdict, as the terminal prints it ("leaked: no inventory: battery out of rounds"). */
  readonly verdict: string;
  /** True when it impacted inside a defended asset's footprint. */
  readonly leaked: boolean;
  /** The leak category (leakers only). */
  readonly category: LeakCategory | null;
  /** What a reader should see first: "leaked: no inventory" for a leaker, else the whole verdict. */
  readonly head: string;
  /** The rest after the head's `: ` (empty when none). */
  readonly detail: string;
}

/** What the reports show about why threats leaked. */
export interface ReportWhy {
  /** Threat id → its verdict. */
  readonly threats: ReadonlyMap<string, ThreatWhy>;
  /** Leakers per category (every category present) and in all. */
  readonly counts: Readonly<Record<LeakCategory, number>>;
  readonly leakers: number;
  /** Categories in report order. */
  readonly categories: readonly LeakCategory[];
  /** One line each: saturated radars, network deferrals. */
  readonly notes: readonly string[];
}

/** Splits a verdict after its category: "leaked: no inventory" + "battery out of rounds". */
export function splitVerdict(
  verdict: string,
  category: LeakCategory | null,
): { head: string; detail: string } {
  if (category === null) return { head: verdict, detail: '' };
  const head = `leaked: ${category}`;
  const detail = verdict.slice(head.length).replace(/^:\s*/, '');
  return { head, detail };
}

/**
 * The verdicts, category counts and notes of one run.
 * @param scenario the scenario the run used (its units' engagement-time floors measure "detected late"); null: the
 *   batteries' own plans in the log stand in (`storyTimingFromEvents`), as for a stored run
 */
export function reportWhy(result: RunResult, scenario: Scenario | null): ReportWhy {
  const stories = buildStories(
    result.events,
    result.paths,
    scenario === null ? undefined : storyTimingOf(scenario),
  );
  const threats = new Map<string, ThreatWhy>();
  for (const s of stories) {
    const category = s.leaked ? leakCategoryOf(s.verdict) : null;
    threats.set(s.threatId, {
      verdict: s.verdict,
      leaked: s.leaked,
      category,
      ...splitVerdict(s.verdict, category),
    });
  }
  return {
    threats,
    counts: countLeakCategories(stories.filter((s) => s.leaked)),
    leakers: stories.filter((s) => s.leaked).length,
    categories: LEAK_CATEGORIES,
    notes: runNotes(result.events),
  };
}
