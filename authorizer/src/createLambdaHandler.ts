import { SettingsError } from 'ohif-healthimaging-validation';
import type { AuthorizerResult } from './AuthorizerEvent';
import { createAuthorizer, type AuthorizerOptions } from './createAuthorizer';
import { defaultDecisionLogger, denialEntry, formatDecisionLine } from './decisionLog';
import { parseAuthorizerSettings } from './parseAuthorizerSettings';

/** The environment variable holding the settings as a JSON string. */
export const settingsVariable = 'AUTHORIZER_SETTINGS';

export type LambdaHandler = (event: unknown) => Promise<AuthorizerResult>;

/**
 * A Lambda handler whose settings are read once, from `environment.AUTHORIZER_SETTINGS`, and whose JWKS fetch
 * starts right away (the first request joins it). Settings that do not parse never make it throw: every request
 * is then denied with reason `bad-settings` and a `detail` naming the key to fix.
 */
export function createLambdaHandler(environment: NodeJS.ProcessEnv, options: AuthorizerOptions = {}): LambdaHandler {
  let authorize: LambdaHandler;
  try {
    const text = environment[settingsVariable];
    if (text === undefined || text === '')
      throw new Error(`${settingsVariable} is not set; it must hold the settings as JSON`);
    let settings: unknown;
    try {
      settings = JSON.parse(text);
    } catch (error) {
      throw new Error(`${settingsVariable} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const authorizer = createAuthorizer(parseAuthorizerSettings(settings), options);
    // Fetches the keys while the first request is on its way. Not awaited: a handler is created synchronously, and a
    // request arriving first waits for the same fetch. It never rejects: it logs a failure and returns.
    void authorizer.warmUp();
    authorize = event => authorizer.authorize(event);
  } catch (error) {
    // Say which settings: the key path alone does not tell an operator to look at the function's environment.
    const detail =
      error instanceof SettingsError
        ? `authorizer environment ${settingsVariable}: ${error.message}`
        : (error as Error).message;
    console.error(`authorizer settings rejected, every request will be denied: ${detail}`);
    const log = options.logger ?? defaultDecisionLogger;
    authorize = async event => {
      log(formatDecisionLine({ ...denialEntry(event, 'bad-settings'), detail }));
      return { isTokenValid: false, roleArn: '' };
    };
  }
  return authorize;
}
