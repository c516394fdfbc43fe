import type { DicomJson } from './DicomJson';
import { QueryParameterError } from './errors';
import { attributesUpTo, type MatchKind, type QueryAttribute, type QueryLevel } from './queryAttributes';

/** Paging of a QIDO-RS query. */
export interface Page {
  /** Most results to return. Default and maximum 1000, as HealthImaging. */
  limit?: number;
  /** Results to skip. Default 0, maximum 1,000,000, as HealthImaging. */
  offset?: number;
}

export const MAX_LIMIT = 1000;
export const MAX_OFFSET = 1_000_000;

/** Query parameters that are not attribute filters: `includefield` is ignored (all supported attributes are sent). */
const INCLUDE_FIELD = 'includefield';
/** `fuzzymatching=true` turns on fuzzy person-name matching (see `fuzzyNameTest`); `false` or absent leaves it off. */
const FUZZY_MATCHING = 'fuzzymatching';

/** A compiled filter: true when a result row (DICOM JSON) matches every filter. */
export type RowPredicate = (row: DicomJson) => boolean;

/** Compiled filters split by the level of the attribute each one tests; a level without filters is absent. */
export type LevelFilters = Partial<Record<QueryLevel, RowPredicate>>;

/**
 * Compiles QIDO-RS attribute filters (keyword or 8-digit tag → value) for a query level.
 * An empty value matches everything (universal matching).
 * @throws QueryParameterError for an attribute that cannot be filtered on at this level.
 */
export function compileFilters(filters: Record<string, string>, level: QueryLevel): RowPredicate {
  const byLevel = Object.values(compileFiltersByLevel(filters, level));
  return row => byLevel.every(matches => matches(row));
}

/**
 * As `compileFilters`, split by level: each predicate reads only its own level's attributes, so the catalogue tests
 * a study's filters once per study and a series' once per series, on rows it keeps, instead of on every result row.
 */
export function compileFiltersByLevel(filters: Record<string, string>, level: QueryLevel): LevelFilters {
  const known = attributesUpTo(level);
  const tests: Record<QueryLevel, RowPredicate[]> = { study: [], series: [], instance: [] };
  const fuzzy = parseFuzzyMatching(filters);
  for (const [key, value] of Object.entries(filters)) {
    if ([INCLUDE_FIELD, FUZZY_MATCHING].includes(key.toLowerCase())) continue;
    const attribute = known.find(candidate => candidate.keyword === key || candidate.tag === key.toUpperCase());
    if (!attribute?.match) {
      const supported = known.filter(candidate => candidate.match).map(candidate => candidate.keyword);
      throw new QueryParameterError(
        `cannot filter ${level} results on "${key}"; supported: ${supported.join(', ')}, limit, offset`,
      );
    }
    if (value === '') continue;
    tests[attribute.level].push(compileTest(attribute, attribute.match, value, fuzzy));
  }
  const compiled: LevelFilters = {};
  for (const [testedLevel, levelTests] of Object.entries(tests) as [QueryLevel, RowPredicate[]][]) {
    if (levelTests.length > 0) compiled[testedLevel] = row => levelTests.every(test => test(row));
  }
  return compiled;
}

function parseFuzzyMatching(filters: Record<string, string>): boolean {
  const key = Object.keys(filters).find(candidate => candidate.toLowerCase() === FUZZY_MATCHING);
  const value = key === undefined ? 'false' : (filters[key] as string).toLowerCase();
  if (value !== 'true' && value !== 'false')
    throw new QueryParameterError(`fuzzymatching must be true or false, got "${value.slice(0, 20)}"`);
  return value === 'true';
}

