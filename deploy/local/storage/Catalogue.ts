import type { DicomJson, DicomJsonElement } from './DicomJson';
import type { FrameLocation } from './Part10Writer';
import type { LevelFilters, Page } from './QueryMatcher';
import { attributesUpTo, type QueryLevel } from './queryAttributes';
import { SortedList } from './SortedList';

/** What the store keeps about one instance besides its Part 10 file (the `<sop>.json` sidecar). */
export interface InstanceRecord {
  formatVersion: 1;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** The file or STOW-RS part the instance was imported from. */
  sourceName: string;
  /** The transfer syntax of the stored file and its frames. */
  transferSyntaxUid: string;
  /** The transfer syntax the instance arrived in. */
  originalTransferSyntaxUid: string;
  /** DICOM JSON without the bulk data attributes. */
  metadata: DicomJson;
  /** Tag → VR of the attributes served by BulkDataURI. */
  bulkTags: Record<string, string>;
  /** Where frame n (index n-1) is in the stored file. */
  frames: FrameLocation[];
}

const TAG = {
  studyDate: '00080020',
  studyTime: '00080030',
  modality: '00080060',
  modalitiesInStudy: '00080061',
  seriesNumber: '00200011',
  instanceNumber: '00200013',
  studyRelatedSeries: '00201206',
  studyRelatedInstances: '00201208',
  seriesRelatedInstances: '00201209',
} as const;

/** One series: its instances in InstanceNumber order and the series-level part of its rows. */
interface SeriesEntry {
  uid: string;
  instances: SortedList<InstanceRecord>;
  bySopInstanceUid: Map<string, InstanceRecord>;
  /** The series-level attributes of its first instance and NumberOfSeriesRelatedInstances. */
  ownRow: DicomJson;
  /** Its QIDO row (study and series attributes), built when first asked after the study last changed. */
  row?: { studyVersion: number; value: DicomJson };
}

/** One study: its series as they arrived (the first gives the study's attributes) and in SeriesNumber order. */
interface StudyEntry {
  uid: string;
  series: Map<string, SeriesEntry>;
  seriesOrder: SortedList<SeriesEntry>;
  instanceCount: number;
  /** Its QIDO row. */
  row: DicomJson;
  /** Changes whenever `row` does, so the series rows built from it know they are stale. */
  version: number;
}

/**
 * The in-memory index of stored instances, grouped study → series → instance; rebuilt from sidecars at open. The
 * QIDO orders (studies newest first, series by SeriesNumber, instances by InstanceNumber) and the study and series
 * rows are kept up to date as each instance is added, so a query walks them in order, tests a study's filters once
 * per study and a series' once per series, and builds only the rows of the page it returns.
 */
export class Catalogue {
  private readonly studies = new Map<string, StudyEntry>();
  private readonly studyOrder = new SortedList<StudyEntry>(
    (a, b) =>
      compareText(dateTime(b.row), dateTime(a.row)) || compareText(uid(a.row, '0020000D'), uid(b.row, '0020000D')),
  );
  private readonly bySopInstanceUid = new Map<string, InstanceRecord>();
  private seriesCount = 0;

  /**
   * Adds (or replaces) an instance. The rows and orders change only as far as the instance changes them: in most
   * adds only the counts; the study and series rows are rebuilt and placed again when the series' first instance
   * (which gives their attributes) changes.
   */
  add(record: InstanceRecord): void {
    let study = this.studies.get(record.studyInstanceUid);
    if (!study) {
      study = {
        uid: record.studyInstanceUid,
        series: new Map(),
        seriesOrder: new SortedList(compareSeries),
        instanceCount: 0,
        row: {},
        version: 0,
      };
      this.studies.set(study.uid, study);
    }
    let series = study.series.get(record.seriesInstanceUid);
    if (!series) {
      series = {
        uid: record.seriesInstanceUid,
        instances: new SortedList(compareInstances),
        bySopInstanceUid: new Map(),
        ownRow: {},
      };
      study.series.set(series.uid, series);
      this.seriesCount++;
    }
    const first = series.instances.at(0);
    const replaced = series.bySopInstanceUid.get(record.sopInstanceUid);
    const firstChanges = !first || replaced === first || compareInstances(record, first) < 0;
    // Placed again only when their sort keys change, and taken out before they do.
    if (firstChanges) {
      study.seriesOrder.remove(series);
      this.studyOrder.remove(study);
    }
    if (replaced) series.instances.remove(replaced);
    else study.instanceCount++;
    series.instances.add(record);
    series.bySopInstanceUid.set(record.sopInstanceUid, record);
    if (firstChanges) {
      series.ownRow = seriesOwnRow(series);
      study.row = studyRow(study);
      study.seriesOrder.add(series);
      this.studyOrder.add(study);
    } else {
      // The counts' keys are already in the rows, so replacing their elements keeps the rows in tag order.
      series.ownRow[TAG.seriesRelatedInstances] = countElement(series.instances.length);
      study.row[TAG.studyRelatedInstances] = countElement(study.instanceCount);
    }
    study.version++;
    this.bySopInstanceUid.set(record.sopInstanceUid, record);
  }

