/** Why a request was denied. Stable codes: dashboards and alarms may match on them. */
export type DenyReason =
  | 'bad-settings'
  | 'bad-event'
  | 'wrong-datastore'
  | 'too-large'
  | 'malformed'
  | 'alg-not-allowed'
  | 'unknown-crit'
  | 'unknown-kid'
  | 'key-not-usable'
  | 'jwks-unreachable'
  | 'jwks-invalid'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'wrong-client'
  | 'not-access-token'
  | 'expired'
  | 'not-yet-valid'
  | 'issued-in-future'
  | 'issued-too-long-ago'
  | 'lifetime-too-long'
  | 'missing-scope'
  | 'no-grant'
  | 'no-write-grant'
  | 'internal-error';

/** `granted` is the only reason of an allow. */
export type DecisionReason = DenyReason | 'granted';

/** One line per authorization decision. Never holds the token or a claim dump. */
export interface DecisionLogEntry {
  /** `sub` of a token whose signature verified, else null. */
  subject: string | null;
  /** The client of a token whose signature verified (the first of the client claims it has), else null. */
  clientId: string | null;
  /** The HealthImaging action, or null when the event had none. */
  operation: string | null;
  datastoreId: string | null;
  decision: 'allow' | 'deny';
  /** The role ARN returned; '' on deny. */
  role: string;
  reason: DecisionReason;
  /**
   * What went wrong, in words: the claim expected and what the token has (never the token), a bad setting, an
   * unreachable JWKS.
   */
  detail?: string;
  /** Time from receiving the event to the decision, in milliseconds (0.01 ms resolution). */
  latencyMs: number;
}

/** Receives one JSON line per decision. */
export type DecisionLogger = (line: string) => void;

export const defaultDecisionLogger: DecisionLogger = line => console.info(line);

/**
 * A deny entry for `event`, whatever it holds: the operation and datastore as far as the event names them (cut to
 * 64 characters), no subject or client yet. The decision fills in the rest as it learns more.
 */
export function denialEntry(event: unknown, reason: DenyReason): DecisionLogEntry {
  const fields = event !== null && typeof event === 'object' ? (event as Record<string, unknown>) : {};
  return {
    subject: null,
    clientId: null,
    operation: typeof fields.operation === 'string' ? fields.operation.slice(0, 64) : null,
    datastoreId: typeof fields.datastoreId === 'string' ? fields.datastoreId.slice(0, 64) : null,
    decision: 'deny',
    role: '',
    reason,
    latencyMs: 0,
  };
}

/** The JSON line for an entry, with keys in a fixed order so lines read alike. */
export function formatDecisionLine(entry: DecisionLogEntry): string {
  const { subject, clientId, operation, datastoreId, decision, role, reason, detail, latencyMs } = entry;
  return JSON.stringify({ subject, clientId, operation, datastoreId, decision, role, reason, detail, latencyMs });
}
