import { Catalogue, sortedByTag, type InstanceRecord } from './Catalogue';
import type { DicomJson } from './DicomJson';
import { compileFilters, compileFiltersByLevel, resolvePage, type Page } from './QueryMatcher';
import { attributesUpTo, type QueryLevel } from './queryAttributes';

const TAGS = { study: '0020000D', series: '0020000E', sop: '00080018', number: '00200013' } as const;

function record(study: string, series: string, sop: string, attributes: DicomJson): InstanceRecord {
  return {
    formatVersion: 1,
    studyInstanceUid: study,
    seriesInstanceUid: series,
    sopInstanceUid: sop,
    sourceName: sop,
    transferSyntaxUid: '1.2.840.10008.1.2.4.202',
    originalTransferSyntaxUid: '1.2.840.10008.1.2.1',
    metadata: {
      [TAGS.study]: { vr: 'UI', Value: [study] },
      [TAGS.series]: { vr: 'UI', Value: [series] },
      [TAGS.sop]: { vr: 'UI', Value: [sop] },
      '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.4'] },
      ...attributes,
    },
    bulkTags: {},
    frames: [],
  };
}

/**
 * The QIDO results by their definition, computed from scratch from every record added so far: study attributes
 * from the first series' first instance, studies newest first, series by SeriesNumber, instances by InstanceNumber
 * (missing numbers last, then UID), filters on whole rows, then the page.
 */
class ReferenceResults {
  private readonly records: InstanceRecord[] = [];

  add(added: InstanceRecord): void {
    this.records.push(added);
  }

  studies(filters: Record<string, string>, page: Page): DicomJson[] {
    return this.paged(this.studyRows(), filters, 'study', page);
  }

  series(studyUid: string | undefined, filters: Record<string, string>, page: Page): DicomJson[] {
    return this.paged(this.seriesRows(studyUid), filters, 'series', page);
  }

  instances(
    studyUid: string | undefined,
    seriesUid: string | undefined,
    filters: Record<string, string>,
    page: Page,
  ): DicomJson[] {
    const rows = this.seriesRows(studyUid)
      .filter(row => seriesUid === undefined || text(row, TAGS.series) === seriesUid)
      .flatMap(row =>
        this.sorted(text(row, TAGS.study), text(row, TAGS.series)).map(instance =>
          sortedByTag({ ...row, ...own(instance.metadata, 'instance') }),
        ),
      );
    return this.paged(rows, filters, 'instance', page);
  }

  private paged(rows: DicomJson[], filters: Record<string, string>, level: QueryLevel, page: Page): DicomJson[] {
    const { offset, limit } = resolvePage(page);
    return rows.filter(compileFilters(filters, level)).slice(offset, offset + limit);
  }

  private sorted(studyUid: string, seriesUid: string): InstanceRecord[] {
    const numberOf = (entry: InstanceRecord) =>
      Number(entry.metadata[TAGS.number]?.Value?.[0] ?? Number.MAX_SAFE_INTEGER);
    return this.records
      .filter(entry => entry.studyInstanceUid === studyUid && entry.seriesInstanceUid === seriesUid)
      .sort((a, b) => numberOf(a) - numberOf(b) || (a.sopInstanceUid < b.sopInstanceUid ? -1 : 1));
  }

  private seriesUids(studyUid: string): string[] {
    return [
      ...new Set(
        this.records.filter(entry => entry.studyInstanceUid === studyUid).map(entry => entry.seriesInstanceUid),
      ),
    ];
  }

  private studyRows(): DicomJson[] {
    const studyUids = [...new Set(this.records.map(entry => entry.studyInstanceUid))];
    const rows = studyUids.map(studyUid => {
      const series = this.seriesUids(studyUid).map(seriesUid => this.sorted(studyUid, seriesUid));
      const modalities = [
        ...new Set(
          series.map(instances => String(instances[0]?.metadata['00080060']?.Value?.[0] ?? '')).filter(Boolean),
        ),
      ].sort();
      return sortedByTag({
        ...own(series[0]?.[0]?.metadata ?? {}, 'study'),
        '00080061': modalities.length ? { vr: 'CS', Value: modalities } : { vr: 'CS' },
        '00201206': { vr: 'IS', Value: [series.length] },
        '00201208': { vr: 'IS', Value: [series.reduce((sum, instances) => sum + instances.length, 0)] },
      });
    });
    const when = (row: DicomJson) => `${text(row, '00080020')}${text(row, '00080030')}`;
    return rows.sort((a, b) =>
      when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : text(a, TAGS.study) < text(b, TAGS.study) ? -1 : 1,
    );
  }

  private seriesRows(studyUid: string | undefined): DicomJson[] {
    return this.studyRows()
      .filter(row => studyUid === undefined || text(row, TAGS.study) === studyUid)
      .flatMap(studyRow => {
        const numberOf = (row: DicomJson) => Number(row['00200011']?.Value?.[0] ?? Number.MAX_SAFE_INTEGER);
        return this.seriesUids(text(studyRow, TAGS.study))
          .map(seriesUid => {
            const instances = this.sorted(text(studyRow, TAGS.study), seriesUid);
            return sortedByTag({
              ...studyRow,
              ...own(instances[0]?.metadata ?? {}, 'series'),
              '00201209': { vr: 'IS', Value: [instances.length] },
            });
          })
          .sort((a, b) => numberOf(a) - numberOf(b) || (text(a, TAGS.series) < text(b, TAGS.series) ? -1 : 1));
      });
  }
}

function own(metadata: DicomJson, level: QueryLevel): DicomJson {
  const picked: DicomJson = {};
  for (const { tag, level: attributeLevel } of attributesUpTo(level)) {
    const element = metadata[tag];
    if (attributeLevel === level && element) picked[tag] = element;
  }
  return picked;
}

