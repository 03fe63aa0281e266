import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alAsadPac2NoReserve } from '../../test/helpers.js';
import { buildOutcomes, countLeakCategories, LEAK_CATEGORY_LABEL, storyTimingOf } from '../outcome/index.js';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { runScenario } from '../sim/engine.js';
import { prefixSvgIds, renderHtmlReport } from './html.js';
import { escapeHtml } from './htmlEscape.js';

const SVG_NAMESPACES = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'];

function shipped(name: string): Scenario {
  return loadScenario(join(packageRoot(), 'scenarios', name));
}

async function report(scenario: Scenario, file: string) {
  const result = runScenario(scenario, { recordPaths: true });
  const html = await renderHtmlReport({ scenario, result, scenarioFile: `scenarios/${file}` });
  return { result, html };
}

/** Every src/href value and every absolute URL in the document. */
function externalReferences(html: string): string[] {
  const refs = [...html.matchAll(/\s(?:src|href|xlink:href)="([^"]*)"/g)].map((m) => m[1]);
  const urls = html.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi) ?? [];
  return [...refs.filter((r) => !r.startsWith('#')), ...urls.filter((u) => !SVG_NAMESPACES.includes(u))];
}

describe('renderHtmlReport', () => {
  it('renders a self-contained report of the Erbil run with map, tracks, timeline and profiles', async () => {
    const scenario = shipped('erbil-2020.yaml');
    const { result, html } = await report(scenario, 'erbil-2020.yaml');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i);
    // the map: basemap land, one ground track per launched threat, the assets by name
    expect(html).toMatch(/<path class="land" d="M[-\d.]+,[-\d.]+/);
    const tracks = html.match(/class="threat-track"/g) ?? [];
    expect(tracks.length).toBe(
      result.summary.totals.launched * (html.match(/<svg[^>]*class="map"/g) ?? []).length,
    );
    for (const th of result.summary.threats) expect(html).toContain(`data-threat="${th.id}"`);
    for (const a of scenario.assets) expect(html).toContain(escapeHtml(a.name));
    // the Vega-Lite charts
    expect(html).toMatch(/<section id="timeline">[\s\S]*<svg[\s\S]*local time[\s\S]*<\/section>/);
    expect(html).toMatch(/<section id="profiles">[\s\S]*<svg[\s\S]*altitude \(km\)[\s\S]*<\/section>/);
    // header facts and the caveat
    expect(html).toContain(result.hash);
    expect(html).toContain('NOTIONAL DATA');
    expect(html).toContain(escapeHtml(scenario.name));
  });

  it('renders the Camp Taji C-RAM run with gun bursts on the timeline and every rocket in the threat table', async () => {
    const scenario = shipped('taji-2020-cram.yaml');
    const { result, html } = await report(scenario, 'taji-2020-cram.yaml');
    expect(externalReferences(html)).toEqual([]);
    expect(html).toContain('C-RAM');
    expect(html).toContain('gun burst');
    const threatSection = html.slice(html.indexOf('<section id="threats">'));
    for (const th of result.summary.threats) expect(threatSection).toContain(`<b>${th.id}</b>`);
    // chart ids are unique across the page (each chart renumbered)
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is deterministic: the same run renders to the same bytes', async () => {
    const scenario = shipped('taji-2020-cram.yaml');
    const a = await report(scenario, 'taji-2020-cram.yaml');
    const b = await report(scenario, 'taji-2020-cram.yaml');
    expect(a.html).toBe(b.html);
  });

  it('fuzz regression (no-threats-nan-axis): a run with no threats and no assets has no NaN in its report', async () => {
    // found by `npm run fuzz` (schema case: `assets: []`, two C-RAM mounts, no threats): the empty profile chart's
    // axes were labelled "values from NaN to NaN"
    const base = shipped('taji-2020-cram.yaml');
    const scenario: Scenario = {
      ...base,
      assets: [],
      threats: [],
      units: base.units.map((u) => ({ ...u, defends: [] })),
    };
    const { html } = await report(scenario, 'no-threats.yaml');
    expect(html).toContain('ground range to the defended asset (km)');
    expect(html).not.toMatch(/\bNaN\b|\bInfinity\b/);
  });

  it('fuzz regression (empty-scenario-nan-map): a scenario with nothing in it has no NaN in its report', async () => {
    // found by `npm run fuzz` (schema case: no assets, no units, no threats): the map frame averaged zero points and
    // the caption read "about NaN km across"
    const base = shipped('taji-2020-cram.yaml');
    const { html } = await report({ ...base, assets: [], threats: [], units: [] }, 'empty.yaml');
    expect(html).toMatch(/about \d+ km across/);
    expect(html).not.toMatch(/\bNaN\b|\bInfinity\b/);
  });

  it('renders scenario text inert: a name with a script tag is escaped everywhere', async () => {
    const base = shipped('taji-2020-cram.yaml');
    const evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const scenario: Scenario = {
      ...base,
      name: evil,
      description: evil,
      assets: base.assets.map((a) => ({ ...a, name: evil })),
      threats: base.threats.map((t) => ({ ...t, raid: '<script>raid</script>' })),
      // unit ids reach the threats' verdicts ("killed by <unit> (C-RAM burst …)")
      units: base.units.map((u) => ({ ...u, id: `<script>${u.id}</script>` })),
    };
    const result = runScenario(scenario, { recordPaths: true });
    const html = await renderHtmlReport({ scenario, result, scenarioFile: '"><script>f</script>' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const threatSection = html.slice(html.indexOf('<section id="threats">'));
    expect(threatSection).toMatch(/<div class="why">killed by &lt;script&gt;/);
  });

  it('gives every Al Asad threat its story verdict and counts the leakers per category', async () => {
    const scenario = alAsadPac2NoReserve();
    const { result, html } = await report(scenario, 'al-asad-2020.yaml');
    const stories = buildOutcomes(result.events, storyTimingOf(scenario));
    const threatSection = html.slice(html.indexOf('<section id="threats">'));
    const row = (id: string) => threatSection.slice(threatSection.indexOf(`<b>${id}</b>`)).split('</tr>')[0];
    // the battery has run dry by the last wave; a leaker's category stands out
    const dry = stories.find((o) => o.code === 'no-inventory');
    expect(dry?.threatId.startsWith('wave-5-')).toBe(true);
    expect(row(dry!.threatId)).toContain(
      '<div class="why"><strong class="leak">leaked: no inventory</strong>: battery out of rounds</div>',
    );
    for (const s of stories) expect(row(s.threatId)).toContain(`<div class="why">`);
    const killed = stories.find((o) => o.fate === 'killed');
    expect(row(killed!.threatId)).toMatch(/<div class="why">killed by patriot-1-I\d+ of patriot-1/);
    // the counts are those of the stories `aspis run` prints, and add up to the leakers on assets
    const counts = countLeakCategories(stories);
    const why = html.slice(html.indexOf('<section id="why">'), html.indexOf('<section id="threats">'));
    for (const [category, n] of Object.entries(counts)) {
      const label = LEAK_CATEGORY_LABEL[category as keyof typeof counts];
      const cell = n > 0 ? `<strong class="leak">${label}</strong>` : label;
      expect(why).toContain(`<tr><td>${cell}</td><td>${n}</td></tr>`);
    }
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(result.summary.totals.leakersOnAssets);
    expect(why).toContain(`<b>${result.summary.totals.leakersOnAssets}</b> threats impacted`);
    // no saturated radar and no network in this scenario: no run notes
    expect(why).not.toContain('Run notes');
  });

  it('notes the network deferrals of the layered Al Asad run', async () => {
    const scenario = shipped('al-asad-2020-layered.yaml');
    const { html } = await report(scenario, 'al-asad-2020-layered.yaml');
    const why = html.slice(html.indexOf('<section id="why">'), html.indexOf('<section id="threats">'));
    expect(why).toMatch(
      /<li>network deferrals: [^<]*held fire on \d+ tracks? \([^<]*left to the upper tier \d+/,
    );
  });

  it('adds the Monte Carlo section and the coverage layer when given', async () => {
    const scenario = shipped('al-asad-2020.yaml');
    const result = runScenario(scenario, { recordPaths: true });
    const a = scenario.assets[0].position;
    const lon = (a.lon_rad * 180) / Math.PI;
    const lat = (a.lat_rad * 180) / Math.PI;
    const html = await renderHtmlReport({
      scenario,
      result,
      scenarioFile: 'scenarios/al-asad-2020.yaml',
      monteCarlo: {
        runs: 200,
        pra: { p: 0.61, lo: 0.54, hi: 0.67 },
        noLeakerOnAssets: { p: 0.7, lo: 0.63, hi: 0.76 },
        leakers: { histogram: [122, 50, 20, 8], mean: 0.57 },
        sweep: {
          parameter: 'shots per threat',
          metric: 'PRA',
          points: [1, 2, 3].map((value) => ({ value, p: 0.3 * value, lo: 0.25 * value, hi: 0.32 * value })),
        },
      },
      coverage: {
        label: 'test footprint',
        footprints: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [lon - 0.2, lat - 0.2],
                    [lon + 0.2, lat - 0.2],
                    [lon + 0.2, lat + 0.2],
                    [lon - 0.2, lat + 0.2],
                    [lon - 0.2, lat - 0.2],
                  ],
                ],
              },
            },
          ],
        },
      },
    });
    expect(html).toContain('<section id="monte-carlo">');
    expect(html).toContain(
      'Probability of raid annihilation (PRA) <b>61.0 %</b> <span class="ci">(95 % interval 54.0–67.0 %)</span>',
    );
    // the answer leads: before the distributions, which come before the example replication's map
    expect(html.indexOf('<section id="answer">')).toBeLessThan(html.indexOf('<section id="monte-carlo">'));
    expect(html.indexOf('<section id="monte-carlo">')).toBeLessThan(html.indexOf('<section id="map">'));
    expect(html).toContain('leakers on assets');
    expect(html).toContain('shots per threat');
    expect(html).toMatch(/<path class="coverage" d="M/);
    expect(html).toContain('test footprint');
    expect(externalReferences(html)).toEqual([]);
  });
});

describe('prefixSvgIds', () => {
  it('renames ids and their url()/href references consistently', () => {
    const svg =
      '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><use href="#clip7"/></svg>';
    expect(prefixSvgIds(svg, 'chart')).toBe(
      '<svg><clipPath id="chart-1"><rect/></clipPath><g clip-path="url(#chart-1)"/><use href="#chart-1"/></svg>',
    );
  });
});
