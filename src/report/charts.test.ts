import { describe, expect, it } from 'vitest';
import { renderVegaLiteSvg } from './charts.js';

describe('renderVegaLiteSvg', () => {
  it('renders an inline-data Vega-Lite line chart to a standalone SVG with generic fonts', async () => {
    const svg = await renderVegaLiteSvg({
      data: {
        values: [
          { t_s: 0, alt_m: 0 },
          { t_s: 10, alt_m: 500 },
        ],
      },
      mark: 'line',
      encoding: {
        x: { field: 't_s', type: 'quantitative', title: 'time after start (s)' },
        y: { field: 'alt_m', type: 'quantitative', title: 'altitude (m)' },
      },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('</svg>');
    expect(svg).toContain('altitude (m)');
    expect(svg).toContain('sans-serif');
    const urls = svg.match(/https?:\/\/[^"'\s)]*/g) ?? [];
    for (const url of urls)
      expect(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']).toContain(url);
  });

  it('refuses a spec that loads its data from a URL', async () => {
    await expect(
      renderVegaLiteSvg({ data: { url: 'https://example.org/data.csv' }, mark: 'point' }),
    ).rejects.toThrow(TypeError);
  });
});
