import {
  chooseBulkdataRepresentation,
  chooseFrameRepresentation,
  chooseInstanceRepresentation,
  chooseJsonContentType,
  parseAccept,
} from './acceptHeader';
import { NotAcceptableError } from './errors';

const HTJ2K = '1.2.840.10008.1.2.4.202';
const ELE = '1.2.840.10008.1.2.1';
const JPEG2000 = '1.2.840.10008.1.2.4.90';

const frames = (accept: string | undefined, stored = HTJ2K) => chooseFrameRepresentation(parseAccept(accept), stored);

describe('parseAccept', () => {
  it('treats a missing or empty header as */*', () => {
    expect(parseAccept(undefined)).toEqual([{ essence: '*/*', params: {}, q: 1 }]);
    expect(parseAccept('  ')).toEqual([{ essence: '*/*', params: {}, q: 1 }]);
  });

  it('orders ranges by q, keeping header order for ties, and drops q=0 and garbage', () => {
    const ranges = parseAccept('text/plain;q=0, application/json;q=0.5, nonsense, image/png, application/dicom+json');
    expect(ranges.map(range => range.essence)).toEqual(['image/png', 'application/dicom+json', 'application/json']);
    expect(ranges[2]?.params).toEqual({});
  });

  it('ignores a malformed q value by dropping the range', () => {
    expect(parseAccept('image/png;q=abc, image/gif;q=2')).toEqual([]);
  });
});

describe('chooseFrameRepresentation', () => {
  it('sends stored HTJ2K for type="image/jphc" with or without quotes', () => {
    const expected = { source: 'stored', transferSyntaxUid: HTJ2K };
    expect(frames(`multipart/related; type="image/jphc"; transfer-syntax=${HTJ2K}`)).toEqual(expected);
    expect(frames(`multipart/related; type=image/jphc; transfer-syntax=${HTJ2K}`)).toEqual(expected);
    expect(frames('multipart/related; type=image/jphc')).toEqual(expected);
  });

  it('sends the stored syntax for transfer-syntax=*', () => {
    expect(frames('multipart/related; type="application/octet-stream"; transfer-syntax=*', JPEG2000)).toEqual({
      source: 'stored',
      transferSyntaxUid: JPEG2000,
    });
  });

  it('transcodes to Explicit VR Little Endian when no syntax is named, or when it is asked', () => {
    const expected = { source: 'explicit-little-endian', transferSyntaxUid: ELE };
    expect(frames('multipart/related; type="application/octet-stream"')).toEqual(expected);
    expect(frames(`multipart/related; type=application/octet-stream; transfer-syntax=${ELE}`)).toEqual(expected);
    expect(frames(undefined)).toEqual(expected);
    expect(frames('*/*')).toEqual(expected);
  });

  it('serves uncompressed frames stored as Explicit VR Little Endian as stored', () => {
    expect(frames('multipart/related; type=application/octet-stream', ELE)).toEqual({
      source: 'stored',
      transferSyntaxUid: ELE,
    });
  });

  it('takes the first producible range of several, by q', () => {
    const accept = `multipart/related; type="image/jls"; transfer-syntax=1.2.840.10008.1.2.4.80, multipart/related; type="image/jphc"; transfer-syntax=${HTJ2K};q=0.9, multipart/related; type="application/octet-stream"; transfer-syntax=*;q=0.5`;
    expect(frames(accept)).toEqual({ source: 'stored', transferSyntaxUid: HTJ2K });
    expect(frames(accept, JPEG2000)).toEqual({ source: 'stored', transferSyntaxUid: JPEG2000 });
  });

  it('answers 406 with a message naming what to ask for', () => {
    expect(() => frames('multipart/related; type="image/jls"; transfer-syntax=1.2.840.10008.1.2.4.80')).toThrow(
      NotAcceptableError,
    );
    expect(() => frames(`multipart/related; type=image/jphc; transfer-syntax=${HTJ2K}`, JPEG2000)).toThrow(
      `they are stored as ${JPEG2000}. Ask for multipart/related with transfer-syntax=${JPEG2000} or transfer-syntax=*.`,
    );
    expect(() => frames('image/jphc')).toThrow(`or ${ELE} (uncompressed)`);
    expect(() => frames('application/octet-stream', JPEG2000)).toThrow(NotAcceptableError);
  });
});

describe('chooseInstanceRepresentation', () => {
  it('answers multipart for multipart/related; type=application/dicom and for */*', () => {
    expect(
      chooseInstanceRepresentation(
        parseAccept('multipart/related; type="application/dicom"; transfer-syntax=*'),
        HTJ2K,
      ),
    ).toBe('multipart');
    expect(chooseInstanceRepresentation(parseAccept(undefined), HTJ2K)).toBe('multipart');
  });

  it('answers the bare file for application/dicom', () => {
    expect(chooseInstanceRepresentation(parseAccept(`application/dicom; transfer-syntax=${HTJ2K}`), HTJ2K)).toBe(
      'single',
    );
  });

  it('refuses another transfer syntax or media type with 406', () => {
    expect(() =>
      chooseInstanceRepresentation(
        parseAccept(`multipart/related; type=application/dicom; transfer-syntax=${ELE}`),
        HTJ2K,
      ),
    ).toThrow(NotAcceptableError);
    expect(() => chooseInstanceRepresentation(parseAccept('image/jpeg'), HTJ2K)).toThrow(NotAcceptableError);
  });
});

describe('chooseBulkdataRepresentation and chooseJsonContentType', () => {
  it('negotiates bulk data', () => {
    expect(chooseBulkdataRepresentation(parseAccept('application/octet-stream'))).toBe('single');
    expect(chooseBulkdataRepresentation(parseAccept('multipart/related; type="application/octet-stream"'))).toBe(
      'multipart',
    );
    expect(() => chooseBulkdataRepresentation(parseAccept('application/json'))).toThrow(NotAcceptableError);
  });

  it('negotiates DICOM JSON', () => {
    expect(chooseJsonContentType(parseAccept('application/dicom+json'))).toBe('application/dicom+json');
    expect(chooseJsonContentType(parseAccept('application/json, */*;q=0.1'))).toBe('application/json');
    expect(chooseJsonContentType(parseAccept(undefined))).toBe('application/dicom+json');
    expect(() => chooseJsonContentType(parseAccept('application/dicom'))).toThrow(NotAcceptableError);
  });
});
