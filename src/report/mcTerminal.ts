/**
 * @module report/mcTerminal
 * Terminal tables of a Monte Carlo aggregate (every measure with its 95 % interval) and of a parameter sweep, as
 * cli-table3 tables. Display only: the numbers are formatted here and nowhere else.
 */
import Table from 'cli-table3';
import type { McAggregate } from '../analysis/replication.js';
import type { SweepPoint } from '../analysis/sweep.js';
import { formatUsd } from './terminal.js';

const STYLE = { head: [], border: [] };

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

function num(x: number, digits = 2): string {
  return x.toFixed(digits);
}

/** `0.640 [0.551, 0.720]` */
export function formatInterval(
  i: { readonly lo: number | null; readonly hi: number | null },
  estimate: number | null,
  format: (x: number) => string = (x) => num(x),
): string {
  if (estimate === null || i.lo === null || i.hi === null) return '—';
  return `${format(estimate)} [${format(i.lo)}, ${format(i.hi)}]`;
}

/** The aggregate as text: measures, leakers per asset, kills per class, magazine per wave, per-threat fates. */
export function renderMcAggregate(a: McAggregate): string {
  const main = new Table({ head: ['measure', 'estimate [95 % interval]'], style: STYLE });
  const histogram = a.leakers.histogram.map((count, k) => `${k}:${count}`).join('  ');
  main.push(
    ['replications', a.runs],
    ['probability of raid annihilation (PRA)', formatInterval(a.pra, a.pra.p, pct)],
    ['probability of no leaker on assets', formatInterval(a.noLeakerOnAssets, a.noLeakerOnAssets.p, pct)],
    ['leakers on assets / run', formatInterval(a.leakers, a.leakers.mean)],
    ['leakers histogram (k:runs)', histogram],
    ['interceptors fired / run', formatInterval(a.interceptorsFired, a.interceptorsFired.mean)],
    ['interceptors per kill', formatInterval(a.interceptorsPerKill, a.interceptorsPerKill.ratio)],
    [
      'cost-exchange (def/att)',
      formatInterval(a.costExchange, a.costExchange.n > 0 ? a.costExchange.mean : null),
    ],
    [
      'first intercept, s after start',
      formatInterval(a.firstIntercept_s, a.firstIntercept_s.n > 0 ? a.firstIntercept_s.mean : null, (x) =>
        num(x, 0),
      ),
    ],
    ['runs without an intercept', formatInterval(a.firstIntercept_s.none, a.firstIntercept_s.none.p, pct)],
  );

  const assets = new Table({ head: ['asset', 'leakers / run [95 %]', 'histogram (k:runs)'], style: STYLE });
  for (const [id, m] of Object.entries(a.leakersPerAsset))
    assets.push([id, formatInterval(m, m.mean), m.histogram.map((c, k) => `${k}:${c}`).join('  ')]);

  const classes = new Table({
    head: ['threat class', 'launched / run', 'kills / run [95 %]', 'fraction killed [95 %]'],
    style: STYLE,
  });
  for (const [type, m] of Object.entries(a.killsPerThreatClass))
    classes.push([
      type,
      num(m.launched),
      formatInterval(m.kills, m.kills.mean),
      formatInterval(m.killFraction, m.killFraction.p, pct),
    ]);

  const magazine = new Table({
    head: ['after raid', `interceptors left (of ${a.magazineStart}): mean`, 'min'],
    style: STYLE,
  });
  for (const [raid, m] of Object.entries(a.magazineAfterWave)) magazine.push([raid, num(m.mean), m.min]);

  const fates = new Table({
    head: ['threat', 'type', 'killed [95 %]', 'impacted [95 %]', 'fates (runs)', 'interceptors / run'],
    style: STYLE,
  });
  for (const t of a.threatFates)
    fates.push([
      t.id,
      t.type,
      formatInterval(t.killed, t.killed.p, pct),
      formatInterval(t.impacted, t.impacted.p, pct),
      Object.entries(t.fates)
        .map(([fate, n]) => `${fate} ${n}`)
        .join(', '),
      num(t.interceptorsFired.mean),
    ]);

  return [
    `aspis mc — ${a.scenario}  (notional data; intervals 95 %: Wilson for proportions, t/normal for means)`,
    main.toString(),
    assets.toString(),
    classes.toString(),
    magazine.toString(),
    fates.toString(),
  ].join('\n');
}

/** One row per swept value: PRA, leakers, interceptors, shots per kill, cost-exchange, runs. */
export function renderSweepTable(path: string, points: readonly SweepPoint[]): string {
  const table = new Table({
    head: [
      path,
      'runs',
      'PRA [95 %]',
      'leakers / run [95 %]',
      'interceptors / run',
      'per kill',
      'cost-exchange',
      'defender cost / run',
    ],
    style: STYLE,
  });
  for (const { value, result } of points) {
    const a = result.aggregate;
    const meanCost =
      result.replications.reduce((sum, r) => sum + r.totals.costDefender_usd, 0) / Math.max(1, result.runs);
    table.push([
      String(value),
      a.runs,
      formatInterval(a.pra, a.pra.p, pct),
      formatInterval(a.leakers, a.leakers.mean),
      formatInterval(a.interceptorsFired, a.interceptorsFired.mean, (x) => num(x, 1)),
      a.interceptorsPerKill.ratio === null ? '—' : num(a.interceptorsPerKill.ratio),
      a.costExchange.n > 0 ? num(a.costExchange.mean) : '—',
      formatUsd(meanCost),
    ]);
  }
  return table.toString();
}