  instanceBySop(sopInstanceUid: string): InstanceRecord | undefined {
    return this.bySopInstanceUid.get(sopInstanceUid);
  }

  instance(studyUid: string, seriesUid: string, sopUid: string): InstanceRecord | undefined {
    return this.studies.get(studyUid)?.series.get(seriesUid)?.bySopInstanceUid.get(sopUid);
  }

  /**
   * The series' instances ordered by InstanceNumber (a copy: later imports do not change it), or undefined when the
   * series is unknown.
   */
  seriesInstances(studyUid: string, seriesUid: string): InstanceRecord[] | undefined {
    return this.studies.get(studyUid)?.series.get(seriesUid)?.instances.slice();
  }

  counts(): { studies: number; series: number; instances: number } {
    return { studies: this.studies.size, series: this.seriesCount, instances: this.bySopInstanceUid.size };
  }

  /** A page of the study rows that match, newest StudyDate/StudyTime first. */
  searchStudies(filters: LevelFilters, page: Required<Page>): DicomJson[] {
    const collected = new PageCollector<StudyEntry>(page);
    for (const study of this.studyOrder) {
      if (collected.isFull()) break;
      if (!filters.study || filters.study(study.row)) collected.add(study);
    }
    return collected.items.map(study => ({ ...study.row }));
  }

  /** A page of the series rows (with their study's attributes) that match, by study then SeriesNumber. */
  searchSeries(studyUid: string | undefined, filters: LevelFilters, page: Required<Page>): DicomJson[] {
    const collected = new PageCollector<SeriesEntry>(page);
    for (const study of this.matchingStudies(studyUid, filters)) {
      for (const series of study.seriesOrder) {
        if (collected.isFull()) break;
        if (!filters.series || filters.series(series.ownRow)) collected.add(series, study);
      }
      if (collected.isFull()) break;
    }
    return collected.items.map((series, index) => ({ ...seriesRow(collected.studyOf(index), series) }));
  }

  /** A page of the instance rows (with their series' and study's attributes), by study, series, then InstanceNumber. */
  searchInstances(
    studyUid: string | undefined,
    seriesUid: string | undefined,
    filters: LevelFilters,
    page: Required<Page>,
  ): DicomJson[] {
    const collected = new PageCollector<{ series: SeriesEntry; record: InstanceRecord }>(page);
    for (const study of this.matchingStudies(studyUid, filters)) {
      const candidates =
        seriesUid === undefined
          ? study.seriesOrder
          : [study.series.get(seriesUid)].filter(series => series !== undefined);
      for (const series of candidates) {
        if (collected.isFull()) break;
        if (filters.series && !filters.series(series.ownRow)) continue;
        const matches = filters.instance;
        if (matches) {
          // Instance filters read only instance attributes, which the record's metadata holds as the row would.
          for (const record of series.instances) {
            if (collected.isFull()) break;
            if (matches(record.metadata)) collected.add({ series, record }, study);
          }
        } else {
          collected.addRun(series.instances, record => ({ series, record }), study);
        }
      }
      if (collected.isFull()) break;
    }
    return collected.items.map(({ series, record }, index) =>
      instanceRow(seriesRow(collected.studyOf(index), series), record),
    );
  }

  /** The studies a search runs in (one, or all in study order) that pass the study filters. */
  private *matchingStudies(studyUid: string | undefined, filters: LevelFilters): Generator<StudyEntry> {
    const studies =
      studyUid === undefined ? this.studyOrder : [this.studies.get(studyUid)].filter(study => study !== undefined);
    for (const study of studies) {
      if (!filters.study || filters.study(study.row)) yield study;
    }
  }
}

/**
 * Gathers the page of a walk over results in order: skips `offset` matches, keeps up to `limit`, and tells the walk
 * when to stop; a run of results that all match (a series without instance filters) is skipped or cut in one step.
 */
class PageCollector<T> {
  readonly items: T[] = [];
  private readonly studies: StudyEntry[] = [];
  private toSkip: number;
  private room: number;

  constructor(page: Required<Page>) {
    this.toSkip = page.offset;
    this.room = page.limit;
  }

  isFull(): boolean {
    return this.room === 0;
  }