function text(row: DicomJson, tag: string): string {
  return String(row[tag]?.Value?.[0] ?? '');
}

/** A small deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function randomFrom(seed: number): (below: number) => number {
  let state = seed;
  return below => {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296) * below);
  };
}

function search(
  catalogue: Catalogue,
  level: QueryLevel,
  uids: [string?, string?],
  filters: Record<string, string>,
  page: Page,
): DicomJson[] {
  const compiled = compileFiltersByLevel(filters, level);
  if (level === 'study') return catalogue.searchStudies(compiled, resolvePage(page));
  if (level === 'series') return catalogue.searchSeries(uids[0], compiled, resolvePage(page));
  return catalogue.searchInstances(uids[0], uids[1], compiled, resolvePage(page));
}

describe('Catalogue', () => {
  it('answers every search exactly as rows rebuilt and sorted from scratch, after each import in any order', () => {
    const random = randomFrom(9);
    const catalogue = new Catalogue();
    const reference = new ReferenceResults();
    const dates = ['20200101', '20200101', '20211231', '19990615'];
    const modalities = ['MR', 'CT', 'SR'];
    const records: InstanceRecord[] = [];
    for (let study = 0; study < 6; study++) {
      for (let series = 0; series < 1 + random(4); series++) {
        for (let instance = 0; instance < 1 + random(12); instance++) {
          const attributes: DicomJson = {
            '00100010': { vr: 'PN', Value: [{ Alphabetic: ['Doe^John', 'Doe^Jane', 'Roe^Ann'][random(3)] as string }] },
            '00080020': { vr: 'DA', Value: [dates[random(dates.length)] as string] },
            '00080030': { vr: 'TM', Value: [random(2) ? '101500' : '090000'] },
            '00080060': { vr: 'CS', Value: [modalities[random(modalities.length)] as string] },
          };
          if (random(5)) attributes['00200011'] = { vr: 'IS', Value: [random(4)] };
          if (random(6)) attributes[TAGS.number] = { vr: 'IS', Value: [random(8)] };
          records.push(
            record(`2.25.${study}`, `2.25.${study}.${series}`, `2.25.${study}.${series}.${instance}`, attributes),
          );
        }
      }
    }
    const queries: [QueryLevel, [string?, string?], Record<string, string>, Page][] = [
      ['study', [], {}, {}],
      ['study', [], { PatientName: 'doe*', ModalitiesInStudy: 'MR' }, { limit: 2, offset: 1 }],
      ['series', [], {}, { limit: 3, offset: 2 }],
      ['series', ['2.25.2'], { Modality: 'CT,SR' }, {}],
      ['series', [], { StudyDate: '20200101', SeriesNumber: '1' }, {}],
      ['instance', [], {}, { limit: 7, offset: 5 }],
      ['instance', [], {}, { offset: 40 }],
      ['instance', ['2.25.1'], { InstanceNumber: '3' }, {}],
      ['instance', [undefined, '2.25.3.0'], { PatientName: 'roe*' }, { limit: 4 }],
      ['instance', ['2.25.4', '2.25.4.1'], { SOPInstanceUID: '2.25.4.1.0,2.25.4.1.2', Modality: 'MR' }, {}],
    ];
    while (records.length > 0) {
      const [added] = records.splice(random(records.length), 1) as [InstanceRecord];
      catalogue.add(added);
      reference.add(added);
      for (const [level, uids, filters, page] of queries) {
        const expected =
          level === 'study'
            ? reference.studies(filters, page)
            : level === 'series'
              ? reference.series(uids[0], filters, page)
              : reference.instances(uids[0], uids[1], filters, page);
        const actual = search(catalogue, level, uids, filters, page);
        expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      }
    }
  });

  it('answers a page of a 10 000-instance series reading only the rows of that page', () => {
    const catalogue = new Catalogue();
    let reads = 0;
    const counted = (metadata: DicomJson): DicomJson =>
      new Proxy(metadata, {
        get: (target, key, receiver) => {
          reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const count = 10_000;
    for (let index = 0; index < count; index++) {
      // Added out of InstanceNumber order, as sidecars are read at open.
      const number = (index * 7919) % count;
      const added = record('2.25.7', '2.25.7.1', `2.25.7.1.${number}`, {
        [TAGS.number]: { vr: 'IS', Value: [number + 1] },
      });
      catalogue.add({ ...added, metadata: counted(added.metadata) });
    }
    reads = 0;
    const page = search(catalogue, 'instance', ['2.25.7', '2.25.7.1'], {}, { limit: 10, offset: 5000 });
    expect(page.map(row => row[TAGS.number]?.Value?.[0])).toEqual([
      5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010,
    ]);
    const instanceAttributes = attributesUpTo('instance').filter(attribute => attribute.level === 'instance').length;
    expect(reads).toBeLessThanOrEqual(10 * instanceAttributes);

    reads = 0;
    expect(search(catalogue, 'series', ['2.25.7'], {}, {})[0]?.['00201209']).toEqual({ vr: 'IS', Value: [count] });
    expect(search(catalogue, 'study', [], {}, {})).toHaveLength(1);
    expect(reads).toBe(0);

    reads = 0;
    const [found] = search(catalogue, 'instance', [], { SOPInstanceUID: '2.25.7.1.9999' }, {});
    expect(found?.[TAGS.number]).toEqual({ vr: 'IS', Value: [10_000] });
    // One filter read per instance (less when the page fills), then the one row.
    expect(reads).toBeLessThanOrEqual(count + instanceAttributes);
  });
});
