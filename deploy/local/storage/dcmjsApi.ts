/** The slice of dcmjs's API the storage uses, typed (the package ships no declarations). */

/** One attribute as dcmjs reads it: DICOM JSON shape, binary values as ArrayBuffers, sequences as nested datasets. */
export interface DcmjsElement {
  vr: string;
  Value?: unknown[];
  /** The string as read, kept by dcmjs to write it back unchanged. */
  _rawValue?: unknown;
}

/** A data set keyed by 8-digit upper-case hex tag. */
export type DcmjsDataset = Record<string, DcmjsElement>;

interface DcmjsDicomDict {
  meta: DcmjsDataset;
  dict: DcmjsDataset;
  write(options?: { fragmentMultiframe?: boolean; allowInvalidVRLength?: boolean }): ArrayBuffer;
}

interface DcmjsModule {
  data: {
    DicomMessage: { readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean }): DcmjsDicomDict };
    DicomDict: new (meta: DcmjsDataset) => DcmjsDicomDict;
    DicomMetaDictionary: {
      naturalizeDataset(dataset: DcmjsDataset): NaturalDataset;
      denaturalizeDataset(dataset: NaturalDataset): DcmjsDataset;
    };
  };
}

/**
 * A data set keyed by attribute keyword (`PatientName`, `ContentSequence`: an array of items), as dcmjs
 * "naturalizes" it; `_vrMap` names the VR of attributes whose VR the dictionary leaves open (PixelData OB/OW).
 */
export type NaturalDataset = Record<string, unknown> & { _vrMap?: Record<string, string> };

// No type declarations ship with dcmjs; its CommonJS build is what Node resolves.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dcmjs = require('dcmjs') as DcmjsModule;

export function readPart10(buffer: ArrayBuffer): { meta: DcmjsDataset; dict: DcmjsDataset } {
  const { meta, dict } = dcmjs.data.DicomMessage.readFile(buffer, { ignoreErrors: false });
  return { meta, dict };
}

/** The data set by keyword (`naturalizeDataset`), to read attributes by name. */
export function naturalize(dict: DcmjsDataset): NaturalDataset {
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict);
}

/** A data set written by keyword back to tags and VRs (`denaturalizeDataset`), ready for `writePart10`. */
export function denaturalize(dataset: NaturalDataset): DcmjsDataset {
  return dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
}

/**
 * Writes a Part 10 file; each pixel data frame becomes exactly one fragment (dcmjs would split at 20 KB).
 * Over-long values are written as read (old files carry e.g. DA "1995.06.26"): the store keeps what it was given.
 */
export function writePart10(meta: DcmjsDataset, dict: DcmjsDataset): Uint8Array {
  const file = new dcmjs.data.DicomDict(meta);
  file.dict = dict;
  return new Uint8Array(file.write({ fragmentMultiframe: false, allowInvalidVRLength: true }));
}
