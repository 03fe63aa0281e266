/**
 * @module report/markdown
 * A self-contained Markdown report of one run, written next to the event log (`report.md`): what was simulated,
 * totals, per-threat fates with each threat's story verdict ("why"), why threats leaked (counts per category, radar
 * saturation, network deferrals; `report/why`) and the notional-data caveat.
 */
import type { RunSummary } from '../sim/summary.js';
import { clockFormatter } from './clock.js';
import { formatUsd } from './terminal.js';
import { categoryLabel, type ReportWhy, type ThreatWhy } from './why.js';

/** Text safe inside a Markdown table cell: backslashes and pipes escaped, `<` as an entity (no raw HTML), line breaks as spaces. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/** A verdict cell: a leaker's "leaked: <category>" in bold, then the detail. */
function whyCell(why: ThreatWhy | undefined): string {
  if (why === undefined) return '';
  if (!why.leaked) return markdownCell(why.verdict);
  return `**${markdownCell(why.head)}**${why.detail ? `: ${markdownCell(why.detail)}` : ''}`;
}

/** "## Why threats leaked": leakers per category, then the run notes as a list. */
function whyLines(why: ReportWhy): string[] {
  return [
    '## Why threats leaked',
    '',
    why.leakers === 0
      ? 'No threat impacted inside a defended asset.'
      : `${why.leakers} threat${why.leakers === 1 ? '' : 's'} impacted inside a defended asset; the category is the first part of each one's verdict in the threat table.`,
    '',
    '| category | leakers |',
    '|---|---|',
    ...why.categories.map((c) => {
      const label = categoryLabel(c);
      return `| ${why.counts[c] > 0 ? `**${label}**` : label} | ${why.counts[c]} |`;
    }),
    '',
    ...(why.notes.length === 0 ? [] : [...why.notes.map((n) => `- ${markdownCell(n)}`), '']),
  ];
}

/**
 * The Markdown report of one run.
 * @param why the threats' verdicts and the leak counts (`reportWhy`); absent: no "why" column or section
 */
export function renderMarkdownReport(
  summary: RunSummary,
  meta: { seed: number; hash: string; scenarioFile: string },
  why?: ReportWhy | null,
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
    ...(why ? whyLines(why) : []),
    '## Threats',
    '',
    `| threat | type | launch | fate | at | impact (lat, lon) | asset | interceptors | warning |${why ? ' why |' : ''}`,
    `|---|---|---|---|---|---|---|---|---|${why ? '---|' : ''}`,
    ...summary.threats.map(
      (th) =>
        `| ${th.id} | ${th.type} | ${formatClock(th.launchTime_s)} | ${th.fate} | ${formatClock(th.fateTime_s)} | ${
          th.impact ? `${th.impact.lat_deg.toFixed(4)}, ${th.impact.lon_deg.toFixed(4)}` : ''
        } | ${th.impact?.assetId ?? ''} | ${th.interceptorsFired}${th.gunRounds ? ` + ${th.gunRounds} rds` : ''} | ${
          th.warning_s === null ? '—' : `${Math.round(th.warning_s)} s`
        } |${why ? ` ${whyCell(why.threats.get(th.id))} |` : ''}`,
    ),
    '',
  ];
  return lines.join('\n');
}
