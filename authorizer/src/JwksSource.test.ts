import { KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import { JwksSource } from './JwksSource';
import { startJwksServer, type RunningJwksServer } from '../testing/jwksServer';
import { generateSigningKey, jwksOf } from '../testing/tokens';

const key = generateSigningKey('key-1');
const otherKey = generateSigningKey('key-2');
// The URI aws-jwt-verify derives for a Cognito pool; the source must never fetch it.
const derivedUri = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json';
const jwtWithKid = (kid: string) => ({ header: { alg: 'RS256', kid }, payload: {} });
let server: RunningJwksServer;

beforeAll(async () => {
  server = await startJwksServer(jwksOf(key));
});
afterAll(() => server.close());

it('fetches from the configured URI, whatever URI the verifier asks for', async () => {
  const source = new JwksSource({ jwksUri: server.jwksUri, fetchTimeoutMs: 500, cacheTtlMs: 300_000 });
  const fetchesBefore = server.requests();
  await expect(source.getJwk(derivedUri, jwtWithKid('key-1'))).resolves.toMatchObject({ kid: 'key-1' });
  expect(server.requests()).toBe(fetchesBefore + 1);
  expect(source.getCachedJwk(derivedUri, jwtWithKid('key-1'))).toMatchObject({ kid: 'key-1' });
});

it('answers from preloaded keys only when there is no URI', async () => {
  const source = new JwksSource({ jwks: jwksOf(key), fetchTimeoutMs: 500, cacheTtlMs: 300_000 });
  await expect(source.getJwk(derivedUri, jwtWithKid('key-1'))).resolves.toMatchObject({ kid: 'key-1' });
  await expect(source.getJwk(derivedUri, jwtWithKid('key-2'))).rejects.toThrow(KidNotFoundInJwksError);
  await expect(source.getJwks(derivedUri)).resolves.toEqual(jwksOf(key));
  await expect(source.warmUp()).resolves.toBeUndefined();
});

it('keeps preloaded keys and uses the URI for a kid they lack', async () => {
  server.setJwks(jwksOf(key, otherKey));
  try {
    const source = new JwksSource({
      jwks: jwksOf(key),
      jwksUri: server.jwksUri,
      fetchTimeoutMs: 500,
      cacheTtlMs: 300_000,
    });
    const fetchesBefore = server.requests();
    await source.warmUp();
    await source.getJwk(derivedUri, jwtWithKid('key-1'));
    expect(server.requests()).toBe(fetchesBefore);
    await expect(source.getJwk(derivedUri, jwtWithKid('key-2'))).resolves.toMatchObject({ kid: 'key-2' });
    expect(server.requests()).toBe(fetchesBefore + 1);
  } finally {
    server.setJwks(jwksOf(key));
  }
});

it('warms up by fetching, and reports a failure instead of rejecting', async () => {
  const fetchesBefore = server.requests();
  await expect(
    new JwksSource({ jwksUri: server.jwksUri, fetchTimeoutMs: 500, cacheTtlMs: 300_000 }).warmUp(),
  ).resolves.toBeUndefined();
  expect(server.requests()).toBe(fetchesBefore + 1);
  const missing = new JwksSource({ jwksUri: `${server.issuer}/missing`, fetchTimeoutMs: 500, cacheTtlMs: 300_000 });
  await expect(missing.warmUp()).resolves.toEqual(
    expect.objectContaining({ message: expect.stringContaining('status 404') }),
  );
});

describe('time to live', () => {
  // Only Date is faked: the HTTP server and the fetch deadline run on real timers.
  beforeEach(() =>
    jest.useFakeTimers({
      now: Date.now(),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    }),
  );
  afterEach(() => jest.useRealTimers());

  it('fetches once for many tokens arriving together after the keys expired', async () => {
    const source = new JwksSource({ jwksUri: server.jwksUri, fetchTimeoutMs: 500, cacheTtlMs: 60_000 });
    await source.warmUp();
    const fetchesBefore = server.requests();
    jest.setSystemTime(Date.now() + 61_000);
    const keys = await Promise.all(Array.from({ length: 20 }, () => source.getJwk(derivedUri, jwtWithKid('key-1'))));
    expect(keys.every(jwk => jwk.kid === 'key-1')).toBe(true);
    expect(server.requests()).toBe(fetchesBefore + 1);
  });

  it('keeps preloaded keys without a URI forever', async () => {
    const source = new JwksSource({ jwks: jwksOf(key), fetchTimeoutMs: 500, cacheTtlMs: 60_000 });
    jest.setSystemTime(Date.now() + 24 * 3600_000);
    await expect(source.getJwk(derivedUri, jwtWithKid('key-1'))).resolves.toMatchObject({ kid: 'key-1' });
  });

  it("replaces preloaded keys by the URI's once they expire, and tells who asked", async () => {
    const replaced: unknown[] = [];
    server.setJwks(jwksOf(otherKey));
    try {
      const source = new JwksSource({
        jwks: jwksOf(key),
        jwksUri: server.jwksUri,
        fetchTimeoutMs: 500,
        cacheTtlMs: 60_000,
        onKeysReplaced: jwks => replaced.push(jwks),
      });
      jest.setSystemTime(Date.now() + 61_000);
      await expect(source.getJwk(derivedUri, jwtWithKid('key-1'))).rejects.toThrow(KidNotFoundInJwksError);
      expect(replaced).toEqual([jwksOf(otherKey)]);
      await expect(source.getJwk(derivedUri, jwtWithKid('key-2'))).resolves.toMatchObject({ kid: 'key-2' });
    } finally {
      server.setJwks(jwksOf(key));
    }
  });
});
