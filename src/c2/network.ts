/**
 * @module c2/network
 * Layered C2: fire units on one network share one air picture (one tracker fed by every netted radar) and one
 * engagement ledger. The ledger enforces the engagement rule of docs/layered-defense.md:
 *
 * 1. A track assessed killed by any member is engaged by no member again.
 * 2. A track with an engagement in flight (or awaiting kill assessment) by one member is not engaged by another
 *    ("never two shooters on one threat"), unless the network's doctrine sets `allowSimultaneous`.
 * 3. Upper-tier members decide first in every network cycle. A lower-tier member defers a track that an upper-tier
 *    member this cycle is *waiting* to engage (it has a firing solution whose launch window is not yet open), unless
 *    an upper-tier engagement of that track has already been assessed as survived (a leaker), or the track's time to
 *    impact is inside the network's last-chance window. Every other upper-tier hold (out of envelope, too low, out of
 *    rounds, no fire channel, not assessed a threat) leaves the track to the lower tier at once.
 *
 * This is the "shoot–look–shoot across tiers" of layered air defence doctrine (upper tier first, lower tier for
 * leakers), as in the public descriptions of Patriot with C-RAM/Avenger at forward bases (docs/domain.md §2); the
 * thresholds are notional. Nothing here is random: the rule reads only the ledger, so a netted run stays
 * deterministic.
 */

/** Layer of a netted fire unit: upper tier (area defence, decides first) or lower tier (point defence, leakers). */
export type Tier = 'upper' | 'lower';

/** Why the ledger denies an engagement (a `c2.holdFire` reason). */
export type LedgerHold = 'engaged-by-other-unit' | 'deferred-to-upper-tier' | 'assessed-killed-by-network';

/** Mutable engagement ledger of one network for one replication. */
export interface EngagementLedger {
  /** Network id. */
  readonly id: string;
  /** Doctrine flag: members may engage a track another member has in flight (double shooting). */
  readonly allowSimultaneous: boolean;
  /** A lower-tier member engages a track with this little time to impact even when the upper tier waits, s. */
  readonly lastChance_s: number;
  /** Tier of each member unit. */
  readonly tierOf: ReadonlyMap<string, Tier>;
  /** Track id → members with an engagement of it in flight or awaiting kill assessment. */
  readonly active: Map<string, Set<string>>;
  /** Tracks an upper-tier member is waiting to engage (launch window not yet open), this cycle only. */
  readonly upperIntent: Set<string>;
  /** Tracks an upper-tier engagement of which was assessed survived. */
  readonly upperSurvived: Set<string>;
  /** Tracks assessed killed by any member. */
  readonly killed: Set<string>;
}

/** A member's view of its network: the shared ledger and its own tier. */
export interface NetworkMembership {
  readonly ledger: EngagementLedger;
  readonly tier: Tier;
}

/** Creates the empty ledger of a network. */
export function createLedger(
  id: string,
  members: readonly { readonly unitId: string; readonly tier: Tier }[],
  allowSimultaneous: boolean,
  lastChance_s: number,
): EngagementLedger {
  return {
    id,
    allowSimultaneous,
    lastChance_s,
    tierOf: new Map(members.map((m) => [m.unitId, m.tier])),
    active: new Map(),
    upperIntent: new Set(),
    upperSurvived: new Set(),
    killed: new Set(),
  };
}

/** Start of a network cycle: last cycle's upper-tier intents are forgotten (the upper tier re-decides first). */
export function beginNetworkCycle(ledger: EngagementLedger): void {
  ledger.upperIntent.clear();
}

/**
 * Whether `unitId` may engage `trackId` now (null) or why not (rules 1–3 of the module comment).
 * @param timeToImpact_s the member's own predicted time to impact of the track, s
 */
export function engagePermission(
  ledger: EngagementLedger,
  unitId: string,
  trackId: string,
  timeToImpact_s: number,
): LedgerHold | null {
  if (ledger.killed.has(trackId)) return 'assessed-killed-by-network';
  if (ledger.allowSimultaneous) return null;
  const shooters = ledger.active.get(trackId);
  if (shooters !== undefined) for (const id of shooters) if (id !== unitId) return 'engaged-by-other-unit';
  if (ledger.tierOf.get(unitId) !== 'lower') return null;
  if (!ledger.upperIntent.has(trackId)) return null;
  if (ledger.upperSurvived.has(trackId) || timeToImpact_s <= ledger.lastChance_s) return null;
  return 'deferred-to-upper-tier';
}

/** An upper-tier member has a firing solution on `trackId` and waits for its launch window (rule 3). */
export function recordIntent(ledger: EngagementLedger, unitId: string, trackId: string): void {
  if (ledger.tierOf.get(unitId) === 'upper') ledger.upperIntent.add(trackId);
}

/** `unitId` committed an engagement of `trackId`. */
export function recordEngagement(ledger: EngagementLedger, unitId: string, trackId: string): void {
  let shooters = ledger.active.get(trackId);
  if (shooters === undefined) {
    shooters = new Set();
    ledger.active.set(trackId, shooters);
  }
  shooters.add(unitId);
}

/** `unitId`'s engagement of `trackId` ended and was assessed. */
export function recordAssessment(
  ledger: EngagementLedger,
  unitId: string,
  trackId: string,
  assessed: 'killed' | 'survived',
): void {
  const shooters = ledger.active.get(trackId);
  shooters?.delete(unitId);
  if (shooters?.size === 0) ledger.active.delete(trackId);
  if (assessed === 'killed') ledger.killed.add(trackId);
  else if (ledger.tierOf.get(unitId) === 'upper') ledger.upperSurvived.add(trackId);
}
