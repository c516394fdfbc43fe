import type { SettingsObject } from './assertObject';
import { closestKey } from './closestKey';
import type { SettingsPath } from './SettingsPath';

/** The two phrases of an unknown-key message: `<key> <unknown>; <known> <the known keys>`. */
export interface UnknownKeyWording {
  /** Default `is not a known key`. */
  unknown: string;
  /** Default `the known keys are`. */
  known: string;
}

export const defaultUnknownKeyWording: UnknownKeyWording = {
  unknown: 'is not a known key',
  known: 'the known keys are',
};

export interface KnownKeysOptions {
  /** Words of the message, for settings whose users know them by another name (`setting`, `request type`). */
  wording?: UnknownKeyWording;
  /**
   * More to say about one unknown key, put right after `is not a known key` (e.g. ` for provider "cognito"`). A
   * hint replaces the "did you mean" guess: it knows better.
   */
  hint?: (key: string) => string;
}

/**
 * Refuses the first key of `object` that is not in `known`, so a typo never silently falls back to a default:
 * `<key path> is not a known key; the known keys are a, b, c; did you mean b?`.
 */
export function assertKnownKeys(
  object: SettingsObject,
  known: readonly string[],
  at: SettingsPath,
  options: KnownKeysOptions = {},
): void {
  const { unknown, known: knownPhrase } = options.wording ?? defaultUnknownKeyWording;
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const hint = options.hint?.(key) ?? '';
    const suggestion = hint === '' ? closestKey(key, known) : undefined;
    const didYouMean = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
    at.child(key).fail(`${unknown}${hint}; ${knownPhrase} ${known.join(', ')}${didYouMean}`);
  }
}
