/**
 * @module analysis/sweepPlot
 * The sweep plot: PRA and mean leakers on assets versus the swept value, each with its 95 % interval as error bars,
 * two panels stacked. Built as a Vega-Lite spec, compiled to Vega and rendered to SVG headless in Node (no canvas,
 * no browser): `new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' }).toSVG()`.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { SweepPoint } from './sweep.js';

/** One row of the plot data. */
interface PlotRow {
  value: number | string;
  measure: string;
  estimate: number;
  lo: number;
  hi: number;
}

/** The rows behind the plot: per swept value, PRA and mean leakers with their intervals. */
export function sweepPlotRows(points: readonly SweepPoint[]): PlotRow[] {
  const rows: PlotRow[] = [];
  for (const { value, result } of points) {
    const v = typeof value === 'number' ? value : String(value);
    const a = result.aggregate;
    rows.push({ value: v, measure: 'PRA', estimate: a.pra.p, lo: a.pra.lo, hi: a.pra.hi });
    rows.push({
      value: v,
      measure: 'mean leakers on assets',
      estimate: a.leakers.mean,
      lo: a.leakers.lo,
      hi: a.leakers.hi,
    });
  }
  return rows;
}

/** The Vega-Lite spec of the sweep plot. */
export function sweepPlotSpec(points: readonly SweepPoint[], path: string, title: string): vl.TopLevelSpec {
  const rows = sweepPlotRows(points);
  const numeric = points.every((p) => typeof p.value === 'number');
  const x = numeric
    ? ({ field: 'value', type: 'quantitative', title: path, scale: { zero: false } } as const)
    : ({ field: 'value', type: 'ordinal', title: path } as const);
  const panel = (measure: string, yTitle: string) => ({
    width: 420,
    height: 180,
    transform: [{ filter: { field: 'measure', equal: measure } }],
    layer: [
      {
        mark: { type: 'errorbar', ticks: true },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: yTitle },
          y2: { field: 'hi' },
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'estimate', type: 'quantitative', title: yTitle },
        },
      },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle: 'points: estimate; bars: 95 % interval (Wilson for PRA)' },
    data: { values: rows },
    vconcat: [panel('PRA', 'PRA'), panel('mean leakers on assets', 'leakers on assets per raid')],
  } as vl.TopLevelSpec;
}

/** Renders the sweep plot to an SVG string (headless). */
export async function sweepPlotSvg(
  points: readonly SweepPoint[],
  path: string,
  title: string,
): Promise<string> {
  const compiled = vl.compile(sweepPlotSpec(points, path, title)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
