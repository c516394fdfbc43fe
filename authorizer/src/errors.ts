import { SettingsError } from 'ohif-healthimaging-validation';
import type { DenyReason } from './decisionLog';

/**
 * A setting is missing or wrong; the message names the key and what is expected. No source word in front: the
 * same settings come from the Lambda's environment or, in the local stack, from code.
 */
export class AuthorizerSettingsError extends SettingsError {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(setting, problem);
  }
}

/**
 * The access token is not accepted. `subject` and `clientId` are filled only when the signature was verified
 * (e.g. an expired token), so a log never repeats what an anonymous caller wrote into a forged token.
 */
export class TokenRejectedError extends Error {
  constructor(
    readonly reason: DenyReason,
    message: string,
    readonly subject: string | null = null,
    readonly clientId: string | null = null,
  ) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}
