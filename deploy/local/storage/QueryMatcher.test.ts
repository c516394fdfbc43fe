import type { DicomJson } from './DicomJson';
import { QueryParameterError } from './errors';
import { applyPage, compileFilters, compileGlob } from './QueryMatcher';

function study(name: string, id: string, date: string, modalities: string[]): DicomJson {
  return {
    '00080020': { vr: 'DA', Value: [date] },
    '00080030': { vr: 'TM', Value: ['101500'] },
    '00080061': { vr: 'CS', Value: modalities },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: name }] },
    '00100020': { vr: 'LO', Value: [id] },
    '0020000D': { vr: 'UI', Value: [`1.2.${id}`] },
  };
}

const rows = [
  study('Doe^John', 'ABC-1', '20200115', ['MR']),
  study('Doe^Jane', 'abc-2', '20201231', ['CT', 'SR']),
  study('Smith^Anna', 'XYZ-3', '20210301', ['MR', 'CT']),
];

function names(filters: Record<string, string>): string[] {
  const matches = compileFilters(filters, 'study');
  return rows.filter(matches).map(row => (row['00100010']?.Value?.[0] as { Alphabetic: string }).Alphabetic);
}

describe('compileFilters', () => {
  it('matches person names case-insensitively, exactly or with * and ? wildcards', () => {
    expect(names({ PatientName: 'doe^john' })).toEqual(['Doe^John']);
    expect(names({ PatientName: 'DOE*' })).toEqual(['Doe^John', 'Doe^Jane']);
    expect(names({ PatientName: 'Doe^Ja?e' })).toEqual(['Doe^Jane']);
    expect(names({ PatientName: 'Doe' })).toEqual([]);
  });

  it('matches PatientID case-sensitively with wildcards, by keyword or by tag', () => {
    expect(names({ PatientID: 'ABC*' })).toEqual(['Doe^John']);
    expect(names({ '00100020': '???-3' })).toEqual(['Smith^Anna']);
  });

  it('matches dates exactly and by closed and open ranges', () => {
    expect(names({ StudyDate: '20201231' })).toEqual(['Doe^Jane']);
    expect(names({ StudyDate: '20200101-20201231' })).toEqual(['Doe^John', 'Doe^Jane']);
    expect(names({ StudyDate: '20210101-' })).toEqual(['Smith^Anna']);
    expect(names({ StudyDate: '-20200201' })).toEqual(['Doe^John']);
    expect(names({ StudyTime: '1000-1100' })).toHaveLength(3);
  });

  it('matches ModalitiesInStudy against any modality of the study, with lists', () => {
    expect(names({ ModalitiesInStudy: 'CT' })).toEqual(['Doe^Jane', 'Smith^Anna']);
    expect(names({ ModalitiesInStudy: 'SR,MR' })).toHaveLength(3);
  });

  it('matches UID lists separated by backslash or comma, and combines filters with AND', () => {
    expect(names({ StudyInstanceUID: '1.2.ABC-1\\1.2.XYZ-3' })).toEqual(['Doe^John', 'Smith^Anna']);
    expect(names({ StudyInstanceUID: '1.2.ABC-1,1.2.XYZ-3', PatientName: 'Smith*' })).toEqual(['Smith^Anna']);
  });

  it('treats an empty value as universal matching and ignores includefield', () => {
    expect(names({ PatientName: '', includefield: 'all', fuzzymatching: 'false' })).toHaveLength(3);
  });

  it('with fuzzymatching=true matches person names whose words begin with every query word, in any order', () => {
    expect(names({ PatientName: 'jo do', fuzzymatching: 'true' })).toEqual(['Doe^John']);
    expect(names({ PatientName: 'DOE', fuzzymatching: 'TRUE' })).toEqual(['Doe^John', 'Doe^Jane']);
    expect(names({ PatientName: 'Doe', fuzzymatching: 'false' })).toEqual([]);
    expect(names({ PatientName: 'Smi*', fuzzymatching: 'true' })).toEqual(['Smith^Anna']);
    expect(() => names({ PatientName: 'Doe', fuzzymatching: 'yes' })).toThrow(/fuzzymatching must be true or false/);
  });

  it('answers pathological wildcard patterns at once (no backtracking regular expression)', () => {
    // With a backtracking regex each of these took minutes: ten stars against a long run of the same letter.
    const longId = `${'a'.repeat(5000)}c`;
    const many = [study('Aaaa^Aaaa', longId, '20200101', ['MR']), ...rows];
    const hostile = { PatientID: `*${'a*'.repeat(10)}ab`, PatientName: `*${'a*'.repeat(10)}ab` };
    expect(many.filter(compileFilters(hostile, 'study'))).toEqual([]);
    expect(many.filter(compileFilters({ PatientID: `*${'a*'.repeat(2000)}c` }, 'study'))).toHaveLength(1);
    expect(
      many.filter(compileFilters({ PatientName: `*${'a?'.repeat(4)}*`, fuzzymatching: 'true' }, 'study')),
    ).toHaveLength(1);
  });

  it('rejects attributes it cannot filter on at the level, and malformed ranges, naming what to fix', () => {
    expect(() => compileFilters({ Modality: 'MR' }, 'study')).toThrow(/cannot filter study results on "Modality"/);
    expect(() => compileFilters({ Modality: 'MR' }, 'series')).not.toThrow();
    expect(() => compileFilters({ StudyDate: '2020-01-01' }, 'study')).toThrow(QueryParameterError);
    expect(() => compileFilters({ SeriesNumber: 'two' }, 'series')).toThrow(/SeriesNumber must be a number/);
  });
});

describe('compileGlob', () => {
  it.each([
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['*', 'anything', true],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*', 'a', true],
    ['*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['*ab*ab*', 'abab', true],
    ['*ab*ab*', 'aba', false],
    ['*a?c*', 'xxabcxx', true],
    ['*aa*aa', 'aaa', false],
    ['*aa*aa', 'aaaa', true],
    ['a**b', 'ab', true],
    ['?*?', 'x', false],
    ['?*?', 'xy', true],
    ['.+(x)', '.+(x)', true],
    ['.+(x)', 'aa(x)', false],
    ['Ö?', 'Öß', true],
    ['😀?', '😀a', true],
  ])('%j against %j is %s', (pattern, value, expected) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });
});

describe('applyPage', () => {
  const numbers = Array.from({ length: 2500 }, (_, index) => index);

  it('returns 1000 results by default and caps a larger limit at 1000', () => {
    expect(applyPage(numbers, {})).toHaveLength(1000);
    expect(applyPage(numbers, { limit: 5000 })).toHaveLength(1000);
  });

  it('applies limit and offset', () => {
    expect(applyPage(numbers, { limit: 3, offset: 10 })).toEqual([10, 11, 12]);
    expect(applyPage(numbers, { offset: 2499 })).toEqual([2499]);
  });

  it('rejects a limit below 1, a negative or too large offset, and fractions', () => {
    expect(() => applyPage(numbers, { limit: 0 })).toThrow(QueryParameterError);
    expect(() => applyPage(numbers, { offset: -1 })).toThrow(/offset must be an integer from 0 to 1000000/);
    expect(() => applyPage(numbers, { offset: 1_000_001 })).toThrow(QueryParameterError);
    expect(() => applyPage(numbers, { limit: 1.5 })).toThrow(QueryParameterError);
  });
});
