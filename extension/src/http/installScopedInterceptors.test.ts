/**
 * @jest-environment ./extension/src/testing/browserEnvironment.js
 * @jest-environment-options {"url": "http://127.0.0.1:3997/viewer"}
 */
// jsdom's XMLHttpRequest makes real HTTP requests (user agent ".. jsdom/.."); our intercepted requests go out through
// Node's fetch (user agent "node"): the server's record tells which path each request took.
import { FakeClock, waitFor } from '../testing/FakeClock';
import { createAuthorizedFetch, type AccessTokenSource } from './createAuthorizedFetch';
import {
  installScopedInterceptors,
  InterceptorsAlreadyInstalledError,
  type UninstallInterceptors,
} from './installScopedInterceptors';
import { createViewerRetryPolicy } from './viewerRetryPolicy';
import { startTestServer, type ReceivedRequest, type TestServer } from '../testing/startTestServer';

// The token lifecycle is not under test here (see createAuthorizedFetch.session.test.ts): a source whose token
// changes on each refresh stands in for the session.
const tokens: AccessTokenSource & { refreshes: number } = {
  refreshes: 0,
  getAccessToken: () => `token-${tokens.refreshes}`,
  refresh: async () => {
    tokens.refreshes++;
  },
  refreshAfterRejection: async () => tokens.refresh(),
};

let server: TestServer;
let root: string;
let answers: Array<{ status: number; body?: string | Buffer; headers?: Record<string, string> }>;
let uninstall: UninstallInterceptors | undefined;
const originalFetch = window.fetch;
const OriginalXMLHttpRequest = window.XMLHttpRequest;
const clock = new FakeClock();

beforeAll(async () => {
  server = await startTestServer((_request, response) => {
    const answer = answers.shift() ?? {
      status: 200,
      body: '{"ok":true}',
      headers: { 'Content-Type': 'application/json' },
    };
    response.writeHead(answer.status, { 'X-Test': 'yes', ...answer.headers });
    response.end(answer.body ?? '');
  });
  root = `${server.url}/datastore/0123456789abcdef0123456789abcdef`;
});

afterAll(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
  answers = [];
  tokens.refreshes = 0;
  uninstall = installScopedInterceptors({
    urlPrefixes: [root],
    authorizedFetch: createAuthorizedFetch({
      session: tokens,
      clock,
      fetch: originalFetch,
      policy: createViewerRetryPolicy(),
    }),
    window,
  });
});

afterEach(() => {
  uninstall?.();
  expect(window.fetch).toBe(originalFetch);
  expect(window.XMLHttpRequest).toBe(OriginalXMLHttpRequest);
});

const expiredToken = {
  status: 403,
  body: '{"message":"Invalid or Expired Token"}',
  headers: { 'Content-Type': 'application/json' },
};
const viaJsdom = (request: ReceivedRequest | undefined) => /jsdom/.test(request?.headers['user-agent'] ?? '');

/** What dicomweb-client 0.10's `_httpRequest` does with an XMLHttpRequest (OHIF 3.13 bundle), event log added. */
function dicomwebClientRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  options: { responseType?: XMLHttpRequestResponseType; data?: string } = {},
) {
  const log: string[] = [];
  const result = new Promise<{ status: number; value: unknown; contentType: string | null }>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, url, true);
    if (options.responseType !== undefined) {
      request.responseType = options.responseType;
    }
    Object.keys(headers).forEach(key => request.setRequestHeader(key, headers[key] ?? ''));
    request.onloadstart = () => log.push('loadstart');
    request.onloadend = () => log.push('loadend');
    request.onreadystatechange = () => {
      log.push(`readystatechange ${request.readyState}`);
      if (request.readyState === 4) {
        if (request.status === 200) {
          resolve({ status: 200, value: request.response, contentType: request.getResponseHeader('Content-Type') });
        } else {
          reject(Object.assign(new Error('request failed'), { status: request.status, response: request.response }));
        }
      }
    };
    request.onprogress = () => log.push('progress');
    request.send(options.data);
  });
  return { result, log };
}

