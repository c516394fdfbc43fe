/** How a QIDO-RS filter value is compared with an attribute. */
export type MatchKind =
  /** Person name: case-insensitive, `*` and `?` wildcards, against the Alphabetic group. */
  | 'personName'
  /** Case-sensitive, `*` and `?` wildcards (PatientID). */
  | 'wildcard'
  /** Single value or range `from-to`, `from-`, `-to` (DA, TM). */
  | 'range'
  /** One of a list of UIDs separated by `\` or `,`. */
  | 'uidList'
  /** One of a list of codes split by `\` or `,`, against any value of the attribute (Modality, ModalitiesInStudy). */
  | 'codeList'
  /** Exact, case-sensitive string equality with any value. */
  | 'exact'
  /** Numeric equality (IS). */
  | 'number';

export type QueryLevel = 'study' | 'series' | 'instance';

export interface QueryAttribute {
  keyword: string;
  tag: string;
  vr: string;
  level: QueryLevel;
  /** How to match; undefined = returned in results but not a supported filter. */
  match?: MatchKind;
}

/** The attributes returned at each level (PS3.18 table 10.6.3-3/4/5) and the filters supported on them. */
export const QUERY_ATTRIBUTES: readonly QueryAttribute[] = [
  { keyword: 'SpecificCharacterSet', tag: '00080005', vr: 'CS', level: 'study' },
  { keyword: 'StudyDate', tag: '00080020', vr: 'DA', level: 'study', match: 'range' },
  { keyword: 'StudyTime', tag: '00080030', vr: 'TM', level: 'study', match: 'range' },
  { keyword: 'AccessionNumber', tag: '00080050', vr: 'SH', level: 'study', match: 'exact' },
  { keyword: 'ModalitiesInStudy', tag: '00080061', vr: 'CS', level: 'study', match: 'codeList' },
  { keyword: 'ReferringPhysicianName', tag: '00080090', vr: 'PN', level: 'study', match: 'personName' },
  { keyword: 'StudyDescription', tag: '00081030', vr: 'LO', level: 'study', match: 'exact' },
  { keyword: 'PatientName', tag: '00100010', vr: 'PN', level: 'study', match: 'personName' },
  { keyword: 'PatientID', tag: '00100020', vr: 'LO', level: 'study', match: 'wildcard' },
  { keyword: 'PatientBirthDate', tag: '00100030', vr: 'DA', level: 'study', match: 'range' },
  { keyword: 'PatientSex', tag: '00100040', vr: 'CS', level: 'study', match: 'exact' },
  { keyword: 'StudyInstanceUID', tag: '0020000D', vr: 'UI', level: 'study', match: 'uidList' },
  { keyword: 'StudyID', tag: '00200010', vr: 'SH', level: 'study', match: 'exact' },
  { keyword: 'NumberOfStudyRelatedSeries', tag: '00201206', vr: 'IS', level: 'study' },
  { keyword: 'NumberOfStudyRelatedInstances', tag: '00201208', vr: 'IS', level: 'study' },
  { keyword: 'Modality', tag: '00080060', vr: 'CS', level: 'series', match: 'codeList' },
  { keyword: 'SeriesDate', tag: '00080021', vr: 'DA', level: 'series', match: 'range' },
  { keyword: 'SeriesTime', tag: '00080031', vr: 'TM', level: 'series', match: 'range' },
  { keyword: 'SeriesDescription', tag: '0008103E', vr: 'LO', level: 'series', match: 'exact' },
  { keyword: 'SeriesInstanceUID', tag: '0020000E', vr: 'UI', level: 'series', match: 'uidList' },
  { keyword: 'SeriesNumber', tag: '00200011', vr: 'IS', level: 'series', match: 'number' },
  { keyword: 'NumberOfSeriesRelatedInstances', tag: '00201209', vr: 'IS', level: 'series' },
  { keyword: 'PerformedProcedureStepStartDate', tag: '00400244', vr: 'DA', level: 'series', match: 'range' },
  { keyword: 'SOPClassUID', tag: '00080016', vr: 'UI', level: 'instance', match: 'uidList' },
  { keyword: 'SOPInstanceUID', tag: '00080018', vr: 'UI', level: 'instance', match: 'uidList' },
  { keyword: 'AvailableTransferSyntaxUID', tag: '00083002', vr: 'UI', level: 'instance' },
  { keyword: 'InstanceNumber', tag: '00200013', vr: 'IS', level: 'instance', match: 'number' },
  { keyword: 'NumberOfFrames', tag: '00280008', vr: 'IS', level: 'instance' },
  { keyword: 'Rows', tag: '00280010', vr: 'US', level: 'instance' },
  { keyword: 'Columns', tag: '00280011', vr: 'US', level: 'instance' },
  { keyword: 'BitsAllocated', tag: '00280100', vr: 'US', level: 'instance' },
];

const LEVEL_DEPTH: Record<QueryLevel, number> = { study: 0, series: 1, instance: 2 };

/** Attributes of `level` and of the levels above it (a series row also carries its study's attributes). */
export function attributesUpTo(level: QueryLevel): QueryAttribute[] {
  return QUERY_ATTRIBUTES.filter(attribute => LEVEL_DEPTH[attribute.level] <= LEVEL_DEPTH[level]);
}
