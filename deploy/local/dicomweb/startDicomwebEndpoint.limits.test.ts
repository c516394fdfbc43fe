import { resolveEndpointLimits } from './EndpointLimits';
import { EndpointOptionsError } from './errors';
import { parseMediaType } from './mediaType';
import { newBoundary, readMultipart, writeMultipart } from './multipart';
import type { RunningEndpoint } from './startDicomwebEndpoint';
import { createTestAuth } from './testing/testAuthorizer';
import { call, startTestEndpoint, testDatastoreId } from './testing/testEndpoint';
import { rawExchange as rawExchangeWith, trickle } from './testing/rawHttp';
import { createTestStore } from './testing/testStore';

let fixture: Awaited<ReturnType<typeof createTestStore>>;
let endpoint: RunningEndpoint;
const auth = createTestAuth();
let readerToken: string;
let importerToken: string;

const limits = {
  maxUrlBytes: 2048,
  maxHeaderBytes: 8192,
  maxFramesPerRequest: 12,
  maxStowParts: 2,
  maxStowPartBytes: 512 * 1024,
  headersTimeoutMs: 400,
  requestTimeoutMs: 800,
  idleTimeoutMs: 300,
  keepAliveTimeoutMs: 200,
};

beforeAll(async () => {
  fixture = await createTestStore();
  endpoint = await startTestEndpoint(fixture.store, auth.authorize, { limits });
  readerToken = auth.tokenFor('readers');
  importerToken = auth.tokenFor('importers');
});

afterAll(async () => {
  await endpoint.close();
  await fixture.remove();
});

const root = `/datastore/${testDatastoreId}`;
const framesPath = (frames: string) => {
  const { studyUid, seriesUid, sopUid } = fixture.multiframe;
  return `${root}/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}/frames/${frames}`;
};
const rawExchange = (write: Parameters<typeof rawExchangeWith>[1]) => rawExchangeWith(endpoint.url, write);
const messageOf = (response: Awaited<ReturnType<typeof call>>) => (response.json() as { message: string }).message;

describe('endpoint limits', () => {
  it('fills in documented defaults and refuses limits that do not check out', () => {
    expect(resolveEndpointLimits({})).toMatchObject({
      maxUrlBytes: 8192,
      maxHeaderBytes: 16384,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 300_000,
    });
    expect(resolveEndpointLimits({ requestTimeoutMs: 2000 }).headersTimeoutMs).toBe(2000);
    expect(endpoint.limits).toMatchObject(limits);
    expect(() => resolveEndpointLimits({ maxUrlBytes: 0 })).toThrow('limits.maxUrlBytes must be a whole number ≥ 1');
    expect(() => resolveEndpointLimits({ headersTimeoutMs: 5000, requestTimeoutMs: 1000 })).toThrow(
      EndpointOptionsError,
    );
    expect(() => resolveEndpointLimits({ maxUrlLength: 5 } as never)).toThrow('limits.maxUrlLength is not a limit');
  });
});

