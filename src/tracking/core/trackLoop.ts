/**
 * @module tracking/core/trackLoop
 * The one multi-target tracking loop of aspis (Stone Soup's `MultiTargetTracker.__next__`): every tracker — the
 * engine's ECEF multi-radar tracker (tracking/engine), `aspis track` in its fast, compat and full-covariance modes
 * (tracking/mttTracker, tracking/mtt) — is this loop over injected roles. The roles are built by a composition root
 * (`mttTracker.ts`'s `createMttTracker`, `engine/engineTracker.ts`'s `createEngineTracker`) from the configuration
 * strings; the loop itself chooses nothing. docs/tracking.md ("The tracking loop") has the role table.
 *
 * Conventions every role follows:
 * - **Filter prior.** The {@link ScanPredictor} brings a track to the scan time; the state the associator gates on is
 *   the prior x̂(k|k−1), P(k|k−1). A track already at the scan time is not predicted again (zero interval).
 * - **Gating.** The associator gates on the Mahalanobis distance d = √(yᵀS⁻¹y) < gate (d, not d²) against the
 *   detections not yet used in this scan, and a track may instead be "missed" (GNN: at cost `gate`).
 * - **Order.** Confirmed tracks are served first; tentative tracks then compete for the detections left over; every
 *   detection still unused starts a track. Within a list the order is the list's (which the trackers keep), so the
 *   arithmetic, and therefore every result, is fixed.
 */

/** What the confirmation role decides for a tentative track after a scan. */
export type ConfirmationDecision = 'confirm' | 'drop' | 'hold';

/** The tracks a tracker holds between scans. */
export interface TrackLists<T> {
  /** Confirmed tracks, in reporting order (a track joins at the end when it is confirmed). */
  confirmed: T[];
  /** Tentative tracks, in creation order. */
  tentative: T[];
}

/** Predictor role: the filter prior of `tracks` at the scan's time. */
export interface ScanPredictor<T, S> {
  predict(tracks: readonly T[], scan: S): void;
}

/**
 * Gater + associator role: gates the (predicted) `tracks` against the scan's unused detections and solves the
 * association; returns the hypotheses, read row by row (row = index in `tracks`) by the updater.
 */
export interface ScanAssociator<T, S, H> {
  associate(tracks: readonly T[], scan: S): H;
}

/**
 * Updater role: corrects `track` (row `row` of the hypotheses) and marks the detections it consumes as used;
 * returns whether the scan counts as a hit for it.
 */
export interface ScanUpdater<T, S, H> {
  update(track: T, row: number, hypotheses: H, scan: S): boolean;
}

/** Bookkeeping of a track after its update or miss: hit and miss counters, history. */
export interface ScanRecorder<T, S> {
  record(track: T, hit: boolean, scan: S): void;
}

/** Deleter role: whether a confirmed track is deleted after this scan. */
export interface ScanDeleter<T> {
  shouldDelete(track: T): boolean;
}

/** Initiator role, with its confirmation rule (M-of-N, or the Stone Soup rule in compat mode). */
export interface ScanInitiator<T, S> {
  /** New tracks from the detections still unused after both associations, in detection order. */
  initiate(scan: S): T[];
  /** Confirm, drop or keep a tentative track after its scan's update or miss. */
  decide(track: T, hit: boolean, scan: S): ConfirmationDecision;
  /** Whether a new track is confirmed at once (M-of-N with M = 1). */
  confirmsAtBirth(track: T): boolean;
}

/** What the loop reports as it goes (the adapters keep ids, results and histories). */
export interface TrackEvents<T, S> {
  confirmed(track: T, scan: S): void;
  /** A confirmed track deleted. */
  deleted(track: T, scan: S): void;
  /** A tentative track dropped. */
  dropped(track: T, scan: S): void;
}

/** Every role one tracker is wired from; H is the associator's hypotheses type. */
export interface TrackerRoles<T, S, H> {
  readonly predictor: ScanPredictor<T, S>;
  /** Associator for the confirmed tracks (GNN or JPDA). */
  readonly confirmedAssociator: ScanAssociator<T, S, H>;
  /** Associator for the tentative tracks (GNN on the detections left over). */
  readonly tentativeAssociator: ScanAssociator<T, S, H>;
  readonly updater: ScanUpdater<T, S, H>;
  readonly recorder: ScanRecorder<T, S>;
  readonly deleter: ScanDeleter<T>;
  readonly initiator: ScanInitiator<T, S>;
  readonly events: TrackEvents<T, S>;
}

/** Processes one scan: the whole tracking loop (`lists` is updated in place). */
export function trackScan<T, S, H>(roles: TrackerRoles<T, S, H>, lists: TrackLists<T>, scan: S): void {
  const { predictor, updater, recorder, deleter, initiator, events } = roles;
  // confirmed tracks: prior, association, update, deletion
  predictor.predict(lists.confirmed, scan);
  const confirmedHypotheses = roles.confirmedAssociator.associate(lists.confirmed, scan);
  lists.confirmed = lists.confirmed.filter((track, row) => {
    const hit = updater.update(track, row, confirmedHypotheses, scan);
    recorder.record(track, hit, scan);
    if (!deleter.shouldDelete(track)) return true;
    events.deleted(track, scan);
    return false;
  });
  // tentative tracks: the same on the detections left over, then confirmation
  predictor.predict(lists.tentative, scan);
  const tentativeHypotheses = roles.tentativeAssociator.associate(lists.tentative, scan);
  const confirmed = lists.confirmed;
  lists.tentative = lists.tentative.filter((track, row) => {
    const hit = updater.update(track, row, tentativeHypotheses, scan);
    recorder.record(track, hit, scan);
    const decision = initiator.decide(track, hit, scan);
    if (decision === 'confirm') {
      events.confirmed(track, scan);
      confirmed.push(track);
    } else if (decision === 'drop') events.dropped(track, scan);
    return decision === 'hold';
  });
  // initiation from the detections nobody used
  for (const track of initiator.initiate(scan)) {
    if (initiator.confirmsAtBirth(track)) {
      events.confirmed(track, scan);
      confirmed.push(track);
    } else lists.tentative.push(track);
  }
}
