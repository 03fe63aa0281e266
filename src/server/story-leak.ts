/**
 * @module server/story-leak
 * Why a leaker was not stopped, from what the story builder gathered per defence unit (docs/layered-defense.md,
 * "Why it leaked"). On a network several units see every threat, and most of them cannot engage it at all (a SHORAD
 * IR round against a rocket, a Patriot against a rocket below its floor); the verdict therefore comes from the most
 * capable unit's view: a unit that fired > a unit that held for a resource (rounds, ammunition, fire channel, a gun
 * busy on other targets) > a unit that held for geometry (envelope, range, altitude, time) > a class mismatch.
 * "Detected late" is measured: the first confirmed track came less than the shortest engagement time of every unit
 * that could have engaged it before the threat's fate (`story-timing`).
 */
import type { SimEvent } from '../sim/events.js';
import type { StoryStep } from './api.js';
import type { StoryTiming } from './story-timing.js';

/** Hold-fire and miss reasons as people read them. */
const REASON_TEXT: Readonly<Record<string, string>> = {
  'no-rounds': 'battery out of rounds',
  'awaiting-launch-window': 'waiting for the launch window',
  'inventory-per-threat-exhausted': 'shot limit per threat reached',
  'no-ground-crossing': 'no predicted impact point',
  'not-finite': 'no firing solution',
  'out-of-envelope': 'outside the interceptor envelope',
  'too-low': 'too low to intercept',
  'too-high': 'too high to intercept',
  'too-far': 'too far to intercept',
  'no-solution': 'no intercept solution in time',
  behind: 'intercept point behind the battery (tail chase)',
  'seeker-look': "outside the seeker's look angle at handover",
  'no-ammo': 'gun out of ammunition',
  'out-of-range': 'out of gun range',
  'no-time': 'no time left to engage',
  lethal: 'lethal',
  'survived-warhead': 'survived the warhead',
  'target-already-destroyed': 'target already destroyed',
  'self-destruct': 'self-destructed (time of flight)',
  ground: 'hit the ground',
  'target-gone': 'target gone',
  'below-min-altitude': 'below minimum intercept altitude',
  'wrong-target-class': 'interceptor cannot engage this class of target',
  'no-fire-channel': 'no free fire channel (all busy on other threats)',
  'engaged-by-other-unit': 'another unit on the network is engaging it',
  'deferred-to-upper-tier': 'left to the upper tier',
  'assessed-killed-by-network': 'assessed killed by another unit',
};

/** A reason code (`no-rounds`) in words (`battery out of rounds`); unknown codes with dashes as spaces. */
export function reasonText(reason: string): string {
  return REASON_TEXT[reason] ?? reason.replace(/-/g, ' ');
}

/** Leak categories: every leaker's reason starts with one of these (then `: ` and the detail). */
export type LeakCategory =
  | 'not detected'
  | 'detected late'
  | 'no fire channel'
  | 'no inventory'
  | 'out of envelope'
  | 'missed'
  | 'not engaged';

/** Hold reasons that say the defence saw the threat too late to intercept it (solutions existed, never in time). */
const LATE_HOLDS: ReadonlySet<string> = new Set(['no-solution', 'no-time']);
/** Hold reasons that say rounds ran out (battery, shot limit per threat, gun). */
const INVENTORY_HOLDS: ReadonlySet<string> = new Set([
  'no-rounds',
  'inventory-per-threat-exhausted',
  'no-ammo',
]);
/** Hold reasons that say the threat's predicted path never entered the weapon's envelope. */
const ENVELOPE_HOLDS: ReadonlySet<string> = new Set([
  'out-of-envelope',
  'too-low',
  'too-high',
  'too-far',
  'behind',
  'seeker-look',
  'out-of-range',
  'no-ground-crossing',
  'not-finite',
  'wrong-target-class',
]);
/** Holds that say the unit cannot engage this class of target at all (never the reason when another unit could). */
const CLASS_HOLDS: ReadonlySet<string> = new Set(['wrong-target-class']);

/** Holds of the layered-C2 ledger (c2/network): another unit has or will have the threat. */
export const NETWORK_HOLDS: ReadonlySet<string> = new Set([
  'engaged-by-other-unit',
  'deferred-to-upper-tier',
  'assessed-killed-by-network',
]);

