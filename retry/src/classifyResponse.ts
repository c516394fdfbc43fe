import { RetryPolicySettingsError } from './errors';

/**
 * What an answer calls for:
 * - `token-rejected`: 401, or the service's expired-token answer → renew the token and send once more.
 * - `retry-later`: one of the statuses the caller retries (throttled, unavailable, ...) → wait, send again.
 * - `final`: anything else, including another answer with the expired-token status (a denial): as it is.
 */
export type RetryVerdict = 'token-rejected' | 'retry-later' | 'final';

/**
 * How the service says "this token has expired" beyond a plain 401: the status, and a text its body contains.
 * AWS HealthImaging answers 403 "Invalid or Expired Token" (and 403 "Access Denied" to a valid token without the
 * grant, which no renewal helps); the caller passes its service's facts, the core knows no service.
 */
export interface ExpiredTokenAnswer {
  status: number;
  message: string;
}

export interface ClassificationRules {
  /** Statuses worth sending again after a wait. Each side names its own (see the package README). */
  retryLaterStatuses: readonly number[];
  expiredToken: ExpiredTokenAnswer;
}

/**
 * Builds the classifier for `rules` (checked here, with a message naming the rule to fix). It reads the body of an
 * answer with the expired-token status only, from a clone: the response stays readable for the caller.
 * @throws RetryPolicySettingsError for a rule that cannot work.
 */
export function createResponseClassifier(rules: ClassificationRules): (response: Response) => Promise<RetryVerdict> {
  const { expiredToken } = assertRules(rules);
  const retryLater = new Set(rules.retryLaterStatuses);
  return async response => {
    if (response.status === 401) {
      return 'token-rejected';
    }
    if (response.status === expiredToken.status) {
      return (await bodyContains(response, expiredToken.message)) ? 'token-rejected' : 'final';
    }
    return retryLater.has(response.status) ? 'retry-later' : 'final';
  };
}

function assertRules(rules: ClassificationRules): ClassificationRules {
  const { status, message } = rules.expiredToken;
  if (!isErrorStatus(status) || status === 401) {
    throw new RetryPolicySettingsError(
      'expiredToken.status',
      `must be an HTTP error status (400-599) other than 401, which always asks for a new token; got ${status}`,
    );
  }
  if (typeof message !== 'string' || message.trim() === '') {
    throw new RetryPolicySettingsError(
      'expiredToken.message',
      `must be the non-empty text the service's answer contains; got ${JSON.stringify(message)}`,
    );
  }
  for (const retried of rules.retryLaterStatuses) {
    if (!isErrorStatus(retried) || retried === 401 || retried === status) {
      throw new RetryPolicySettingsError(
        'retryLaterStatuses',
        `must be HTTP error statuses (400-599) other than 401 and the expired-token status ${status}, which ask for a new token; got ${retried}`,
      );
    }
  }
  return rules;
}

function isErrorStatus(status: number): boolean {
  return Number.isInteger(status) && status >= 400 && status <= 599;
}

/** False when the body cannot be read (already consumed, or the connection dropped): then it is no expiry notice. */
async function bodyContains(response: Response, text: string): Promise<boolean> {
  try {
    return (await response.clone().text()).includes(text);
  } catch {
    return false;
  }
}
