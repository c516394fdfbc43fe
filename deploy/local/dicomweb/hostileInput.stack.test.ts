// Hostile input against the whole local stack as `npm start` runs it (child process: real provider, real tokens, the
// real authorizer, the real store), while a probe checks that an ordinary QIDO search is answered within 1 s
// throughout. The stack is one process (endpoint, provider, viewer): any request that stops it stops them all.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importerTokenOverHttp, signInOverHttp } from '../oidc/testing';
import type { LocalStackSummary } from '../stack/localStackSummary';
import { startLocalStackProcess } from '../stack/testing/startLocalStackProcess';
import { writePart10 } from '../storage/dcmjsApi';
import { parsePart10 } from '../storage/Part10Reader';
import { daikonTestDataDir } from '../storage/sampleData';
import type { ScriptProcess } from '../testing/startScriptProcess';
import type { EventLoopDelay } from './eventLoopDelay';
import { newBoundary, writeMultipart } from './multipart';
import { rawExchange, trickle } from './testing/rawHttp';

jest.setTimeout(90_000);

/** The stack runs with a 2 s request timeout so that slow clients are seen cut off within the test. */
const requestTimeoutMs = 2000;
/** Node looks for late requests once a second; allow for that and for a loaded machine. */
const cutOffWithinMs = requestTimeoutMs + 3000;
/**
 * The most the stack may hold its own event loop: the brief's ~100 ms (no attack here holds it over about 15 ms
 * in-process). Judged on `maxBusyMs`, which leaves out time a loaded machine gave to other processes; the plain
 * delay must stay under the probe's 1 s. Before these changes one wildcard search held the loop for minutes.
 */
const maxBusyMs = 100;
const maxEventLoopDelayMs = 1000;

/** A PatientID of the longest LO value, all one letter: the worst case for a backtracking wildcard matcher. */
const hostilePatientId = 'a'.repeat(64);
const uids = {
  study: '2.25.900000000000000000000000000000000001',
  series: '2.25.900000000000000000000000000000000002',
  sop: '2.25.900000000000000000000000000000000003',
};

let stack: ScriptProcess<LocalStackSummary>;
let summary: LocalStackSummary;
let dataDir: string;
let readerToken: string;
let importerToken: string;

const probe = {
  latenciesMs: [] as number[],
  failures: [] as string[],
  running: false,
  done: Promise.resolve(),
};

