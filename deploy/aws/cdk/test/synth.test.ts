import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { oidcSettings } from './buildStack';

const run = promisify(execFile);
const appDirectory = resolve(__dirname, '..');
const cdk = resolve(appDirectory, '../../../node_modules/.bin/cdk');

// The installed CDK CLI synthesizes the app offline (no Docker, no network, no AWS credentials), running bin/app.ts
// with the cdk-nag plugin: a nag finding would fail the synth.
describe('cdk synth with the installed CLI', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('synthesizes the OIDC example from a settings file, bundling both Lambda functions', async () => {
    const settingsFile = join(directory, 'settings.json');
    writeFileSync(settingsFile, JSON.stringify(oidcSettings));
    const output = join(directory, 'cdk.out');
    await run(
      cdk,
      ['synth', '--no-notices', '--no-version-reporting', '-q', '-o', output, '-c', `settingsFile=${settingsFile}`],
      {
        cwd: appDirectory,
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
        timeout: 120_000,
      },
    );
    const template = JSON.parse(readFileSync(join(output, `${oidcSettings.stackName}.template.json`), 'utf8'));
    expect(Object.keys(template.Outputs)).toContain('DicomWebUrl');
    const assets = JSON.parse(readFileSync(join(output, `${oidcSettings.stackName}.assets.json`), 'utf8'));
    const files = Object.values(assets.files as Record<string, { displayName: string; source: { path: string } }>);
    const bundle = (displayName: string) => {
      const file = files.find(candidate => candidate.displayName === displayName);
      return readFileSync(join(output, String(file?.source.path), 'index.js'), 'utf8');
    };
    // Self-contained bundles: the verifier inside the authorizer, the HealthImaging SDK (with the authorizer field)
    // inside the datastore handler; neither depends on the SDK the Lambda runtime ships.
    const authorizer = bundle('Authorizer/Function/Code');
    expect(authorizer).toContain('AUTHORIZER_SETTINGS');
    expect(authorizer).not.toMatch(/require\("aws-jwt-verify/);
    const datastoreHandler = bundle('Datastore/Handler/Code');
    expect(datastoreHandler).toContain('lambdaAuthorizerArn');
    expect(datastoreHandler).not.toMatch(/require\("@aws-sdk\//);
  }, 120_000);
});
