import type { NaturalDataset } from '../dcmjsApi';
import { derivedUid } from './derivedUid';
import { derivedSeriesAttributes } from './derivedSeries';
import type { SourceImage } from './SourceImage';

export const ENCAPSULATED_PDF_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.104.1';

/**
 * A DICOM Encapsulated PDF (PS3.3 A.45.1) in the source's study: the document in EncapsulatedDocument (0042,0011),
 * its exact length in EncapsulatedDocumentLength (the value itself is padded to an even length).
 */
export function buildEncapsulatedPdf(
  pdf: Uint8Array,
  source: SourceImage,
  seriesNumber: number,
  documentTitle: string,
): NaturalDataset {
  const sourceSeriesUid = String(source.dataset.SeriesInstanceUID);
  const value = pdf.length % 2 === 0 ? pdf : Uint8Array.from([...pdf, 0]);
  return {
    ...derivedSeriesAttributes(source.dataset, {
      sopClassUid: ENCAPSULATED_PDF_SOP_CLASS_UID,
      sopInstanceUid: derivedUid(`contact sheet instance of ${sourceSeriesUid}`),
      seriesInstanceUid: derivedUid(`contact sheet series of ${sourceSeriesUid}`),
      modality: 'DOC',
      seriesNumber,
      seriesDescription: documentTitle,
    }),
    ConversionType: 'WSD',
    AcquisitionDateTime: `${String(source.dataset.StudyDate ?? '')}${String(source.dataset.StudyTime ?? '')}`,
    BurnedInAnnotation: 'YES',
    DocumentTitle: documentTitle,
    ConceptNameCodeSequence: [],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: [value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)],
    EncapsulatedDocumentLength: pdf.length,
    _vrMap: { EncapsulatedDocument: 'OB' },
  };
}
