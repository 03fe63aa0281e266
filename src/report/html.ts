/**
 * @module report/html
 * The self-contained HTML report of one run (`report.html`): one file with inline CSS and inline SVG that opens
 * offline — no scripts, fonts, images or styles from anywhere else. It shows the header (scenario, local start,
 * seed, event-log hash and the notional-data caveat), headline numbers, the theatre and engagement-area maps
 * (`report/map`), the engagement timeline and the altitude–range profiles (Vega-Lite, `report/chartsRun`), the
 * summary tables, why threats leaked (counts per category, radar saturation and network deferrals; `report/why`)
 * and one row per threat with its story verdict. Optional sections: Monte Carlo results (`report/chartsMonteCarlo`) and a
 * coverage footprint layer on the maps. Every piece of scenario text is escaped.
 */

import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../sim/engine.js';
import { renderVegaLiteSvg } from './charts.js';
import { magazineSpec } from './chartsMagazine.js';
import {
  leakerHistogramSpec,
  type MonteCarloReport,
  probabilitySpec,
  sweepSpec,
} from './chartsMonteCarlo.js';
import { profileSpec, timelineSpec } from './chartsRun.js';
import { clockFormatter } from './clock.js';
import { buildRunView, type RunView, type ThreatView } from './htmlData.js';
import { escapeHtml } from './htmlEscape.js';
import { MC_REPORT_CSS, REPORT_CSS } from './htmlStyle.js';
import { type CoverageLayer, fateColor, frameSpan_m, loadBasemap, MAP_COLORS, renderMapSvg } from './map.js';
import { answerSection, type ExampleReplication } from './mcAnswer.js';
import { formatUsd } from './terminal.js';
import { categoryLabel, type ReportWhy, reportWhy, type ThreatWhy } from './why.js';

/** What the report is made from. */
export interface HtmlReportInput {
  readonly scenario: Scenario;
  readonly result: RunResult;
  /** Scenario file as the user named it (shown, not read). */
  readonly scenarioFile: string;
  /** Monte Carlo results to add (leaker distribution, PRA with interval, sweep). */
  readonly monteCarlo?: MonteCarloReport | null;
  /** Coverage footprints drawn on the maps. */
  readonly coverage?: CoverageLayer | null;
  /** A line under the header saying what the single-run parts show (e.g. "replication 0 of 500"); plain text. */
  readonly note?: string | null;
  /** The run's verdicts when the caller already built them (`aspis run` prints them too); default built here. */
  readonly why?: ReportWhy;
  /**
   * With `monteCarlo`: which replication `result` is and how it was chosen (`report/mcAnswer`); the report then
   * leads with the aggregates and distributions and shows this replication after them, under its label.
   */
  readonly example?: ExampleReplication | null;
}

/** Width the charts are laid out for, px (the page scales them down on narrow screens). */
const CONTENT_WIDTH_px = 1200;
/** Below this ratio of theatre to engagement-area span one map shows everything. */
const SECOND_MAP_SPAN_RATIO = 2.5;
const RAD_TO_DEG = 180 / Math.PI;
const M_PER_KM = 1000;

/** Renames every `id` in an SVG (and its `url(#…)`/`href="#…"` references) to `prefix-n`, n in order of appearance. */
export function prefixSvgIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g))
    if (!ids.has(m[1])) ids.set(m[1], `${prefix}-${ids.size + 1}`);
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (whole: string, id: string) =>
      ids.has(id) ? `url(#${ids.get(id)})` : whole,
    )
    .replace(/href="#([^"]+)"/g, (whole: string, id: string) =>
      ids.has(id) ? `href="#${ids.get(id)}"` : whole,
    );
}

async function chart(spec: Parameters<typeof renderVegaLiteSvg>[0] | null, prefix: string): Promise<string> {
  if (!spec) return '';
  return `<figure class="chart">${prefixSvgIds(await renderVegaLiteSvg(spec), prefix)}</figure>`;
}

/** "2020-01-08T01:20:00+03:00" → "2020-01-08 01:20:00 (UTC+03:00)". */
function localStart(start: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(start);
  if (!m) return start;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' (UTC)' : ` (UTC${m[3]})`;
  return `${m[1]} ${m[2]}${zone}`;
}

