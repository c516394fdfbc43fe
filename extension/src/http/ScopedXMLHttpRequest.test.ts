/**
 * @jest-environment ./extension/src/testing/browserEnvironment.js
 * @jest-environment-options {"url": "http://127.0.0.1:3996/viewer"}
 */
// The adapter on its own, on jsdom's XMLHttpRequest: the "authorized fetch" here answers with a real Response
// built in the test (the token and retry path is installScopedInterceptors.test.ts's, over real HTTP).
import { createScopedXMLHttpRequest } from './ScopedXMLHttpRequest';

const root = 'http://127.0.0.1:3996/datastore/0123456789abcdef0123456789abcdef';
let answer: () => Promise<Response>;
const sent: Array<{ url: string; init: RequestInit | undefined }> = [];
const ScopedXMLHttpRequest = createScopedXMLHttpRequest(
  window.XMLHttpRequest,
  window,
  url => new URL(url, window.location.href).href.startsWith(root),
  async (input, init) => {
    sent.push({ url: String(input), init });
    return answer();
  },
);

beforeEach(() => {
  sent.length = 0;
  answer = async () =>
    new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' } });
});

/** Sends one request and resolves at `loadend` with what a caller could observe along the way. */
function exchange(
  configure: (xhr: XMLHttpRequest) => void = () => undefined,
): Promise<{ xhr: XMLHttpRequest; events: string[] }> {
  const xhr = new ScopedXMLHttpRequest();
  const events: string[] = [];
  return new Promise(resolve => {
    xhr.onreadystatechange = () => events.push(`readystatechange ${xhr.readyState}`);
    for (const type of ['loadstart', 'progress', 'load', 'error', 'abort']) {
      xhr.addEventListener(type, () => events.push(type));
    }
    xhr.addEventListener('loadend', () => {
      events.push('loadend');
      resolve({ xhr, events });
    });
    configure(xhr);
  });
}

describe('createScopedXMLHttpRequest', () => {
  it('plays a response back through the states and events of a real XMLHttpRequest', async () => {
    const { xhr, events } = await exchange(request => {
      request.open('GET', `${root}/studies`);
      request.setRequestHeader('Accept', 'application/dicom+json');
      request.responseType = 'json';
      request.send();
    });
    expect(events).toEqual([
      'readystatechange 1',
      'loadstart',
      'readystatechange 2',
      'readystatechange 3',
      'progress',
      'readystatechange 4',
      'load',
      'loadend',
    ]);
    expect([xhr.status, xhr.response, xhr.getResponseHeader('x-test')]).toEqual([200, { ok: true }, 'yes']);
    expect(xhr.getAllResponseHeaders()).toBe('content-type: application/json\r\nx-test: yes\r\n');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(`${root}/studies`);
    expect(new Headers(sent[0]?.init?.headers).get('Accept')).toBe('application/dicom+json');
  });

  it('resolves relative URLs against the page and gives bodies as blobs and array buffers', async () => {
    answer = async () =>
      new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'Content-Type': 'application/octet-stream' } });
    const blob = await exchange(request => {
      request.open('GET', '/datastore/0123456789abcdef0123456789abcdef/studies/1/series/2/instances/3/frames/1');
      request.responseType = 'blob';
      request.send();
    });
    expect(sent[0]?.url).toBe(`${root}/studies/1/series/2/instances/3/frames/1`);
    expect((blob.xhr.response as Blob).type).toBe('application/octet-stream');
    const buffer = await exchange(request => {
      request.open('GET', `${root}/studies/1/series/2/instances/3/frames/1`);
      request.responseType = 'arraybuffer';
      request.send();
    });
    expect([...new Uint8Array(buffer.xhr.response as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect(() => buffer.xhr.responseText).toThrow(
      "responseText is only available when responseType is '' or 'text', not 'arraybuffer'",
    );
  });

  it('reports a failed fetch as a network error, status 0', async () => {
    answer = () => Promise.reject(new TypeError('fetch failed'));
    const { xhr, events } = await exchange(request => {
      request.open('GET', `${root}/studies`);
      request.send();
    });
    expect(events.slice(-3)).toEqual(['readystatechange 4', 'error', 'loadend']);
    expect(xhr.status).toBe(0);
  });

  it('keeps the rules of XMLHttpRequest: headers only while open, one send per open', () => {
    const xhr = new ScopedXMLHttpRequest();
    xhr.open('GET', `${root}/studies`);
    xhr.send();
    expect(() => xhr.send()).toThrow('send: the request is not open or was already sent');
    xhr.abort();
    expect(() => xhr.setRequestHeader('Accept', '*/*')).toThrow('setRequestHeader: the request is not open');
  });
});
