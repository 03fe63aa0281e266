/**
 * @module outcome/why
 * Why a leaker was not stopped, as data (docs/layered-defense.md, "Why it leaked"; docs/outcomes.md). On a network
 * several units see every threat, and most of them cannot engage it at all (a SHORAD IR round against a rocket, a
 * Patriot against a rocket below its floor); the explanation therefore comes from the most capable unit's view: a
 * unit that fired > a unit that held for a resource (rounds, ammunition, fire channel, a gun busy on other targets)
 * > a unit that held for geometry (envelope, range, altitude, time) > a class mismatch. "Detected late" is measured:
 * the first confirmed track came less than the shortest engagement time of every unit that could have engaged it
 * before the threat's fate (`outcome/timing`).
 */
import type { Lateness, LeakWhy, OutcomeCode, UnitEffort } from './fate.js';
import { type LeakCategory, reasonEntry } from './reasons.js';
import { type LeakContext, newUnitRecord, type StoryDraft, type UnitRecord } from './record.js';

/** 3 fired, 2 resource hold, 1 geometry/time or other hold, 0 class mismatch, −1 nothing that explains a leak. */
function rankOf(r: UnitRecord): number {
  if (r.interceptors + r.bursts > 0) return 3;
  if (r.hold === null) return -1;
  const c = reasonEntry(r.hold).class;
  if (c === 'network') return -1;
  if (c === 'inventory' || c === 'channel') return 2;
  if (c === 'class') return 0;
  return 1;
}

/** Code and category of a unit's deciding hold (an unclassed or unknown hold: not engaged). */
const HOLD_OUTCOME: Readonly<
  Record<ReturnType<typeof reasonEntry>['class'], { code: OutcomeCode; category: LeakCategory }>
> = {
  late: { code: 'detected-late', category: 'detected-late' },
  inventory: { code: 'no-inventory', category: 'no-inventory' },
  channel: { code: 'no-fire-channel', category: 'no-fire-channel' },
  envelope: { code: 'out-of-envelope', category: 'out-of-envelope' },
  class: { code: 'wrong-target-class', category: 'out-of-envelope' },
  network: { code: 'not-engaged', category: 'not-engaged' },
  other: { code: 'not-engaged', category: 'not-engaged' },
  kill: { code: 'not-engaged', category: 'not-engaged' },
  miss: { code: 'not-engaged', category: 'not-engaged' },
};

function fateTime(d: StoryDraft): number | null {
  return d.end === null ? null : d.end.t_s;
}

/**
 * The measured lateness: available = fate − first track; needed = the smallest timing floor over the units that
 * could have engaged it (every unit with a record that is not a class mismatch, plus guns). Null when either is
 * unknown, or when some such unit's floor is unknown (no claim that cannot be backed).
 */
function lateness(d: StoryDraft, ctx: LeakContext): Lateness | null {
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

function effort(unitId: string, r: UnitRecord, ctx: LeakContext): UnitEffort {
  return {
    unitId,
    gun: ctx.guns.has(unitId),
    interceptors: r.interceptors,
    bursts: r.bursts,
    lateBursts: r.lateBursts,
    missReasons: [...new Set(r.missReasons)],
    hold: r.hold,
    last_s: r.last_s,
  };
}

/** A leak explanation with the fields a case does not use left empty. */
function why(
  category: LeakCategory,
  code: OutcomeCode,
  rest: Partial<Omit<LeakWhy, 'category' | 'code'>> = {},
): LeakWhy {
  return {
    category,
    code,
    unitId: null,
    cause: null,
    named: false,
    firers: [],
    hold: null,
    late: null,
    busy: null,
    detectedBeforeFate_s: null,
    ...rest,
  };
}

/** The units that fired, in order of their last record, and the last one's own later hold. */
function missed(d: StoryDraft, ctx: LeakContext, named: boolean, late: Lateness | null): LeakWhy {
  const firers = [...d.units].filter(([, r]) => rankOf(r) === 3).sort((a, b) => a[1].last_s - b[1].last_s);
  const [lastId, last] = firers[firers.length - 1];
  const hold =
    last.hold === null || reasonEntry(last.hold).class === 'network'
      ? null
      : { unitId: lastId, reason: last.hold };
  return why('missed', 'missed', {
    unitId: lastId,
    // the miss itself is the cause (the later hold is `hold`): the last firer's latest miss reason
    cause: last.missReasons.length > 0 ? last.missReasons[last.missReasons.length - 1] : null,
    named,
    firers: firers.map(([unitId, r]) => effort(unitId, r, ctx)),
    hold,
    late,
  });
}

/**
 * Why an impact inside a defended footprint was not prevented: not detected (no radar saw it); missed (rounds or
 * bursts were fired, none killed it); detected late (no confirmed track, or the first track came less than the
 * shortest engagement time before impact, or the most capable unit's hold says no solution in time); otherwise the
 * most capable unit's hold (no fire channel / no inventory / out of envelope), a gun busy on other targets (not
 * engaged), or not engaged.
 */
export function explainLeak(
  d: StoryDraft,
  ctx: LeakContext = { timing: new Map(), guns: new Set() },
): LeakWhy {
  if (!d.detected) return why('not-detected', 'not-detected');
  const fate_s = fateTime(d);
  if (d.trackIds.size === 0) {
    const before_s = fate_s !== null && d.firstDetect_s !== null ? fate_s - d.firstDetect_s : null;
    return why('detected-late', 'no-track', { detectedBeforeFate_s: before_s });
  }
  // guns that fired at other tracks while this one was tracked, and never held or fired on it
  const busyGuns = [...d.gunOtherTargets].filter(
    ([gunId, n]) => n > 0 && rankOf(d.units.get(gunId) ?? newUnitRecord()) < 0,
  );
  const involved = [...d.units.values()].filter((r) => rankOf(r) >= 0).length + busyGuns.length;
  const named = involved > 1;
  const late = lateness(d, ctx);
  if ([...d.units.values()].some((r) => rankOf(r) === 3)) return missed(d, ctx, named, late);
  if (late !== null && late.available_s < late.needed_s)
    return why('detected-late', 'detected-late', { unitId: late.unitId, named, late });
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
    const [gunId, otherTargets] = busyGuns[0];
    const lateBursts = d.units.get(gunId)?.lateBursts ?? 0;
    return why('not-engaged', 'gun-busy', {
      unitId: gunId,
      named,
      late,
      busy: { unitId: gunId, otherTargets, lateBursts },
    });
  }
  if (best !== null) {
    const [unitId, r] = best;
    const hold = r.hold as string;
    const { code, category } = HOLD_OUTCOME[reasonEntry(hold).class];
    const common = { unitId, cause: hold, named, hold: { unitId, reason: hold }, late };
    if (ctx.guns.has(unitId) && reasonEntry(hold).class === 'channel') {
      const busy = { unitId, otherTargets: d.gunOtherTargets.get(unitId) ?? 0, lateBursts: r.lateBursts };
      return why(category, 'gun-busy', { ...common, busy });
    }
    return why(category, code, common);
  }
  if (d.assessedIgnore && !d.assessedThreat) return why('not-engaged', 'predicted-miss', { named, late });
  return why('not-engaged', 'not-engaged', { named, late });
}
