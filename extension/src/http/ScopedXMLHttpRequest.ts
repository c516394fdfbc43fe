import type { AuthorizedFetch } from './createAuthorizedFetch';

/** What the XMLHttpRequest adapter uses of a window: to resolve relative URLs, and to build events and blobs. */
export type XMLHttpRequestWindow = Pick<typeof globalThis, 'Event' | 'ProgressEvent' | 'Blob' | 'location'>;

/** The request we are emulating for one `open()`–`send()` cycle of an intercepted XMLHttpRequest. */
interface InterceptedRequest {
  method: string;
  url: string;
  headers: Headers;
  readyState: number;
  response?: Response;
  /** The body as `responseType` asks for it, once complete. */
  body?: unknown;
  text?: string;
  status: number;
  statusText: string;
  abortController?: AbortController;
}

const UNSENT = 0;
const OPENED = 1;
const HEADERS_RECEIVED = 2;
const LOADING = 3;
const DONE = 4;

/**
 * A subclass of the page's XMLHttpRequest. Until `open()` names one of our URLs it *is* the original (every
 * method goes to `super`). For our URLs (asynchronous only) it keeps the request itself, sends it with
 * `authorizedFetch` on `send()`, and plays the final response back through the same states, properties and events
 * a real XMLHttpRequest has: `readystatechange` (2, 3, 4), `progress`, `load`/`error`/`abort`, `loadend`, dispatched
 * on the object itself, so both `on*` handlers and `addEventListener` listeners see them.
 */
