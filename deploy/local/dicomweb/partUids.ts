import dicomParser from 'dicom-parser';

/** The identifying UIDs of a DICOM Part 10 file, as far as they can be read. */
export interface PartUids {
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
}

/**
 * Reads the study, series and SOP UIDs of a STOW-RS part before it is stored: to check it belongs to the study
 * in the URL, and to name it in the FailedSOPSequence if storing fails. Empty for bytes that are not DICOM.
 */
export function readPartUids(bytes: Uint8Array): PartUids {
  try {
    const dataSet = dicomParser.parseDicom(bytes, { untilTag: 'x0020000e' });
    const read = (tag: string) => dataSet.string(tag)?.replace(/\0+$/, '').trim() || undefined;
    return {
      studyInstanceUid: read('x0020000d'),
      seriesInstanceUid: read('x0020000e'),
      sopClassUid: read('x00080016'),
      sopInstanceUid: read('x00080018'),
    };
  } catch {
    // dicom-parser throws strings and errors alike for what it cannot read; the store gives the real reason.
    return {};
  }
}
