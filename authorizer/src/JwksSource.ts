import {
  FetchError,
  JwksValidationError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { assertIsJwks, findJwkInJwks, type JwkWithKid, type Jwks, type JwksCache } from 'aws-jwt-verify/jwk';
import type { JwtHeader, JwtPayload } from 'aws-jwt-verify/jwt-model';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import { TimeboxedFetcher } from './TimeboxedFetcher';

type DecomposedJwt = { header: JwtHeader; payload: JwtPayload };

/**
 * After a fetch that failed, or that did not hold the `kid` a token named, no fetch starts for this long: a token
 * with a made-up `kid`, or a provider that is down, costs the provider at most one request per 10 s per instance
 * (aws-jwt-verify's own back-off has the same length).
 */
export const jwksRefetchBackoffMs = 10_000;

/**
 * While the provider cannot be reached, keys that have outlived their time to live are still used for this long
 * after they were fetched, so a short outage of the provider does not deny every reader. Past that: fail closed.
 */
export const jwksMaxStaleMs = 60 * 60 * 1000;

export interface JwksSourceOptions {
  jwksUri?: string;
  jwks?: Jwks;
  /** Deadline of one fetch (connect, answer, body). */
  fetchTimeoutMs: number;
  /** How long fetched keys are trusted before the next token makes the source fetch them again. */
  cacheTtlMs: number;
  /** Told when a fetch brings keys that differ from those held (so key objects derived from them are dropped). */
  onKeysReplaced?: (jwks: Jwks) => void;
  /** Injected for tests of the fetch itself; default: one timeboxed request, no retry. */
  fetcher?: Fetcher;
}

/**
 * The one place the authorizer's signing keys come from: keys preloaded from the settings, a JWKS URI, or both.
 *
 * aws-jwt-verify hands its cache the URI it derived itself (for Cognito always `<issuer>/.well-known/jwks.json`);
 * this cache answers from the configured source instead, so `jwksUri` and `jwks` in the settings hold for both
 * providers. Keys from a URI (and preloaded keys when there is a URI too) live `cacheTtlMs`: the first token after
 * that waits for one fetch (bounded by `fetchTimeoutMs`, so inside HealthImaging's 1 s), which is how a key the
 * provider removed stops being trusted. A token naming a `kid` not held makes the source fetch once more (key
 * rotation). Concurrent tokens share one fetch; after a failed fetch or a `kid` still missing, no fetch starts for
 * `jwksRefetchBackoffMs`, and keys past their time to live are used until `jwksMaxStaleMs` while fetching fails.
 * Preloaded keys without a URI never expire: the settings are their only source.
 */
export class JwksSource implements JwksCache {
  private readonly jwksUri: string | undefined;
  private readonly preloaded: Jwks | undefined;
  private readonly fetcher: Fetcher;
  private readonly cacheTtlMs: number;
  private readonly onKeysReplaced: ((jwks: Jwks) => void) | undefined;
  private keys: Jwks | undefined;
  private keysText = '';
  private fetchedAt = 0;
  private fetching: Promise<Jwks> | undefined;
  private noFetchBefore = 0;
  /** Why fetching is paused: the failed fetch, or the `kid` the last fetch did not bring. */
  private pauseCause: Error | undefined;

  constructor(options: JwksSourceOptions) {
    this.jwksUri = options.jwksUri;
    this.preloaded = options.jwks;
    this.fetcher = options.fetcher ?? new TimeboxedFetcher(options.fetchTimeoutMs);
    this.cacheTtlMs = options.cacheTtlMs;
    this.onKeysReplaced = options.onKeysReplaced;
    if (options.jwks) this.hold(options.jwks, Date.now());
  }

  /**
   * Fetches the JWKS now when it will be needed (a URI and no preloaded keys), so the first request finds it cached
   * or joins the fetch already under way. Resolves to the failure, if any, instead of rejecting.
   */
  async warmUp(): Promise<Error | undefined> {
    if (this.jwksUri === undefined || this.preloaded !== undefined) return undefined;
    try {
      await this.fetch();
      return undefined;
    } catch (error) {
      return error as Error;
    }
  }

  async getJwk(_jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    const kid = kidOf(decomposedJwt);
    if (this.jwksUri === undefined) return this.find(kid);
    const now = Date.now();
    if (this.keys !== undefined && now - this.fetchedAt < this.cacheTtlMs) {
      const held = findJwkInJwks(this.keys, kid);
      if (held) return held;
      return this.findAfterFetch(kid, await this.fetch());
    }
    let fetched: Jwks;
    try {
      fetched = await this.fetch();
    } catch (error) {
      // The provider is unreachable (or fetching is paused): keys past their time to live still serve for a while.
      const stale =
        this.keys !== undefined && now - this.fetchedAt < jwksMaxStaleMs ? findJwkInJwks(this.keys, kid) : undefined;
      if (stale) return stale;
      throw error;
    }
    return this.findAfterFetch(kid, fetched);
  }

  getCachedJwk(_jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid {
    return this.find(kidOf(decomposedJwt));
  }

  addJwks(_jwksUri: string, jwks: Jwks): void {
    this.hold(jwks, Date.now());
  }

  async getJwks(_jwksUri: string): Promise<Jwks> {
    if (this.jwksUri === undefined) return this.preloaded as Jwks;
    return this.fetch();
  }

  private find(kid: string): JwkWithKid {
    const jwk = this.keys === undefined ? undefined : findJwkInJwks(this.keys, kid);
    if (!jwk) throw new KidNotFoundInJwksError(`JWK for kid "${kid}" not found in the JWKS`);
    return jwk;
  }

  /** The key from a set just fetched; a `kid` still missing pauses fetching (someone may be guessing kids). */
  private findAfterFetch(kid: string, keys: Jwks): JwkWithKid {
    const jwk = findJwkInJwks(keys, kid);
    if (jwk) return jwk;
    const error = new KidNotFoundInJwksError(`JWK for kid "${kid}" not found in the JWKS`);
    this.pause(error);
    throw error;
  }

  /** One fetch for all who ask at once; refused while fetching is paused. */
  private fetch(): Promise<Jwks> {
    if (this.fetching) return this.fetching;
    const uri = this.jwksUri as string;
    const waitMs = this.noFetchBefore - Date.now();
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      return Promise.reject(
        this.pauseCause instanceof KidNotFoundInJwksError
          ? new WaitPeriodNotYetEndedJwkError(
              `${this.pauseCause.message} when last fetched; next fetch allowed in ${seconds} s`,
            )
          : new FetchError(uri, `the last fetch failed (${this.pauseCause?.message}); next attempt in ${seconds} s`),
      );
    }
    this.fetching = this.fetcher
      .fetch(uri)
      .then(parseJwks)
      .then(
        jwks => {
          this.hold(jwks, Date.now());
          return jwks;
        },
        (error: Error) => {
          this.pause(error);
          throw error;
        },
      )
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }

  private pause(cause: Error): void {
    this.pauseCause = cause;
    this.noFetchBefore = Date.now() + jwksRefetchBackoffMs;
  }

  private hold(jwks: Jwks, at: number): void {
    const text = JSON.stringify(jwks);
    const replaced = this.keys !== undefined && text !== this.keysText;
    this.keys = jwks;
    this.keysText = text;
    this.fetchedAt = at;
    if (replaced) this.onKeysReplaced?.(jwks);
  }
}

function kidOf(decomposedJwt: DecomposedJwt): string {
  const kid = decomposedJwt.header.kid;
  if (typeof kid !== 'string') throw new JwtWithoutValidKidError('JWT header does not have valid kid claim');
  return kid;
}

function parseJwks(body: ArrayBuffer): Jwks {
  let jwks: unknown;
  try {
    jwks = safeJsonParse(new TextDecoder('utf8', { fatal: true, ignoreBOM: true }).decode(body));
  } catch (error) {
    throw new JwksValidationError(`JWKS could not be parsed as JSON: ${(error as Error).message}`);
  }
  assertIsJwks(jwks as never);
  return jwks as Jwks;
}
