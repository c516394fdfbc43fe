import type { DcmjsDataset } from './dcmjsApi';

/**
 * Decodes text of data sets whose SpecificCharacterSet uses ISO 2022 code extensions (PS3.5 6.1.2.5 and
 * PS3.3 C.12.1.1.2), e.g. `\ISO 2022 IR 87` (Japanese), `\ISO 2022 IR 149` (Korean): escape sequences switch
 * the G0 (bytes below 0x80) and G1 (bytes from 0x80) character sets inside a value, and every value, every
 * person name component group and component, and every line starts again in the first term's sets. dcmjs
 * reads only one character set per data set, so such data is read byte for byte and decoded here.
 */

type CharacterSet =
  { kind: 'single'; label: string } | { kind: 'katakana' } | { kind: 'double'; decode: (pairs: Uint8Array) => string };

interface Designation {
  /** Bytes after ESC that select the set. */
  escape: string;
  register: 'G0' | 'G1';
  set: CharacterSet;
}

const ascii: CharacterSet = { kind: 'single', label: 'latin1' };
const jisX0208: CharacterSet = {
  kind: 'double',
  decode: pairs => decodeWith('iso-2022-jp', [0x1b, 0x24, 0x42, ...pairs, 0x1b, 0x28, 0x42]),
};
// JIS X 0212 has no ISO 2022 decoder in WHATWG encodings; EUC-JP carries it as 0x8F and both bytes with the high bit.
const jisX0212: CharacterSet = {
  kind: 'double',
  decode: pairs =>
    decodeWith(
      'euc-jp',
      [...pairs].flatMap((byte, index) => (index % 2 === 0 ? [0x8f, byte | 0x80] : [byte | 0x80])),
    ),
};

/** The ISO 2022 character sets DICOM defines, by Defined Term. */
const DESIGNATIONS: Record<string, Designation> = {
  'ISO 2022 IR 6': { escape: '(B', register: 'G0', set: ascii },
  'ISO 2022 IR 14': { escape: '(J', register: 'G0', set: ascii },
  'ISO 2022 IR 13': { escape: ')I', register: 'G1', set: { kind: 'katakana' } },
  'ISO 2022 IR 87': { escape: '$B', register: 'G0', set: jisX0208 },
  'ISO 2022 IR 159': { escape: '$(D', register: 'G0', set: jisX0212 },
  'ISO 2022 IR 149': {
    escape: '$)C',
    register: 'G1',
    set: { kind: 'double', decode: pairs => decodeWith('euc-kr', [...pairs]) },
  },
  'ISO 2022 IR 58': {
    escape: '$)A',
    register: 'G1',
    set: { kind: 'double', decode: pairs => decodeWith('gb18030', [...pairs]) },
  },
  'ISO 2022 IR 100': { escape: '-A', register: 'G1', set: { kind: 'single', label: 'iso-8859-1' } },
  'ISO 2022 IR 101': { escape: '-B', register: 'G1', set: { kind: 'single', label: 'iso-8859-2' } },
  'ISO 2022 IR 109': { escape: '-C', register: 'G1', set: { kind: 'single', label: 'iso-8859-3' } },
  'ISO 2022 IR 110': { escape: '-D', register: 'G1', set: { kind: 'single', label: 'iso-8859-4' } },
  'ISO 2022 IR 126': { escape: '-F', register: 'G1', set: { kind: 'single', label: 'iso-8859-7' } },
  'ISO 2022 IR 127': { escape: '-G', register: 'G1', set: { kind: 'single', label: 'iso-8859-6' } },
  'ISO 2022 IR 138': { escape: '-H', register: 'G1', set: { kind: 'single', label: 'iso-8859-8' } },
  'ISO 2022 IR 144': { escape: '-L', register: 'G1', set: { kind: 'single', label: 'iso-8859-5' } },
  'ISO 2022 IR 148': { escape: '-M', register: 'G1', set: { kind: 'single', label: 'iso-8859-9' } },
  'ISO 2022 IR 166': { escape: '-T', register: 'G1', set: { kind: 'single', label: 'windows-874' } },
};

const ESC = 0x1b;
const BACKSLASH = 0x5c;
const LINE_BREAKS = new Set([0x09, 0x0a, 0x0c, 0x0d]);
const PERSON_NAME_DELIMITERS = new Set([0x5e, 0x3d]); // ^ and =

/** Whether the SpecificCharacterSet terms use ISO 2022 code extensions, which dcmjs cannot decode. */
export function usesIso2022(terms: string[]): boolean {
  return terms.some(term => term.trim().startsWith('ISO 2022'));
}

/** The terms this decoder does not know (the caller refuses the file naming them). */
export function unknownIso2022Terms(terms: string[]): string[] {
  return terms
    .map(term => term.trim())
    .filter(term => term !== '' && term.startsWith('ISO 2022') && !(term in DESIGNATIONS));
}

