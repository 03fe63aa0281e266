/**
 * @module outcome/story
 * A threat's story: its outcome record (`outcome/fate`), the verdict sentence rendered from it and the timeline of
 * what happened, step by step, as read from the event log (the web app's story panel).
 */
import type { ThreatOutcome } from './fate.js';

/** What kind of record a story step comes from. */
export type StoryStepKind =
  | 'launch'
  | 'warning'
  | 'detect'
  | 'track'
  | 'assess'
  | 'hold'
  | 'engage'
  | 'interceptor'
  | 'gun'
  | 'fate';

/** One step of a story. */
export interface StoryStep {
  /** Simulation time, s after scenario start. */
  readonly t_s: number;
  readonly kind: StoryStepKind;
  readonly text: string;
}

/** One threat's story: its outcome, the verdict ("leaked: no inventory: battery out of rounds") and its steps. */
export interface ThreatStory extends ThreatOutcome {
  readonly verdict: string;
  readonly steps: readonly StoryStep[];
}
