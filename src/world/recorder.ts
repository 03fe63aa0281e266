/**
 * @module world/recorder
 * Collects the event stream and hashes its canonical form: one JSON object per line, numbers rounded to a fixed
 * number of significant digits so the hash pins behaviour, not the last bit of libm. Same scenario + seed ⇒ same
 * hash, on any worker.
 */
import { createHash } from 'node:crypto';
import type { SimEvent } from './events.js';

/** Significant digits kept in the canonical log (≈ mm on Earth-scale coordinates, µs on times). */
const CANONICAL_DIGITS = 12;

function canonicalNumber(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) {
    return Number(value.toPrecision(CANONICAL_DIGITS));
  }
  return value;
}

/**
 * Canonical JSON of one event (stable field order from the constructors, rounded numbers).
 * @example
 * ```ts
 * import { canonicalEventJson, loadScenario, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * console.log(canonicalEventJson(result.events[0])); // fixed key order and number format
 * ```
 */
export function canonicalEventJson(event: SimEvent): string {
  return JSON.stringify(event, canonicalNumber);
}

/** Observer interface: anything that wants the live stream (terminal, store, replay) implements it. */
export interface EventObserver {
  onEvent(event: SimEvent): void;
}

/** Records events in order and maintains the SHA-256 of the canonical log. */
export class Recorder {
  readonly events: SimEvent[] = [];
  private readonly hasher = createHash('sha256');
  private readonly observers: EventObserver[];

  constructor(observers: EventObserver[] = []) {
    this.observers = observers;
  }

  record(event: SimEvent): void {
    this.events.push(event);
    this.hasher.update(canonicalEventJson(event));
    this.hasher.update('\n');
    for (const o of this.observers) o.onEvent(event);
  }

  /** Hex SHA-256 of the canonical event log (call once, at the end). */
  digest(): string {
    return this.hasher.digest('hex');
  }
}

/**
 * The whole log as JSON Lines (canonical form).
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { eventsToJsonl, loadScenario, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * writeFileSync('events.jsonl', eventsToJsonl(result.events));
 * ```
 */
export function eventsToJsonl(events: readonly SimEvent[]): string {
  return events.map((e) => `${canonicalEventJson(e)}\n`).join('');
}
