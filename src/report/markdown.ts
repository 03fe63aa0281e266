/**
 * @module report/markdown
 * A self-contained Markdown report of one run, written next to the event log (`report.md`): what was simulated,
 * totals, per-threat fates and the notional-data caveat.
 */
import type { RunSummary } from '../sim/summary.js';
import { clockFormatter } from './clock.js';
import { formatUsd } from './terminal.js';

export function renderMarkdownReport(
  summary: RunSummary,
  meta: { seed: number; hash: string; scenarioFile: string },
): string {
  const t = summary.totals;
  const formatClock = clockFormatter(summary.start);
  const lines = [
    `# aspis run — ${summary.scenario}`,
    '',
    `Scenario file \`${meta.scenarioFile}\`, start ${summary.start} (times below are local), seed ${meta.seed}, event-log SHA-256 \`${meta.hash}\`.`,
    '',
    '> All parameters are **notional** (public encyclopedic sources); this is defensive analysis, not a statement of real system performance.',
    '',
    '## Totals',
    '',
    '| measure | value |',
    '|---|---|',
    `| threats launched | ${t.launched} |`,
    `| failed in flight | ${t.failed} |`,
    `| detected | ${t.detected} |`,
    `| engaged | ${t.engaged} |`,
    `| killed | ${t.killed} |`,
    `| impacted | ${t.impacted} |`,
    `| leakers on assets | ${t.leakersOnAssets} |`,
    `| interceptors fired | ${t.interceptorsFired} |`,
    `| gun rounds fired | ${t.gunRoundsFired} |`,
    `| defender cost | ${formatUsd(t.costDefender_usd)} |`,
    `| attacker cost | ${formatUsd(t.costAttacker_usd)} |`,
    `| first detection | ${formatClock(summary.firstDetection_s)} |`,
    `| first intercept | ${formatClock(summary.firstIntercept_s)} |`,
    '',
    '## Leakers per asset',
    '',
    '| asset | impacts inside footprint |',
    '|---|---|',
    ...Object.entries(summary.leakersPerAsset).map(([id, n]) => `| ${id} | ${n} |`),
    '',
    '## Threats',
    '',
    '| threat | type | launch | fate | at | impact (lat, lon) | asset | interceptors | warning |',
    '|---|---|---|---|---|---|---|---|---|',
    ...summary.threats.map(
      (th) =>
        `| ${th.id} | ${th.type} | ${formatClock(th.launchTime_s)} | ${th.fate} | ${formatClock(th.fateTime_s)} | ${
          th.impact ? `${th.impact.lat_deg.toFixed(4)}, ${th.impact.lon_deg.toFixed(4)}` : ''
        } | ${th.impact?.assetId ?? ''} | ${th.interceptorsFired}${th.gunRounds ? ` + ${th.gunRounds} rds` : ''} | ${
          th.warning_s === null ? '—' : `${Math.round(th.warning_s)} s`
        } |`,
    ),
    '',
  ];
  return lines.join('\n');
}
