import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomStore } from './DicomStore';
import { decodeIso2022 } from './Iso2022Text';
import { syntheticPart10, syntheticSeriesUid } from './testing/syntheticPart10';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
// The examples of PS3.5 Annex H (Japanese) and Annex I (Korean), byte for byte.
const japanese = 'Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B';
const korean = 'Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf';

describe('decodeIso2022', () => {
  it("decodes the standard's Japanese and Korean person names", () => {
    expect(decodeIso2022(latin1(japanese), ['', 'ISO 2022 IR 87'], true)).toBe('Yamada^Tarou=山田^太郎=やまだ^たろう');
    expect(decodeIso2022(latin1(korean), ['', 'ISO 2022 IR 149'], true)).toBe('Hong^Gildong=洪^吉洞=홍^길동');
  });

  it("starts each value again in the first term's sets, and keeps a backslash inside a two-byte code", () => {
    // A JIS X 0208 code may start with the backslash byte (0x5C): it is not a value delimiter there.
    const twoValues = latin1('\x1b$B;3\x1b(B\\ED');
    expect(decodeIso2022(twoValues, ['', 'ISO 2022 IR 87'], false)).toBe('山\\ED');
    expect(decodeIso2022(latin1('\x1b$B\x5c\x21'), ['', 'ISO 2022 IR 87'], false)).toHaveLength(1);
    expect(decodeIso2022(latin1('\xb6\xc5'), ['ISO 2022 IR 13', 'ISO 2022 IR 87'], false)).toBe('ｶﾅ');
    expect(decodeIso2022(latin1('Ren\xe9'), ['ISO 2022 IR 100'], true)).toBe('René');
  });
});

describe('a data set in ISO 2022 character sets', () => {
  let dataDir: string;
  let store: DicomStore;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'iso2022-'));
    store = await DicomStore.open(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A file whose PatientName and StudyDescription bytes are exactly `name` and `description`. */
  function instance(sopInstanceUid: string, characterSet: string[], name: string, description: string): Buffer {
    const placeholders = [name, description].map((text, index) =>
      (index === 0 ? '~' : '`').repeat(latin1(text).length),
    );
    const file = syntheticPart10({
      sopInstanceUid,
      extra: {
        '0020000D': { vr: 'UI', Value: [sopInstanceUid] },
        '00080005': { vr: 'CS', Value: characterSet },
        '00081030': { vr: 'LO', Value: [placeholders[1]] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: placeholders[0] }] },
      },
    }).toString('latin1');
    return latin1(
      file.replace(placeholders[0] as string, () => name).replace(placeholders[1] as string, () => description),
    );
  }

  it.each([
    [['', 'ISO 2022 IR 87'], japanese, '山田^太郎', '2.25.4001'],
    [['ISO 2022 IR 87'], japanese, '山田^太郎', '2.25.4002'],
    [['', 'ISO 2022 IR 149'], korean, '洪^吉洞', '2.25.4003'],
  ])(
    'accepts %j and serves the decoded names in QIDO and metadata',
    async (characterSet, name, ideographic, sopInstanceUid) => {
      const outcome = await store.importPart10(
        instance(sopInstanceUid, characterSet, name, '\x1b$B;3\x1b(B MR'),
        'cs.dcm',
      );
      expect(outcome.status).toBe('stored');
      const metadata = store.instanceMetadata(
        sopInstanceUid,
        syntheticSeriesUid,
        sopInstanceUid,
        'http://127.0.0.1/datastore/x',
      );
      expect(metadata?.['00100010']?.Value?.[0]).toMatchObject({ Ideographic: ideographic });
      expect(metadata?.['00080005']?.Value).toEqual(['ISO_IR 192']);
      if (characterSet.includes('ISO 2022 IR 87')) expect(metadata?.['00081030']?.Value).toEqual(['山 MR']);
      const studies = store.searchStudies(
        { PatientName: name.split('=')[0] as string, StudyInstanceUID: sopInstanceUid },
        {},
      );
      expect(studies.map(study => study['00100010']?.Value?.[0])).toEqual([
        expect.objectContaining({ Ideographic: ideographic }),
      ]);
    },
  );

  it('refuses a character set term that does not exist, naming it', async () => {
    await expect(
      store.importPart10(instance('2.25.4004', ['', 'ISO 2022 IR 999'], 'A^B', 'x'), 'cs.dcm'),
    ).rejects.toThrow('cs.dcm: SpecificCharacterSet (0008,0005) term ISO 2022 IR 999 is not a DICOM character set');
  });
});
