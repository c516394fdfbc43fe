import { parseMediaType, splitOutsideQuotes } from './mediaType';

describe('parseMediaType', () => {
  it('reads quoted and unquoted parameters alike', () => {
    const quoted = parseMediaType('multipart/related; type="image/jphc"; transfer-syntax=1.2.840.10008.1.2.4.202');
    const bare = parseMediaType('multipart/related;type=image/jphc;transfer-syntax=1.2.840.10008.1.2.4.202');
    expect(quoted).toEqual({
      essence: 'multipart/related',
      params: { type: 'image/jphc', 'transfer-syntax': '1.2.840.10008.1.2.4.202' },
    });
    expect(bare).toEqual(quoted);
  });

  it('lower-cases the essence and parameter names but keeps values', () => {
    expect(parseMediaType('Multipart/Related; Boundary="AbC"')).toEqual({
      essence: 'multipart/related',
      params: { boundary: 'AbC' },
    });
  });

  it('keeps separators inside quotes and unescapes quoted pairs', () => {
    expect(parseMediaType('multipart/related; boundary="a;b,c\\"d"')?.params.boundary).toBe('a;b,c"d');
  });

  it('refuses what is not type/subtype', () => {
    expect(parseMediaType('')).toBeUndefined();
    expect(parseMediaType('jphc')).toBeUndefined();
    expect(parseMediaType('image/ jphc')).toBeUndefined();
  });

  it('skips parameters without a name or value sign', () => {
    expect(parseMediaType('application/json; charset; =x; q=1')?.params).toEqual({ q: '1' });
  });
});

describe('splitOutsideQuotes', () => {
  it('splits on the separator only outside quotes', () => {
    expect(splitOutsideQuotes('a, b="x,y", c', ',')).toEqual(['a', ' b="x,y"', ' c']);
  });
});
