// The metadata a checkout build reads from our package.json files, checked against the OHIF versions
// supportedOhifVersions.ts (and extension/README.md) claim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { repoRoot } from '../viewer/repoRoot';
import { supportedOhifGenerations } from './supportedOhifVersions';

interface PackageJson {
  name: string;
  peerDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  files: string[];
  exports: Record<string, string>;
}

const root = repoRoot();
const packages = ['extension', 'mode'].map(
  folder => JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as PackageJson,
);
const claimedVersions = supportedOhifGenerations.flatMap(generation => generation.examples);

describe.each(packages.map(packageJson => [packageJson.name, packageJson] as const))('%s', (_name, packageJson) => {
  const ohifPeers = Object.entries(packageJson.peerDependencies).filter(([name]) => name.startsWith('@ohif/'));

  it('has @ohif peer ranges that admit every OHIF version a checkout may have (as npm reads them: no prerelease opt-in)', () => {
    expect(ohifPeers.length).toBeGreaterThan(0);
    for (const [peer, range] of ohifPeers) {
      for (const version of claimedVersions) {
        expect({ peer, version, satisfied: semver.satisfies(version, range) }).toEqual({
          peer,
          version,
          satisfied: true,
        });
      }
    }
  });

  it('has @ohif peer ranges that refuse the versions outside those the checkout command supports', () => {
    for (const [peer, range] of ohifPeers) {
      for (const version of ['3.11.0', '3.12.0-alpha.3', '3.14.0-beta.6', '3.14.0', '4.0.0']) {
        const supported = supportedOhifGenerations.some(generation =>
          semver.satisfies(version, generation.versions, { includePrerelease: true }),
        );
        expect({ peer, version, satisfied: semver.satisfies(version, range) }).toEqual({
          peer,
          version,
          satisfied: supported,
        });
      }
    }
  });

  it('keeps its runtime bundle out of dist/, which OHIF 3.12 copies into a checkout build', () => {
    expect(packageJson.exports['./runtime']).toMatch(/^\.\/runtime\/[^/]+\.js$/);
    expect(packageJson.files).not.toContain('dist');
  });
});

describe('oidc-client-ts', () => {
  const extension = packages[0] as PackageJson;
  // OHIF's own platform/app pins oidc-client-ts 3.3.0 (3.12.0-beta.113, 3.13.2 and 3.14.0-beta.6 alike).
  const ohifOidcClientTs = '3.3.0';

  it("is a peer of the extension that OHIF's own copy satisfies, so a checkout build bundles one version", () => {
    expect(extension.dependencies?.['oidc-client-ts']).toBeUndefined();
    expect(semver.satisfies(ohifOidcClientTs, extension.peerDependencies['oidc-client-ts'] as string)).toBe(true);
  });

  it('is a dev dependency (tests, runtime bundle) inside that peer range', () => {
    const dev = extension.devDependencies?.['oidc-client-ts'] as string;
    const peer = extension.peerDependencies['oidc-client-ts'] as string;
    expect(semver.subset(dev, peer)).toBe(true);
  });
});
