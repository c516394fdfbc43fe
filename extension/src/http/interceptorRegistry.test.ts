import type { AuthorizedFetch } from './createAuthorizedFetch';
import {
  forgetInstallation,
  installationOn,
  isSameInstallation,
  recordInstallation,
  type Installation,
} from './interceptorRegistry';

const fetchA: AuthorizedFetch = async () => new Response(null);
const fetchB: AuthorizedFetch = async () => new Response(null);

function installation(prefixes: string[], authorizedFetch = fetchA): Installation {
  return { prefixes, authorizedFetch, uninstall: () => undefined };
}

describe('interceptorRegistry', () => {
  it('keeps one installation per window, forgotten only by itself', () => {
    const page = {};
    const other = {};
    const first = installation(['https://a/datastore/1']);
    expect(installationOn(page)).toBeUndefined();
    recordInstallation(page, first);
    expect(installationOn(page)).toBe(first);
    expect(installationOn(other)).toBeUndefined();
    expect(forgetInstallation(page, installation(['https://a/datastore/1']))).toBe(false);
    expect(installationOn(page)).toBe(first);
    expect(forgetInstallation(page, first)).toBe(true);
    expect(installationOn(page)).toBeUndefined();
    expect(forgetInstallation(page, first)).toBe(false);
  });

  it('is seen by another copy of the code on the same window (a registered symbol)', () => {
    const page = {};
    recordInstallation(page, installation(['https://a/datastore/1']));
    expect(Object.getOwnPropertySymbols(page).map(symbol => Symbol.keyFor(symbol))).toEqual([
      'ohif-extension-aws-healthimaging.scopedInterceptors',
    ]);
  });

  it('tells the same settings (prefixes in any order, the same fetch) from others', () => {
    const existing = installation(['https://a/datastore/1', 'https://a/datastore/2']);
    expect(isSameInstallation(existing, ['https://a/datastore/2', 'https://a/datastore/1'], fetchA)).toBe(true);
    expect(isSameInstallation(existing, ['https://a/datastore/1'], fetchA)).toBe(false);
    expect(isSameInstallation(existing, ['https://a/datastore/1', 'https://a/datastore/2'], fetchB)).toBe(false);
  });
});
