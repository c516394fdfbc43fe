import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeploySettingsError } from './DeploySettingsError';
import { loadDeploySettings } from './loadDeploySettings';

const settings = { region: 'eu-central-1', identity: { provider: 'cognito', domainPrefix: 'from-somewhere' } };

describe('loadDeploySettings', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'deploy-settings-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const context = (values: Record<string, unknown>) => (key: string) => values[key];

  it('reads the ohifHealthImaging context object', () => {
    expect(loadDeploySettings(context({ ohifHealthImaging: settings })).region).toBe('eu-central-1');
  });

  it('reads it from a JSON string (as -c passes it)', () => {
    expect(loadDeploySettings(context({ ohifHealthImaging: JSON.stringify(settings) })).region).toBe('eu-central-1');
  });

  it('prefers the file named by settingsFile, relative to the working directory', () => {
    writeFileSync(join(directory, 'prod.json'), JSON.stringify({ ...settings, region: 'us-west-2' }));
    const loaded = loadDeploySettings(context({ settingsFile: 'prod.json', ohifHealthImaging: settings }), directory);
    expect(loaded.region).toBe('us-west-2');
  });

  it('names the key when nothing is configured, the file is missing, or the JSON is broken', () => {
    expect(() => loadDeploySettings(context({}))).toThrow(/Deploy setting ohifHealthImaging is missing/);
    expect(() => loadDeploySettings(context({ settingsFile: 'absent.json' }), directory)).toThrow(DeploySettingsError);
    expect(() => loadDeploySettings(context({ settingsFile: 'absent.json' }), directory)).toThrow(
      /settingsFile names .*absent\.json, which cannot be read/,
    );
    writeFileSync(join(directory, 'broken.json'), '{ region: ');
    expect(() => loadDeploySettings(context({ settingsFile: 'broken.json' }), directory)).toThrow(
      /settingsFile .* is not valid JSON/,
    );
  });
});
