// jsdom as a jest test environment, plus the browser APIs that jsdom lacks and oidc-client-ts and our fetch
// wrapper need (fetch, Response, Web Crypto, TextEncoder, streams), taken from Node, which implements them to the
// same standards. Use with the docblock `@jest-environment ./extension/src/testing/browserEnvironment.js`.
const { TestEnvironment } = require('jest-environment-jsdom');
const { webcrypto } = require('node:crypto');

const fromNode = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'ReadableStream',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
];

class BrowserEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const window = this.global;
    for (const name of fromNode) {
      window[name] = globalThis[name];
    }
    Object.defineProperty(window, 'crypto', { value: webcrypto, configurable: true });
  }
}

module.exports = BrowserEnvironment;
