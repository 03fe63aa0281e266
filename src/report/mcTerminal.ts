/**
 * @module report/mcTerminal
 * Terminal tables of a Monte Carlo aggregate (every measure with its 95 % interval) and of a parameter sweep, as
 * cli-table3 tables fitted to the terminal (`report/fitTable`). Display only: the numbers are formatted here and
 * nowhere else.
 */
import type { McAggregate } from '../analysis/replication.js';
import type { SweepPoint } from '../analysis/sweep.js';
import { fitTable, green, red, type TableLayout, WIDE_PLAIN, wrapText } from './fitTable.js';
import { formatUsd } from './terminal.js';

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

/** The headline measures with their 95 % intervals, PRA spelled out. */
function measuresTable(a: McAggregate, layout: TableLayout): string {
  const histogram = a.leakers.histogram.map((count, k) => `${k}:${count}`).join('  ');
  return fitTable(
    ['measure', 'estimate [95 % interval]'],
    [
      ['replications', a.runs],
      ['probability of raid annihilation (PRA)', green(formatInterval(a.pra, a.pra.p, pct), layout)],
      ['probability of no leaker on assets', formatInterval(a.noLeakerOnAssets, a.noLeakerOnAssets.p, pct)],
      ['leakers on assets / run', red(formatInterval(a.leakers, a.leakers.mean), layout)],
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
    ],
    layout,
    { wrap: [1] },
  );
}

/** One row per launched threat: killed and impacted with intervals, the fate counts and shots per run. */
function threatFatesTable(a: McAggregate, layout: TableLayout): string {
  return fitTable(
    ['threat', 'type', 'killed [95 %]', 'impacted [95 %]', 'fates (runs)', 'interceptors / run'],
    a.threatFates.map((t) => [
      t.id,
      t.type,
      green(formatInterval(t.killed, t.killed.p, pct), layout),
      red(formatInterval(t.impacted, t.impacted.p, pct), layout),
      Object.entries(t.fates)
        .map(([fate, n]) => `${fate} ${n}`)
        .join(', '),
      num(t.interceptorsFired.mean),
    ]),
    layout,
    // compact: the type, then the fate counts, give way; the intervals wrap
    { optional: [1, 4, 5], wrap: [2, 3] },
  );
}

/**
 * The aggregate as text: measures, leakers per asset, kills per class, magazine per wave, per-threat fates. Without
 * `layout` every column, unwrapped and uncoloured; `aspis mc` passes the terminal's (`report/fitTable`).
 */
export function renderMcAggregate(a: McAggregate, layout: TableLayout = WIDE_PLAIN): string {
  const main = measuresTable(a, layout);
  const assets = fitTable(
    ['asset', 'leakers / run [95 %]', 'histogram (k:runs)'],
    Object.entries(a.leakersPerAsset).map(([id, m]) => [
      id,
      formatInterval(m, m.mean),
      m.histogram.map((c, k) => `${k}:${c}`).join('  '),
    ]),
    layout,
    { wrap: [2] },
  );
  const classes = fitTable(
    ['threat class', 'launched / run', 'kills / run [95 %]', 'fraction killed [95 %]'],
    Object.entries(a.killsPerThreatClass).map(([type, m]) => [
      type,
      num(m.launched),
      formatInterval(m.kills, m.kills.mean),
      formatInterval(m.killFraction, m.killFraction.p, pct),
    ]),
    layout,
    { optional: [1], wrap: [2, 3] },
  );
  const magazine = fitTable(
    ['after raid', `interceptors left (of ${a.magazineStart}): mean`, 'min'],
    Object.entries(a.magazineAfterWave).map(([raid, m]) => [raid, num(m.mean), m.min]),
    layout,
  );
  const fates = threatFatesTable(a, layout);
  return [
    wrapText(
      `aspis mc — ${a.scenario}  (notional data; intervals 95 %: Wilson for proportions, t/normal for means)`,
      layout,
    ),
    main,
    assets,
    classes,
    magazine,
    fates,
  ].join('\n');
}

/** One row per swept value: PRA, leakers, interceptors, shots per kill, cost-exchange, runs. */
export function renderSweepTable(
  path: string,
  points: readonly SweepPoint[],
  layout: TableLayout = WIDE_PLAIN,
): string {
  const rows = points.map(({ value, result }) => {
    const a = result.aggregate;
    const meanCost =
      result.replications.reduce((sum, r) => sum + r.totals.costDefender_usd, 0) / Math.max(1, result.runs);
    return [
      String(value),
      a.runs,
      formatInterval(a.pra, a.pra.p, pct),
      formatInterval(a.leakers, a.leakers.mean),
      formatInterval(a.interceptorsFired, a.interceptorsFired.mean, (x) => num(x, 1)),
      a.interceptorsPerKill.ratio === null ? '—' : num(a.interceptorsPerKill.ratio),
      a.costExchange.n > 0 ? num(a.costExchange.mean) : '—',
      formatUsd(meanCost),
    ];
  });
  return fitTable(
    [
      path,
      'runs',
      'PRA [95 %]',
      'leakers / run [95 %]',
      'interceptors / run',
      'per kill',
      'cost-exchange',
      'defender cost / run',
    ],
    rows,
    layout,
    { optional: [1, 7, 6, 4], wrap: [0, 2, 3] },
  );
}
