/**
 * @module c2/reasons
 * The reason codes the engine writes into `interceptor.end` and `c2.holdFire` events for the outcome bookkeeping of
 * docs/model.md ("Outcome bookkeeping"), as data: one exported list per event so reports and the outcome layer can
 * map every code without parsing sentences. A code is added here first, then used.
 */

/**
 * Why an interceptor's flight ended (`interceptor.end.reason`):
 * - `lethal`: within lethal reach and the kill draw succeeded (result `kill`);
 * - `survived-warhead`: within the warhead's lethal reach (`weapons/lethality` `lethalReach_m`), the kill draw failed;
 * - `missed-wide`: closest approach beyond the lethal reach (the event's `miss_m` − `lethalReach_m` says by how much);
 * - `round-failed`: the round's own reliability failure (motor/airframe) ended the flight;
 * - `no-acquisition`: the seeker never acquired the target (seeker/guidance failure);
 * - `self-destruct`: flight time ran out before a closest approach; `ground`: the round hit the ground;
 *   `below-min-altitude`: the intercept would fall below the keep-out floor; `target-gone`: the target no longer
 *   existed at launch;
 * - `target-already-destroyed`: the round reached its closest approach after the target was killed;
 * - `target-broken-up`: the target broke up in flight (`threats` failure mode `break-up`) before the round arrived;
 *   nothing is left to kill, so it is not a kill;
 * - `no-target-at-pip`: the track was false (no truth object to acquire);
 * - `out-of-envelope`: the closest approach fell outside the weapon's envelope, so it is not scored (written by the
 *   fire-control model's check of the actual closest approach, `weapons/fireControl`, on its branch).
 */
export const INTERCEPTOR_END_REASONS = [
  'lethal',
  'survived-warhead',
  'missed-wide',
  'round-failed',
  'no-acquisition',
  'self-destruct',
  'ground',
  'below-min-altitude',
  'target-gone',
  'target-already-destroyed',
  'target-broken-up',
  'no-target-at-pip',
  'out-of-envelope',
] as const;

/** One of {@link INTERCEPTOR_END_REASONS}. */
export type InterceptorEndReason = (typeof INTERCEPTOR_END_REASONS)[number];

/**
 * Hold-fire reasons added by the bookkeeping fixes (`c2.holdFire.reason`; the older codes are listed in
 * docs/model.md):
 * - `burst-arrives-after-impact`: a C-RAM burst fired now would reach the target only after its predicted impact;
 * - `no-own-radar-track`: the interceptor type needs its own unit's fire-control radar on the target
 *   (`requiresOwnRadarTrack`, e.g. track-via-missile) and that radar has no recent detection of it.
 */
export const BOOKKEEPING_HOLD_REASONS = ['burst-arrives-after-impact', 'no-own-radar-track'] as const;

/** One of {@link BOOKKEEPING_HOLD_REASONS}. */
export type BookkeepingHoldReason = (typeof BOOKKEEPING_HOLD_REASONS)[number];
