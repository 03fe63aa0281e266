/**
 * @module outcome/verdict
 * The one-line verdict people read ("leaked: no inventory: battery out of rounds"), rendered from a threat's
 * outcome record (code, units and numbers); nothing here decides anything. Every front end that prints a sentence
 * (terminal, Markdown, HTML, web app, `run --json`'s `why[].text`) uses these functions, so the sentence always
 * says what the data says.
 */
import type { Lateness, LeakWhy, ThreatOutcome, UnitEffort } from './fate.js';
import { LEAK_CATEGORY_LABEL, reasonText } from './reasons.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Seconds in words, to 0.1 s (the event times' resolution is 0.5 s or finer). */
function seconds(t_s: number): string {
  return `${t_s.toFixed(1)} s`;
}

/** A range in km: one decimal below 10 km. */
export function kmText(range_m: number): string {
  return `${(range_m / 1000).toFixed(range_m < 10_000 ? 1 : 0)} km`;
}

function lateText(late: Lateness): string {
  return `first track ${seconds(late.available_s)} before impact, ${seconds(late.needed_s)} needed by ${late.unitId}`;
}

function busyText(otherTargets: number): string {
  return otherTargets > 0 ? `busy with ${plural(otherTargets, 'other target')}` : 'busy on another target';
}

function lateBurstText(lateBursts: number): string {
  if (lateBursts === 0) return '';
  return lateBursts === 1
    ? '; its burst arrived after impact'
    : `; its ${lateBursts} bursts arrived after impact`;
}

function firerText(f: UnitEffort, named: boolean): string {
  if (f.interceptors > 0) {
    const reasons = f.missReasons.map(reasonText).join(', ');
    const why = reasons ? ` (${reasons})` : '';
    return named
      ? `${f.unitId} fired ${plural(f.interceptors, 'interceptor')}, none killed it${why}`
      : `${plural(f.interceptors, 'interceptor')} fired, none killed it${why}`;
  }
  const late = f.lateBursts > 0 ? ` (${f.lateBursts} more arrived after impact)` : '';
  const gun = f.gun && named ? `C-RAM ${f.unitId}` : 'C-RAM';
  return `${gun} fired ${plural(f.bursts, 'burst')}, all missed${late}`;
}

/** The detail after the category (everything after "<category>: "). */
function leakDetail(w: LeakWhy): string {
  switch (w.code) {
    case 'not-detected':
      return 'never detected by any radar';
    case 'no-track': {
      const seen =
        w.detectedBeforeFate_s === null
          ? ''
          : ` (first detected ${seconds(w.detectedBeforeFate_s)} before impact)`;
      return `detected, but no track was confirmed before impact${seen}`;
    }
    case 'missed': {
      const parts = w.firers.map((f) => firerText(f, w.named));
      const hold =
        w.hold === null
          ? ''
          : `; then ${w.named ? `${w.hold.unitId} ` : ''}held fire: ${reasonText(w.hold.reason)}`;
      return `${parts.join('; ')}${hold}`;
    }
    case 'predicted-miss':
      return 'C2 predicted it would miss the defended assets';
    default:
      break;
  }
  if (w.busy !== null)
    return `C-RAM ${w.busy.unitId} ${busyText(w.busy.otherTargets)}${w.hold === null ? '' : lateBurstText(w.busy.lateBursts)}`;
  if (w.hold !== null) {
    const who = w.named ? `${w.hold.unitId}: ` : '';
    const numbers = w.category === 'detected-late' && w.late !== null ? `; ${lateText(w.late)}` : '';
    return `${who}${reasonText(w.hold.reason)}${numbers}`;
  }
  if (w.code === 'detected-late' && w.late !== null) return lateText(w.late);
  return 'no engagement decided';
}

/** A leaker's reason as `<category>: <detail>` ("no inventory: battery out of rounds"). */
export function leakText(w: LeakWhy): string {
  return `${LEAK_CATEGORY_LABEL[w.category]}: ${leakDetail(w)}`;
}

/** Who killed it, in words ("patriot-1-I3 of patriot-1, miss distance 1.9 m"). */
function killerText(o: ThreatOutcome): string {
  const k = o.kill;
  if (k === null || k.by === null) return 'the defence';
  if (k.kind === 'gun') return `${k.by} (C-RAM burst at ${kmText(k.range_m ?? 0)})`;
  if (k.kind === 'interceptor') {
    const miss = k.miss_m === null ? '' : `, miss distance ${k.miss_m.toFixed(1)} m`;
    return `${k.by} of ${k.unitId}${miss}`;
  }
  return k.by;
}

/**
 * The whole verdict of a threat ("killed by …", "leaked: <category>: <detail>", …).
 * @example
 * ```ts
 * import { buildOutcomes, loadScenario, runScenario, verdictText } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * for (const o of buildOutcomes(result.events)) console.log(o.threatId, verdictText(o));
 * ```
 */
export function verdictText(o: ThreatOutcome): string {
  switch (o.fate) {
    case 'airborne':
      return 'still in flight when the scenario ended';
    case 'killed':
      return `killed by ${killerText(o)}`;
    case 'failed':
      return 'failed in flight (missile reliability, not a defence kill)';
    case 'impacted-away':
      return 'impacted outside the defended assets';
    case 'leaked':
      return o.leak === null ? 'leaked' : `leaked: ${leakText(o.leak)}`;
  }
}

/** A verdict split for display: the head ("leaked: no inventory" for a leaker, else the whole verdict) and the rest. */
export function verdictParts(o: ThreatOutcome): { head: string; detail: string } {
  if (o.leak === null) return { head: verdictText(o), detail: '' };
  return { head: `leaked: ${LEAK_CATEGORY_LABEL[o.leak.category]}`, detail: leakDetail(o.leak) };
}
