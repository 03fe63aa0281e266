/**
 * @module outcome
 * Each threat's outcome as data, built from the event log's truth ids (docs/outcomes.md): fate, stable reason
 * code, leak category, responsible unit and numbers (`fate`), the one reason table (`reasons`), the leak
 * explanation (`why`), the builder (`build`), the verdict sentence rendered from the record (`verdict`), the
 * engagement-time floors behind "detected late" (`timing`) and the `run --json` object (`runJson`). Every front end
 * (terminal, Markdown, HTML, web app, run store, exports) renders these records; none re-derives them.
 */
export { attributeTracks, buildOutcomes, buildStories } from './build.js';
export { countLeakCategories } from './counts.js';
export type {
  KillRecord,
  Lateness,
  LeakWhy,
  OutcomeCode,
  ShotRecord,
  ThreatFate,
  ThreatOutcome,
  UnitEffort,
} from './fate.js';
export {
  holdCategory,
  isKnownReason,
  isNetworkHold,
  LEAK_CATEGORIES,
  LEAK_CATEGORY_LABEL,
  type LeakCategory,
  type ReasonClass,
  reasonEntry,
  reasonText,
} from './reasons.js';
export { type RunJson, type RunJsonOptions, runToJson, type WhyJson, whyJson } from './runJson.js';
export type { StoryStep, StoryStepKind, ThreatStory } from './story.js';
export {
  minFlyout_s,
  type StoryTiming,
  storyTimingFromEvents,
  storyTimingOf,
  type UnitTiming,
} from './timing.js';
export { kmText, leakText, verdictParts, verdictText } from './verdict.js';
export { explainLeak } from './why.js';
