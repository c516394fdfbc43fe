import { denaturalize, writePart10, type DcmjsDataset, type NaturalDataset } from '../dcmjsApi';
import { TransferSyntax } from '../transferSyntaxes';
import { buildEncapsulatedPdf } from './buildEncapsulatedPdf';
import { buildMeasurementReport, lineAcrossMask } from './buildMeasurementReport';
import { buildSegmentation, SAMPLE_SEGMENTS } from './buildSegmentation';
import { derivedUid } from './derivedUid';
import { keyImagesPdf } from './keyImagesPdf';
import { sortAlongNormal, type SourceImage } from './SourceImage';
import { largestSample, thresholdMask } from './thresholdMask';

/** One derived sample object, as Part 10 bytes to import like any file. */
export interface DerivedSample {
  sourceName: string;
  bytes: Uint8Array;
}

/** How many slices around the middle of the series the segmentation covers. */
const SEGMENTED_SLICES = 5;
/** The derived series are numbered after the source's: SEG, SR, PDF. */
const SERIES_NUMBER_OFFSETS = { segmentation: 100, report: 101, document: 102 };

/**
 * The derived objects every viewer of a study meets besides images, made from a real grey-scale series: a binary
 * SEG of the middle five slices (two threshold segments), an SR measurement report with a length measured on the
 * middle slice (the width of the head mask on its middle row), and an encapsulated PDF contact sheet of every
 * slice, over 1 MB so that its metadata refers to it by BulkDataURI. Same input, same bytes (derived UIDs, the
 * source's dates); all Explicit VR Little Endian, as such objects usually come.
 */
export function deriveSamples(series: SourceImage[]): DerivedSample[] {
  if (series.length < SEGMENTED_SLICES)
    throw new RangeError(`deriving the samples needs a series of at least ${SEGMENTED_SLICES} slices`);
  const sorted = sortAlongNormal(series);
  const middleIndex = Math.floor(sorted.length / 2);
  const middle = sorted[middleIndex] as SourceImage;
  const firstSegmented = middleIndex - Math.floor(SEGMENTED_SLICES / 2);
  const seriesNumber = Number(middle.dataset.SeriesNumber ?? 0);
  const head = SAMPLE_SEGMENTS[0]!;
  const headMask = thresholdMask(middle, head.fraction * largestSample(sorted));
  const byInstanceNumber = [...series].sort(
    (a, b) => Number(a.dataset.InstanceNumber) - Number(b.dataset.InstanceNumber),
  );
  const description = String(middle.dataset.SeriesDescription ?? 'series').trim();
  const documentTitle = `Contact sheet: ${description}, ${series.length} slices`;
  return [
    {
      sourceName: 'derived/segmentation.dcm',
      bytes: toPart10(
        buildSegmentation({
          slices: sorted.slice(firstSegmented, firstSegmented + SEGMENTED_SLICES),
          series: sorted,
          segments: SAMPLE_SEGMENTS,
          seriesNumber: seriesNumber + SERIES_NUMBER_OFFSETS.segmentation,
        }),
      ),
    },
    {
      sourceName: 'derived/measurement-report.dcm',
      bytes: toPart10(
        buildMeasurementReport(
          lineAcrossMask(middle, headMask, Math.floor(middle.rows / 2)),
          seriesNumber + SERIES_NUMBER_OFFSETS.report,
        ),
      ),
    },
    {
      sourceName: 'derived/contact-sheet.dcm',
      bytes: toPart10(
        buildEncapsulatedPdf(
          keyImagesPdf(byInstanceNumber, documentTitle),
          middle,
          seriesNumber + SERIES_NUMBER_OFFSETS.document,
          documentTitle,
        ),
      ),
    },
  ];
}

/** Writes a data set as a Part 10 file in Explicit VR Little Endian. */
function toPart10(dataset: NaturalDataset): Uint8Array {
  const meta: DcmjsDataset = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [String(dataset.SOPClassUID)] },
    '00020003': { vr: 'UI', Value: [String(dataset.SOPInstanceUID)] },
    '00020010': { vr: 'UI', Value: [TransferSyntax.explicitLittleEndian] },
    '00020012': { vr: 'UI', Value: [derivedUid('ohif-aws-healthimaging sample data writer')] },
    '00020013': { vr: 'SH', Value: ['SAMPLE_DATA_1'] },
  };
  return writePart10(meta, denaturalize(dataset));
}
