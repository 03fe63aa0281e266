/**
 * @module report/why
 * Why each threat ended as it did, for the terminal, HTML and Markdown reports: each threat's outcome record
 * (`outcome/`, with the scenario's engagement-time floors when the scenario is at hand), its verdict split for
 * display, the counts per leak category and the run notes (radar saturation, network deferrals; `report/runNotes`).
 * Everything here is read from the outcome records; nothing is re-derived.
 */
import {
  buildOutcomes,
  countLeakCategories,
  LEAK_CATEGORIES,
  LEAK_CATEGORY_LABEL,
  type LeakCategory,
  storyTimingOf,
  type ThreatOutcome,
  verdictParts,
  verdictText,
} from '../outcome/index.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../sim/engine.js';
import type { SimEvent } from '../world/events.js';
import { runNotes } from './runNotes.js';

/** One threat's verdict, split for display. */
export interface ThreatWhy {
  /** The outcome record the verdict renders. */
  readonly outcome: ThreatOutcome;
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
  /** Each launched threat's outcome, in launch order. */
  readonly outcomes: readonly ThreatOutcome[];
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

/** A category as the reports print it ("no inventory"). */
export function categoryLabel(category: LeakCategory): string {
  return LEAK_CATEGORY_LABEL[category];
}

/** The verdicts, category counts and notes of a run's outcomes (`events` for the run notes). */
export function reportWhyOf(outcomes: readonly ThreatOutcome[], events: readonly SimEvent[]): ReportWhy {
  const threats = new Map<string, ThreatWhy>();
  for (const o of outcomes)
    threats.set(o.threatId, {
      outcome: o,
      verdict: verdictText(o),
      leaked: o.leaked,
      category: o.category,
      ...verdictParts(o),
    });
  return {
    outcomes,
    threats,
    counts: countLeakCategories(outcomes),
    leakers: outcomes.filter((o) => o.leaked).length,
    categories: LEAK_CATEGORIES,
    notes: runNotes(events),
  };
}

/**
 * The verdicts, category counts and notes of one run.
 * @param scenario the scenario the run used (its units' engagement-time floors measure "detected late"); null: the
 *   batteries' own plans in the log stand in (`storyTimingFromEvents`), as for a stored run
 */
export function reportWhy(result: RunResult, scenario: Scenario | null): ReportWhy {
  const outcomes = buildOutcomes(result.events, scenario === null ? undefined : storyTimingOf(scenario));
  return reportWhyOf(outcomes, result.events);
}
