/**
 * @module report/charts
 * Charts for the HTML report, drawn by Vega-Lite and rendered to a static SVG string in Node (no browser, no canvas,
 * no network): the spec is compiled to Vega, parsed into a headless `View` with `renderer: 'none'`, and serialised
 * with `toSVG()`. Every data set must be inline (`data.values`); a spec that names a URL is refused so a report can
 * never depend on the network. Fonts stay generic (`sans-serif`) so the SVG renders the same offline everywhere.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec (re-exported so callers need not import vega-lite themselves). */
export type VegaLiteSpec = TopLevelSpec;

/** Generic fonts and a quiet look shared by every report chart; a spec's own `config` wins field by field. */
export const REPORT_CHART_CONFIG = {
  font: 'sans-serif',
  background: '#ffffff',
  view: { stroke: '#d0d4da' },
  axis: {
    labelFont: 'sans-serif',
    titleFont: 'sans-serif',
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    gridColor: '#e6e9ee',
    domainColor: '#8a939f',
    tickColor: '#8a939f',
    labelColor: '#333a44',
    titleColor: '#1f2630',
  },
  legend: {
    labelFont: 'sans-serif',
    titleFont: 'sans-serif',
    labelFontSize: 11,
    titleFontSize: 12,
    labelColor: '#333a44',
    titleColor: '#1f2630',
    symbolOpacity: 1,
    symbolSize: 80,
  },
  title: { font: 'sans-serif', fontSize: 14, fontWeight: 600, anchor: 'start', color: '#1f2630' },
  header: { labelFont: 'sans-serif', titleFont: 'sans-serif' },
  text: { font: 'sans-serif' },
} as const;

/** True when any `url` key appears anywhere in the spec (remote or file data, images). */
function mentionsUrl(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsUrl);
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'url') return true;
      if (key !== 'values' && mentionsUrl(inner)) return true;
    }
  }
  return false;
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string (`<svg …>…</svg>`), headless and offline.
 * The report's chart config (generic fonts, light grid) is merged under the spec's own `config`.
 * Throws a `TypeError` when the spec references data by URL: report charts carry their data inline.
 */
export async function renderVegaLiteSvg(spec: VegaLiteSpec): Promise<string> {
  if (mentionsUrl(spec))
    throw new TypeError('renderVegaLiteSvg: inline the data (data.values); URLs are refused');
  const withConfig = {
    ...spec,
    config: { ...REPORT_CHART_CONFIG, ...(spec.config ?? {}) },
  } as VegaLiteSpec;
  // warnings (e.g. dropped encodings) stay quiet: a report must not chatter on the CLI's stdout
  const compiled = compile(withConfig, { logger: vega.logger(vega.Error) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
