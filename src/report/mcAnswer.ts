/**
 * @module report/mcAnswer
 * The opening of a Monte Carlo report: the answer first. One table of the aggregate measures with their 95 %
 * intervals (probability of raid annihilation, leakers, kills per threat class, interceptors per kill, cost exchange
 * when the scenario has cost data, magazine left after each raid), read from the aggregate the batch already
 * computed (`analysis/replication` `aggregateReplications`) — nothing is recomputed here. Also picks the one example
 * replication the report shows in detail: the median by leakers on assets, so the map and timeline show a typical
 * replication rather than whichever came first.
 */
import type { EstimateWithInterval, MonteCarloReport, ProportionWithInterval } from './chartsMonteCarlo.js';
import { escapeHtml } from './htmlEscape.js';
import { formatUsd } from './terminal.js';

/** One replication's leakers on assets, as the batch recorded them. */
export interface ReplicationLeakers {
  readonly replication: number;
  readonly leakers: number;
}

/** The replication shown in detail and how it was chosen. */
export interface ExampleReplication {
  readonly replication: number;
  readonly leakers: number;
  /** Replications it was chosen from. */
  readonly of: number;
  /** "example: replication 37, the median of 500 by leakers on assets (5 leakers)". */
  readonly label: string;
}

/**
 * The median replication by leakers on assets (the lower median for an even count; ties by lowest replication
 * index, so the choice is deterministic); null when there is none.
 */
export function medianLeakerReplication(reps: readonly ReplicationLeakers[]): ExampleReplication | null {
  if (reps.length === 0) return null;
  const sorted = [...reps].sort((a, b) => a.leakers - b.leakers || a.replication - b.replication);
  const median = sorted[(sorted.length - 1) >> 1];
  const label =
    `example: replication ${median.replication}, the median of ${reps.length} by leakers on assets ` +
    `(${median.leakers} leaker${median.leakers === 1 ? '' : 's'})`;
  return { replication: median.replication, leakers: median.leakers, of: reps.length, label };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

function num(x: number, digits = 2): string {
  return x.toFixed(digits);
}

function proportion(p: ProportionWithInterval): string {
  return `<b>${pct(p.p)}</b> <span class="ci">(95 % interval ${(100 * p.lo).toFixed(1)}–${pct(p.hi)})</span>`;
}

function estimate(e: EstimateWithInterval, format: (x: number) => string = (x) => num(x)): string {
  return `<b>${format(e.mean)}</b> <span class="ci">(95 % interval ${format(e.lo)}–${format(e.hi)})</span>`;
}

/** Rows of the answer table: [measure, value] (value is HTML), in the order an analyst asks. */
function answerRows(mc: MonteCarloReport): [string, string][] {
  const rows: [string, string][] = [];
  if (mc.pra) rows.push(['probability of raid annihilation (PRA)', proportion(mc.pra)]);
  if (mc.noLeakerOnAssets) rows.push(['probability of no leaker on assets', proportion(mc.noLeakerOnAssets)]);
  const l = mc.leakers;
  if (l?.mean !== undefined && l.lo !== undefined && l.hi !== undefined)
    rows.push(['leakers on assets per replication', estimate({ mean: l.mean, lo: l.lo, hi: l.hi })]);
  else if (l?.mean !== undefined) rows.push(['leakers on assets per replication', `<b>${num(l.mean)}</b>`]);
  for (const [type, m] of Object.entries(mc.killsPerThreatClass ?? {})) {
    const kills = m.kills
      ? `${estimate(m.kills)} kills per replication${m.launched !== undefined ? ` of ${num(m.launched)} launched` : ''}; `
      : '';
    rows.push([`killed: ${escapeHtml(type)}`, `${kills}fraction killed ${proportion(m.killFraction)}`]);
  }
  if (mc.interceptorsFired) rows.push(['interceptors fired per replication', estimate(mc.interceptorsFired)]);
  const perKill = mc.interceptorsPerKill;
  if (perKill)
    rows.push([
      'interceptors per kill',
      perKill.ratio === null || perKill.lo === null || perKill.hi === null
        ? '— (nothing killed)'
        : estimate({ mean: perKill.ratio, lo: perKill.lo, hi: perKill.hi }),
    ]);
  if (mc.defenderCost_usd && mc.defenderCost_usd.mean > 0)
    rows.push(['defender cost per replication', estimate(mc.defenderCost_usd, formatUsd)]);
  if (mc.costExchange && (mc.costExchange.n ?? 1) > 0)
    rows.push(['cost exchange (defender ÷ attacker)', estimate(mc.costExchange)]);
  for (const [raid, m] of Object.entries(mc.magazineAfterWave ?? {}))
    rows.push([
      `magazine left after raid ${escapeHtml(raid)}`,
      `<b>${num(m.mean, 1)}</b>${mc.magazineStart !== undefined ? ` of ${mc.magazineStart}` : ''} interceptors on average; fewest ${m.min}`,
    ]);
  return rows;
}

/** The report's first section: every aggregate with its 95 % interval, over `runs` replications. */
export function answerSection(mc: MonteCarloReport, example: ExampleReplication | null): string {
  const rows = answerRows(mc)
    .map(([measure, value]) => `<tr><th scope="row">${measure}</th><td>${value}</td></tr>`)
    .join('\n');
  const lead = mc.pra
    ? `<p class="pra">Probability of raid annihilation (PRA) ${proportion(mc.pra)} over ${mc.runs} replications${mc.leakers?.mean !== undefined ? `; mean leakers on assets <b>${num(mc.leakers.mean)}</b>` : ''}.</p>`
    : `<p class="pra">${mc.runs} replications.</p>`;
  const exampleNote = example
    ? `<p class="note">Below the distributions, one replication in detail — ${escapeHtml(example.label)}.</p>`
    : '';
  return `<section id="answer"><h2>Monte Carlo answer</h2>${lead}
<table class="answer"><tbody>
${rows}
</tbody></table>
<p class="note">Intervals are 95 %: Wilson for probabilities, t/normal for means, delta method for interceptors per kill.</p>${exampleNote}
</section>`;
}
