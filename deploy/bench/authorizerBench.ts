import { JwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { createAuthorizer, type OidcAuthorizerSettings } from 'ohif-healthimaging-authorizer';
import { startJwksServer } from 'ohif-healthimaging-authorizer/testing/jwksServer';
import { generateSigningKey, jwksOf, oidcAccessClaims, signToken } from 'ohif-healthimaging-authorizer/testing/tokens';
import { percentile } from './statistics';

/** One run of the authorizer benchmark, for our authorizer or for aws-jwt-verify alone on the same tokens. */
export interface VerifierRun {
  /** Latency of one verification, warm (keys cached, code optimised), ms. */
  warmP50Ms: number;
  warmP99Ms: number;
  /** Verifications per second, one after the other on this one thread (one core). */
  perSecond: number;
  /**
   * From creating a fresh instance until its first answer, JWKS fetch from a local HTTP server included, ms (median of
   * the run).
   */
  coldStartMs: number;
}

export interface AuthorizerBenchRun {
  authorizer: VerifierRun;
  awsJwtVerify: VerifierRun;
}

const datastoreId = '10ca1da7a5e0d1c0b0e00000000000a1';
const audience = `http://127.0.0.1:5002/datastore/${datastoreId}`;
const warmUpVerifications = 2_000;
const measuredVerifications = 20_000;
const coldStarts = 10;
const distinctTokens = 200;

/**
 * Our authorizer (`createAuthorizer`, with its decision line formatted and handed to a logger that drops it) and
 * aws-jwt-verify's `JwtVerifier` alone, on the same RS256 tokens signed with a 2048-bit key, keys from a JWKS
 * served on 127.0.0.1. Warm figures: sequential verifications after a warm-up; cold start: a new instance per
 * sample, so its first answer includes the JWKS fetch (the process itself and its modules are already loaded, which
 * a Lambda cold start would add).
 */
export async function measureAuthorizer(): Promise<AuthorizerBenchRun> {
  const key = generateSigningKey();
  const jwksServer = await startJwksServer(jwksOf(key));
  try {
    const { issuer, jwksUri } = jwksServer;
    const tokens = Array.from({ length: distinctTokens }, () =>
      signToken(key, oidcAccessClaims(issuer, { aud: audience, exp: Math.floor(Date.now() / 1000) + 3600 })),
    );
    const token = (index: number) => tokens[index % tokens.length] as string;
    const settings: OidcAuthorizerSettings = {
      provider: 'oidc',
      issuer,
      jwksUri,
      audiences: [audience],
      datastoreId,
      roles: {
        reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
        importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
      },
      grants: [{ claim: 'groups', includes: 'readers', grant: 'read' }],
    };
    const event = (index: number) => ({ datastoreId, operation: 'GetDICOMInstanceFrames', bearerToken: token(index) });
    const newAuthorizer = () => createAuthorizer(settings, { logger: () => undefined });
    const authorizer = newAuthorizer();
    const newVerifier = () =>
      JwtVerifier.create({ issuer, audience, jwksUri }, { jwksCache: new SimpleJwksCache({ fetcher: plainFetcher }) });
    const verifier = newVerifier();

    return {
      authorizer: {
        ...(await warm(async index => {
          const answer = await authorizer.authorize(event(index));
          if (!answer.isTokenValid || answer.roleArn === '')
            throw new Error('the authorizer denied a valid benchmark token');
        })),
        coldStartMs: await cold(() => newAuthorizer().authorize(event(0))),
      },
      awsJwtVerify: {
        ...(await warm(index => verifier.verify(token(index)))),
        coldStartMs: await cold(() => newVerifier().verify(token(0))),
      },
    };
  } finally {
    await jwksServer.close();
  }
}

/** aws-jwt-verify's own fetcher speaks https only; this one is plain `fetch`, so "alone" adds nothing of ours. */
const plainFetcher: Fetcher = {
  fetch: async (uri: string) => (await fetch(uri)).arrayBuffer(),
};

async function warm(verifyOne: (index: number) => Promise<unknown>): Promise<Omit<VerifierRun, 'coldStartMs'>> {
  for (let index = 0; index < warmUpVerifications; index++) await verifyOne(index);
  const latencies = new Array<number>(measuredVerifications);
  const started = performance.now();
  for (let index = 0; index < measuredVerifications; index++) {
    const before = performance.now();
    await verifyOne(index);
    latencies[index] = performance.now() - before;
  }
  const elapsedMs = performance.now() - started;
  return {
    warmP50Ms: percentile(latencies, 50),
    warmP99Ms: percentile(latencies, 99),
    perSecond: measuredVerifications / (elapsedMs / 1000),
  };
}

async function cold(firstAnswer: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let sample = 0; sample < coldStarts; sample++) {
    const started = performance.now();
    await firstAnswer();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}
