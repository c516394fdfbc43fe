export { SettingsError, type SettingsErrorOptions } from './SettingsError';
export { SettingsPath, type GotStyle, type RaiseSettingsError, type SettingsPathOptions } from './SettingsPath';
export { describeValue } from './describeValue';
export { assertObject, isSettingsObject, type SettingsObject } from './assertObject';
export {
  assertKnownKeys,
  defaultUnknownKeyWording,
  type KnownKeysOptions,
  type UnknownKeyWording,
} from './assertKnownKeys';
export { closestKey } from './closestKey';
export { assertMatch, assertNonEmptyString, assertString } from './assertString';
export { assertUrl, isLoopbackHost, loopbackHosts, type UrlRule } from './assertUrl';
export { assertInteger, assertIntegerText, assertNumber, type IntegerRange, type NumberRange } from './assertNumber';
export { assertBoolean } from './assertBoolean';
export { assertOneOf } from './assertOneOf';
export { assertArrayOf, type ArrayOptions } from './assertArrayOf';
export { optional } from './optional';