function duration(t_s: number): string {
  const h = Math.floor(t_s / 3600);
  const min = Math.round((t_s % 3600) / 60);
  return h > 0 ? `${h} h ${min} min` : `${min} min`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  const head = headers.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${cls}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function fatePill(fate: ThreatView['fate'], suffix = ''): string {
  return `<span class="pill" style="background:${fateColor(fate)}">${escapeHtml(fate + suffix)}</span>`;
}

function kpi(value: string, labelText: string, color?: string): string {
  const style = color ? ` style="border-top-color:${color}"` : '';
  return `<div class="kpi"${style}><div class="kpi-value">${value}</div><div class="kpi-label">${labelText}</div></div>`;
}

function header(input: HtmlReportInput): string {
  const { scenario, result, scenarioFile } = input;
  const s = result.summary;
  return `<header>
<div class="caveat"><strong>NOTIONAL DATA.</strong> Every parameter is notional (public encyclopedic sources). This is defensive analysis, not a statement of real system performance.</div>
<h1>${escapeHtml(s.scenario)}</h1>
${scenario.description ? `<p class="desc">${escapeHtml(scenario.description)}</p>` : ''}
<dl class="meta">
<div><dt>start (local)</dt><dd>${escapeHtml(localStart(s.start))}</dd></div>
<div><dt>duration</dt><dd>${escapeHtml(duration(s.duration_s))}</dd></div>
<div><dt>scenario file</dt><dd><code>${escapeHtml(scenarioFile)}</code></dd></div>
<div><dt>seed</dt><dd>${escapeHtml(result.seed)}${result.replication ? ` · replication ${escapeHtml(result.replication)}` : ''}</dd></div>
<div class="hash"><dt>event-log SHA-256</dt><dd><code>${escapeHtml(result.hash)}</code></dd></div>
</dl>
${input.note ? `<p class="note report-note">${escapeHtml(input.note)}</p>` : ''}
</header>`;
}

function headline(result: RunResult): string {
  const t = result.summary.totals;
  const exchange =
    t.costAttacker_usd > 0 ? `${(t.costDefender_usd / t.costAttacker_usd).toFixed(1)} : 1` : '—';
  return `<section class="kpis">
${kpi(String(t.launched), 'threats launched', MAP_COLORS.launch)}
${kpi(String(t.killed), 'killed', MAP_COLORS.killed)}
${kpi(String(t.impacted), `impacted · <b>${t.leakersOnAssets}</b> on assets`, MAP_COLORS.impacted)}
${kpi(String(t.failed), 'failed in flight', MAP_COLORS.failed)}
${kpi(t.gunRoundsFired > 0 && t.interceptorsFired === 0 ? String(t.gunRoundsFired) : String(t.interceptorsFired), t.gunRoundsFired > 0 && t.interceptorsFired === 0 ? 'gun rounds fired' : 'interceptors fired', MAP_COLORS.interceptor)}
${kpi(escapeHtml(exchange), `cost exchange (defender : attacker)`, MAP_COLORS.unit)}
</section>`;
}

function legendSwatch(svg: string, text: string): string {
  return `<span class="key"><svg width="22" height="14" viewBox="0 0 22 14">${svg}</svg>${text}</span>`;
}

function mapLegend(units: Scenario['units'], view: RunView, coverage: CoverageLayer | null): string {
  const c = MAP_COLORS;
  const line = (color: string, width: number, dash = '') =>
    `<path d="M1,7H21" stroke="${color}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
  const x = (color: string, w: number) =>
    `<path d="M6,2L16,12M6,12L16,2" stroke="${color}" stroke-width="${w}"/>`;
  const dot = (fill: string, stroke: string) =>
    `<circle cx="11" cy="7" r="4" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/>`;
  const fates = new Set(view.threats.map((t) => t.fate));
  const keys = [
    legendSwatch(
      `<circle cx="11" cy="7" r="6" fill="${c.asset}" fill-opacity="0.16" stroke="${c.asset}"/>`,
      'defended asset (true radius)',
    ),
    ...(units.some((u) => u.kind === 'sam-battery')
      ? [legendSwatch(`<rect x="6" y="2" width="10" height="10" fill="${c.unit}"/>`, 'SAM battery')]
      : []),
    ...(units.some((u) => u.kind === 'c-ram')
      ? [legendSwatch(`<path d="M11,1L17,7L11,13L5,7Z" fill="${c.unit}"/>`, 'C-RAM')]
      : []),
    legendSwatch(
      `<path d="M2,12L11,1L20,12Z" fill="${c.sector}" fill-opacity="0.1" stroke="${c.sector}"/>`,
      'radar coverage (max range)',
    ),
    legendSwatch(line(c.unit, 1, '2 3'), 'engagement envelope'),
    legendSwatch(`<path d="M11,2L17,12L5,12Z" fill="${c.launch}"/>`, 'launch area'),
    ...(fates.has('killed') ? [legendSwatch(line(c.killed, 2), 'threat track — killed')] : []),
    ...(fates.has('impacted') ? [legendSwatch(line(c.impacted, 2), 'threat track — impacted')] : []),
    ...(fates.has('failed') ? [legendSwatch(line(c.failed, 2), 'threat track — failed')] : []),
    ...(fates.has('airborne') ? [legendSwatch(line(c.airborne, 2), 'threat track — airborne at end')] : []),
    ...(view.interceptors.length > 0 ? [legendSwatch(line(c.interceptor, 1), 'interceptor track')] : []),
    ...(fates.has('killed') ? [legendSwatch(x(c.killed, 2.4), 'kill')] : []),
    ...(view.interceptors.some((i) => i.result === 'miss') ? [legendSwatch(x(c.miss, 1.4), 'miss')] : []),
    ...(view.threats.some((t) => t.fate === 'impacted' && t.impactAssetId !== null)
      ? [legendSwatch(dot(c.impacted, '#7a0c0c'), 'impact on an asset')]
      : []),
    ...(view.threats.some((t) => t.fate === 'impacted' && t.impactAssetId === null)
      ? [legendSwatch(dot('#ffffff', '#7a0c0c'), 'impact elsewhere')]
      : []),
    ...(fates.has('failed') ? [legendSwatch(dot(c.failed, '#555'), 'failure (debris)')] : []),
    ...(coverage
      ? [
          legendSwatch(
            `<rect x="2" y="2" width="18" height="10" fill="${c.coverage}" fill-opacity="0.3" stroke="${c.coverage}"/>`,
            escapeHtml(coverage.label),
          ),
        ]
      : []),
  ];
  return `<div class="legend">${keys.join('')}</div>`;
}

function mapSection(input: HtmlReportInput, view: RunView): string {
  const mapInput = { scenario: input.scenario, view, coverage: input.coverage ?? null };
  const basemap = loadBasemap();
  const theatreSpan_m = frameSpan_m(mapInput, 'theatre');
  const defendedSpan_m = frameSpan_m(mapInput, 'defended');
  const two = theatreSpan_m > SECOND_MAP_SPAN_RATIO * defendedSpan_m;
  const maps = two
    ? [
        `<figure class="map-fig"><figcaption>Theatre — about ${Math.round(theatreSpan_m / M_PER_KM)} km across</figcaption>${renderMapSvg(mapInput, { frame: 'theatre', width_px: 640, idPrefix: 'map-theatre' }, basemap)}</figure>`,
        `<figure class="map-fig"><figcaption>Engagement area — about ${Math.round(defendedSpan_m / M_PER_KM)} km across</figcaption>${renderMapSvg(mapInput, { frame: 'defended', width_px: 640, idPrefix: 'map-defended' }, basemap)}</figure>`,
      ]
    : [
        `<figure class="map-fig wide"><figcaption>Theatre and engagement area — about ${Math.round(theatreSpan_m / M_PER_KM)} km across</figcaption>${renderMapSvg(mapInput, { frame: 'theatre', width_px: CONTENT_WIDTH_px, idPrefix: 'map-theatre' }, basemap)}</figure>`,
      ];
  return `<section id="map"><h2>Map</h2>
<div class="maps${two ? ' two' : ''}">${maps.join('\n')}</div>
${mapLegend(input.scenario.units, view, input.coverage ?? null)}
<p class="note">Basemap: Natural Earth 1:50m land and borders (public domain), Mercator. Ground tracks are the threats' recorded truth.</p>
</section>`;
}

function summaryTables(input: HtmlReportInput): string {
  const { scenario, result } = input;
  const s = result.summary;
  const t = s.totals;
  const clock = clockFormatter(s.start);
  const totals = table(
    ['measure', 'value'],
    [
      ['threats launched', String(t.launched)],
      ['failed in flight', String(t.failed)],
      ['detected', String(t.detected)],
      ['engaged', String(t.engaged)],
      ['killed', String(t.killed)],
      ['impacted', String(t.impacted)],
      ['leakers on assets', String(t.leakersOnAssets)],
      ['interceptors fired', String(t.interceptorsFired)],
      ['gun rounds fired', String(t.gunRoundsFired)],
      ['defender cost', escapeHtml(formatUsd(t.costDefender_usd))],
      ['attacker cost', escapeHtml(formatUsd(t.costAttacker_usd))],
      ['first detection', clock(s.firstDetection_s)],
      ['first intercept', clock(s.firstIntercept_s)],
    ],
    'kv',
  );
  const assets = table(
    ['asset', 'radius', 'value', 'leakers'],
    scenario.assets.map((a) => [
      `${escapeHtml(a.name)} <span class="id">${escapeHtml(a.id)}</span>`,
      `${(a.radius_m / M_PER_KM).toFixed(1)} km`,
      escapeHtml(a.value),
      `<b>${s.leakersPerAsset[a.id] ?? 0}</b>`,
    ]),
  );
  const units = table(
    ['unit', 'kind', 'radar sector', 'max range', 'fired'],
    scenario.units.map((u) => {
      const width_deg = Math.round(u.radar.type.sectorWidth_rad * RAD_TO_DEG);
      const sector =
        width_deg >= 360
          ? 'all-round'
          : `${width_deg}° centred ${Math.round(u.radar.sectorCenter_rad * RAD_TO_DEG)}°`;
      const fired =
        u.kind === 'c-ram'
          ? `${result.events.filter((e) => e.type === 'gun.burst' && e.unitId === u.id).reduce((n, e) => n + (e.type === 'gun.burst' ? e.rounds : 0), 0)} rds`
          : String(s.interceptorsByUnit[u.id] ?? 0);
      return [
        escapeHtml(u.id),
        u.kind === 'c-ram' ? 'C-RAM' : 'SAM battery',
        escapeHtml(sector),
        `${Math.round(u.radar.type.maxRange_m / M_PER_KM)} km`,
        escapeHtml(fired),
      ];
    }),
  );
  return `<section id="summary"><h2>Summary</h2>
<div class="tables">
<div><h3>Totals</h3>${totals}</div>
<div><h3>Defended assets</h3>${assets}<h3>Defence units</h3>${units}</div>
</div></section>`;
}

/** A threat's verdict: a leaker's "leaked: <category>" in bold red, then the detail; others in plain text. */
function whyCell(why: ThreatWhy | undefined): string {
  if (why === undefined) return '';
  if (!why.leaked) return `<div class="why">${escapeHtml(why.verdict)}</div>`;
  const detail = why.detail ? `: ${escapeHtml(why.detail)}` : '';
  return `<div class="why"><strong class="leak">${escapeHtml(why.head)}</strong>${detail}</div>`;
}

/** Leakers per category and the run notes (radar saturation, network deferrals). */
function whySection(why: ReportWhy): string {
  const counts = table(
    ['category', 'leakers'],
    why.categories.map((c) => [
      why.counts[c] > 0
        ? `<strong class="leak">${escapeHtml(categoryLabel(c))}</strong>`
        : escapeHtml(categoryLabel(c)),
      String(why.counts[c]),
    ]),
    'kv why-counts',
  );
  const lead =
    why.leakers === 0
      ? '<p>No threat impacted inside a defended asset.</p>'
      : `<p><b>${why.leakers}</b> threat${why.leakers === 1 ? '' : 's'} impacted inside a defended asset; the category is the first part of each one's verdict in the threat table.</p>`;
  const notes =
    why.notes.length === 0
      ? ''
      : `<h3>Run notes</h3><ul class="run-notes">${why.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
  return `<section id="why"><h2>Why threats leaked</h2>
${lead}
<div class="tables"><div>${counts}</div><div>${notes}</div></div>
</section>`;
}

function threatTable(input: HtmlReportInput, view: RunView, why: ReportWhy): string {
  const clock = clockFormatter(input.result.summary.start);
  const assetName = new Map(input.scenario.assets.map((a) => [a.id, a.name]));
  const rows = view.threats.map((th) => [
    `<b>${escapeHtml(th.id)}</b>`,
    escapeHtml(th.type),
    clock(th.launch_s),
    clock(th.firstDetection_s),
    clock(th.trackConfirmed_s),
    clock(th.firstShot_s),
    fatePill(th.fate),
    clock(th.end_s),
    th.impactAssetId
      ? escapeHtml(assetName.get(th.impactAssetId) ?? th.impactAssetId)
      : th.fate === 'impacted'
        ? 'outside assets'
        : '',
    `${th.interceptorsFired}${th.gunRounds ? ` + ${th.gunRounds} rds` : ''}`,
    th.warning_s === null ? '—' : `${Math.round(th.warning_s)} s`,
    whyCell(why.threats.get(th.id)),
  ]);
  return `<section id="threats"><h2>Threats</h2>
${table(['threat', 'type', 'launch', 'first detection', 'track confirmed', 'first shot', 'fate', 'at', 'impact on', 'fired', 'warning', 'why'], rows, 'threats')}
<p class="note">Times are local clock times of the scenario. “Track confirmed” is the first confirmed track attributed to the threat; “warning” is the time from the first warning to impact. “Why” is the threat's story verdict, as in <code>aspis run</code>; a leaker's category is in red.</p>
</section>`;
}

async function monteCarloSection(mc: MonteCarloReport): Promise<string> {
  const half_px = Math.round(CONTENT_WIDTH_px / 2 - 80);
  const charts = [
    await chart(leakerHistogramSpec(mc, half_px), 'mc-leakers'),
    await chart(probabilitySpec(mc, half_px - 120), 'mc-prob'),
    await chart(sweepSpec(mc, CONTENT_WIDTH_px - 120), 'mc-sweep'),
  ];
  return `<section id="monte-carlo"><h2>Monte Carlo distributions over ${mc.runs} replications</h2><div class="charts-row">${charts.join('\n')}</div></section>`;
}

/** The heading over the single-run parts of a Monte Carlo report: which replication they show. */
function exampleHeading(input: HtmlReportInput): string {
  if (!input.monteCarlo) return '';
  const label = input.example?.label ?? `example: replication ${input.result.replication}`;
  return `<h2 class="example-head" id="example">${escapeHtml(label[0].toUpperCase() + label.slice(1))}</h2>`;
}

/**
 * Renders the whole report as one HTML document (UTF-8 text). Deterministic for a given input: no clock, no
 * randomness, chart element ids renumbered per chart.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { loadScenario, renderHtmlReport, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * writeFileSync('report.html', await renderHtmlReport({ scenario, result, scenarioFile: 'scenarios/al-asad-2020.yaml' }));
 * ```
 */
export async function renderHtmlReport(input: HtmlReportInput): Promise<string> {
  const view = buildRunView(input.scenario, input.result);
  const why = input.why ?? reportWhy(input.result, input.scenario);
  const timeline = await chart(timelineSpec(input.scenario, view, CONTENT_WIDTH_px - 220), 'timeline');
  const profiles = await chart(profileSpec(input.scenario, view, CONTENT_WIDTH_px - 60), 'profiles');
  const magazine = await chart(
    magazineSpec(input.scenario, input.result.events, CONTENT_WIDTH_px - 220),
    'magazine',
  );
  const mc = input.monteCarlo ? await monteCarloSection(input.monteCarlo) : '';
  // a Monte Carlo report leads with the answer (aggregates, then distributions), then one example replication
  const answer = input.monteCarlo ? answerSection(input.monteCarlo, input.example ?? null) : '';
  const nav = [
    ...(mc
      ? [
          ['answer', 'Answer'],
          ['monte-carlo', 'Distributions'],
          ['example', 'Example'],
        ]
      : []),
    ['map', 'Map'],
    ['timeline', 'Timeline'],
    ['profiles', 'Profiles'],
    ...(magazine ? [['magazine', 'Interceptors left']] : []),
    ['summary', 'Summary'],
    ['why', 'Why leaked'],
    ['threats', 'Threats'],
  ]
    .map(([id, text]) => `<a href="#${id}">${text}</a>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>aspis — ${escapeHtml(input.result.summary.scenario)}</title>
<style>${REPORT_CSS}${answer ? MC_REPORT_CSS : ''}</style>
</head>
<body>
<main>
${header(input)}
${answer ? `<nav>${nav}</nav>\n${answer}\n${mc}\n${exampleHeading(input)}\n${headline(input.result)}` : `${headline(input.result)}\n<nav>${nav}</nav>`}
${mapSection(input, view)}
<section id="timeline"><h2>Engagement timeline</h2>${timeline}
<p class="note">One row per threat, one panel per raid. The bar runs from launch to the threat's end and is coloured by its fate.</p></section>
<section id="profiles"><h2>Altitude versus ground range</h2>${profiles}
<p class="note">Ground range is measured to each threat's defended asset; interceptors are measured to the asset of the threat they were fired at.</p></section>
${
  magazine
    ? `<section id="magazine"><h2>Interceptors left</h2>${magazine}
<p class="note">Per fire unit: rounds ready on the launchers (down at each launch, up at each reload) and the total with the reserve; a gun's rounds. From the event log.</p></section>`
    : ''
}
${summaryTables(input)}
${whySection(why)}
${threatTable(input, view, why)}

<footer>aspis · seed ${escapeHtml(input.result.seed)} · event-log SHA-256 <code>${escapeHtml(input.result.hash)}</code> · notional data, defensive analysis only</footer>
</main>
</body>
</html>
`;
}