  add(item: T, study?: StudyEntry): void {
    if (this.toSkip > 0) {
      this.toSkip--;
    } else if (this.room > 0) {
      this.items.push(item);
      if (study) this.studies.push(study);
      this.room--;
    }
  }

  addRun<S>(run: SortedList<S>, toItem: (source: S) => T, study: StudyEntry): void {
    if (this.toSkip >= run.length) {
      this.toSkip -= run.length;
      return;
    }
    const taken = run.slice(this.toSkip, this.toSkip + this.room);
    this.toSkip = 0;
    this.room -= taken.length;
    for (const source of taken) {
      this.items.push(toItem(source));
      this.studies.push(study);
    }
  }

  /** The study of the item at `index` (for series and instance pages). */
  studyOf(index: number): StudyEntry {
    return this.studies[index] as StudyEntry;
  }
}

function studyRow(study: StudyEntry): DicomJson {
  const series = [...study.series.values()];
  const first = series[0]?.instances.at(0);
  const modalities = new Set(
    series.map(entry => String(entry.instances.at(0)?.metadata[TAG.modality]?.Value?.[0] ?? '')).filter(Boolean),
  );
  return sortedByTag({
    ...(first ? pick(first.metadata, 'study') : {}),
    [TAG.modalitiesInStudy]: listElement('CS', [...modalities].sort()),
    [TAG.studyRelatedSeries]: countElement(series.length),
    [TAG.studyRelatedInstances]: countElement(study.instanceCount),
  });
}

function seriesOwnRow(series: SeriesEntry): DicomJson {
  const first = series.instances.at(0);
  return {
    ...(first ? pick(first.metadata, 'series') : {}),
    [TAG.seriesRelatedInstances]: countElement(series.instances.length),
  };
}

/** The series' QIDO row, rebuilt only when its study's row changed since it was last built. */
function seriesRow(study: StudyEntry, series: SeriesEntry): DicomJson {
  if (series.row?.studyVersion !== study.version) {
    series.row = { studyVersion: study.version, value: sortedByTag({ ...study.row, ...series.ownRow }) };
  }
  return series.row.value;
}

/** The instance-level attributes and those of the levels above, in tag order, so a row is assembled without sorting. */
const INSTANCE_ROW_ATTRIBUTES = attributesUpTo('instance').sort((a, b) => compareText(a.tag, b.tag));

/** `sortedByTag({ ...seriesRow, ...instance attributes of the record })`, without the sort. */
function instanceRow(seriesRowValue: DicomJson, record: InstanceRecord): DicomJson {
  const row: DicomJson = {};
  for (const { tag, level } of INSTANCE_ROW_ATTRIBUTES) {
    const element = level === 'instance' ? record.metadata[tag] : seriesRowValue[tag];
    if (element) row[tag] = element;
  }
  return row;
}

function compareSeries(a: SeriesEntry, b: SeriesEntry): number {
  return (
    number(a.ownRow, TAG.seriesNumber) - number(b.ownRow, TAG.seriesNumber) ||
    compareText(uid(a.ownRow, '0020000E'), uid(b.ownRow, '0020000E'))
  );
}

function compareInstances(a: InstanceRecord, b: InstanceRecord): number {
  return (
    number(a.metadata, TAG.instanceNumber) - number(b.metadata, TAG.instanceNumber) ||
    compareText(a.sopInstanceUid, b.sopInstanceUid)
  );
}

/** The attributes a query returns at `level` that an instance's metadata holds (computed ones are added apart). */
function pick(metadata: DicomJson, level: QueryLevel): DicomJson {
  const picked: DicomJson = {};
  for (const attribute of attributesUpTo(level)) {
    if (attribute.level !== level) continue;
    const element = metadata[attribute.tag];
    if (element) picked[attribute.tag] = element;
  }
  return picked;
}

/** DICOM JSON lists attributes in tag order. */
export function sortedByTag(dataSet: DicomJson): DicomJson {
  return Object.fromEntries(Object.entries(dataSet).sort(([a], [b]) => compareText(a, b)));
}

function countElement(count: number): DicomJsonElement {
  return { vr: 'IS', Value: [count] };
}

function listElement(vr: string, values: string[]): DicomJsonElement {
  return values.length ? { vr, Value: values } : { vr };
}

function dateTime(row: DicomJson): string {
  return `${String(row[TAG.studyDate]?.Value?.[0] ?? '')}${String(row[TAG.studyTime]?.Value?.[0] ?? '')}`;
}

function uid(row: DicomJson, tag: string): string {
  return String(row[tag]?.Value?.[0] ?? '');
}

/** Missing numbers sort last. */
function number(row: DicomJson, tag: string): number {
  const value = Number(row[tag]?.Value?.[0]);
  return Number.isFinite(value) ? value : Number.MAX_SAFE_INTEGER;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