function compileTest(attribute: QueryAttribute, kind: MatchKind, wanted: string, fuzzy: boolean): RowPredicate {
  const values = (row: DicomJson): unknown[] => row[attribute.tag]?.Value ?? [];
  switch (kind) {
    case 'personName': {
      if (fuzzy && !hasWildcard(wanted)) {
        const matches = fuzzyNameTest(wanted);
        return row => values(row).some(value => matches(alphabetic(value)));
      }
      const glob = compileGlob(wanted.toLowerCase());
      return row => values(row).some(value => glob(alphabetic(value).toLowerCase()));
    }
    case 'wildcard': {
      const glob = compileGlob(wanted);
      return row => values(row).some(value => glob(String(value)));
    }
    case 'range': {
      const { from, to } = parseRange(attribute, wanted);
      return row =>
        values(row).some(value => {
          const text = String(value);
          // Compared on as many characters as the bound has, so a time bound of 10 covers 101500.
          return (!from || text.slice(0, from.length) >= from) && (!to || text.slice(0, to.length) <= to);
        });
    }
    case 'uidList':
    case 'codeList': {
      const accepted = new Set(splitList(wanted));
      return row => values(row).some(value => accepted.has(String(value)));
    }
    case 'exact':
      return row => values(row).some(value => String(value) === wanted);
    case 'number': {
      const number = Number(wanted);
      if (!Number.isFinite(number)) {
        throw new QueryParameterError(`${attribute.keyword} must be a number, got "${wanted}"`);
      }
      return row => values(row).some(value => Number(value) === number);
    }
  }
}

function parseRange(attribute: QueryAttribute, wanted: string): { from: string; to: string } {
  const parts = wanted.split('-');
  const digits = attribute.vr === 'DA' ? /^(\d{8})?$/ : /^(\d{2,6}(\.\d{1,6})?)?$/;
  const [from = '', to = from] = parts.length === 1 ? [wanted, wanted] : parts;
  if (parts.length > 2 || !digits.test(from) || !digits.test(to) || (!from && !to)) {
    const example = attribute.vr === 'DA' ? '20200101, 20200101-20201231, 20200101- or -20201231' : '0800-1230';
    throw new QueryParameterError(
      `${attribute.keyword} "${wanted}" is not a ${attribute.vr} value or range (e.g. ${example})`,
    );
  }
  return { from, to };
}

function hasWildcard(wanted: string): boolean {
  return wanted.includes('*') || wanted.includes('?');
}

/**
 * Compiles a DICOM wildcard pattern (`*` any run of characters, `?` one character, everything else literal) into a
 * matcher that never backtracks: the pattern is cut at its `*`s into pieces; the first must match at the start, the
 * last at the end, and each piece between is placed at its leftmost fit after the previous one (the leftmost fit
 * leaves the most room for the rest, so it is never worth retrying). A value of n characters costs at most
 * n × (longest piece) comparisons, whatever the number of `*`s; a value shorter than the pattern's literal characters
 * is refused at once. No regular expression is built from the caller's text.
 */
export function compileGlob(pattern: string): (value: string) => boolean {
  return pattern.includes('?') ? compileCodePointGlob(pattern) : compileLiteralGlob(pattern);
}

/** Pieces without `?`: the string's own search (`indexOf` is native); UTF-16 units match as code points do. */
function compileLiteralGlob(pattern: string): (value: string) => boolean {
  const pieces = pattern.split('*');
  const first = pieces[0] as string;
  if (pieces.length === 1) return value => value === first;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1).filter(piece => piece.length > 0);
  const minimumLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return value => {
    if (value.length < minimumLength || !value.startsWith(first) || !value.endsWith(last)) return false;
    const end = value.length - last.length;
    let position = first.length;
    for (const piece of middle) {
      const found = value.indexOf(piece, position);
      if (found < 0 || found + piece.length > end) return false;
      position = found + piece.length;
    }
    return true;
  };
}

