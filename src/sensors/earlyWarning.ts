/**
 * @module sensors/earlyWarning
 * Space-based launch warning (SBIRS-like) as the simplest honest model: the launch is seen when it happens and the
 * theatre is alerted after a fixed processing and dissemination delay (DOMAIN.md §2.4: detection at launch plus a
 * 1–3 min delay). It gives a time only — no track, no impact-point estimate, no missed launches.
 */

/** The alert a space-based early-warning system raises for one launch. */
export interface EarlyWarningCue {
  /** Launch time, s of simulation time. */
  readonly launchTime_s: number;
  /** Time the defence is alerted, s of simulation time (launch + delay). */
  readonly alertTime_s: number;
}

/**
 * Cue for a launch: detected at launch, alert after `delay_s` (DOMAIN.md §2.4).
 * @param launchTime_s launch time, s (finite)
 * @param delay_s processing and alert delay, s (finite, ≥ 0)
 * @throws RangeError when either argument is out of domain
 */
export function earlyWarningCue(launchTime_s: number, delay_s: number): EarlyWarningCue {
  if (!Number.isFinite(launchTime_s))
    throw new RangeError(`launchTime_s must be finite, got ${launchTime_s}`);
  if (!(Number.isFinite(delay_s) && delay_s >= 0)) {
    throw new RangeError(`early-warning delay_s must be a finite number ≥ 0 s, got ${delay_s}`);
  }
  return { launchTime_s, alertTime_s: launchTime_s + delay_s };
}
