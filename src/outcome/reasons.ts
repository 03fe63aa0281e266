/**
 * @module outcome/reasons
 * The one table from the engine's reason strings (a `c2.holdFire` reason, an `interceptor.end` reason) to what they
 * mean for a threat's outcome: the words people read and the class that decides the leak category
 * (docs/outcomes.md, "Reason table"). A new engine reason is one row here; a reason the table does not know yet
 * still renders (dashes as spaces) and counts as an unexplained hold ("not engaged") or a plain miss, never a crash.
 */

/** Leak categories (stable ids, in report order): every leaker has exactly one. */
export const LEAK_CATEGORIES = [
  'not-detected',
  'detected-late',
  'no-fire-channel',
  'no-inventory',
  'out-of-envelope',
  'missed',
  'not-engaged',
] as const;

/** One leak category (see {@link LEAK_CATEGORIES}). */
export type LeakCategory = (typeof LEAK_CATEGORIES)[number];

/** Each category as the reports print it ("no inventory"). */
export const LEAK_CATEGORY_LABEL: Readonly<Record<LeakCategory, string>> = {
  'not-detected': 'not detected',
  'detected-late': 'detected late',
  'no-fire-channel': 'no fire channel',
  'no-inventory': 'no inventory',
  'out-of-envelope': 'out of envelope',
  missed: 'missed',
  'not-engaged': 'not engaged',
};

/**
 * What a reason string says about the engagement:
 * - `late`: solutions existed, never in time (→ detected late);
 * - `inventory`: rounds ran out (→ no inventory); `channel`: every fire channel busy (→ no fire channel);
 * - `envelope`: the predicted path never entered the weapon's envelope (→ out of envelope); `class`: the weapon
 *   cannot engage this class of target at all (→ out of envelope, and never the reason when another unit could);
 * - `network`: another unit on the network has or will have it (explains nothing by itself);
 * - `other`: a hold that explains nothing by itself (→ not engaged when nothing better does);
 * - `kill` / `miss`: an interceptor's end.
 */
export type ReasonClass =
  | 'late'
  | 'inventory'
  | 'channel'
  | 'envelope'
  | 'class'
  | 'network'
  | 'other'
  | 'kill'
  | 'miss';

/** One row of the reason table. */
export interface ReasonEntry {
  /** The reason in words ("battery out of rounds"). */
  readonly text: string;
  readonly class: ReasonClass;
}

/** Hold-fire and interceptor-end reasons of the engine (c2/, weapons/). Add a row for every new reason. */
const REASONS: Readonly<Record<string, ReasonEntry>> = {
  // holds: resources
  'no-rounds': { text: 'battery out of rounds', class: 'inventory' },
  'inventory-per-threat-exhausted': { text: 'shot limit per threat reached', class: 'inventory' },
  'no-ammo': { text: 'gun out of ammunition', class: 'inventory' },
  'no-fire-channel': { text: 'no free fire channel (all busy on other threats)', class: 'channel' },
  // holds: time
  'no-solution': { text: 'no intercept solution in time', class: 'late' },
  'no-time': { text: 'no time left to engage', class: 'late' },
  // holds: geometry
  'out-of-envelope': { text: 'outside the interceptor envelope', class: 'envelope' },
  'too-low': { text: 'too low to intercept', class: 'envelope' },
  'too-high': { text: 'too high to intercept', class: 'envelope' },
  'too-far': { text: 'too far to intercept', class: 'envelope' },
  behind: { text: 'intercept point behind the battery (tail chase)', class: 'envelope' },
  'seeker-look': { text: "outside the seeker's look angle at handover", class: 'envelope' },
  'out-of-range': { text: 'out of gun range', class: 'envelope' },
  'no-ground-crossing': { text: 'no predicted impact point', class: 'envelope' },
  'not-finite': { text: 'no firing solution', class: 'envelope' },
  'wrong-target-class': { text: 'interceptor cannot engage this class of target', class: 'class' },
  'no-own-radar-track': {
    text: 'its own fire-control radar holds no track (the round needs it: track-via-missile)',
    class: 'other',
  },
  // a gun hold: with enough warning time (lateness is judged first) the gun reached the rocket too late because it
  // was firing at others — a fire-channel question, rendered as "busy with N other targets" for guns
  'burst-arrives-after-impact': { text: 'a burst would arrive only after impact', class: 'channel' },
  // holds: other
  'awaiting-launch-window': { text: 'waiting for the launch window', class: 'other' },
  // holds: the layered-C2 ledger (c2/network)
  'engaged-by-other-unit': { text: 'another unit on the network is engaging it', class: 'network' },
  'deferred-to-upper-tier': { text: 'left to the upper tier', class: 'network' },
  'assessed-killed-by-network': { text: 'assessed killed by another unit', class: 'network' },
  // interceptor ends
  lethal: { text: 'lethal', class: 'kill' },
  'survived-warhead': { text: 'survived the warhead', class: 'miss' },
  'missed-wide': { text: "missed wide (beyond the warhead's lethal reach)", class: 'miss' },
  'round-failed': { text: 'the round failed in flight', class: 'miss' },
  'target-broken-up': { text: 'target broke up before the round arrived', class: 'miss' },
  'no-target-at-pip': { text: 'no target at the intercept point (false track)', class: 'miss' },
  'target-already-destroyed': { text: 'target already destroyed', class: 'miss' },
  'self-destruct': { text: 'self-destructed (time of flight)', class: 'miss' },
  ground: { text: 'hit the ground', class: 'miss' },
  'target-gone': { text: 'target gone', class: 'miss' },
  'below-min-altitude': { text: 'below minimum intercept altitude', class: 'miss' },
  'no-acquisition': { text: 'seeker did not acquire', class: 'miss' },
};

/**
 * The table row of a reason; an unknown reason gets its words from the string (dashes as spaces) and class
 * `other` (a hold that explains nothing by itself; as a miss reason it is still a miss).
 */
export function reasonEntry(reason: string): ReasonEntry {
  return Object.hasOwn(REASONS, reason)
    ? REASONS[reason]
    : { text: reason.replace(/-/g, ' '), class: 'other' };
}

/** Whether the table knows `reason` (an unknown one renders and counts generically). */
export function isKnownReason(reason: string): boolean {
  return Object.hasOwn(REASONS, reason);
}

/** A reason code (`no-rounds`) in words (`battery out of rounds`); unknown codes with dashes as spaces. */
export function reasonText(reason: string): string {
  return reasonEntry(reason).text;
}

/** Leak category of each hold class (null: the hold explains nothing by itself). */
const CATEGORY_OF_CLASS: Readonly<Record<ReasonClass, LeakCategory | null>> = {
  late: 'detected-late',
  inventory: 'no-inventory',
  channel: 'no-fire-channel',
  envelope: 'out-of-envelope',
  class: 'out-of-envelope',
  network: null,
  other: null,
  kill: null,
  miss: null,
};

/** The leak category a hold-fire reason gives (null: it explains nothing by itself, e.g. a deferral). */
export function holdCategory(reason: string): LeakCategory | null {
  return CATEGORY_OF_CLASS[reasonEntry(reason).class];
}

/** Whether a hold is the layered-C2 ledger's (another unit has or will have the threat). */
export function isNetworkHold(reason: string): boolean {
  return reasonEntry(reason).class === 'network';
}
