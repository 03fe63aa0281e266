/**
 * @module report/terminal
 * The terminal summary of one run: totals, leakers per asset and per-threat fates, as cli-table3 tables, with each
 * threat's verdict rendered from its outcome record (`report/why`); fitted to the terminal and coloured when given a
 * layout (`report/fitTable`).
 */
import type { RunSummary } from '../sim/summary.js';
import { clockFormatter } from './clock.js';
import {
  colorFate,
  fitTable,
  green,
  red,
  type TableLayout,
  textWidth,
  WIDE_PLAIN,
  wrapText,
} from './fitTable.js';
import type { ThreatWhy } from './why.js';

/** "$12.3M" style cost. */
export function formatUsd(usd: number): string {
  if (usd >= 1e9) return `$${(usd / 1e9).toFixed(2)}B`;
  if (usd >= 1e6) return `$${(usd / 1e6).toFixed(1)}M`;
  if (usd >= 1e3) return `$${(usd / 1e3).toFixed(1)}k`;
  return `$${usd.toFixed(0)}`;
}

/**
 * Renders the whole summary as text. Without `layout` every column is shown, unwrapped and uncoloured; `aspis run`
 * passes the terminal's layout (`report/fitTable`): fitted to its width, coloured on a terminal.
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
  layout: TableLayout = WIDE_PLAIN,
): string {
  const formatClock = clockFormatter(summary.start);
  const t = summary.totals;
  const leakers = t.leakersOnAssets > 0 ? red(String(t.leakersOnAssets), layout) : t.leakersOnAssets;
  const totals = fitTable(
    ['measure', 'value'],
    [
      ['threats launched', t.launched],
      ['failed in flight', t.failed],
      ['detected', t.detected],
      ['engaged', t.engaged],
      ['killed', green(String(t.killed), layout)],
      ['impacted', t.impacted > 0 ? red(String(t.impacted), layout) : t.impacted],
      ['leakers on assets', leakers],
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
    ],
    layout,
  );
  const assets = fitTable(
    ['asset', 'leakers'],
    Object.entries(summary.leakersPerAsset).map(([id, n]) => [id, n > 0 ? red(String(n), layout) : n]),
    layout,
  );
  const head = [
    'threat',
    'type',
    'launch',
    'fate',
    'at',
    'impact asset',
    'interceptors',
    'warning',
    ...(why ? ['why'] : []),
  ];
  const rows = summary.threats.map((th) => [
    th.id,
    th.type,
    formatClock(th.launchTime_s),
    colorFate(th.fate, layout),
    formatClock(th.fateTime_s),
    th.impact ? (th.impact.assetId ?? 'outside') : '',
    th.interceptorsFired + (th.gunRounds ? ` +${th.gunRounds} rds` : ''),
    th.warning_s === null ? '—' : `${Math.round(th.warning_s)} s`,
    ...(why ? [why.threats.get(th.id)?.verdict ?? ''] : []),
  ]);
  // compact: the type, launch time, warning and impact asset give way first; the verdict wraps
  const threats = fitTable(head, rows, layout, { optional: [1, 2, 7, 5], wrap: [8] });
  const compacted = !layout.wide && textWidth(threats) < textWidth(fitTable(head, rows, WIDE_PLAIN));
  return [
    wrapText(
      `aspis — ${summary.scenario}  (seed ${meta.seed}; times local, start ${summary.start}; notional data)`,
      layout,
    ),
    totals,
    assets,
    threats,
    `event-log hash ${meta.hash}`,
    ...(compacted ? ['(compact table: --wide shows every column)'] : []),
  ].join('\n');
}
