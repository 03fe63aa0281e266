import { describe, expect, it } from 'vitest';
import { fitTable, textWidth, WIDE_PLAIN, wrapCell } from './fitTable.js';

describe('fitTable', () => {
  const head = ['id', 'type', 'why'];
  const rows = [
    ['w-1', 'notional-srbm-750km', 'killed by patriot-1-I2 of patriot-1, miss distance 0.9 m '.repeat(3)],
  ];

  it('drops optional columns, then wraps, to fit the width; wide shows everything', () => {
    const wide = fitTable(head, rows, WIDE_PLAIN);
    expect(textWidth(wide)).toBeGreaterThan(100);
    const fitted = fitTable(
      head,
      rows,
      { columns: 60, wide: false, color: false },
      { optional: [1], wrap: [2] },
    );
    expect(textWidth(fitted)).toBeLessThanOrEqual(60);
    expect(fitted).not.toContain('notional-srbm');
    expect(fitted).toContain('killed by patriot-1-I2');
  });

  it('splits long words instead of cutting them off', () => {
    const hash = 'a'.repeat(50);
    expect(wrapCell(`hash ${hash}`, 20).split('\n')).toEqual([
      'hash',
      'a'.repeat(20),
      'a'.repeat(20),
      'a'.repeat(10),
    ]);
    expect(wrapCell('fits', 20)).toBe('fits');
  });
});
