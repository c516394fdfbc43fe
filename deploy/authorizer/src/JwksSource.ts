import { SimpleJwksCache, type JwkWithKid, type Jwks, type JwksCache } from 'aws-jwt-verify/jwk';
import type { JwtHeader, JwtPayload } from 'aws-jwt-verify/jwt-model';
import { TimeboxedFetcher } from './TimeboxedFetcher';

type DecomposedJwt = { header: JwtHeader; payload: JwtPayload };

/** Cache key for keys given in the settings when there is no URI to fetch from. */
const preloadedKey = 'settings:jwks';

/**
 * The one place the authorizer's signing keys come from: keys preloaded from the settings, a JWKS URI, or both.
 *
 * aws-jwt-verify hands its cache the URI it derived itself (for Cognito always `<issuer>/.well-known/jwks.json`);
 * this cache answers from the configured source instead, so `jwksUri` and `jwks` in the settings hold for both
 * providers. Fetching, de-duplication of concurrent fetches and the 10 s back-off after an unknown `kid` stay
 * aws-jwt-verify's (`SimpleJwksCache`); only the fetcher is ours (one deadline, http on loopback).
 */
export class JwksSource implements JwksCache {
  private readonly cache: SimpleJwksCache;
  private readonly key: string;
  private readonly jwksUri: string | undefined;
  private readonly preloaded: Jwks | undefined;

  constructor(options: { jwksUri?: string; jwks?: Jwks; fetchTimeoutMs: number }) {
    this.cache = new SimpleJwksCache({ fetcher: new TimeboxedFetcher(options.fetchTimeoutMs) });
    this.jwksUri = options.jwksUri;
    this.preloaded = options.jwks;
    this.key = options.jwksUri ?? preloadedKey;
    if (options.jwks) this.cache.addJwks(this.key, options.jwks);
  }

  /**
   * Fetches the JWKS now when it will be needed (a URI and no preloaded keys), so the first request finds it cached
   * or joins the fetch already under way. Resolves to the failure, if any, instead of rejecting.
   */
  async warmUp(): Promise<Error | undefined> {
    if (this.jwksUri === undefined || this.preloaded !== undefined) return undefined;
    try {
      await this.cache.getJwks(this.key);
      return undefined;
    } catch (error) {
      return error as Error;
    }
  }

  async getJwk(_jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    if (this.jwksUri === undefined) return this.cache.getCachedJwk(this.key, decomposedJwt);
    return this.cache.getJwk(this.key, decomposedJwt);
  }

  getCachedJwk(_jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid {
    return this.cache.getCachedJwk(this.key, decomposedJwt);
  }

  addJwks(_jwksUri: string, jwks: Jwks): void {
    this.cache.addJwks(this.key, jwks);
  }

  async getJwks(_jwksUri: string): Promise<Jwks> {
    if (this.jwksUri === undefined) return this.preloaded as Jwks;
    return this.cache.getJwks(this.key);
  }
}
