import type { DenyReason } from './decisionLog';

/** A setting is missing or wrong; the message names the key and what is expected. */
export class AuthorizerSettingsError extends Error {
  constructor(
    readonly setting: string,
    expectation: string,
  ) {
    super(`${setting} ${expectation}`);
    this.name = 'AuthorizerSettingsError';
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
