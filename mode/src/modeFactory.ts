import { assertKnownKeys, SettingsPath } from 'ohif-healthimaging-validation';
import { createModeInstance, type BasicModeInstance } from './createModeInstance';
import { id } from './id';
import { resolveRequestLimits } from './resolveRequestLimits';
import { RequestLimitsError } from './RequestLimitsError';

interface ModeFactoryArgs {
  /** `appConfig.modesConfiguration[<mode id>]`: `{ requestLimits?: { interaction?, thumbnail?, prefetch? } }`. */
  modeConfiguration?: Record<string, unknown>;
  /** OHIF's module loader: resolves built-in OHIF modes and extensions by name. */
  loadModules: (names: string[]) => Promise<Array<{ modeInstance: BasicModeInstance }>>;
}

const knownConfigurationKeys = ['requestLimits'];

/** Builds the mode from OHIF's basic viewer mode, which OHIF loads for us (a runtime module cannot import it). */
export async function modeFactory({ modeConfiguration = {}, loadModules }: ModeFactoryArgs) {
  const path = `modesConfiguration["${id}"]`;
  assertKnownKeys(
    modeConfiguration,
    knownConfigurationKeys,
    new SettingsPath(path, (key, problem) => new RequestLimitsError(key, problem)),
  );
  const limits = resolveRequestLimits(modeConfiguration.requestLimits, `${path}.requestLimits`);
  const [basicMode] = await loadModules(['@ohif/mode-basic']);
  if (!basicMode?.modeInstance) {
    throw new Error(`${id}: OHIF did not provide @ohif/mode-basic, which this mode is built on`);
  }
  return createModeInstance(basicMode.modeInstance, limits);
}