/** What @cornerstonejs/dicom-image-loader's `xhrRequest` does (OHIF 3.13 bundle), event log added. */
function xhrRequest(url: string, defaultHeaders: Record<string, string>) {
  const log: string[] = [];
  const xhr = new XMLHttpRequest();
  const result = new Promise<ArrayBuffer>((resolve, reject) => {
    xhr.open('get', url, true);
    xhr.responseType = 'arraybuffer';
    Object.keys(defaultHeaders).forEach(key => xhr.setRequestHeader(key, defaultHeaders[key] ?? ''));
    xhr.onloadstart = () => log.push('loadstart');
    xhr.onloadend = () => log.push('loadend');
    xhr.onreadystatechange = () => {
      if (xhr.readyState === 4) {
        log.push(`done ${xhr.status}`);
        if (xhr.status === 200 || xhr.status === 206) {
          resolve(xhr.response as ArrayBuffer);
        } else {
          reject(xhr);
        }
      }
    };
    xhr.onprogress = () => log.push('progress');
    xhr.onerror = () => {
      log.push('error');
      reject(xhr);
    };
    xhr.onabort = () => {
      log.push('abort');
      reject(xhr);
    };
    xhr.send();
  });
  return { xhr, result, log };
}

describe('installScopedInterceptors: XMLHttpRequest', () => {
  it('serves a dicomweb-client JSON request with the token, hiding the refused first attempt', async () => {
    answers = [expiredToken];
    const { result, log } = dicomwebClientRequest(
      `${root}/studies?limit=1`,
      'get',
      { Accept: 'application/dicom+json' },
      { responseType: 'json' },
    );
    await expect(result).resolves.toEqual({ status: 200, value: { ok: true }, contentType: 'application/json' });
    expect(log.filter(entry => entry.startsWith('readystatechange 4'))).toHaveLength(1);
    expect(log[0]).toBe('loadstart');
    await waitFor(() => log.at(-1) === 'loadend', 'loadend');
    expect(log).toEqual([
      'loadstart',
      'readystatechange 2',
      'readystatechange 3',
      'progress',
      'readystatechange 4',
      'loadend',
    ]);
    expect(server.requests.map(request => request.headers.authorization)).toEqual(['Bearer token-0', 'Bearer token-1']);
    expect(server.requests.some(viaJsdom)).toBe(false);
  });

  it('serves an image loader frame request as an ArrayBuffer', async () => {
    const frame = Buffer.from([1, 2, 3, 4, 5]);
    answers = [
      { status: 429, headers: { 'Retry-After': '0' } },
      {
        status: 200,
        body: frame,
        headers: { 'Content-Type': 'multipart/related; type=application/octet-stream', 'Content-Length': '5' },
      },
    ];
    const { result, xhr, log } = xhrRequest(`${root}/studies/1/series/2/instances/3/frames/1`, {
      Accept: 'multipart/related; type=application/octet-stream; transfer-syntax=*',
    });
    await waitFor(() => clock.pendingCount === 1, 'the throttling wait');
    await clock.advance(0);
    const body = await result;
    expect(new Uint8Array(body)).toEqual(new Uint8Array(frame));
    expect(xhr.getResponseHeader('content-type')).toBe('multipart/related; type=application/octet-stream');
    expect(xhr.getAllResponseHeaders()).toMatch(/^content-length: 5\r\n/m);
    expect(xhr.statusText).toBe('OK');
    expect(log).toEqual(['loadstart', 'progress', 'done 200', 'loadend']);
    expect(server.requests).toHaveLength(2);
  });

  it('gives the caller the final refusal, once, with its status and body', async () => {
    answers = [{ status: 403, body: '{"message":"Access Denied"}', headers: { 'Content-Type': 'application/json' } }];
    const { result } = dicomwebClientRequest(`${root}/studies`, 'get', {}, {});
    await expect(result).rejects.toMatchObject({ status: 403, response: '{"message":"Access Denied"}' });
    expect(server.requests).toHaveLength(1);
  });

  it('supports text responses, responseText and addEventListener', async () => {
    answers = [{ status: 200, body: 'plain', headers: { 'Content-Type': 'text/plain' } }];
    const xhr = new XMLHttpRequest();
    const loaded = new Promise(resolve => xhr.addEventListener('load', resolve));
    xhr.open('GET', `${root}/studies`);
    xhr.send();
    await loaded;
    expect(xhr.readyState).toBe(4);
    expect(xhr.responseText).toBe('plain');
    expect(xhr.response).toBe('plain');
    expect(xhr.responseURL).toBe(`${root}/studies`);
    expect(xhr).toBeInstanceOf(OriginalXMLHttpRequest);
  });

  it('posts a body through the interceptor', async () => {
    const { result } = dicomwebClientRequest(
      `${root}/studies`,
      'post',
      { 'Content-Type': 'application/json' },
      { responseType: 'json', data: '{"a":1}' },
    );
    await result;
    expect(server.requests[0]?.body).toBe('{"a":1}');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-0');
  });

  it('reports abort as abort, without load', async () => {
    answers = [{ status: 429, headers: { 'Retry-After': '60' } }];
    const { xhr, result, log } = xhrRequest(`${root}/studies/1/series/2/instances/3/frames/1`, {});
    await waitFor(() => clock.pendingCount === 1, 'the throttling wait');
    xhr.abort();
    await expect(result).rejects.toBe(xhr);
    expect(log).toEqual(['loadstart', 'done 0', 'abort', 'loadend']);
    expect(xhr.readyState).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });

  it('reports a network failure as error with status 0', async () => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    uninstall?.();
    const offline = `${closed.url}/datastore/x`;
    uninstall = installScopedInterceptors({
      urlPrefixes: [offline],
      authorizedFetch: createAuthorizedFetch({
        session: tokens,
        clock,
        fetch: originalFetch,
        policy: createViewerRetryPolicy(),
      }),
      window,
    });
    const { xhr, result, log } = xhrRequest(`${offline}/studies`, {});
    await expect(result).rejects.toBe(xhr);
    expect(log.slice(0, 2)).toEqual(['loadstart', 'done 0']);
    await waitFor(() => log.at(-1) === 'loadend', 'loadend');
    expect(log).toContain('error');
  });

  it('lets requests to other URLs through the original XMLHttpRequest untouched', async () => {
    const { result } = dicomwebClientRequest(
      `${server.url}/datastore/another/studies`,
      'get',
      { Accept: 'application/json' },
      { responseType: 'json' },
    );
    await expect(result).resolves.toMatchObject({ status: 200, value: { ok: true } });
    expect(viaJsdom(server.requests[0])).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('treats a URL that only starts with the same characters as the root as not ours', async () => {
    const { result } = dicomwebClientRequest(`${root}ff/studies`, 'get', {}, {});
    await result;
    expect(viaJsdom(server.requests[0])).toBe(true);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('installScopedInterceptors: fetch', () => {
  it('sends our requests through the authorized fetch', async () => {
    answers = [expiredToken];
    const response = await window.fetch(`${root}/studies`);
    expect(response.status).toBe(200);
    expect(server.requests.map(request => request.headers.authorization)).toEqual(['Bearer token-0', 'Bearer token-1']);
  });

  it('calls the original fetch for other URLs with the very same arguments', async () => {
    uninstall?.();
    const calls: unknown[][] = [];
    // A pass-through that records its arguments, to see what the interceptor hands to "the original".
    const recordingFetch = (...args: Parameters<typeof fetch>) => {
      calls.push(args);
      return originalFetch(...args);
    };
    window.fetch = recordingFetch;
    uninstall = installScopedInterceptors({
      urlPrefixes: [root],
      authorizedFetch: createAuthorizedFetch({
        session: tokens,
        clock,
        fetch: originalFetch,
        policy: createViewerRetryPolicy(),
      }),
      window,
    });
    const init = { headers: { Accept: 'application/json' } };
    await window.fetch(`${server.url}/elsewhere`, init);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[1]).toBe(init);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    uninstall();
    expect(window.fetch).toBe(recordingFetch);
    window.fetch = originalFetch;
  });
});

describe('installScopedInterceptors: install and uninstall', () => {
  it('is idempotent for the same settings and refuses different ones', () => {
    const wrappedFetch = window.fetch;
    const authorizedFetch = createAuthorizedFetch({
      session: tokens,
      clock,
      fetch: originalFetch,
      policy: createViewerRetryPolicy(),
    });
    expect(() => installScopedInterceptors({ urlPrefixes: [root], authorizedFetch, window })).toThrow(
      InterceptorsAlreadyInstalledError,
    );
    uninstall?.();
    const first = installScopedInterceptors({ urlPrefixes: [root], authorizedFetch, window });
    const second = installScopedInterceptors({ urlPrefixes: [`${root}/`], authorizedFetch, window });
    expect(second).toBe(first);
    expect(window.fetch).not.toBe(wrappedFetch);
    uninstall = first;
  });

  it('leaves a later wrapper in place on uninstall, and then passes everything through', async () => {
    const ours = window.fetch;
    const OurXMLHttpRequest = window.XMLHttpRequest;
    const later = (...args: Parameters<typeof fetch>) => ours(...args);
    window.fetch = later;
    uninstall?.();
    uninstall = undefined;
    expect(window.fetch).toBe(later);
    expect(window.XMLHttpRequest).toBe(OriginalXMLHttpRequest);
    await window.fetch(`${root}/studies`);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    const xhr = new OurXMLHttpRequest();
    const loaded = new Promise(resolve => xhr.addEventListener('loadend', resolve));
    xhr.open('GET', `${root}/studies`);
    xhr.send();
    await loaded;
    expect(viaJsdom(server.requests[1])).toBe(true);
    window.fetch = originalFetch;
  });
});