/** Pieces with `?`, which stands for one character: compared code point by code point. */
function compileCodePointGlob(pattern: string): (value: string) => boolean {
  const pieces = pattern.split('*').map(piece => Array.from(piece));
  const minimumLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const first = pieces[0] as string[];
  if (pieces.length === 1) {
    return value => {
      const characters = Array.from(value);
      return characters.length === first.length && pieceMatchesAt(characters, 0, first);
    };
  }
  const last = pieces[pieces.length - 1] as string[];
  const middle = pieces.slice(1, -1).filter(piece => piece.length > 0);
  return value => {
    // Each character is at least one UTF-16 unit: a value shorter in units than the pattern's pieces cannot match.
    if (value.length < minimumLength) return false;
    const characters = Array.from(value);
    if (characters.length < minimumLength) return false;
    const end = characters.length - last.length;
    if (!pieceMatchesAt(characters, 0, first) || !pieceMatchesAt(characters, end, last)) return false;
    let position = first.length;
    for (const piece of middle) {
      const found = leftmostFit(characters, position, end, piece);
      if (found < 0) return false;
      position = found + piece.length;
    }
    return true;
  };
}

/** The first position from `from` where `piece` fits entirely before `end`, or -1. */
function leftmostFit(characters: string[], from: number, end: number, piece: string[]): number {
  for (let start = from; start + piece.length <= end; start++) {
    if (pieceMatchesAt(characters, start, piece)) return start;
  }
  return -1;
}

function pieceMatchesAt(characters: string[], start: number, piece: string[]): boolean {
  for (let index = 0; index < piece.length; index++) {
    if (piece[index] !== '?' && piece[index] !== characters[start + index]) return false;
  }
  return true;
}

/** Name components and words: split at the PN group and component separators, spaces, commas, dots and hyphens. */
const NAME_WORD_SEPARATORS = /[\s^=,.-]+/;

/**
 * Fuzzy person-name matching (`fuzzymatching=true`, PS3.18 8.3.4.1 leaves the rules to the server): case-insensitive,
 * every word of the query must begin a word of the name, in any order (`jo do` finds `Doe^John`). The name's word
 * prefixes (no longer than the longest query word) are collected once per value, then each query word is one set
 * look-up: no quadratic comparison of every query word with every name word.
 */
function fuzzyNameTest(wanted: string): (name: string) => boolean {
  const queryWords = [...new Set(words(wanted))];
  const longest = Math.max(0, ...queryWords.map(word => word.length));
  return name => {
    const prefixes = new Set<string>();
    for (const word of words(name)) {
      for (let length = 1; length <= Math.min(word.length, longest); length++) prefixes.add(word.slice(0, length));
    }
    return queryWords.every(word => prefixes.has(word));
  };
}

function words(text: string): string[] {
  return text.toLowerCase().split(NAME_WORD_SEPARATORS).filter(Boolean);
}

function splitList(wanted: string): string[] {
  return wanted
    .split(/[\\,]/)
    .map(item => item.trim())
    .filter(Boolean);
}

function alphabetic(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'Alphabetic' in value) return String(value.Alphabetic);
  return typeof value === 'string' ? value : '';
}

/**
 * Applies limit and offset. A limit over 1000 returns 1000 results (PS3.18 lets a server cap it).
 * @throws QueryParameterError for a limit below 1, an offset below 0 or over 1,000,000, or a fraction.
 */
export function applyPage<T>(rows: T[], page: Page): T[] {
  const { offset, limit } = resolvePage(page);
  return rows.slice(offset, offset + limit);
}

/**
 * The page's offset and limit with the defaults filled in and the limit capped at 1000.
 * @throws QueryParameterError as `applyPage`.
 */
export function resolvePage(page: Page): Required<Page> {
  const limit = Math.min(checkPaging('limit', page.limit ?? MAX_LIMIT, 1, Number.MAX_SAFE_INTEGER), MAX_LIMIT);
  const offset = checkPaging('offset', page.offset ?? 0, 0, MAX_OFFSET);
  return { offset, limit };
}

function checkPaging(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new QueryParameterError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}
