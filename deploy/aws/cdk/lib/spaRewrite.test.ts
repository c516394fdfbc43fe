import { runInNewContext } from 'node:vm';
import { spaRewriteFunctionCode } from './spaRewrite';

/** Runs the CloudFront Function's real source in an isolated context, as CloudFront's JavaScript runtime would. */
function rewrite(uri: string): string {
  const handler = runInNewContext(`${spaRewriteFunctionCode}; handler`) as (event: unknown) => { uri: string };
  return handler({ request: { uri, method: 'GET', querystring: {}, headers: {} } }).uri;
}

describe('SPA rewrite CloudFront Function', () => {
  it.each(['/', '/viewer', '/callback', '/healthimaging/', '/viewer/1.2.840.113619/x', '/studies/list'])(
    'serves index.html for the route %s',
    uri => {
      // "/viewer/1.2.840.113619/x": dots earlier in the path do not count, only the last segment's.
      expect(rewrite(uri)).toBe('/index.html');
    },
  );

  it.each([
    '/app.bundle.0f6159c501addfe9.js',
    '/app-config.js',
    '/assets/favicon.ico',
    '/missing.png',
    '/0ddf166f7a343eda.wasm',
  ])('leaves the file %s alone so a missing asset stays a 404', uri => {
    expect(rewrite(uri)).toBe(uri);
  });
});
