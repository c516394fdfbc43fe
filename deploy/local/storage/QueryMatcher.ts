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

/** Query parameters that are accepted and ignored: every supported attribute is always returned; no fuzzy matching. */
const IGNORED_PARAMETERS = new Set(['includefield', 'fuzzymatching']);

/** A compiled filter: true when a result row (DICOM JSON) matches every filter. */
export type RowPredicate = (row: DicomJson) => boolean;

/**
 * Compiles QIDO-RS attribute filters (keyword or 8-digit tag → value) for a query level.
 * An empty value matches everything (universal matching).
 * @throws QueryParameterError for an attribute that cannot be filtered on at this level.
 */
export function compileFilters(filters: Record<string, string>, level: QueryLevel): RowPredicate {
  const known = attributesUpTo(level);
  const tests: RowPredicate[] = [];
  for (const [key, value] of Object.entries(filters)) {
    if (IGNORED_PARAMETERS.has(key.toLowerCase())) continue;
    const attribute = known.find(candidate => candidate.keyword === key || candidate.tag === key.toUpperCase());
    if (!attribute?.match) {
      const supported = known.filter(candidate => candidate.match).map(candidate => candidate.keyword);
      throw new QueryParameterError(
        `cannot filter ${level} results on "${key}"; supported: ${supported.join(', ')}, limit, offset`,
      );
    }
    if (value === '') continue;
    tests.push(compileTest(attribute, attribute.match, value));
  }
  return row => tests.every(test => test(row));
}

function compileTest(attribute: QueryAttribute, kind: MatchKind, wanted: string): RowPredicate {
  const values = (row: DicomJson): unknown[] => row[attribute.tag]?.Value ?? [];
  switch (kind) {
    case 'personName': {
      const pattern = wildcardPattern(wanted, 'i');
      return row => values(row).some(value => pattern.test(alphabetic(value)));
    }
    case 'wildcard': {
      const pattern = wildcardPattern(wanted, '');
      return row => values(row).some(value => pattern.test(String(value)));
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
    throw new QueryParameterError(`${attribute.keyword} "${wanted}" is not a ${attribute.vr} value or range (e.g. ${example})`);
  }
  return { from, to };
}

function wildcardPattern(wanted: string, flags: string): RegExp {
  const body = wanted
    .split('')
    .map(character => (character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, flags);
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
  const limit = Math.min(checkPaging('limit', page.limit ?? MAX_LIMIT, 1, Number.MAX_SAFE_INTEGER), MAX_LIMIT);
  const offset = checkPaging('offset', page.offset ?? 0, 0, MAX_OFFSET);
  return rows.slice(offset, offset + limit);
}

function checkPaging(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new QueryParameterError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}