/** The category of a hold-fire reason (null: the hold explains nothing by itself, e.g. a deferral). */
export function holdCategory(reason: string): LeakCategory | null {
  if (LATE_HOLDS.has(reason)) return 'detected late';
  if (reason === 'no-fire-channel') return 'no fire channel';
  if (INVENTORY_HOLDS.has(reason)) return 'no inventory';
  if (ENVELOPE_HOLDS.has(reason)) return 'out of envelope';
  return null;
}

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

/** What the story builder has gathered about one threat. */
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
  /** Who killed it, in words, from the interceptor or gun record. */
  killedBy: string | null;
  end: SimEvent | null;
}

/** What `leakReason` needs beyond the draft: the units' timing floors and which units are guns. */
export interface LeakContext {
  readonly timing: StoryTiming;
  /** Units that are C-RAM guns (from `gun.burst` records or the timing). */
  readonly guns: ReadonlySet<string>;
}

const RESOURCE_HOLDS: ReadonlySet<string> = new Set([...INVENTORY_HOLDS, 'no-fire-channel']);

/** 3 fired, 2 resource hold, 1 geometry/time or other hold, 0 class mismatch, −1 nothing that explains a leak. */
function rankOf(r: UnitRecord): number {
  if (r.interceptors + r.bursts > 0) return 3;
  if (r.hold === null || NETWORK_HOLDS.has(r.hold)) return -1;
  if (RESOURCE_HOLDS.has(r.hold)) return 2;
  if (CLASS_HOLDS.has(r.hold)) return 0;
  return 1;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Seconds in words, to 0.1 s (the event times' resolution is 0.5 s or finer). */
function seconds(t_s: number): string {
  return `${t_s.toFixed(1)} s`;
}

function fateTime(d: StoryDraft): number | null {
  return d.end === null ? null : d.end.t_s;
}

/**
 * The measured lateness: available = fate − first track; needed = the smallest timing floor over the units that
 * could have engaged it (every unit with a record that is not a class mismatch, plus guns). Null when either is
 * unknown, or when some such unit's floor is unknown (no claim that cannot be backed).
 */
function lateness(
  d: StoryDraft,
  ctx: LeakContext,
): { available_s: number; needed_s: number; unitId: string } | null {
  const fate_s = fateTime(d);
  if (fate_s === null || d.firstTrack_s === null) return null;
  const candidates = new Set<string>();
  for (const [unitId, r] of d.units) if (rankOf(r) !== 0) candidates.add(unitId);
  for (const gun of ctx.guns) candidates.add(gun);
  let best: { needed_s: number; unitId: string } | null = null;
  for (const unitId of candidates) {
    const timing = ctx.timing.get(unitId);
    if (timing === undefined) {
      // a unit that may have engaged but whose floor is unknown: its (unrecorded) view could be the capable one
      if (ctx.guns.has(unitId) || rankOf(d.units.get(unitId) ?? newUnitRecord()) >= 0) return null;
      continue;
    }
    if (best === null || timing.minEngagement_s < best.needed_s)
      best = { needed_s: timing.minEngagement_s, unitId };
  }
  if (best === null) return null;
  return { available_s: fate_s - d.firstTrack_s, ...best };
}

function lateText(late: { available_s: number; needed_s: number; unitId: string }): string {
  return `first track ${seconds(late.available_s)} before impact, ${seconds(late.needed_s)} needed by ${late.unitId}`;
}

/** A gun's busy note: "busy with 3 other targets" from its bursts at other tracks while this one was tracked. */
function busyText(d: StoryDraft, gunId: string): string {
  const n = d.gunOtherTargets.get(gunId) ?? 0;
  return n > 0 ? `busy with ${plural(n, 'other target')}` : 'busy on another target';
}

function lateBurstText(r: UnitRecord): string {
  if (r.lateBursts === 0) return '';
  return r.lateBursts === 1
    ? '; its burst arrived after impact'
    : `; its ${r.lateBursts} bursts arrived after impact`;
}

/** "missed: …" for the units that fired (named when several units were involved). */
function missedText(d: StoryDraft, ctx: LeakContext, named: boolean): string {
  const firers = [...d.units].filter(([, r]) => rankOf(r) === 3).sort((a, b) => a[1].last_s - b[1].last_s);
  const parts = firers.map(([unitId, r]) => {
    if (r.interceptors > 0) {
      const reasons = [...new Set(r.missReasons)].map(reasonText).join(', ');
      const why = reasons ? ` (${reasons})` : '';
      return named
        ? `${unitId} fired ${plural(r.interceptors, 'interceptor')}, none killed it${why}`
        : `${plural(r.interceptors, 'interceptor')} fired, none killed it${why}`;
    }
    const late = r.lateBursts > 0 ? ` (${r.lateBursts} more arrived after impact)` : '';
    const gun = ctx.guns.has(unitId) && named ? `C-RAM ${unitId}` : 'C-RAM';
    return `${gun} fired ${plural(r.bursts, 'burst')}, all missed${late}`;
  });
  const [lastId, last] = firers[firers.length - 1];
  const hold =
    last.hold === null || NETWORK_HOLDS.has(last.hold)
      ? ''
      : `; then ${named ? `${lastId} ` : ''}held fire: ${reasonText(last.hold)}`;
  return `missed: ${parts.join('; ')}${hold}`;
}

/**
 * Why an impact inside a defended footprint was not prevented, as `<category>: <detail>` with the category one of
 * `LeakCategory`: not detected (no radar saw it); missed (rounds or bursts were fired, none killed it); detected
 * late (no confirmed track, or the first track came less than the shortest engagement time before impact, or the
 * most capable unit's hold says no solution in time); otherwise the most capable unit's hold (no fire channel / no
 * inventory / out of envelope), a gun busy on other targets (not engaged), or not engaged. Units are named when more
 * than one unit was involved.
 */
export function leakReason(d: StoryDraft, ctx: LeakContext = { timing: new Map(), guns: new Set() }): string {
  if (!d.detected) return 'not detected: never detected by any radar';
  const fate_s = fateTime(d);
  if (d.trackIds.size === 0) {
    const seen =
      fate_s !== null && d.firstDetect_s !== null
        ? ` (first detected ${seconds(fate_s - d.firstDetect_s)} before impact)`
        : '';
    return `detected late: detected, but no track was confirmed before impact${seen}`;
  }
  // guns that fired at other tracks while this one was tracked, and never held or fired on it
  const busyGuns = [...d.gunOtherTargets].filter(
    ([gunId, n]) => n > 0 && rankOf(d.units.get(gunId) ?? newUnitRecord()) < 0,
  );
  const involved = [...d.units.values()].filter((r) => rankOf(r) >= 0).length + busyGuns.length;
  const named = involved > 1;
  if ([...d.units.values()].some((r) => rankOf(r) === 3)) return missedText(d, ctx, named);
  const late = lateness(d, ctx);
  if (late !== null && late.available_s < late.needed_s) return `detected late: ${lateText(late)}`;
  // the most capable unit's view; among equals the latest
  let best: [string, UnitRecord] | null = null;
  for (const entry of d.units) {
    const rank = rankOf(entry[1]);
    if (rank < 0) continue;
    if (
      best === null ||
      rank > rankOf(best[1]) ||
      (rank === rankOf(best[1]) && entry[1].last_s >= best[1].last_s)
    )
      best = entry;
  }
  const bestRank = best === null ? -1 : rankOf(best[1]);
  if (busyGuns.length > 0 && bestRank < 2) {
    const [gunId] = busyGuns[0];
    return `not engaged: C-RAM ${gunId} ${busyText(d, gunId)}`;
  }
  if (best !== null) {
    const [unitId, r] = best;
    const hold = r.hold as string;
    const category = holdCategory(hold) ?? 'not engaged';
    if (ctx.guns.has(unitId) && hold === 'no-fire-channel')
      return `${category}: C-RAM ${unitId} ${busyText(d, unitId)}${lateBurstText(r)}`;
    const who = named ? `${unitId}: ` : '';
    const numbers = category === 'detected late' && late !== null ? `; ${lateText(late)}` : '';
    return `${category}: ${who}${reasonText(hold)}${numbers}`;
  }
  if (d.assessedIgnore && !d.assessedThreat)
    return 'not engaged: C2 predicted it would miss the defended assets';
  return 'not engaged: no engagement decided';
}
