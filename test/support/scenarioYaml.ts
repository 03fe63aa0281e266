/**
 * @module test/support/scenarioYaml
 * Shared fixtures of the work-limit tests (docs/limits.md): a one-battery scenario near Al Asad (docs/domain.md §1.8 sites)
 * whose raids, radar type, step and extra top-level lines a test chooses, as YAML text.
 */

/** Options of `oneBatteryYaml`. */
export interface OneBatteryOptions {
  /** Raid lines under `threats:` (`raidLine(...)`). */
  readonly raids: string;
  /** Extra top-level YAML lines (a `catalog:` section). */
  readonly extra?: string;
  /** Radar catalog id of the battery (default notional-mfr). */
  readonly radar?: string;
  /** `step` (default 0.1s). */
  readonly step?: string;
  /** `duration` (default 1h). */
  readonly duration?: string;
}

/** A one-battery scenario (six PAC-3-MSE-class launchers, one asset) with the given raids. */
export function oneBatteryYaml(options: OneBatteryOptions): string {
  return `name: limits
start: 2020-01-08T01:20:00+03:00
duration: ${options.duration ?? '1h'}
step: ${options.step ?? '0.1s'}
${options.extra ?? ''}
assets:
  - { id: base, lat: 33.79, lon: 42.44, radius: 3km }
units:
  - id: bat
    kind: sam-battery
    at: { lat: 33.80, lon: 42.45 }
    radar: { type: ${options.radar ?? 'notional-mfr'}, sectorCenter: 81deg }
    launchers: [{ count: 6, interceptor: notional-pac3-mse, loaded: 12, reserve: 24 }]
threats:
${options.raids}`;
}

/** One raid of `count` 500 km-class SRBMs from Kermanshah at the base, `interval` apart, from `at`. */
export function raidLine(name: string, count: number, interval = '15s', at = '+5min'): string {
  return `  - { raid: ${name}, type: notional-srbm-500km, from: { lat: 34.31, lon: 47.07 }, target: base, count: ${count}, at: "${at}", interval: ${interval} }\n`;
}
