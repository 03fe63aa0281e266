/**
 * Completion of scenario YAML in the web workbench (`web/schemaComplete`): the cursor's YAML path from half-typed
 * text, and the keys and values the scenario JSON Schema offers there.
 */
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../src/scenario/schema.js';
import { cursorContext, type JsonSchema, optionsAt } from '../web/src/schemaComplete.js';

const schema = scenarioJsonSchema() as JsonSchema;

/** The context at the `|` in `marked` (removed). */
function at(marked: string) {
  const pos = marked.indexOf('|');
  return cursorContext(marked.replace('|', ''), pos);
}

function labels(marked: string): string[] {
  const context = at(marked);
  return context === null ? [] : optionsAt(schema, context).map((o) => o.label);
}

const UNIT = `name: x
units:
  - id: a
    kind: sam-battery
    at: { lat: 1, lon: 2 }
`;

describe('cursor context', () => {
  it('a half-typed key in a block mapping: the mapping path and the keys already there', () => {
    expect(at(`${UNIT}    rad|`)).toMatchObject({
      position: 'key',
      path: ['units', 0],
      existingKeys: expect.arrayContaining(['id', 'kind', 'at']),
    });
    expect(labels(`${UNIT}    rad|`)).toContain('radar');
    expect(labels(`${UNIT}    rad|`)).not.toContain('kind');
  });

  it('an empty indented line takes the mapping of the keys in its column', () => {
    expect(at(`${UNIT}    |\nthreats: []\n`)).toMatchObject({ position: 'key', path: ['units', 0] });
    expect(at(`${UNIT}|`)).toMatchObject({ position: 'key', path: [] });
    expect(labels(`${UNIT}|`)).toContain('threats');
    expect(labels(`${UNIT}|`)).not.toContain('units');
  });

  it('a key in a flow mapping', () => {
    const text = `${UNIT}    radar: { type: notional-mfr, sec| }\n`;
    expect(at(text)).toMatchObject({ position: 'key', path: ['units', 0, 'radar'] });
    expect(labels(text)).toEqual(expect.arrayContaining(['sectorCenter', 'sectorWidth']));
    expect(labels(text)).not.toContain('type');
  });

  it('a value: enumerated values, constants and booleans of the field', () => {
    expect(at(`name: x\nunits:\n  - id: a\n    kind: |\n`)).toMatchObject({
      position: 'value',
      path: ['units', 0, 'kind'],
    });
    expect(labels(`name: x\nunits:\n  - id: a\n    kind: |\n`)).toEqual(
      expect.arrayContaining(['sam-battery', 'c-ram']),
    );
    expect(labels('earlyWarning: { enabled: | }\n')).toEqual(expect.arrayContaining(['true', 'false']));
  });

  it('a catalog-id field offers the examples the server adds (catalog ids)', () => {
    const radar = {
      type: 'string',
      description: 'Radar catalog id',
      examples: ['notional-mfr', 'notional-x'],
    };
    const schema: JsonSchema = {
      type: 'object',
      properties: { radar: { type: 'object', properties: { type: radar } } },
    };
    const options = optionsAt(schema, {
      position: 'value',
      path: ['radar', 'type'],
      from: 0,
      existingKeys: [],
    });
    expect(options.map((o) => o.label)).toEqual(['notional-mfr', 'notional-x']);
    expect(options[0]!.detail).toBe('catalog id');
  });

  it('nothing in a comment', () => {
    expect(at('# units|\nname: x\n')).toBeNull();
  });
});
