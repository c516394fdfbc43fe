import type { DicomJson, DicomJsonElement } from './DicomJson';
import type { FrameLocation } from './Part10Writer';
import { attributesUpTo, type QueryLevel } from './queryAttributes';

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

/** The in-memory index of stored instances, grouped study → series → instance; rebuilt from sidecars at open. */
export class Catalogue {
  private readonly studies = new Map<string, Map<string, Map<string, InstanceRecord>>>();
  private readonly bySopInstanceUid = new Map<string, InstanceRecord>();

  add(record: InstanceRecord): void {
    let study = this.studies.get(record.studyInstanceUid);
    if (!study) this.studies.set(record.studyInstanceUid, (study = new Map()));
    let series = study.get(record.seriesInstanceUid);
    if (!series) study.set(record.seriesInstanceUid, (series = new Map()));
    series.set(record.sopInstanceUid, record);
    this.bySopInstanceUid.set(record.sopInstanceUid, record);
  }

  instanceBySop(sopInstanceUid: string): InstanceRecord | undefined {
    return this.bySopInstanceUid.get(sopInstanceUid);
  }

  instance(studyUid: string, seriesUid: string, sopUid: string): InstanceRecord | undefined {
    return this.studies.get(studyUid)?.get(seriesUid)?.get(sopUid);
  }

  /** The series' instances ordered by InstanceNumber, or undefined when the series is unknown. */
  seriesInstances(studyUid: string, seriesUid: string): InstanceRecord[] | undefined {
    const series = this.studies.get(studyUid)?.get(seriesUid);
    return series && sortInstances([...series.values()]);
  }

  counts(): { studies: number; series: number; instances: number } {
    let series = 0;
    for (const study of this.studies.values()) series += study.size;
    return { studies: this.studies.size, series, instances: this.bySopInstanceUid.size };
  }

  /** Study rows, newest StudyDate/StudyTime first. */
  studyRows(): DicomJson[] {
    const rows = [...this.studies.keys()].map(studyUid => this.studyRow(studyUid));
    return rows.sort((a, b) => compareText(dateTime(b), dateTime(a)) || compareText(uid(a, '0020000D'), uid(b, '0020000D')));
  }

  /** Series rows (with their study's attributes), by study then SeriesNumber. */
  seriesRows(studyUid: string | undefined): DicomJson[] {
    const rows: DicomJson[] = [];
    for (const currentStudyUid of this.studyUids(studyUid)) {
      const study = this.studies.get(currentStudyUid);
      const studyRow = this.studyRow(currentStudyUid);
      const seriesRows = [...(study?.keys() ?? [])].map(seriesUid =>
        sortedByTag({ ...studyRow, ...this.seriesRow(currentStudyUid, seriesUid) }),
      );
      rows.push(...seriesRows.sort((a, b) => number(a, TAG.seriesNumber) - number(b, TAG.seriesNumber) || compareText(uid(a, '0020000E'), uid(b, '0020000E'))));
    }
    return rows;
  }

  /** Instance rows (with their series' and study's attributes), by study, series, then InstanceNumber. */
  instanceRows(studyUid: string | undefined, seriesUid: string | undefined): DicomJson[] {
    const rows: DicomJson[] = [];
    for (const seriesRow of this.seriesRows(studyUid)) {
      const currentSeriesUid = uid(seriesRow, '0020000E');
      if (seriesUid !== undefined && currentSeriesUid !== seriesUid) continue;
      for (const record of this.seriesInstances(uid(seriesRow, '0020000D'), currentSeriesUid) ?? []) {
        rows.push(sortedByTag({ ...seriesRow, ...pick(record.metadata, 'instance') }));
      }
    }
    return rows;
  }

  private studyUids(studyUid: string | undefined): string[] {
    if (studyUid === undefined) return this.studyRows().map(row => uid(row, '0020000D'));
    return this.studies.has(studyUid) ? [studyUid] : [];
  }

  private studyRow(studyUid: string): DicomJson {
    const study = this.studies.get(studyUid);
    const seriesRecords = [...(study?.values() ?? [])].map(series => sortInstances([...series.values()]));
    const first = seriesRecords[0]?.[0];
    const modalities = new Set(seriesRecords.map(records => String(records[0]?.metadata[TAG.modality]?.Value?.[0] ?? '')).filter(Boolean));
    const instanceCount = seriesRecords.reduce((sum, records) => sum + records.length, 0);
    return sortedByTag({
      ...(first ? pick(first.metadata, 'study') : {}),
      [TAG.modalitiesInStudy]: listElement('CS', [...modalities].sort()),
      [TAG.studyRelatedSeries]: { vr: 'IS', Value: [seriesRecords.length] },
      [TAG.studyRelatedInstances]: { vr: 'IS', Value: [instanceCount] },
    });
  }

  private seriesRow(studyUid: string, seriesUid: string): DicomJson {
    const records = this.seriesInstances(studyUid, seriesUid) ?? [];
    const first = records[0];
    return {
      ...(first ? pick(first.metadata, 'series') : {}),
      [TAG.seriesRelatedInstances]: { vr: 'IS', Value: [records.length] },
    };
  }
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

function sortInstances(records: InstanceRecord[]): InstanceRecord[] {
  return records.sort(
    (a, b) =>
      number(a.metadata, TAG.instanceNumber) - number(b.metadata, TAG.instanceNumber) ||
      compareText(a.sopInstanceUid, b.sopInstanceUid),
  );
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
