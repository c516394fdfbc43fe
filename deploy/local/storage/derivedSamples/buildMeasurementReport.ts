import type { NaturalDataset } from '../dcmjsApi';
import { derivedUid } from './derivedUid';
import { code, derivedSeriesAttributes, type Code } from './derivedSeries';
import type { SourceImage } from './SourceImage';

export const COMPREHENSIVE_SR_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.88.33';

/**
 * What cornerstone's measurement tools write as the Tracking Identifier of a length (OHIF's SR viewport and its
 * measurement hydration map it back to the Length tool by this text).
 */
export const LENGTH_TRACKING_IDENTIFIER = 'Cornerstone3DTools@^0.1.0:Length';

/** A straight line on one image: its ends in image pixel coordinates (column, row; 0\0 the image's top left corner). */
export interface LineOnImage {
  image: SourceImage;
  from: [number, number];
  to: [number, number];
  /** The line's length in millimetres, from the image's PixelSpacing. */
  lengthMm: number;
}

/**
 * The line across a binary mask's widest extent on `row`: from the centre of its leftmost set pixel to the centre
 * of its rightmost one (e.g. the width of the head on the middle row of a slice).
 */
export function lineAcrossMask(image: SourceImage, mask: Uint8Array, row: number): LineOnImage {
  const start = row * image.columns;
  const set = [...mask.subarray(start, start + image.columns)].flatMap((value, column) => (value ? [column] : []));
  const left = set[0];
  const right = set[set.length - 1];
  if (left === undefined || right === undefined || left === right)
    throw new RangeError(`row ${row} of the mask has no extent to measure`);
  return {
    image,
    from: [left + 0.5, row + 0.5],
    to: [right + 0.5, row + 0.5],
    // PixelSpacing is (between rows, between columns): a horizontal line spans columns.
    lengthMm: (right - left) * image.pixelSpacing[1],
  };
}

/** One content item of the SR tree (PS3.3 C.17.3), by keyword as dcmjs naturalizes it. */
type ContentItem = NaturalDataset;

const item = (RelationshipType: string, ValueType: string, concept: Code, value: NaturalDataset = {}): ContentItem => ({
  RelationshipType,
  ValueType,
  ConceptNameCodeSequence: [concept],
  ...value,
});

/**
 * A DICOM SR Measurement Report (TID 1500, Comprehensive SR) with one length measurement (TID 1501 group, TID 300
 * measurement inferred from a TID 1410-style SCOORD POLYLINE selected from the image), as cornerstone and OHIF
 * write one: the shape OHIF's SR viewport draws and its measurement panel lists after hydration.
 */
export function buildMeasurementReport(line: LineOnImage, seriesNumber: number): NaturalDataset {
  const source = line.image.dataset;
  const sourceSeriesUid = String(source.SeriesInstanceUID);
  const referencedImage = {
    ReferencedSOPClassUID: source.SOPClassUID,
    ReferencedSOPInstanceUID: source.SOPInstanceUID,
  };
  const length = item('CONTAINS', 'NUM', code('410668003', 'SCT', 'Length'), {
    MeasuredValueSequence: [
      {
        MeasurementUnitsCodeSequence: [code('mm', 'UCUM', 'millimeter')],
        NumericValue: Number(line.lengthMm.toFixed(2)),
      },
    ],
    ContentSequence: [
      item('INFERRED FROM', 'SCOORD', code('111030', 'DCM', 'Image Region'), {
        GraphicType: 'POLYLINE',
        GraphicData: [...line.from, ...line.to],
        ContentSequence: [
          { RelationshipType: 'SELECTED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [referencedImage] },
        ],
      }),
    ],
  });
  const measurementGroup = item('CONTAINS', 'CONTAINER', code('125007', 'DCM', 'Measurement Group'), {
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: [
      item('HAS OBS CONTEXT', 'TEXT', code('112039', 'DCM', 'Tracking Identifier'), {
        TextValue: LENGTH_TRACKING_IDENTIFIER,
      }),
      item('HAS OBS CONTEXT', 'UIDREF', code('112040', 'DCM', 'Tracking Unique Identifier'), {
        UID: derivedUid(`tracking of the length measurement on ${String(source.SOPInstanceUID)}`),
      }),
      length,
    ],
  });
  return {
    ...derivedSeriesAttributes(source, {
      sopClassUid: COMPREHENSIVE_SR_SOP_CLASS_UID,
      sopInstanceUid: derivedUid(`measurement report instance of ${sourceSeriesUid}`),
      seriesInstanceUid: derivedUid(`measurement report series of ${sourceSeriesUid}`),
      modality: 'SR',
      seriesNumber,
      seriesDescription: 'Measurement report: head width',
    }),
    ReferencedPerformedProcedureStepSequence: [],
    PerformedProcedureCodeSequence: [],
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    CurrentRequestedProcedureEvidenceSequence: [
      {
        StudyInstanceUID: source.StudyInstanceUID,
        ReferencedSeriesSequence: [{ SeriesInstanceUID: sourceSeriesUid, ReferencedSOPSequence: [referencedImage] }],
      },
    ],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [code('126000', 'DCM', 'Imaging Measurement Report')],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: [
      item('HAS CONCEPT MOD', 'CODE', code('121049', 'DCM', 'Language of Content Item and Descendants'), {
        ConceptCodeSequence: [code('eng', 'RFC5646', 'English')],
      }),
      item('HAS OBS CONTEXT', 'CODE', code('121005', 'DCM', 'Observer Type'), {
        ConceptCodeSequence: [code('121007', 'DCM', 'Device')],
      }),
      item('HAS OBS CONTEXT', 'UIDREF', code('121012', 'DCM', 'Device Observer UID'), {
        UID: derivedUid('sample data device observer'),
      }),
      item('HAS OBS CONTEXT', 'TEXT', code('121013', 'DCM', 'Device Observer Name'), { TextValue: 'sampleData' }),
      item('HAS CONCEPT MOD', 'CODE', code('121058', 'DCM', 'Procedure reported'), {
        ConceptCodeSequence: [code('363679005', 'SCT', 'Imaging procedure')],
      }),
      item('CONTAINS', 'CONTAINER', code('111028', 'DCM', 'Image Library'), {
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: [
          item('CONTAINS', 'CONTAINER', code('126200', 'DCM', 'Image Library Group'), {
            ContinuityOfContent: 'SEPARATE',
            ContentSequence: [
              { RelationshipType: 'CONTAINS', ValueType: 'IMAGE', ReferencedSOPSequence: [referencedImage] },
            ],
          }),
        ],
      }),
      item('CONTAINS', 'CONTAINER', code('126010', 'DCM', 'Imaging Measurements'), {
        ContinuityOfContent: 'SEPARATE',
        ContentSequence: [measurementGroup],
      }),
    ],
  };
}
