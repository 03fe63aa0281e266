import { describe, expect, it } from 'vitest';
import { alAsadPac2NoReserve, shipped } from '../../test/helpers.js';
import { buildOutcomes, countLeakCategories, LEAK_CATEGORY_LABEL, storyTimingOf } from '../outcome/index.js';
import { runScenario } from '../sim/engine.js';
import { markdownCell, renderMarkdownReport } from './markdown.js';
import { reportWhy } from './why.js';

describe('renderMarkdownReport', () => {
  it('gives the Al Asad threats their story verdicts and counts the leakers per category', () => {
    const scenario = alAsadPac2NoReserve();
    const result = runScenario(scenario, { recordPaths: true });
    const md = renderMarkdownReport(
      result.summary,
      { seed: result.seed, hash: result.hash, scenarioFile: 'scenarios/al-asad-2020.yaml' },
      reportWhy(result, scenario),
    );
    // the battery has run dry by the last wave
    const stories = buildOutcomes(result.events, storyTimingOf(scenario));
    const dry = stories.find((o) => o.code === 'no-inventory');
    expect(dry?.threatId.startsWith('wave-5-')).toBe(true);
    const row = md.split('\n').find((l) => l.startsWith(`| ${dry!.threatId} |`));
    expect(row).toMatch(/\| \*\*leaked: no inventory\*\*: battery out of rounds \|$/);
    // the counts are those of the stories `aspis run` prints
    const counts = countLeakCategories(stories);
    expect(counts['no-inventory']).toBeGreaterThanOrEqual(1);
    const section = md.slice(md.indexOf('## Why threats leaked'), md.indexOf('## Threats'));
    for (const [category, n] of Object.entries(counts)) {
      const label = LEAK_CATEGORY_LABEL[category as keyof typeof counts];
      const cell = n > 0 ? `**${label}**` : label;
      expect(section).toContain(`| ${cell} | ${n} |`);
    }
    const leakers = stories.filter((s) => s.leaked).length;
    expect(leakers).toBe(result.summary.totals.leakersOnAssets);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(leakers);
    expect(section).toContain(`${leakers} threats impacted inside a defended asset`);
    // every threat row has the verdict column
    for (const s of stories) expect(md).toContain(`| ${s.threatId} |`);
    expect(
      md
        .split('\n')
        .filter((l) => l.startsWith('| wave-'))
        .every((l) => l.split(' | ').length === 10),
    ).toBe(true);
  });

  it('keeps the old layout without the verdicts', () => {
    const scenario = shipped('al-asad-2020.yaml');
    const result = runScenario(scenario, {});
    const md = renderMarkdownReport(result.summary, { seed: 1, hash: 'h', scenarioFile: 'f' });
    expect(md).not.toContain('Why threats leaked');
    expect(md).toContain(
      '| threat | type | launch | fate | at | impact (lat, lon) | asset | interceptors | warning |\n',
    );
  });
});

describe('markdownCell', () => {
  it('escapes pipes and backslashes, turns < into an entity and line breaks into spaces', () => {
    expect(markdownCell('a|b\\c<script>\nd')).toBe('a\\|b\\\\c&lt;script> d');
  });
});
