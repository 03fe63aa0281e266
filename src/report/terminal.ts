/**
 * @module report/terminal
 * The terminal summary of one run: totals, leakers per asset and per-threat fates, as cli-table3 tables, with each
 * threat's verdict rendered from its outcome record (`report/why`).
 */
import Table from 'cli-table3';
import type { RunSummary } from '../sim/summary.js';
import { clockFormatter } from './clock.js';
import type { ThreatWhy } from './why.js';

/** "$12.3M" style cost. */
export function formatUsd(usd: number): string {
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)}B`;
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(1)}M`;
  if (usd >= 1e3) return `$${(usd / 1e3).toFixed(1)}k`;
  return `$${usd.toFixed(0)}`;
}

/**
 * Renders the whole summary as text.
 * @example
 * ```ts
 * import { loadScenario, renderSummary, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * console.log(renderSummary(result.summary, result)); // the terminal table of `aspis run`
 * ```
 */
export function renderSummary(
  summary: RunSummary,
  meta: { seed: number; hash: string },
  /** Each threat's outcome and verdict (`report/why`); a "why" column when given. */
  why?: { readonly threats: ReadonlyMap<string, Pick<ThreatWhy, 'verdict'>> },
): string {
  const formatClock = clockFormatter(summary.start);
  const t = summary.totals;
  const totals = new Table({ head: ['measure', 'value'], style: { head: [], border: [], compact: true } });
  totals.push(
    ['threats launched', t.launched],
    ['failed in flight', t.failed],
    ['detected', t.detected],
    ['engaged', t.engaged],
    ['killed', t.killed],
    ['impacted', t.impacted],
    ['leakers on assets', t.leakersOnAssets],
    ['interceptors fired', t.interceptorsFired],
    ['gun rounds fired', t.gunRoundsFired],
    ['defender cost', formatUsd(t.costDefender_usd)],
    ['attacker cost', formatUsd(t.costAttacker_usd)],
    [
      'cost-exchange (def/att)',
      t.costAttacker_usd > 0 ? (t.costDefender_usd / t.costAttacker_usd).toFixed(2) : '—',
    ],
    ['first detection', formatClock(summary.firstDetection_s)],
    ['first intercept', formatClock(summary.firstIntercept_s)],
  );
  const assets = new Table({ head: ['asset', 'leakers'], style: { head: [], border: [], compact: true } });
  for (const [id, n] of Object.entries(summary.leakersPerAsset)) assets.push([id, n]);
  const threats = new Table({
    head: [
      'threat',
      'type',
      'launch',
      'fate',
      'at',
      'impact asset',
      'interceptors',
      'warning',
      ...(why ? ['why'] : []),
    ],
    style: { head: [], border: [], compact: true },
  });
  for (const th of summary.threats) {
    threats.push([
      th.id,
      th.type,
      formatClock(th.launchTime_s),
      th.fate,
      formatClock(th.fateTime_s),
      th.impact ? (th.impact.assetId ?? 'outside') : '',
      th.interceptorsFired + (th.gunRounds ? ` +${th.gunRounds} rds` : ''),
      th.warning_s === null ? '—' : `${Math.round(th.warning_s)} s`,
      ...(why ? [why.threats.get(th.id)?.verdict ?? ''] : []),
    ]);
  }
  return [
    `aspis — ${summary.scenario}  (seed ${meta.seed}; times local, start ${summary.start}; notional data)`,
    totals.toString(),
    assets.toString(),
    threats.toString(),
    `event-log hash ${meta.hash}`,
  ].join('\n');
}