describe('frame lists', () => {
  it('refuses a frame named twice, before reading anything, with a message naming it', async () => {
    const response = await call(endpoint, framesPath('1,2,1'), { token: readerToken });
    expect(response.status).toBe(400);
    expect(messageOf(response)).toBe('The frame list names frame 1 more than once; name each frame once');
  });

  it('refuses more frames than the limit per request', async () => {
    const list = Array.from({ length: limits.maxFramesPerRequest + 1 }, (_, index) => index + 1).join(',');
    const response = await call(endpoint, framesPath(list), { token: readerToken });
    expect(response.status).toBe(400);
    expect(messageOf(response)).toContain(`at most ${limits.maxFramesPerRequest} per request`);
  });

  it('refuses a frame beyond NumberOfFrames anywhere in the list before any frame is sent', async () => {
    const response = await call(endpoint, framesPath(`1,2,${fixture.multiframe.numberOfFrames + 1}`), {
      token: readerToken,
    });
    expect(response.status).toBe(400);
    expect(messageOf(response)).toContain(`has frames 1 to ${fixture.multiframe.numberOfFrames}`);
  });

  it('streams a many-frame answer part by part, in the order asked', async () => {
    const asked = [12, 3, 7, 1];
    const response = await call(endpoint, framesPath(asked.join(',')), {
      token: readerToken,
      accept: 'multipart/related; type="application/octet-stream"',
    });
    expect(response.status).toBe(200);
    // Streamed: sent chunked, without a Content-Length known in advance.
    expect(response.headers.get('content-length')).toBeNull();
    const boundary = parseMediaType(response.headers.get('content-type') ?? '')?.params.boundary as string;
    const parts = readMultipart(response.body, boundary);
    expect(parts.map(part => part.headers['content-location']?.split('/frames/')[1])).toEqual(asked.map(String));
    expect(new Set(parts.map(part => part.body.length)).size).toBe(1);
  });

  it('survives a client that goes away in the middle of a streamed answer', async () => {
    const list = Array.from({ length: limits.maxFramesPerRequest }, (_, index) => index + 1).join(',');
    const controller = new AbortController();
    const response = await fetch(endpoint.url + framesPath(list), {
      headers: { Authorization: `Bearer ${readerToken}`, Accept: 'multipart/related; type="application/octet-stream"' },
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await new Promise(resolve => setTimeout(resolve, 100));
    expect((await call(endpoint, framesPath('1'), { token: readerToken })).status).toBe(200);
  });
});

describe('URL and header size', () => {
  it('answers 414 naming the limit for a longer URL', async () => {
    const response = await call(endpoint, `${root}/studies?PatientID=${'a'.repeat(limits.maxUrlBytes)}`, {
      token: readerToken,
    });
    expect(response.status).toBe(414);
    expect(messageOf(response)).toContain(`limit of ${limits.maxUrlBytes} bytes`);
  });

  it('answers 431 naming the limit for a larger request head, and closes the connection', async () => {
    const { text } = await rawExchange(socket =>
      socket.write(
        `GET ${root}/studies HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(limits.maxHeaderBytes)}\r\n\r\n`,
      ),
    );
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(text).toContain(
      `{"message":"The request line and headers exceed the limit of ${limits.maxHeaderBytes} bytes together"}`,
    );
  });
});

describe('timeouts', () => {
  it('answers 408 and closes a connection whose head arrives a byte at a time', async () => {
    const { text, closedAfterMs } = await rawExchange(socket =>
      trickle(socket, `GET ${root}/studies HTTP/1.1\r\nHost: x\r\n\r\n`, 50),
    );
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text).toContain(`did not arrive within ${limits.headersTimeoutMs} ms`);
    // Node looks for late requests once a second.
    expect(closedAfterMs).toBeLessThan(limits.headersTimeoutMs + 2500);
  });

  it('answers 408 and closes a connection whose body arrives a byte at a time', async () => {
    const head =
      `POST ${root}/studies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${importerToken}\r\n` +
      'Content-Type: multipart/related; type="application/dicom"; boundary=b\r\nContent-Length: 1000\r\n\r\n';
    const { text, closedAfterMs } = await rawExchange(socket => {
      socket.write(head);
      trickle(socket, 'x'.repeat(1000), 50);
    });
    expect(closedAfterMs).toBeLessThan(limits.requestTimeoutMs + 2500);
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(text).toContain(
      `{"message":"The request (head and body) did not arrive within ${limits.requestTimeoutMs} ms"}`,
    );
  });
});

describe('idle connections', () => {
  it('closes a connection that sends nothing, and a kept-alive one after its keep-alive time', async () => {
    const silent = await rawExchange(() => undefined);
    expect(silent.text).toBe('');
    expect(silent.closedAfterMs).toBeLessThan(limits.headersTimeoutMs + 2500);
    const kept = await rawExchange(socket =>
      socket.write(`GET ${root}/studies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${readerToken}\r\n\r\n`),
    );
    expect(kept.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(kept.closedAfterMs).toBeLessThan(limits.keepAliveTimeoutMs + 2500);
  });

  it('keeps a connection open while the endpoint itself works longer than the idle timeout', async () => {
    endpoint.setKnobs({ addedLatencyMs: limits.idleTimeoutMs * 3 });
    try {
      const response = await call(endpoint, `${root}/studies`, { token: readerToken });
      expect(response.status).toBe(200);
    } finally {
      endpoint.setKnobs({ addedLatencyMs: 0 });
    }
  });
});

describe('STOW-RS multipart limits', () => {
  const stow = (parts: Buffer[]) => {
    const boundary = newBoundary();
    const body = writeMultipart(
      parts.map(part => ({ headers: { 'Content-Type': 'application/dicom' }, body: part })),
      boundary,
    );
    return call(endpoint, `${root}/studies`, {
      method: 'POST',
      token: importerToken,
      headers: { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}` },
      body,
    });
  };

  it('answers 413 for more parts than the limit, before storing any', async () => {
    const response = await stow([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')]);
    expect(response.status).toBe(413);
    expect(messageOf(response)).toContain(`more than ${limits.maxStowParts} parts`);
  });

  it('answers 413 naming the part that is larger than the limit', async () => {
    const response = await stow([Buffer.from('small'), Buffer.alloc(limits.maxStowPartBytes + 1)]);
    expect(response.status).toBe(413);
    expect(messageOf(response)).toBe(
      `Part 2 of the multipart body exceeds the limit of ${limits.maxStowPartBytes} bytes per part`,
    );
  });
});
