/**
 * @module web/histogram
 * Inline SVG bar charts for the Monte Carlo view (no chart library): replications per outcome, one bar per integer
 * value (leakers, kills, interceptors per replication) or per equal-width bin (defender cost), with the mean marked.
 * Built with DOM calls (the page's CSP allows no inline script, and nothing here parses markup).
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Bars of a histogram: a label under each and how many replications fall in it. */
export interface Bins {
  readonly labels: string[];
  readonly counts: number[];
  /** Where the mean falls on the bar axis (bar index units, 0 = centre of the first bar), or null. */
  readonly meanAt: number | null;
}

/** Most bars drawn; wider integer ranges are grouped into bins. */
export const MAX_BARS = 24;

/** Smallest, largest and mean of non-empty values (one pass, no argument spread). */
function extent(values: readonly number[]): { lo: number; hi: number; mean: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
  }
  return { lo, hi, mean: sum / values.length };
}

/**
 * Bins of integer outcomes: one bar per value from the smallest to the largest when that is at most `MAX_BARS`
 * values, else equal-width groups (`"10–14"`).
 * @example
 * ```ts
 * binIntegers([0, 0, 1, 3]); // labels 0,1,2,3 · counts 2,1,0,1
 * ```
 */
export function binIntegers(values: readonly number[], format: (x: number) => string = String): Bins {
  if (values.length === 0) return { labels: [], counts: [], meanAt: null };
  const { lo, hi, mean } = extent(values);
  const width = Math.max(1, Math.ceil((hi - lo + 1) / MAX_BARS));
  const bars = Math.floor((hi - lo) / width) + 1;
  const counts = new Array<number>(bars).fill(0);
  for (const v of values) counts[Math.floor((v - lo) / width)]++;
  const labels = counts.map((_, i) => {
    const from = lo + i * width;
    return width === 1 ? format(from) : `${format(from)}–${format(from + width - 1)}`;
  });
  return { labels, counts, meanAt: (mean - lo) / width - (width - 1) / (2 * width) };
}

/**
 * Bins of real values (cost): `bars` equal-width bins over [min, max], labelled by their lower edge.
 * @example
 * ```ts
 * binReals([1e6, 2e6, 2.5e6], 4, (x) => `${x / 1e6} M`);
 * ```
 */
export function binReals(values: readonly number[], bars: number, format: (x: number) => string): Bins {
  if (values.length === 0) return { labels: [], counts: [], meanAt: null };
  const { lo, hi, mean } = extent(values);
  if (hi === lo) return { labels: [format(lo)], counts: [values.length], meanAt: 0 };
  const width = (hi - lo) / bars;
  const counts = new Array<number>(bars).fill(0);
  for (const v of values) counts[Math.min(bars - 1, Math.floor((v - lo) / width))]++;
  return {
    labels: counts.map((_, i) => format(lo + i * width)),
    counts,
    meanAt: (mean - lo) / width - 0.5,
  };
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, String(value));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Options of `histogramSvg`. */
export interface HistogramOptions {
  readonly title: string;
  /** Label of the horizontal axis. */
  readonly xLabel: string;
  readonly color?: string;
  readonly width_px?: number;
  readonly height_px?: number;
}

/**
 * An SVG bar chart of `bins`: replications per bar, counts over the bars, the mean as a dashed line.
 * @example
 * ```ts
 * container.append(histogramSvg(binIntegers([0, 1, 1, 2]), { title: 'Leakers', xLabel: 'leakers on assets' }));
 * ```
 */
export function histogramSvg(bins: Bins, options: HistogramOptions): SVGSVGElement {
  const width = options.width_px ?? 340;
  const height = options.height_px ?? 180;
  const margin = { left: 34, right: 8, top: 24, bottom: 34 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const root = svg('svg', {
    class: 'histogram',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': options.title,
  });
  root.append(svg('text', { x: margin.left, y: 15, class: 'title' }, options.title));
  const n = bins.counts.length;
  let top = 1;
  for (const c of bins.counts) top = Math.max(top, c);
  const step = n > 0 ? plotW / n : plotW;
  const y = (count: number) => margin.top + plotH - (count / top) * plotH;
  root.append(
    svg('line', { x1: margin.left, x2: margin.left + plotW, y1: y(0), y2: y(0), class: 'axis' }),
    svg('text', { x: margin.left - 4, y: y(top) + 4, class: 'tick', 'text-anchor': 'end' }, String(top)),
    svg('text', { x: margin.left - 4, y: y(0), class: 'tick', 'text-anchor': 'end' }, '0'),
  );
  // every label when they fit (about 6 px per character), else every k-th
  let longest = 1;
  for (const label of bins.labels) longest = Math.max(longest, label.length);
  const every = Math.max(1, Math.ceil((n * (longest * 6 + 6)) / plotW));
  bins.counts.forEach((count, i) => {
    const x = margin.left + i * step;
    const bar = svg('rect', {
      x: x + step * 0.1,
      y: y(count),
      width: Math.max(1, step * 0.8),
      height: Math.max(0, y(0) - y(count)),
      fill: options.color ?? '#3fa7ff',
      class: 'bar',
      'data-count': count,
    });
    bar.append(svg('title', {}, `${bins.labels[i]}: ${count} replication${count === 1 ? '' : 's'}`));
    root.append(bar);
    if (count > 0 && step >= 14)
      root.append(
        svg(
          'text',
          { x: x + step / 2, y: y(count) - 3, class: 'count', 'text-anchor': 'middle' },
          String(count),
        ),
      );
    if (i % every === 0)
      root.append(
        svg(
          'text',
          { x: x + step / 2, y: y(0) + 13, class: 'tick', 'text-anchor': 'middle' },
          bins.labels[i],
        ),
      );
  });
  if (bins.meanAt !== null && n > 0) {
    const mx = margin.left + (bins.meanAt + 0.5) * step;
    root.append(
      svg('line', { x1: mx, x2: mx, y1: margin.top, y2: y(0), class: 'mean' }),
      svg('text', { x: mx + 3, y: margin.top + 9, class: 'tick' }, 'mean'),
    );
  }
  root.append(
    svg(
      'text',
      { x: margin.left + plotW / 2, y: height - 4, class: 'axis-label', 'text-anchor': 'middle' },
      `${options.xLabel} (replications per bar)`,
    ),
  );
  return root;
}
