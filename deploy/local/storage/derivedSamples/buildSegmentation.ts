import type { NaturalDataset } from '../dcmjsApi';
import { derivedUid } from './derivedUid';
import { code, derivedSeriesAttributes, type Code } from './derivedSeries';
import { sliceSpacing, type SourceImage } from './SourceImage';
import { largestSample, packBits, thresholdMask } from './thresholdMask';

/** A DS value holds at most 16 characters: millimetres to a micrometre are plenty. */
const decimalString = (value: number): number => Number(value.toFixed(3));

export const SEGMENTATION_SOP_CLASS_UID = '1.2.840.10008.5.1.4.1.1.66.4';

/** One segment: the pixels at or above a fraction of the series' largest sample. */
export interface ThresholdSegment {
  label: string;
  description: string;
  /** Of the largest sample in the series, 0 < fraction ≤ 1. */
  fraction: number;
  category: Code;
  type: Code;
  /** RecommendedDisplayCIELabValue: L, a, b scaled to 0..65535 as PS3.3 C.10.7.1.1 says. */
  cieLab: [number, number, number];
}

/**
 * The sample segmentation's two segments, both found by thresholding (so they follow the real anatomy of the
 * images, and say so: SegmentAlgorithmType AUTOMATIC, "Intensity threshold"). Colours that a grey-scale image
 * never has, so an overlay is told from the image by its pixels: pure green and pure red.
 */
export const SAMPLE_SEGMENTS: ThresholdSegment[] = [
  {
    label: 'Head',
    description: 'Pixels at or above 10 % of the series maximum',
    fraction: 0.1,
    category: code('91723000', 'SCT', 'Anatomical Structure'),
    type: code('69536005', 'SCT', 'Head'),
    // sRGB (0, 255, 0) is CIELab (87.7, -86.2, 83.2).
    cieLab: [57475, 10741, 54277],
  },
  {
    label: 'Bright tissue',
    description: 'Pixels at or above 45 % of the series maximum',
    fraction: 0.45,
    category: code('85756007', 'SCT', 'Tissue'),
    type: code('85756007', 'SCT', 'Tissue'),
    // sRGB (255, 0, 0) is CIELab (53.2, 80.1, 67.2).
    cieLab: [34866, 53484, 50171],
  },
];

export interface SegmentationSettings {
  /** The slices segmented, sorted along the normal; all of one series. */
  slices: SourceImage[];
  /** Every slice of that series, for the spacing and the threshold scale. */
  series: SourceImage[];
  segments: ThresholdSegment[];
  seriesNumber: number;
}

/**
 * A binary DICOM Segmentation (PS3.3 A.51) of `slices`: one frame per segment and slice, ordered segment by
 * segment, each frame naming its source image (DerivationImageSequence) and position, the referenced series
 * listed, 1 bit per pixel packed as PS3.5 says. What OHIF's SEG viewport and cornerstone's adapter read.
 */
export function buildSegmentation({ slices, series, segments, seriesNumber }: SegmentationSettings): NaturalDataset {
  const [first] = slices;
  if (!first || segments.length === 0) throw new RangeError('a segmentation needs at least one slice and one segment');
  const source = first.dataset;
  const sourceSeriesUid = String(source.SeriesInstanceUID);
  const scale = largestSample(series);
  const dimensionOrganizationUid = derivedUid(`dimension organization of the segmentation of ${sourceSeriesUid}`);
  const frames: Uint8Array[] = [];
  const perFrame: NaturalDataset[] = [];
  segments.forEach((segment, segmentIndex) => {
    slices.forEach((slice, sliceIndex) => {
      frames.push(thresholdMask(slice, segment.fraction * scale));
      perFrame.push({
        DerivationImageSequence: [
          {
            SourceImageSequence: [
              {
                ReferencedSOPClassUID: slice.dataset.SOPClassUID,
                ReferencedSOPInstanceUID: slice.dataset.SOPInstanceUID,
                PurposeOfReferenceCodeSequence: [code('121322', 'DCM', 'Source image for image processing operation')],
              },
            ],
            DerivationCodeSequence: [code('113076', 'DCM', 'Segmentation')],
          },
        ],
        FrameContentSequence: [{ DimensionIndexValues: [segmentIndex + 1, sliceIndex + 1] }],
        PlanePositionSequence: [{ ImagePositionPatient: slice.position }],
        SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segmentIndex + 1 }],
      });
    });
  });
  return {
    ...derivedSeriesAttributes(source, {
      sopClassUid: SEGMENTATION_SOP_CLASS_UID,
      sopInstanceUid: derivedUid(`segmentation instance of ${sourceSeriesUid}`),
      seriesInstanceUid: derivedUid(`segmentation series of ${sourceSeriesUid}`),
      modality: 'SEG',
      seriesNumber,
      seriesDescription: `Segmentation: ${segments.map(segment => segment.label).join(', ')}`,
    }),
    ImageType: ['DERIVED', 'PRIMARY'],
    FrameOfReferenceUID: source.FrameOfReferenceUID,
    PositionReferenceIndicator: '',
    ContentLabel: 'THRESHOLDS',
    ContentDescription: 'Intensity thresholds of the source series',
    ContentCreatorName: [{ Alphabetic: 'Sample^Data' }],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: first.rows,
    Columns: first.columns,
    BitsAllocated: 1,
    BitsStored: 1,
    HighBit: 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: 'BINARY',
    NumberOfFrames: frames.length,
    ReferencedSeriesSequence: [
      {
        SeriesInstanceUID: sourceSeriesUid,
        ReferencedInstanceSequence: slices.map(slice => ({
          ReferencedSOPClassUID: slice.dataset.SOPClassUID,
          ReferencedSOPInstanceUID: slice.dataset.SOPInstanceUID,
        })),
      },
    ],
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: 0x0062000b,
        FunctionalGroupPointer: 0x0062000a,
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: 0x00200032,
        FunctionalGroupPointer: 0x00209113,
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
    SegmentSequence: segments.map((segment, index) => ({
      SegmentNumber: index + 1,
      SegmentLabel: segment.label,
      SegmentDescription: segment.description,
      SegmentAlgorithmType: 'AUTOMATIC',
      SegmentAlgorithmName: 'Intensity threshold',
      SegmentedPropertyCategoryCodeSequence: [segment.category],
      SegmentedPropertyTypeCodeSequence: [segment.type],
      RecommendedDisplayCIELabValue: segment.cieLab,
    })),
    SharedFunctionalGroupsSequence: [
      {
        PixelMeasuresSequence: [
          {
            PixelSpacing: first.pixelSpacing,
            SliceThickness: Number(source.SliceThickness ?? 1),
            SpacingBetweenSlices: decimalString(sliceSpacing(series)),
          },
        ],
        PlaneOrientationSequence: [{ ImageOrientationPatient: first.orientation }],
      },
    ],
    PerFrameFunctionalGroupsSequence: perFrame,
    PixelData: [packBits(frames).buffer],
    _vrMap: { PixelData: 'OB' },
  };
}