/**
 * Decodes one attribute's value bytes (all its values, `\`-separated) to a string; `personName` also starts
 * again in the initial sets after each `^` and `=`.
 */
export function decodeIso2022(bytes: Uint8Array, terms: string[], personName: boolean): string {
  const initial = { G0: ascii, G1: undefined as CharacterSet | undefined };
  // A two-byte G0 set cannot be the initial one: the delimiters must stay readable (PS3.3 C.12.1.1.2).
  const first = DESIGNATIONS[terms[0]?.trim() ?? ''];
  if (first && !(first.register === 'G0' && first.set.kind === 'double')) initial[first.register] = first.set;
  const state = { ...initial };
  const escapes = Object.values(DESIGNATIONS);
  let text = '';
  let run: number[] = [];
  let runSet: CharacterSet | undefined;
  const flush = () => {
    if (run.length > 0) text += decodeRun(Uint8Array.from(run), runSet);
    run = [];
  };
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (byte === ESC) {
      const designation = escapes.find(candidate => matchesEscape(bytes, index + 1, candidate.escape));
      if (designation) {
        flush();
        state[designation.register] = designation.set;
        index += designation.escape.length;
        continue;
      }
    }
    const set = byte < 0x80 ? state.G0 : state.G1;
    const singleByteG0 = byte < 0x80 && state.G0.kind !== 'double';
    if (
      singleByteG0 &&
      (byte === BACKSLASH || LINE_BREAKS.has(byte) || (personName && PERSON_NAME_DELIMITERS.has(byte)))
    ) {
      flush();
      text += String.fromCharCode(byte);
      Object.assign(state, initial);
      continue;
    }
    if (set !== runSet) flush();
    runSet = set;
    run.push(byte);
  }
  flush();
  return text;
}

function decodeRun(bytes: Uint8Array, set: CharacterSet | undefined): string {
  if (!set) return decodeWith('latin1', [...bytes]);
  if (set.kind === 'katakana') {
    return String.fromCharCode(
      ...[...bytes].map(byte => (byte >= 0xa1 && byte <= 0xdf ? 0xff61 + byte - 0xa1 : 0xfffd)),
    );
  }
  // Single-byte G1 sets are listed by their ISO 8859 part, whose decoder maps the bytes from 0xA0.
  return set.kind === 'single' ? decodeWith(set.label, [...bytes]) : set.decode(bytes);
}

function decodeWith(label: string, bytes: number[]): string {
  return new TextDecoder(label).decode(Uint8Array.from(bytes));
}

function matchesEscape(bytes: Uint8Array, at: number, escape: string): boolean {
  for (let offset = 0; offset < escape.length; offset++) {
    if (bytes[at + offset] !== escape.charCodeAt(offset)) return false;
  }
  return true;
}

/** VRs whose values are in the SpecificCharacterSet (the others are ASCII). */
const TEXT_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'UC', 'PN']);
/** VRs that hold one value that may contain `\` (PS3.5 6.2). */
const SINGLE_VALUE_VRS = new Set(['ST', 'LT', 'UT']);

/**
 * Decodes, in place, every text value of a data set (and of its sequences' items) that dcmjs read byte for byte
 * (as ISO 8859-1, so each character is one byte of the file), and leaves its raw values in the decoded form so
 * they are written back as Unicode.
 */
export function decodeIso2022Dataset(dict: DcmjsDataset, terms: string[]): void {
  for (const element of Object.values(dict)) {
    if (element.vr === 'SQ') {
      for (const item of element.Value ?? [])
        if (typeof item === 'object' && item !== null) decodeIso2022Dataset(item as DcmjsDataset, terms);
      continue;
    }
    if (!TEXT_VRS.has(element.vr)) continue;
    const raw = element._rawValue;
    const read = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.map(String).join('\\') : undefined;
    if (read === undefined) continue;
    const decoded = decodeIso2022(
      Uint8Array.from(read, character => character.charCodeAt(0) & 0xff),
      terms,
      element.vr === 'PN',
    );
    if (element.vr === 'PN') {
      element._rawValue = decoded;
      element.Value = decoded.split('\\').map(personName);
      continue;
    }
    const values = SINGLE_VALUE_VRS.has(element.vr) ? [decoded] : decoded.split('\\');
    element._rawValue = values;
    element.Value = values.map(value => value.trimEnd());
  }
}

/** A PN value in DICOM JSON's shape: its `=`-separated component groups. */
function personName(value: string): Record<string, string> {
  const [alphabetic, ideographic, phonetic] = value.trimEnd().split('=');
  const groups: Record<string, string> = {};
  if (alphabetic) groups.Alphabetic = alphabetic;
  if (ideographic) groups.Ideographic = ideographic;
  if (phonetic) groups.Phonetic = phonetic;
  return groups;
}