/** An ordinary QIDO search, every 100 ms, for as long as the attacks last. */
function startProbe(): void {
  probe.running = true;
  probe.done = (async () => {
    while (probe.running) {
      const started = performance.now();
      try {
        const response = await fetch(`${summary.datastoreUrl}/studies?limit=5`, {
          headers: { Authorization: `Bearer ${readerToken}`, Accept: 'application/dicom+json' },
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer();
        if (response.status !== 200) probe.failures.push(`status ${response.status}`);
      } catch (error) {
        probe.failures.push(String(error));
      }
      probe.latenciesMs.push(performance.now() - started);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  })();
}

const dicomweb = (path: string, init: RequestInit & { token?: string } = {}) => {
  const { token = readerToken, headers, ...rest } = init;
  return fetch(`${summary.datastoreUrl}${path}`, {
    ...rest,
    headers: { Authorization: `Bearer ${token}`, ...headers },
  });
};
const messageOf = async (response: Response) => ((await response.json()) as { message: string }).message;
const instancePath = `/studies/${uids.study}/series/${uids.series}/instances/${uids.sop}`;
const testControl = (path: string, method = 'GET') =>
  fetch(`${summary.dicomwebUrl}/__local/${path}`, { method }).then(
    response => response.json() as Promise<EventLoopDelay>,
  );

function stowBody(parts: Array<{ headers?: Record<string, string>; body: Uint8Array }>) {
  const boundary = newBoundary();
  const body = writeMultipart(
    parts.map(part => ({ headers: part.headers ?? { 'Content-Type': 'application/dicom' }, body: part.body })),
    boundary,
  );
  return { body, contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
}

const stow = ({ body, contentType }: ReturnType<typeof stowBody>) =>
  dicomweb('/studies', {
    method: 'POST',
    token: importerToken,
    headers: { 'Content-Type': contentType },
    body: new Uint8Array(body),
  });

/** A real MR slice under new UIDs with the hostile PatientID. */
async function hostileInstance(): Promise<Uint8Array> {
  const { meta, dict } = parsePart10(
    await readFile(join(daikonTestDataDir(), 'volume', 'brain_002.dcm')),
    'brain_002.dcm',
  );
  Object.assign(dict, {
    '0020000D': { vr: 'UI', Value: [uids.study] },
    '0020000E': { vr: 'UI', Value: [uids.series] },
    '00080018': { vr: 'UI', Value: [uids.sop] },
    '00100020': { vr: 'LO', Value: [hostilePatientId] },
    '00100010': { vr: 'PN', Value: [{ Alphabetic: `${hostilePatientId}^${hostilePatientId}` }] },
  });
  return writePart10({ ...meta, '00020003': { vr: 'UI', Value: [uids.sop] } }, dict);
}

/** When the event-loop monitor was reset, just before the first attack. */
let monitoredSince: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hostile-input-test-'));
  stack = await startLocalStackProcess(
    [
      ...['--viewer-port', '0', '--oidc-port', '0', '--dicomweb-port', '0'],
      ...['--data-dir', dataDir, '--test-control', '--request-timeout', String(requestTimeoutMs / 1000)],
    ],
    60_000,
  );
  summary = stack.ready;
  const reader = summary.users.find(user => user.username === 'reader');
  if (!reader) throw new Error('the stack reports no reader user');
  readerToken = (
    await signInOverHttp({ issuer: summary.issuer, ...reader, redirectUri: `${summary.viewerUrl}/callback` })
  ).accessToken;
  const importer = await importerTokenOverHttp(summary.issuer);
  importerToken = importer.body.access_token as string;
  const stored = await stow(stowBody([{ body: await hostileInstance() }]));
  expect(stored.status).toBe(200);
  await testControl('event-loop-delay/reset', 'POST');
  monitoredSince = Date.now();
  startProbe();
});

afterAll(async () => {
  probe.running = false;
  await probe.done;
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('hostile input against the local stack', () => {
  it('answers pathological QIDO wildcards at once, without blocking the process', async () => {
    const patterns = [`*${'a*'.repeat(9)}ab`, `*${'a*'.repeat(40)}b`, `${'?'.repeat(63)}*b`, `*${'a?'.repeat(31)}*b`];
    for (const pattern of patterns) {
      for (const attribute of ['PatientID', 'PatientName']) {
        const response = await dicomweb(`/studies?${attribute}=${encodeURIComponent(pattern)}`);
        expect([attribute, response.status, await response.json()]).toEqual([attribute, 200, []]);
      }
    }
    const match = await dicomweb(`/studies?PatientID=${encodeURIComponent(`*${'a*'.repeat(20)}`)}`);
    expect(((await match.json()) as unknown[]).length).toBe(1);
  });

  it('refuses frame lists that repeat a frame, are too long, or go beyond the instance, naming the problem', async () => {
    const repeated = await dicomweb(`${instancePath}/frames/${Array(2000).fill(1).join(',')}`);
    expect([repeated.status, await messageOf(repeated)]).toEqual([
      400,
      'The frame list names 2000 frames; at most 1000 per request, so split it',
    ]);
    const twice = await dicomweb(`${instancePath}/frames/1,1`);
    expect([twice.status, await messageOf(twice)]).toEqual([
      400,
      'The frame list names frame 1 more than once; name each frame once',
    ]);
    const beyond = await dicomweb(`${instancePath}/frames/1,2`);
    expect([beyond.status, await messageOf(beyond)]).toEqual([
      400,
      `frame 2 does not exist: instance ${uids.sop} has frames 1 to 1`,
    ]);
    const fine = await dicomweb(`${instancePath}/frames/1`, {
      headers: { Accept: 'multipart/related; type="application/octet-stream"' },
    });
    expect(fine.status).toBe(200);
    expect((await fine.arrayBuffer()).byteLength).toBeGreaterThan(256 * 256 * 2);
  });

  it('answers 414 for a huge URL and 431 for huge headers, saying the limit', async () => {
    const longUrl = await dicomweb(`/studies?PatientID=${'b'.repeat(9000)}`);
    expect([longUrl.status, await messageOf(longUrl)]).toEqual([
      414,
      'The URL (path and query) exceeds the limit of 8192 bytes; ask with fewer or shorter query values',
    ]);
    const path = new URL(summary.datastoreUrl).pathname;
    const { text } = await rawExchange(summary.dicomwebUrl, socket =>
      socket.write(
        `GET ${path}/studies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${readerToken}\r\nX-Padding: ${'c'.repeat(20_000)}\r\n\r\n`,
      ),
    );
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text).toContain('{"message":"The request line and headers exceed the limit of 16384 bytes together"}');
  });

  it('cuts off slow clients (heads and bodies sent a byte at a time) within the request timeout', async () => {
    const path = new URL(summary.datastoreUrl).pathname;
    const slowHeads = Array.from({ length: 20 }, () =>
      rawExchange(summary.dicomwebUrl, socket =>
        trickle(socket, `GET ${path}/studies HTTP/1.1\r\nHost: x\r\n\r\n`, 200),
      ),
    );
    const slowBodies = Array.from({ length: 5 }, () =>
      rawExchange(summary.dicomwebUrl, socket => {
        socket.write(
          `POST ${path}/studies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${importerToken}\r\n` +
            'Content-Type: multipart/related; type="application/dicom"; boundary=b\r\nContent-Length: 100000\r\n\r\n',
        );
        trickle(socket, 'x'.repeat(100_000), 200);
      }),
    );
    for (const { text, closedAfterMs } of await Promise.all([...slowHeads, ...slowBodies])) {
      expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(closedAfterMs).toBeLessThan(cutOffWithinMs);
    }
  });

  it('refuses oversized multipart bodies: too many parts, part headers too large', async () => {
    const tooMany = await stow(stowBody(Array.from({ length: 1001 }, () => ({ body: Buffer.from('x') }))));
    expect([tooMany.status, await messageOf(tooMany)]).toEqual([
      413,
      'The multipart body holds more than 1000 parts, the limit per request; send fewer instances per request',
    ]);
    const hugeHeaders = await stow(
      stowBody([
        { headers: { 'Content-Type': 'application/dicom', 'X-Padding': 'd'.repeat(10_000) }, body: Buffer.from('x') },
      ]),
    );
    expect([hugeHeaders.status, await messageOf(hugeHeaders)]).toEqual([
      400,
      'Part 1 of the multipart body has headers over 8192 bytes',
    ]);
  });

  it('stayed responsive throughout: every probe answered within 1 s, the event loop never blocked', async () => {
    const delay = await testControl('event-loop-delay');
    probe.running = false;
    await probe.done;
    expect(probe.failures).toEqual([]);
    expect(probe.latenciesMs.length).toBeGreaterThan(20);
    expect(Math.max(...probe.latenciesMs)).toBeLessThan(1000);
    expect(delay.maxBusyMs).toBeLessThan(maxBusyMs);
    expect(delay.maxMs).toBeLessThan(maxEventLoopDelayMs);
    // The figures cover every attack: the monitor ran from before the first one until after the last (a fast
    // machine gets through them in under 3 s, so the window is the attacks' own, not a fixed length).
    expect(delay.sinceMs).toBeGreaterThanOrEqual(Date.now() - monitoredSince - 1000);
  });
});
