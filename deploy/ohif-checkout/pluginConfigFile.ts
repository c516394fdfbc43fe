import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OhifCheckoutError } from './OhifCheckoutError';

export const pluginConfigPath = 'platform/app/pluginConfig.json';

export interface PluginEntry {
  packageName: string;
  [key: string]: unknown;
}

export type PluginConfig = Record<string, unknown> & { extensions?: unknown; modes?: unknown };

/** platform/app/pluginConfig.json of the checkout, parsed, with its text (to tell whether a rewrite changes it). */
export function readPluginConfig(checkoutDir: string): { text: string; config: PluginConfig } {
  const text = readFileSync(join(checkoutDir, pluginConfigPath), 'utf8');
  try {
    return { text, config: JSON.parse(text) as PluginConfig };
  } catch (error) {
    throw new OhifCheckoutError(checkoutDir, `${pluginConfigPath} is not valid JSON (${(error as Error).message})`);
  }
}

/** The entries of one list (`extensions` or `modes`); a list that is not an array is an error naming it. */
export function pluginList(
  checkoutDir: string,
  config: PluginConfig,
  list: 'extensions' | 'modes',
): Array<PluginEntry | string> {
  const entries = config[list] ?? [];
  if (!Array.isArray(entries))
    throw new OhifCheckoutError(checkoutDir, `${pluginConfigPath}: "${list}" must be an array`);
  return entries as Array<PluginEntry | string>;
}

export function entryName(entry: PluginEntry | string | undefined): string | undefined {
  return typeof entry === 'string' ? entry : entry?.packageName;
}
