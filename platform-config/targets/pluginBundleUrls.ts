import type { AppConfigValues } from '../src/AppConfigValues';
import { TargetInputsError } from './TargetInputsError';

/** In place of bundle URLs: the extension and mode are compiled into the viewer (an OHIF checkout build). */
export const compiledInPlugins = 'compiled-in';

/** The app-config's bundle URLs from a target's `pluginUrls`: both, or none when the plugins are compiled in. */
export function pluginBundleUrls(
  pluginUrls: Record<string, string | undefined> | typeof compiledInPlugins | undefined,
): Pick<AppConfigValues, 'extensionUrl' | 'modeUrl'> {
  if (pluginUrls === compiledInPlugins) return {};
  const extensionUrl = pluginUrls?.extension;
  const modeUrl = pluginUrls?.mode;
  if (typeof extensionUrl !== 'string' || typeof modeUrl !== 'string') {
    throw new TargetInputsError(
      'pluginUrls',
      `must have the extension and mode URLs (ViewerManifest.pluginUrls), or be "${compiledInPlugins}"`,
    );
  }
  return { extensionUrl, modeUrl };
}
