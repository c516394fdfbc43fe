import { toDicomJson } from './DicomJson';

describe('toDicomJson', () => {
  it('writes attribute tags (AT) as 8 hex digits, at any depth, as PS3.18 F.2.3 says', () => {
    const { metadata } = toDicomJson({
      '00209222': {
        vr: 'SQ',
        Value: [{ '00209165': { vr: 'AT', Value: [0x0062000b] }, '00209167': { vr: 'AT', Value: [0x00209113] } }],
      },
      '00209165': { vr: 'AT', Value: [0x00200032] },
    });
    expect(metadata['00209165']).toEqual({ vr: 'AT', Value: ['00200032'] });
    expect(metadata['00209222']).toEqual({
      vr: 'SQ',
      Value: [{ '00209165': { vr: 'AT', Value: ['0062000B'] }, '00209167': { vr: 'AT', Value: ['00209113'] } }],
    });
  });

  it('serves pixel data and top-level binaries over 1 MB by reference, smaller ones inline', () => {
    const large = new ArrayBuffer(1024 * 1024 + 2);
    const { metadata, bulkTags } = toDicomJson(
      {
        '00420011': { vr: 'OB', Value: [large] },
        '00291010': { vr: 'OB', Value: [new Uint8Array([1, 2, 3, 4]).buffer] },
      },
      'OB',
    );
    expect(bulkTags).toEqual({ '00420011': 'OB', '7FE00010': 'OB' });
    expect(metadata['00420011']).toBeUndefined();
    expect(metadata['00291010']).toEqual({ vr: 'OB', InlineBinary: 'AQIDBA==' });
  });
});
