import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhifAppVersionError } from './errors';
import { ohifAppVersion, selectedOhifAppVersion } from './ohifAppVersion';
import { repoRoot } from './repoRoot';

describe('ohifAppVersion', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ohif-version-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the one pin in the root package.json', () => {
    const pinned = (
      JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { ohif: { appVersion: string } }
    ).ohif.appVersion;
    expect(ohifAppVersion()).toBe(pinned);
    expect(ohifAppVersion()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('names the missing key', () => {
    writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
    expect(() => ohifAppVersion(dir)).toThrow(OhifAppVersionError);
    expect(() => ohifAppVersion(dir)).toThrow(/ohif\.appVersion is missing: add "ohif": \{"appVersion"/);
  });

  it('refuses a range', () => {
    writeFileSync(join(dir, 'package.json'), '{"ohif":{"appVersion":"^3.13.2"}}');
    expect(() => ohifAppVersion(dir)).toThrow('ohif.appVersion must be an exact version such as 3.13.2, got "^3.13.2"');
  });

  it('is replaced for the local stack by OHIF_APP_VERSION, an exact version, and only by that', () => {
    writeFileSync(join(dir, 'package.json'), '{"ohif":{"appVersion":"3.13.2"}}');
    expect(selectedOhifAppVersion({}, dir)).toBe('3.13.2');
    expect(selectedOhifAppVersion({ OHIF_APP_VERSION: '' }, dir)).toBe('3.13.2');
    expect(selectedOhifAppVersion({ OHIF_APP_VERSION: '3.14.0-beta.6' }, dir)).toBe('3.14.0-beta.6');
    expect(ohifAppVersion(dir)).toBe('3.13.2');
    expect(() => selectedOhifAppVersion({ OHIF_APP_VERSION: 'latest' }, dir)).toThrow(
      'OHIF_APP_VERSION must be an exact @ohif/app version such as 3.14.0-beta.6, got "latest"',
    );
  });
});
