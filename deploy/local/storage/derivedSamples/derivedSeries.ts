import type { NaturalDataset } from '../dcmjsApi';

/** Patient and study attributes a derived object shares with its source, so that it joins the same study. */
const PATIENT_AND_STUDY_KEYWORDS = [
  'SpecificCharacterSet',
  'PatientName',
  'PatientID',
  'PatientBirthDate',
  'PatientSex',
  'PatientAge',
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'StudyID',
  'AccessionNumber',
  'ReferringPhysicianName',
  'StudyDescription',
];

/** Who made the sample objects, in the General Equipment module (honest about their origin). */
export const SAMPLE_MANUFACTURER = 'ohif-aws-healthimaging sample data';

/** What makes a derived object a new series of the source's study. */
export interface DerivedSeriesIdentity {
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  modality: string;
  seriesNumber: number;
  seriesDescription: string;
}

/**
 * The attributes every derived sample object has: the source's patient and study, a series of its own, the
 * equipment that made it, and content date and time. The dates are the source's study date and time, not the
 * clock's, so that the objects come out byte for byte the same on every run.
 */
export function derivedSeriesAttributes(source: NaturalDataset, identity: DerivedSeriesIdentity): NaturalDataset {
  const copied: NaturalDataset = {};
  for (const keyword of PATIENT_AND_STUDY_KEYWORDS)
    if (source[keyword] !== undefined) copied[keyword] = source[keyword];
  const date = String(source.StudyDate ?? '');
  const time = String(source.StudyTime ?? '');
  return {
    ...copied,
    SOPClassUID: identity.sopClassUid,
    SOPInstanceUID: identity.sopInstanceUid,
    SeriesInstanceUID: identity.seriesInstanceUid,
    Modality: identity.modality,
    SeriesNumber: identity.seriesNumber,
    SeriesDescription: identity.seriesDescription,
    SeriesDate: date,
    SeriesTime: time,
    InstanceNumber: 1,
    ContentDate: date,
    ContentTime: time,
    Manufacturer: SAMPLE_MANUFACTURER,
    ManufacturerModelName: 'sampleData',
    SoftwareVersions: '1',
    DeviceSerialNumber: '1',
  };
}

/** A coded concept as DICOM writes it in code sequences. */
export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

export function code(CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code {
  return { CodeValue, CodingSchemeDesignator, CodeMeaning };
}
