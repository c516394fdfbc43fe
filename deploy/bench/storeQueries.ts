// How long the local store's queries hold the event loop on a large series, and what an import costs per instance.
//   npx tsx deploy/bench/storeQueries.ts [instances...]      (default 2000 10000)
// Not part of npm test or npm run bench: a measurement for the store's own work, printed as a Markdown table.
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomStore } from '../local/storage';
import { writePart10 } from '../local/storage/dcmjsApi';
import { parsePart10, type ParsedPart10 } from '../local/storage/Part10Reader';
import { daikonTestDataDir } from '../local/storage/sampleData';
import { percentile } from './statistics';

const BASE_URL = 'http://127.0.0.1:5002/datastore/0123456789abcdef0123456789abcdef';
const STUDY = '2.25.4242';
const SERIES = '2.25.4242.1';
const sop = (index: number) => `2.25.4242.1.${index + 1}`;
const repeats = 15;
const importedAtScale = 40;

type Sidecar = {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  metadata: Record<string, { vr: string; Value?: unknown[] }>;
};

/**
 * A data folder holding `count` instances of one series, written as sidecars: the 20 real MR brain slices'
 * metadata (imported once, so it is exactly what the store keeps) repeated under new UIDs and InstanceNumbers,
 * in a shuffled order so the catalogue does not get them sorted. No `.dcm` files: queries never read them.
 */
async function derivedDataFolder(count: number, slices: Sidecar[]): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'store-queries-'));
  const folder = join(dataDir, 'instances', STUDY, SERIES);
  await mkdir(folder, { recursive: true });
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => ((a * 7919) % count) - ((b * 7919) % count),
  );
  for (const index of order) {
    const source = slices[index % slices.length] as Sidecar;
    const record = structuredClone(source);
    Object.assign(record, { studyInstanceUid: STUDY, seriesInstanceUid: SERIES, sopInstanceUid: sop(index) });
    Object.assign(record.metadata, {
      '0020000D': { vr: 'UI', Value: [STUDY] },
      '0020000E': { vr: 'UI', Value: [SERIES] },
      '00080018': { vr: 'UI', Value: [sop(index)] },
      '00200013': { vr: 'IS', Value: [index + 1] },
    });
    await writeFile(join(folder, `${sop(index)}.json`), JSON.stringify(record));
  }
  return dataDir;
}

async function realSlices(): Promise<{ sidecars: Sidecar[]; parsed: ParsedPart10[] }> {
  const volumeDir = join(daikonTestDataDir(), 'volume');
  const names = (await readdir(volumeDir)).filter(name => /^brain_\d+\.dcm$/.test(name)).sort();
  const parsed = await Promise.all(names.map(async name => parsePart10(await readFile(join(volumeDir, name)), name)));
  const dataDir = await mkdtemp(join(tmpdir(), 'store-queries-slices-'));
  try {
    const store = await DicomStore.open(dataDir);
    const sidecars: Sidecar[] = [];
    for (const [index, slice] of parsed.entries()) {
      const outcome = await store.importPart10(
        await readFile(join(volumeDir, names[index] as string)),
        slice.transferSyntaxUid,
      );
      const path = join(
        dataDir,
        'instances',
        outcome.studyInstanceUid,
        outcome.seriesInstanceUid,
        `${outcome.sopInstanceUid}.json`,
      );
      sidecars.push(JSON.parse(await readFile(path, 'utf8')) as Sidecar);
    }
    return { sidecars, parsed };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function median(work: () => unknown): string {
  timed(work);
  const samples = Array.from({ length: repeats }, () => timed(work));
  return `${percentile(samples, 50).toFixed(1)} (max ${Math.max(...samples).toFixed(1)})`;
}

async function measure(count: number, slices: { sidecars: Sidecar[]; parsed: ParsedPart10[] }): Promise<string[]> {
  const dataDir = await derivedDataFolder(count, slices.sidecars);
  try {
    const openStarted = performance.now();
    const store = await DicomStore.open(dataDir);
    const openMs = performance.now() - openStarted;
    // Each call's own (synchronous) work; a lazy answer is also rendered whole, as the endpoint will.
    const all = (items: Iterable<unknown> | undefined) => [...(items ?? [])];
    const rows = [
      ['searchInstances in the series, first page (1000)', median(() => store.searchInstances(STUDY, SERIES, {}, {}))],
      [
        'searchInstances in the series, limit 10 offset 1500',
        median(() => store.searchInstances(STUDY, SERIES, {}, { limit: 10, offset: 1500 })),
      ],
      [
        'searchInstances across all, SOPInstanceUID filter',
        median(() => store.searchInstances(undefined, undefined, { SOPInstanceUID: sop(count - 1) }, {})),
      ],
      ['searchSeries in the study', median(() => store.searchSeries(STUDY, {}, {}))],
      ['searchStudies, PatientName filter', median(() => store.searchStudies({ PatientName: 'daikon*' }, {}))],
      ['seriesMetadata: the call', median(() => store.seriesMetadata(STUDY, SERIES, BASE_URL))],
      [
        'seriesMetadata: the call and every item rendered',
        median(() => all(store.seriesMetadata(STUDY, SERIES, BASE_URL))),
      ],
      ['open (catalogue from sidecars), per instance', ((openMs / count) * 1000).toFixed(1) + ' µs'],
    ];
    const importStarted = performance.now();
    for (let index = 0; index < importedAtScale; index++) {
      const source = slices.parsed[index % slices.parsed.length] as ParsedPart10;
      const uid = sop(count + index);
      const dict = {
        ...source.dict,
        '0020000D': ui(STUDY),
        '0020000E': ui(SERIES),
        '00080018': ui(uid),
        '00200013': { vr: 'IS', Value: [count + index + 1] },
      };
      await store.importPart10(writePart10({ ...source.meta, '00020003': ui(uid) }, dict), `derived-${index}`);
    }
    rows.push([
      `importPart10 into that series (HTJ2K encode included), per instance`,
      `${((performance.now() - importStarted) / importedAtScale).toFixed(1)} ms`,
    ]);
    return rows.map(([what, figure]) => `| ${count} | ${what} | ${figure} |`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function ui(value: string) {
  return { vr: 'UI', Value: [value] };
}

async function main(): Promise<void> {
  const counts = process.argv.slice(2).map(Number);
  const slices = await realSlices();
  const lines = ['| instances | what | ms, median of 15 (max) |', '|---|---|---|'];
  for (const count of counts.length ? counts : [2000, 10_000]) lines.push(...(await measure(count, slices)));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
