/**
 * @module outcome/record
 * What the outcome builder gathers about one threat while it reads the event log: the draft (detections, tracks,
 * C2 assessments, the end event) and one record per defence unit (its holds, interceptors, bursts, miss reasons).
 * `outcome/why` turns a finished draft into the leak explanation; `outcome/build` fills drafts from events.
 */
import type { SimEvent } from '../world/events.js';
import type { StoryStep } from './story.js';
import type { StoryTiming } from './timing.js';

/** One defence unit's record against one threat, up to the threat's fate. */
export interface UnitRecord {
  /** Last hold that explains something (a network deferral never overwrites one); null again once the unit engages. */
  hold: string | null;
  /** Interceptors it launched at the threat. */
  interceptors: number;
  /** Gun bursts whose rounds arrived at or before the threat's fate. */
  bursts: number;
  /** Gun bursts on the threat's track whose rounds arrived after its fate (at nothing). */
  lateBursts: number;
  /** Why its interceptors failed (`interceptor.end` reasons). */
  missReasons: string[];
  /** Time of its latest record on the threat, s. */
  last_s: number;
}

/** A fresh, empty unit record. */
export function newUnitRecord(): UnitRecord {
  return {
    hold: null,
    interceptors: 0,
    bursts: 0,
    lateBursts: 0,
    missReasons: [],
    last_s: Number.NEGATIVE_INFINITY,
  };
}

/** Who killed the threat, from the interceptor or gun record. */
export interface KillDraft {
  readonly kind: 'interceptor' | 'gun';
  readonly by: string;
  readonly unitId: string;
  readonly miss_m: number | null;
  readonly range_m: number | null;
}

/** What the outcome builder has gathered about one threat. */
export interface StoryDraft {
  threatId: string;
  threatType: string;
  targetAssetId: string | null;
  launch_s: number;
  steps: StoryStep[];
  trackIds: Set<string>;
  detected: boolean;
  /** First radar detection, s (null: none). */
  firstDetect_s: number | null;
  /** First confirmed track (or first C2 record on one of its tracks), s (null: none). */
  firstTrack_s: number | null;
  assessedThreat: boolean;
  assessedIgnore: boolean;
  /** Each unit's record against this threat, by unit id. */
  units: Map<string, UnitRecord>;
  /** Gun unit id → how many other tracks it fired at while this threat was tracked and airborne. */
  gunOtherTargets: Map<string, number>;
  /** Who killed it, from the interceptor or gun record. */
  killedBy: KillDraft | null;
  end: SimEvent | null;
}

/** What the leak explanation needs beyond the draft: the units' timing floors and which units are guns. */
export interface LeakContext {
  readonly timing: StoryTiming;
  /** Units that are C-RAM guns (from `gun.burst` records or the timing). */
  readonly guns: ReadonlySet<string>;
}