export function createScopedXMLHttpRequest(
  Original: typeof XMLHttpRequest,
  window: XMLHttpRequestWindow,
  isOurs: (url: string | URL) => boolean,
  authorizedFetch: AuthorizedFetch,
): typeof XMLHttpRequest {
  class ScopedXMLHttpRequest extends Original {
    private intercepted: InterceptedRequest | undefined;

    override open(
      method: string,
      url: string | URL,
      ...rest: [async?: boolean, username?: string | null, password?: string | null]
    ): void {
      this.intercepted?.abortController?.abort();
      // Like the original: open(method, url) is asynchronous, an explicit async argument is converted to boolean.
      const async = rest.length === 0 || Boolean(rest[0]);
      if (async && rest[1] == null && rest[2] == null && isOurs(url)) {
        this.intercepted = {
          method: method.toUpperCase(),
          url: new URL(url, window.location.href).href,
          headers: new Headers(),
          readyState: OPENED,
          status: 0,
          statusText: '',
        };
        this.fire('readystatechange');
        return;
      }
      this.intercepted = undefined;
      // The same arguments as given: the original tells open(method, url) from open(method, url, async, ...).
      (super.open as (...args: unknown[]) => void).apply(this, [method, url, ...rest]);
    }

    override setRequestHeader(name: string, value: string): void {
      if (this.intercepted === undefined) {
        super.setRequestHeader(name, value);
        return;
      }
      if (this.intercepted.readyState !== OPENED) {
        throw new DOMException('setRequestHeader: the request is not open', 'InvalidStateError');
      }
      this.intercepted.headers.append(name, value);
    }

    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      const request = this.intercepted;
      if (request === undefined) {
        super.send(body);
        return;
      }
      if (request.readyState !== OPENED || request.abortController !== undefined) {
        throw new DOMException('send: the request is not open or was already sent', 'InvalidStateError');
      }
      const abortController = new AbortController();
      request.abortController = abortController;
      this.fireProgress('loadstart', 0, 0, false);
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : (body as BodyInit | null | undefined),
        signal: abortController.signal,
        credentials: this.withCredentials ? 'include' : 'same-origin',
      };
      authorizedFetch(request.url, init)
        .then(response => this.receive(request, response))
        .catch(() => {
          if (this.intercepted === request && !abortController.signal.aborted) {
            this.finishWithNetworkError(request);
          }
        });
    }

    override abort(): void {
      const request = this.intercepted;
      if (request === undefined) {
        super.abort();
        return;
      }
      const sent = request.abortController !== undefined && request.readyState !== DONE;
      request.abortController?.abort();
      if (sent) {
        request.readyState = DONE;
        request.status = 0;
        request.statusText = '';
        this.fire('readystatechange');
        this.fireProgress('abort', 0, 0, false);
        this.fireProgress('loadend', 0, 0, false);
      }
      request.readyState = UNSENT;
    }

    override getResponseHeader(name: string): string | null {
      const request = this.intercepted;
      if (request === undefined) {
        return super.getResponseHeader(name);
      }
      return request.readyState >= HEADERS_RECEIVED ? (request.response?.headers.get(name) ?? null) : null;
    }

    override getAllResponseHeaders(): string {
      const request = this.intercepted;
      if (request === undefined) {
        return super.getAllResponseHeaders();
      }
      if (request.readyState < HEADERS_RECEIVED || request.response === undefined) {
        return '';
      }
      const lines: string[] = [];
      request.response.headers.forEach((value, name) => lines.push(`${name}: ${value}\r\n`));
      return lines.sort().join('');
    }

    private async receive(request: InterceptedRequest, response: Response): Promise<void> {
      if (this.intercepted !== request || request.abortController?.signal.aborted) {
        await response.body?.cancel().catch(() => undefined);
        return;
      }
      request.response = response;
      request.status = response.status;
      request.statusText = response.statusText;
      request.readyState = HEADERS_RECEIVED;
      this.fire('readystatechange');
      const total = Number(response.headers.get('Content-Length') ?? NaN);
      const lengthComputable = Number.isFinite(total) && total > 0;
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      const reader = response.body?.getReader();
      if (reader !== undefined) {
        for (;;) {
          const { done, value } = await reader.read();
          if (this.intercepted !== request || request.abortController?.signal.aborted) {
            await reader.cancel().catch(() => undefined);
            return;
          }
          if (done) {
            break;
          }
          chunks.push(value);
          loaded += value.byteLength;
          if (request.readyState === HEADERS_RECEIVED) {
            request.readyState = LOADING;
            this.fire('readystatechange');
          }
          this.fireProgress('progress', loaded, lengthComputable ? total : 0, lengthComputable);
        }
      }
      const bytes = concatenate(chunks, loaded);
      this.setBody(request, bytes);
      request.readyState = DONE;
      this.fire('readystatechange');
      this.fireProgress('load', loaded, lengthComputable ? total : 0, lengthComputable);
      this.fireProgress('loadend', loaded, lengthComputable ? total : 0, lengthComputable);
    }

    /** Converts the body the way `responseType` asks ('' / 'text' / 'json' / 'arraybuffer' / 'blob'). */
    private setBody(request: InterceptedRequest, bytes: Uint8Array<ArrayBuffer>): void {
      switch (this.responseType) {
        case 'arraybuffer':
          request.body = bytes.buffer;
          return;
        case 'blob':
          request.body = new window.Blob([bytes], { type: request.response?.headers.get('Content-Type') ?? '' });
          return;
        case 'json': {
          const text = new TextDecoder().decode(bytes);
          try {
            request.body = JSON.parse(text);
          } catch {
            request.body = null;
          }
          return;
        }
        default:
          request.text = new TextDecoder().decode(bytes);
          request.body = request.text;
      }
    }

    private finishWithNetworkError(request: InterceptedRequest): void {
      request.readyState = DONE;
      request.status = 0;
      request.statusText = '';
      request.response = undefined;
      this.fire('readystatechange');
      this.fireProgress('error', 0, 0, false);
      this.fireProgress('loadend', 0, 0, false);
    }

    private fire(type: string): void {
      this.dispatchEvent(new window.Event(type));
    }

    private fireProgress(type: string, loaded: number, total: number, lengthComputable: boolean): void {
      this.dispatchEvent(new window.ProgressEvent(type, { loaded, total, lengthComputable }));
    }
  }

  // The response side is read through accessors on the original prototype; for an intercepted request ours answer.
  const base = (target: XMLHttpRequest, name: string): unknown => Reflect.get(Original.prototype, name, target);
  const ours = (target: XMLHttpRequest): InterceptedRequest | undefined =>
    (target as unknown as { intercepted?: InterceptedRequest }).intercepted;
  Object.defineProperties(ScopedXMLHttpRequest.prototype, {
    readyState: {
      configurable: true,
      get(this: XMLHttpRequest) {
        return ours(this)?.readyState ?? base(this, 'readyState');
      },
    },
    status: {
      configurable: true,
      get(this: XMLHttpRequest) {
        return ours(this)?.status ?? base(this, 'status');
      },
    },
    statusText: {
      configurable: true,
      get(this: XMLHttpRequest) {
        return ours(this)?.statusText ?? base(this, 'statusText');
      },
    },
    responseURL: {
      configurable: true,
      get(this: XMLHttpRequest) {
        const request = ours(this);
        return request === undefined ? base(this, 'responseURL') : (request.response?.url ?? '');
      },
    },
    response: {
      configurable: true,
      get(this: XMLHttpRequest) {
        const request = ours(this);
        if (request === undefined) {
          return base(this, 'response');
        }
        if (request.readyState !== DONE) {
          return this.responseType === '' || this.responseType === 'text' ? (request.text ?? '') : null;
        }
        return request.body ?? null;
      },
    },
    responseText: {
      configurable: true,
      get(this: XMLHttpRequest) {
        const request = ours(this);
        if (request === undefined) {
          return base(this, 'responseText');
        }
        if (this.responseType !== '' && this.responseType !== 'text') {
          throw new DOMException(
            `responseText is only available when responseType is '' or 'text', not '${this.responseType}'`,
            'InvalidStateError',
          );
        }
        return request.text ?? '';
      },
    },
  });
  return ScopedXMLHttpRequest;
}

function concatenate(chunks: Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
