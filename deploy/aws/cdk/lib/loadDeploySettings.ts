import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DeploySettings } from './DeploySettings';
import { DeploySettingsError } from './DeploySettingsError';
import { parseDeploySettings } from './parseDeploySettings';

/** The CDK context key holding the settings object (in cdk.json or `-c ohifHealthImaging='{...}'`). */
export const settingsContextKey = 'ohifHealthImaging';
/** The CDK context key naming a JSON settings file (`-c settingsFile=my-deploy.json`); it wins over the object. */
export const settingsFileContextKey = 'settingsFile';

/**
 * Reads the deploy settings from the CDK context: the JSON file named by `settingsFile` (relative to the
 * working directory), else the `ohifHealthImaging` object (a JSON string is accepted, as `-c` passes strings).
 */
export function loadDeploySettings(
  tryGetContext: (key: string) => unknown,
  workingDirectory = process.cwd(),
): DeploySettings {
  const file = tryGetContext(settingsFileContextKey);
  if (file !== undefined) {
    if (typeof file !== 'string' || file === '')
      throw new DeploySettingsError(settingsFileContextKey, 'must be the path of a JSON file');
    const path = resolve(workingDirectory, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new DeploySettingsError(
        settingsFileContextKey,
        `names ${path}, which cannot be read: ${(error as Error).message}`,
      );
    }
    return parseDeploySettings(parseJson(text, `${settingsFileContextKey} (${path})`));
  }
  const inline = tryGetContext(settingsContextKey);
  if (inline === undefined) {
    throw new DeploySettingsError(
      settingsContextKey,
      `is missing: put the settings object under "context" in cdk.json, or pass -c ${settingsFileContextKey}=<file.json>`,
    );
  }
  return parseDeploySettings(typeof inline === 'string' ? parseJson(inline, settingsContextKey) : inline);
}

function parseJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DeploySettingsError(key, `is not valid JSON: ${(error as Error).message}`);
  }
}
