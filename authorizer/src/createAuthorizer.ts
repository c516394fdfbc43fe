import type { AuthorizerSettings } from './AuthorizerSettings';
import { checkAuthorizerEvent, type AuthorizerResult } from './AuthorizerEvent';
import {
  defaultDecisionLogger,
  denialEntry,
  formatDecisionLine,
  type DecisionLogEntry,
  type DecisionLogger,
  type DenyReason,
} from './decisionLog';
import { TokenRejectedError } from './errors';
import { explainNoGrant, grantFor, roleFor } from './grants';
import { parseAuthorizerSettings } from './parseAuthorizerSettings';
import { createAccessTokenVerifier, identify } from './verifyAccessToken';

export interface AuthorizerOptions {
  /** Receives one JSON line per decision (see `DecisionLogEntry`). Default `console.info`. */
  logger?: DecisionLogger;
}

export interface Authorizer {
  /** Decides one HealthImaging authorizer event. Never throws, never rejects: any failure is a deny. */
  authorize(event: unknown): Promise<AuthorizerResult>;
  /**
   * Fetches the JWKS ahead of the first request when it comes from `jwksUri` (bounded by `jwksFetchTimeoutMs`).
   * Never rejects; a failure is logged with `console.warn` and the next request fetches again.
   */
  warmUp(): Promise<void>;
}

/** Longest `detail` logged: enough for what was expected and found, never a token's worth of text. */
const maxDetailLength = 400;

/**
 * An authorizer for HealthImaging's DICOMweb bearer tokens, shared by the AWS Lambda and the local endpoint.
 * Validates `settings` first (throws `AuthorizerSettingsError` naming the key); after that nothing throws.
 *
 * A valid token that no rule grants the operation gets `{ isTokenValid: true, roleArn: '' }` (HealthImaging:
 * 403 Access Denied) so a client does not mistake it for an expired token and refresh in a loop; every other
 * denial is `{ isTokenValid: false, roleArn: '' }` (403 Invalid or Expired Token).
 */
export function createAuthorizer(settings: AuthorizerSettings, options: AuthorizerOptions = {}): Authorizer {
  const resolved = parseAuthorizerSettings(settings);
  const log = options.logger ?? defaultDecisionLogger;
  const verifier = createAccessTokenVerifier(resolved);

  async function decide(event: unknown, started: number): Promise<DecisionLogEntry> {
    const entry = denialEntry(event, 'internal-error');
    const deny = (reason: DenyReason, detail?: string): DecisionLogEntry => ({
      ...entry,
      reason,
      ...(detail === undefined ? {} : { detail: detail.slice(0, maxDetailLength) }),
      latencyMs: elapsedSince(started),
    });
    const checked = checkAuthorizerEvent(event);
    if (!checked) return deny('bad-event', 'expected { datastoreId, operation (a HealthImaging action), bearerToken }');
    if (resolved.datastoreId !== undefined && checked.datastoreId !== resolved.datastoreId) {
      return deny('wrong-datastore');
    }
    try {
      const payload = await verifier.verify(checked.bearerToken);
      Object.assign(entry, identify(payload, resolved.provider === 'cognito' ? undefined : resolved.clientClaims));
      const grant = grantFor(payload, resolved.grants);
      if (grant === undefined) return deny('no-grant', explainNoGrant(payload, resolved.grants));
      const role = roleFor(checked.operation, grant, resolved.roles);
      if (role === undefined) {
        return deny(
          'no-write-grant',
          explainNoGrant(
            payload,
            resolved.grants.filter(rule => rule.grant === 'write'),
          ),
        );
      }
      return { ...entry, decision: 'allow', role, reason: 'granted', latencyMs: elapsedSince(started) };
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) return deny('internal-error', String(error));
      entry.subject = error.subject;
      entry.clientId = error.clientId;
      return deny(error.reason, error.message);
    }
  }

  return {
    async authorize(event) {
      const started = performance.now();
      let entry: DecisionLogEntry;
      try {
        entry = await decide(event, started);
      } catch (error) {
        entry = {
          subject: null,
          clientId: null,
          operation: null,
          datastoreId: null,
          decision: 'deny',
          role: '',
          reason: 'internal-error',
          detail: String(error).slice(0, maxDetailLength),
          latencyMs: elapsedSince(started),
        };
      }
      try {
        log(formatDecisionLine(entry));
      } catch {
        // A failing logger must not turn a decision into a thrown error (HealthImaging would answer 424).
      }
      return { isTokenValid: entry.decision === 'allow' || isGrantDenial(entry.reason), roleArn: entry.role };
    },
    async warmUp() {
      const failure = await verifier.warmUp();
      if (failure)
        console.warn(JSON.stringify({ warmUp: 'failed', reason: 'jwks-unreachable', detail: failure.message }));
    },
  };
}

/** Denials of a valid token: the caller is known but not allowed this operation. */
function isGrantDenial(reason: string): boolean {
  return reason === 'no-grant' || reason === 'no-write-grant';
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
