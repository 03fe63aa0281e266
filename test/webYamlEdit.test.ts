/**
 * What the workbench map moves in a scenario's YAML (`web/yamlEdit`): unit and asset positions and radar sector
 * centres are read from every shipped scenario layout, and a drag rewrites only the scalars it changes (comments
 * and formatting kept; the result still compiles to the moved position).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import {
  angleDegrees,
  applyChanges,
  editPointsOf,
  editsFor,
  formatAzimuth,
  formatDegrees,
} from '../web/src/yamlEdit.js';

const file = 'scenarios/al-asad-2020-layered.yaml';
const yaml = readFileSync(join(packageRoot(), file), 'utf8');

describe('edit points', () => {
  it('reads units (with their sector centres) and assets', () => {
    const points = editPointsOf(yaml);
    const units = points.filter((p) => p.kind === 'unit');
    const scenario = parseScenario(yaml, file);
    expect(units.map((u) => u.label)).toEqual(scenario.units.map((u) => u.id));
    expect(units[0]?.sector?.center_deg).toBe(81);
    expect(points.filter((p) => p.kind === 'asset').length).toBe(scenario.assets.length);
  });

  it('angles in every unit a scenario may write', () => {
    expect(angleDegrees('81deg')).toBe(81);
    expect(angleDegrees(Math.PI)).toBeCloseTo(180);
    expect(angleDegrees('1000mrad')).toBeCloseTo(57.2958, 3);
    expect(angleDegrees('north')).toBeNull();
    expect(formatAzimuth(-30.4)).toBe('330deg');
    expect(formatDegrees(33.123456789)).toBe('33.12346');
  });
});

describe('edits', () => {
  it('a unit drag replaces its lat and lon only; the text still compiles, at the new place', () => {
    const unit = editPointsOf(yaml).find((p) => p.kind === 'unit')!;
    const changes = editsFor(yaml, [
      { path: unit.latPath, value: formatDegrees(33.9) },
      { path: unit.lonPath, value: formatDegrees(42.61234) },
      { path: unit.sector!.path, value: formatAzimuth(95) },
    ]);
    expect(changes.length).toBe(3);
    const moved = applyChanges(yaml, changes);
    expect(moved.split('\n').length).toBe(yaml.split('\n').length);
    expect(moved).toContain('at: { lat: 33.9, lon: 42.61234, alt: 188m }');
    expect(moved).toContain('sectorCenter: 95deg');
    // comments stay
    expect(moved.slice(0, 200)).toBe(yaml.slice(0, 200));
    const scenario = parseScenario(moved, file);
    expect((scenario.units[0]!.position.lat_rad * 180) / Math.PI).toBeCloseTo(33.9, 6);
  });

  it('a field the text does not have is added with setIn', () => {
    const text =
      '# keep me\nunits:\n  - id: u\n    at: { lat: 1, lon: 2 }\n    radar: { type: notional-mfr }\n';
    const unit = editPointsOf(text)[0]!;
    expect(unit.sector?.center_deg).toBe(0);
    const out = applyChanges(text, editsFor(text, [{ path: unit.sector!.path, value: '45deg' }]));
    expect(out).toContain('# keep me');
    expect(out).toMatch(/sectorCenter: 45deg/);
    expect(editPointsOf(out)[0]?.sector?.center_deg).toBe(45);
  });
});
