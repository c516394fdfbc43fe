import {
  formatBytes,
  formatCount,
  formatMet,
  formatMs,
  formatRatio,
  formatSummary,
  markdownTable,
  missing,
} from './format';

describe('markdownTable', () => {
  it('pads every column to its widest cell, with a separator line after the header', () => {
    expect(
      markdownTable(
        ['figure', 'ours'],
        [
          ['first image', '2.48 s'],
          ['all', '9 s'],
        ],
      ),
    ).toBe(
      [
        '| figure      | ours   |',
        '|-------------|--------|',
        '| first image | 2.48 s |',
        '| all         | 9 s    |',
      ].join('\n'),
    );
  });

  it('fills short rows, keeps columns at least three wide, and neutralises pipes and line breaks', () => {
    expect(markdownTable(['a', 'b'], [['x|y'], ['1\n2', 'z']])).toBe(
      ['| a   | b   |', '|-----|-----|', '| x/y |     |', '| 1 2 | z   |'].join('\n'),
    );
  });
});

describe('number formats', () => {
  it('writes durations in a unit that suits their size', () => {
    expect(formatMs(12_148.5)).toBe('12.15 s');
    expect(formatMs(812.4)).toBe('812 ms');
    expect(formatMs(3.289)).toBe('3.29 ms');
    expect(formatMs(0.0326)).toBe('0.033 ms');
  });

  it('groups thousands and rounds counts', () => {
    expect(formatCount(22_979.24)).toBe('22 979');
    expect(formatCount(1_234_567)).toBe('1 234 567');
    expect(formatCount(42)).toBe('42');
  });

  it('writes sizes in KB of 1024 bytes, or MB', () => {
    expect(formatBytes(27_562)).toBe('26.9 KB');
    expect(formatBytes(49_834_854)).toBe('47.5 MB');
    expect(formatBytes(0)).toBe('0.0 KB');
  });

  it('writes ratios with two decimals, and a dash when there is none', () => {
    expect(formatRatio(1.3214)).toBe('1.32×');
    expect(formatRatio(undefined)).toBe(missing);
  });

  it('marks targets met, missed or not measured', () => {
    expect([formatMet(true), formatMet(false), formatMet(undefined)]).toEqual(['✓', '✗', '?']);
  });
});

describe('formatSummary', () => {
  it('gives the median and the range, or only the median when all runs agree', () => {
    expect(formatSummary({ median: 2480, min: 2400, max: 2600, n: 3 }, formatMs)).toBe('2.48 s (2.40 s–2.60 s)');
    expect(formatSummary({ median: 1, min: 1, max: 1, n: 3 })).toBe('1');
    expect(formatSummary(undefined)).toBe(missing);
  });
});
