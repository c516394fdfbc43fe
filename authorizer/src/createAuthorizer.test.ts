import type { AuthorizerSettings } from './AuthorizerSettings';
import { createAuthorizer, type AuthorizerOptions } from './createAuthorizer';
import type { DecisionLogEntry } from './decisionLog';
import { startJwksServer, type RunningJwksServer } from '../testing/jwksServer';
import {
  auth0AccessClaims,
  entraApiAppId,
  entraTenantId,
  entraV1AccessClaims,
  entraV2AccessClaims,
  entraViewerAppId,
  keycloakAccessClaims,
  oktaAccessClaims,
} from '../testing/providerTokens';
import {
  cognitoAccessClaims,
  generateSigningKey,
  jwksOf,
  nowSeconds,
  oidcAccessClaims,
  signToken,
  signWithPublicKeyAsHmacSecret,
  unsignedToken,
} from '../testing/tokens';

const roles = {
  reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};
const datastoreId = '10ca1da7a5e0d1c0b0e00000000000a1';
const audience = 'https://dicomweb.example.test';
const deny = { isTokenValid: false, roleArn: '' };
const key = generateSigningKey('key-1');
const strangerKey = generateSigningKey('key-2');

let server: RunningJwksServer;
let lines: string[];
const options: AuthorizerOptions = { logger: line => lines.push(line) };

beforeAll(async () => {
  server = await startJwksServer(jwksOf(key));
});
afterAll(() => server.close());
beforeEach(() => {
  lines = [];
  server.setMode('serve');
  server.setJwks(jwksOf(key));
});

function oidcSettings(overrides: Partial<AuthorizerSettings> = {}): AuthorizerSettings {
  return {
    provider: 'oidc',
    issuer: server.issuer,
    jwksUri: server.jwksUri,
    audiences: [audience],
    roles,
    grants: [
      { claim: 'groups', includes: 'readers', grant: 'read' },
      { claim: 'groups', includes: 'importers', grant: 'write' },
      { scope: 'user/ImagingStudy.read', grant: 'read' },
      { scope: 'system/ImagingStudy.write', grant: 'write' },
    ],
    datastoreId,
    ...overrides,
  } as AuthorizerSettings;
}

function event(bearerToken: string, operation = 'GetDICOMInstanceFrames') {
  return { datastoreId, operation, bearerToken };
}

function lastEntry(): DecisionLogEntry {
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as DecisionLogEntry;
}

/** Token from the generic provider, with claim overrides; `groups: []` and a bare scope grant nothing. */
function oidcToken(overrides: Record<string, unknown> = {}): string {
  return signToken(key, oidcAccessClaims(server.issuer, { aud: audience, ...overrides }));
}

describe('rejections, each cause on its own', () => {
  const authorize = (token: string, settings = oidcSettings()) =>
    createAuthorizer(settings, options).authorize(event(token));

  it('accepts the valid token the rejections below are variations of', async () => {
    expect(await authorize(oidcToken())).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(lastEntry()).toMatchObject({
      decision: 'allow',
      reason: 'granted',
      subject: 'user-123',
      clientId: 'ohif-viewer',
    });
  });

  it('rejects a signature made by another key under the right kid', async () => {
    const forged = signToken(strangerKey, oidcAccessClaims(server.issuer, { aud: audience }), { kid: key.kid });
    expect(await authorize(forged)).toEqual(deny);
    expect(lastEntry()).toMatchObject({ decision: 'deny', reason: 'bad-signature', subject: null });
  });

  it('rejects a payload changed after signing', async () => {
    const [header, , signature] = oidcToken().split('.');
    const payload = Buffer.from(
      JSON.stringify(oidcAccessClaims(server.issuer, { aud: audience, groups: ['importers'] })),
    ).toString('base64url');
    expect(await authorize(`${header}.${payload}.${signature}`)).toEqual(deny);
    expect(lastEntry().reason).toBe('bad-signature');
  });

  it('rejects alg none', async () => {
    expect(await authorize(unsignedToken(key, oidcAccessClaims(server.issuer, { aud: audience })))).toEqual(deny);
    expect(lastEntry().reason).toBe('alg-not-allowed');
  });

  it('rejects HS256 signed with the public key as HMAC secret', async () => {
    expect(
      await authorize(signWithPublicKeyAsHmacSecret(key, oidcAccessClaims(server.issuer, { aud: audience }))),
    ).toEqual(deny);
    expect(lastEntry().reason).toBe('alg-not-allowed');
  });

  it('rejects an unknown kid after asking the JWKS endpoint again', async () => {
    const authorizer = createAuthorizer(oidcSettings(), options);
    await authorizer.authorize(event(oidcToken()));
    const fetchesBefore = server.requests();
    lines = [];
    expect(
      await authorizer.authorize(event(signToken(strangerKey, oidcAccessClaims(server.issuer, { aud: audience })))),
    ).toEqual(deny);
    expect(lastEntry().reason).toBe('unknown-kid');
    expect(server.requests()).toBe(fetchesBefore + 1);
  });

  it('rejects a token without kid', async () => {
    expect(
      await authorize(signToken(key, oidcAccessClaims(server.issuer, { aud: audience }), { kid: undefined })),
    ).toEqual(deny);
    expect(lastEntry().reason).toBe('unknown-kid');
  });

  it('rejects a wrong issuer', async () => {
    expect(await authorize(oidcToken({ iss: 'https://other-issuer.example.test' }))).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'wrong-issuer', subject: 'user-123' });
  });

  it('rejects a wrong audience and a missing one', async () => {
    expect(await authorize(oidcToken({ aud: 'https://another-api.example.test' }))).toEqual(deny);
    expect(lastEntry().reason).toBe('wrong-audience');
    lines = [];
    expect(await authorize(oidcToken({ aud: undefined }))).toEqual(deny);
    expect(lastEntry().reason).toBe('wrong-audience');
  });

  it('rejects an expired token, naming whose it was', async () => {
    expect(await authorize(oidcToken({ exp: nowSeconds() - 60 }))).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'expired', subject: 'user-123', clientId: 'ohif-viewer' });
  });

  it('allows a just-expired token within the clock tolerance', async () => {
    const settings = oidcSettings({ clockToleranceSeconds: 30 });
    expect(await authorize(oidcToken({ exp: nowSeconds() - 5 }), settings)).toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
  });

  it('rejects a token not yet valid', async () => {
    expect(await authorize(oidcToken({ nbf: nowSeconds() + 120 }))).toEqual(deny);
    expect(lastEntry().reason).toBe('not-yet-valid');
  });

  it('rejects a token without exp', async () => {
    expect(await authorize(oidcToken({ exp: undefined }))).toEqual(deny);
    expect(lastEntry().reason).toBe('malformed');
  });

  it('rejects a token missing a required scope, and accepts a SMART wildcard for it', async () => {
    const settings = oidcSettings({ requiredScopes: ['user/ImagingStudy.read'] });
    expect(await authorize(oidcToken({ scope: 'openid profile' }), settings)).toEqual(deny);
    expect(lastEntry().reason).toBe('missing-scope');
    lines = [];
    expect(await authorize(oidcToken({ scope: 'openid user/*.*' }), settings)).toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
  });

  it.each([
    ['one part', 'not-a-jwt'],
    ['two parts', 'abc.def'],
    ['a header that is not JSON', 'bm90IGpzb24.e30.c2ln'],
    ['a header that is not an object', `${Buffer.from('"RS256"').toString('base64url')}.e30.c2ln`],
    [
      'a payload that is not JSON',
      `${Buffer.from('{"alg":"RS256","kid":"key-1"}').toString('base64url')}.bm90IGpzb24.c2ln`,
    ],
  ])('rejects a malformed JWT: %s', async (_name, token) => {
    expect(await authorize(token)).toEqual(deny);
    expect(lastEntry().reason).toBe('malformed');
  });

  it('rejects an oversized token before parsing it', async () => {
    const token = oidcToken({ padding: 'x'.repeat(9000) });
    expect(await authorize(token)).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'too-large', subject: null });
    lines = [];
    expect(await authorize(token, oidcSettings({ maxTokenBytes: 16384 }))).toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
  });

  it('denies without throwing when the JWKS server is gone', async () => {
    const gone = await startJwksServer(jwksOf(key));
    await gone.close();
    const settings = oidcSettings({ issuer: gone.issuer, jwksUri: gone.jwksUri });
    const token = signToken(key, oidcAccessClaims(gone.issuer, { aud: audience }));
    expect(await createAuthorizer(settings, options).authorize(event(token))).toEqual(deny);
    expect(lastEntry().reason).toBe('jwks-unreachable');
  });

  it('denies within the time limit when the JWKS server never answers', async () => {
    server.setMode('hang');
    const started = Date.now();
    const result = await createAuthorizer(oidcSettings({ jwksFetchTimeoutMs: 200 }), options).authorize(
      event(oidcToken()),
    );
    expect(result).toEqual(deny);
    // HealthImaging's budget is 1 s; the fetch gives up after 200 ms.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lastEntry().reason).toBe('jwks-unreachable');
  });

  it('denies when the JWKS endpoint serves something that is not a JWKS', async () => {
    server.setJwks({ nope: true } as never);
    expect(await authorize(oidcToken())).toEqual(deny);
    expect(lastEntry().reason).toBe('jwks-invalid');
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'token'],
    ['no token', { datastoreId, operation: 'GetDICOMInstance' }],
    ['a token that is not a string', { datastoreId, operation: 'GetDICOMInstance', bearerToken: 42 }],
    ['an unknown operation', { datastoreId, operation: 'DeleteDatastore', bearerToken: 'x.y.z' }],
    ['no datastore', { operation: 'GetDICOMInstance', bearerToken: 'x.y.z' }],
  ])('denies an event with %s', async (_name, badEvent) => {
    expect(await createAuthorizer(oidcSettings(), options).authorize(badEvent)).toEqual(deny);
    expect(lastEntry().reason).toBe('bad-event');
  });

  it('denies another datastore when one is configured, and allows any when none is', async () => {
    const otherDatastore = { ...event(oidcToken()), datastoreId: 'f'.repeat(32) };
    expect(await createAuthorizer(oidcSettings(), options).authorize(otherDatastore)).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'wrong-datastore', datastoreId: 'f'.repeat(32) });
    const anyDatastore = oidcSettings({ datastoreId: undefined });
    expect(await createAuthorizer(anyDatastore, options).authorize(otherDatastore)).toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
  });
});

describe('token age, kind and header (hardening)', () => {
  const authorize = (token: string, settings = oidcSettings()) =>
    createAuthorizer(settings, options).authorize(event(token));
  const allowed = { isTokenValid: true, roleArn: roles.reader };

  it('rejects a token without iat', async () => {
    expect(await authorize(oidcToken({ iat: undefined }))).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'malformed', subject: 'user-123' });
    expect(lastEntry().detail).toContain('iat');
  });

  it('rejects a token issued in the future, beyond the clock tolerance only', async () => {
    expect(await authorize(oidcToken({ iat: nowSeconds() + 60 }))).toEqual(deny);
    expect(lastEntry().reason).toBe('issued-in-future');
    lines = [];
    expect(await authorize(oidcToken({ iat: nowSeconds() + 20 }), oidcSettings({ clockToleranceSeconds: 30 }))).toEqual(
      allowed,
    );
  });

  it('rejects a token issued more than 12 h ago even when it has not expired', async () => {
    const thirteenHoursAgo = nowSeconds() - 13 * 3600;
    expect(
      await authorize(oidcToken({ iat: thirteenHoursAgo, nbf: thirteenHoursAgo, exp: nowSeconds() + 3600 })),
    ).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'issued-too-long-ago', subject: 'user-123' });
    lines = [];
    const elevenHoursAgo = nowSeconds() - 11 * 3600;
    expect(await authorize(oidcToken({ iat: elevenHoursAgo, nbf: elevenHoursAgo, exp: nowSeconds() + 3600 }))).toEqual(
      allowed,
    );
  });

  it('rejects a token living longer than maxTokenLifetimeSeconds, when set', async () => {
    const token = oidcToken({ exp: nowSeconds() + 7200 });
    expect(await authorize(token, oidcSettings({ maxTokenLifetimeSeconds: 3600 }))).toEqual(deny);
    expect(lastEntry().reason).toBe('lifetime-too-long');
    expect(lastEntry().detail).toContain('7200 s');
    lines = [];
    expect(await authorize(token)).toEqual(allowed);
  });

  it.each([
    ['a nonce claim', { nonce: 'n-0S6_WzA2Mj' }, 'nonce'],
    ['token_use id (a Cognito-style ID token)', { token_use: 'id' }, 'token_use'],
    ['the claim typ ID (a Keycloak ID token)', { typ: 'ID' }, 'typ "ID"'],
  ])('refuses an ID token recognised by %s, and says so', async (_name, claims, detail) => {
    expect(await authorize(oidcToken(claims))).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'not-access-token', subject: 'user-123' });
    expect(lastEntry().detail).toContain(detail);
  });

  it('refuses an ID token whose aud is the viewer client id, even when it also names the API', async () => {
    const settings = oidcSettings({ viewerClientIds: ['ohif-viewer'] } as Partial<AuthorizerSettings>);
    expect(await authorize(oidcToken({ aud: [audience, 'ohif-viewer'] }), settings)).toEqual(deny);
    expect(lastEntry().reason).toBe('not-access-token');
    expect(lastEntry().detail).toContain('viewer\'s client id "ohif-viewer"');
    lines = [];
    expect(await authorize(oidcToken(), settings)).toEqual(allowed);
  });

  it('requires the typ header at+jwt when requireAccessTokenType is set', async () => {
    const settings = oidcSettings({ requireAccessTokenType: true } as Partial<AuthorizerSettings>);
    const claims = oidcAccessClaims(server.issuer, { aud: audience });
    expect(await authorize(signToken(key, claims), settings)).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'not-access-token' });
    expect(lastEntry().detail).toContain('"JWT", expected "at+jwt"');
    lines = [];
    expect(await authorize(signToken(key, claims, { typ: 'at+jwt' }), settings)).toEqual(allowed);
    lines = [];
    expect(await authorize(signToken(key, claims, { typ: 'application/at+JWT' }), settings)).toEqual(allowed);
  });

  it('refuses a JWT whose typ header names another kind of token, and lets plain typ values pass', async () => {
    const claims = oidcAccessClaims(server.issuer, { aud: audience });
    expect(await authorize(signToken(key, claims, { typ: 'logout+jwt' }))).toEqual(deny);
    expect(lastEntry().reason).toBe('not-access-token');
    for (const typ of ['JWT', 'application/jwt', 'JOSE', undefined]) {
      lines = [];
      expect([typ, await authorize(signToken(key, claims, { typ }))]).toEqual([typ, allowed]);
    }
  });

  it('refuses a crit header, which names an extension it does not understand', async () => {
    const claims = oidcAccessClaims(server.issuer, { aud: audience });
    expect(await authorize(signToken(key, claims, { crit: ['exp'], exp: nowSeconds() + 60 }))).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'unknown-crit', subject: null });
    lines = [];
    expect(await authorize(signToken(key, claims, { crit: [] }))).toEqual(deny);
    expect(lastEntry().reason).toBe('unknown-crit');
  });
});

describe('JWKS cache lifetime', () => {
  // Only Date is faked: the HTTP server, sockets and fetch deadlines run on real timers.
  const realTimers = [
    'nextTick',
    'setImmediate',
    'clearImmediate',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'queueMicrotask',
    'hrtime',
    'performance',
  ] as const;
  beforeEach(() => jest.useFakeTimers({ now: Date.now(), doNotFake: [...realTimers] }));
  afterEach(() => jest.useRealTimers());
  const later = (seconds: number) => jest.setSystemTime(Date.now() + seconds * 1000);

  it('stops trusting a key the provider removed once the cache time has passed, fetching once', async () => {
    const authorizer = createAuthorizer(
      oidcSettings({ jwksCacheSeconds: 300 } as Partial<AuthorizerSettings>),
      options,
    );
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    const fetches = server.requests();
    const rotated = generateSigningKey('key-4');
    server.setJwks(jwksOf(rotated));
    later(200);
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(server.requests()).toBe(fetches);
    later(120);
    lines = [];
    expect(await authorizer.authorize(event(oidcToken()))).toEqual(deny);
    expect(lastEntry().reason).toBe('unknown-kid');
    expect(server.requests()).toBe(fetches + 1);
    // The same removed key again at once: no new fetch (rate limit), still denied.
    lines = [];
    expect(await authorizer.authorize(event(oidcToken()))).toEqual(deny);
    expect(server.requests()).toBe(fetches + 1);
    lines = [];
    expect(
      await authorizer.authorize(event(signToken(rotated, oidcAccessClaims(server.issuer, { aud: audience })))),
    ).toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
  });

  it('trusts new material published under the same kid and drops the old', async () => {
    const authorizer = createAuthorizer(oidcSettings({ jwksCacheSeconds: 60 } as Partial<AuthorizerSettings>), options);
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    const sameKid = generateSigningKey(key.kid);
    server.setJwks(jwksOf(sameKid));
    later(61);
    lines = [];
    expect(await authorizer.authorize(event(oidcToken()))).toEqual(deny);
    expect(lastEntry().reason).toBe('bad-signature');
    expect(
      await authorizer.authorize(event(signToken(sameKid, oidcAccessClaims(server.issuer, { aud: audience })))),
    ).toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
  });

  it('answers within the fetch deadline from the expired keys while the provider hangs, then fetches at most every 10 s', async () => {
    const authorizer = createAuthorizer(
      oidcSettings({ jwksCacheSeconds: 60, jwksFetchTimeoutMs: 200 } as Partial<AuthorizerSettings>),
      options,
    );
    await authorizer.authorize(event(oidcToken()));
    server.setMode('hang');
    later(61);
    const fetches = server.requests();
    const started = performance.now();
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests()).toBe(fetches + 1);
    later(5);
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(server.requests()).toBe(fetches + 1);
    later(6);
    server.setMode('serve');
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(server.requests()).toBe(fetches + 2);
  });

  it('fails closed once the expired keys are an hour old and the provider is still unreachable', async () => {
    const authorizer = createAuthorizer(
      oidcSettings({ jwksCacheSeconds: 60, jwksFetchTimeoutMs: 100 } as Partial<AuthorizerSettings>),
      options,
    );
    await authorizer.authorize(event(oidcToken()));
    server.setMode('hang');
    later(3601);
    lines = [];
    expect(await authorizer.authorize(event(oidcToken()))).toEqual(deny);
    expect(lastEntry().reason).toBe('jwks-unreachable');
  });
});

describe('grants: claims and scopes to roles', () => {
  const decide = async (claims: Record<string, unknown>, operation: string) => {
    lines = [];
    const result = await createAuthorizer(oidcSettings(), options).authorize(event(oidcToken(claims), operation));
    return { result, entry: lastEntry() };
  };
  const noGroupsOrScopes = { groups: [], scope: 'openid' };

  it('gives a reader group the reader role for every read operation', async () => {
    for (const operation of [
      'SearchDICOMStudies',
      'GetDICOMSeriesMetadata',
      'GetDICOMInstanceFrames',
      'GetDICOMBulkdata',
    ]) {
      expect((await decide({ ...noGroupsOrScopes, groups: ['readers'] }, operation)).result).toEqual({
        isTokenValid: true,
        roleArn: roles.reader,
      });
    }
  });

  it('never lets a reader store', async () => {
    for (const operation of ['StoreDICOM', 'StoreDICOMStudy']) {
      const { result, entry } = await decide(
        { groups: ['readers'], scope: 'openid user/ImagingStudy.read' },
        operation,
      );
      // A valid token without the grant: HealthImaging answers 403 Access Denied, not "Invalid or Expired Token".
      expect(result).toEqual({ isTokenValid: true, roleArn: '' });
      expect(entry).toMatchObject({ decision: 'deny', reason: 'no-write-grant', role: '' });
    }
  });

  it('gives an importer group the importer role to store', async () => {
    for (const operation of ['StoreDICOM', 'StoreDICOMStudy']) {
      expect((await decide({ ...noGroupsOrScopes, groups: ['importers'] }, operation)).result).toEqual({
        isTokenValid: true,
        roleArn: roles.importer,
      });
    }
  });

  it('lets a write grant read, with the importer role', async () => {
    expect((await decide({ ...noGroupsOrScopes, groups: ['importers'] }, 'GetDICOMInstanceFrames')).result).toEqual({
      isTokenValid: true,
      roleArn: roles.importer,
    });
  });

  it('takes the strongest grant when several rules match', async () => {
    expect(
      (await decide({ groups: ['readers', 'importers'], scope: 'user/ImagingStudy.read' }, 'StoreDICOM')).result
        .roleArn,
    ).toBe(roles.importer);
  });

  it('matches a claim that is a single string', async () => {
    expect((await decide({ ...noGroupsOrScopes, groups: 'importers' }, 'StoreDICOM')).result.roleArn).toBe(
      roles.importer,
    );
    expect((await decide({ ...noGroupsOrScopes, groups: 'importers-and-more' }, 'StoreDICOM')).entry.reason).toBe(
      'no-grant',
    );
  });

  it('grants read from a scope without any group', async () => {
    expect(
      (await decide({ groups: undefined, scope: 'openid user/ImagingStudy.read' }, 'SearchDICOMSeries')).result.roleArn,
    ).toBe(roles.reader);
  });

  it.each([
    ['system/*.write', 'StoreDICOM', roles.importer],
    ['system/ImagingStudy.*', 'StoreDICOMStudy', roles.importer],
    ['user/ImagingStudy.*', 'GetDICOMInstance', roles.reader],
    ['user/*.*', 'GetDICOMInstance', roles.reader],
  ])('grants from the SMART wildcard scope %s for %s', async (scope, operation, role) => {
    expect((await decide({ groups: undefined, scope }, operation)).result).toEqual({
      isTokenValid: true,
      roleArn: role,
    });
  });

  it.each([
    // user/*.* covers user/ImagingStudy.read but the write rule asks for system/ImagingStudy.write.
    ['user/*.*', 'StoreDICOM', 'no-write-grant'],
    ['user/ImagingStudy.write', 'GetDICOMInstance', 'no-grant'],
    ['patient/*.read', 'GetDICOMInstance', 'no-grant'],
    ['system/Patient.write', 'StoreDICOM', 'no-grant'],
  ])('does not stretch the scope %s to %s', async (scope, operation, reason) => {
    const { result, entry } = await decide({ groups: undefined, scope }, operation);
    expect(result).toEqual({ isTokenValid: true, roleArn: '' });
    expect(entry.reason).toBe(reason);
  });

  it('denies a valid token that no rule matches', async () => {
    const { result, entry } = await decide(noGroupsOrScopes, 'GetDICOMInstance');
    expect(result).toEqual({ isTokenValid: true, roleArn: '' });
    expect(entry).toMatchObject({ decision: 'deny', reason: 'no-grant', subject: 'user-123' });
  });
});

describe("identity provider profiles: each provider's token shape", () => {
  // Keys preloaded, no jwksUri: the issuers are the providers' real ones and nothing may leave the machine.
  const profileSettings = (provider: string, issuer: string, extra: Record<string, unknown>): AuthorizerSettings =>
    ({ provider, issuer, jwks: jwksOf(key), roles, datastoreId, ...extra }) as AuthorizerSettings;
  const decide = async (
    settings: AuthorizerSettings,
    claims: Record<string, unknown>,
    operation = 'GetDICOMInstance',
  ) => {
    lines = [];
    const result = await createAuthorizer(settings, options).authorize(event(signToken(key, claims), operation));
    return { result, entry: lastEntry() };
  };
  const reader = { isTokenValid: true, roleArn: roles.reader };
  const importer = { isTokenValid: true, roleArn: roles.importer };

  describe('Entra ID', () => {
    const entra = (extra: Record<string, unknown> = {}) =>
      profileSettings('entra-id', `https://login.microsoftonline.com/${entraTenantId}/v2.0`, {
        audiences: [entraApiAppId, `api://${entraApiAppId}`],
        viewerClientIds: [entraViewerAppId],
        grants: [
          { scope: 'Imaging.Read', grant: 'read' },
          { claim: 'roles', includes: 'Imaging.Importer', grant: 'write' },
        ],
        ...extra,
      });

    it('accepts a v2 token (scp, client in azp) and a v1 token (other iss form, client in appid)', async () => {
      expect(await decide(entra(), entraV2AccessClaims())).toMatchObject({
        result: reader,
        entry: { clientId: entraViewerAppId },
      });
      expect(await decide(entra(), entraV1AccessClaims())).toMatchObject({
        result: reader,
        entry: { clientId: entraViewerAppId },
      });
    });

    it('grants write from an app role in roles', async () => {
      expect(
        (await decide(entra(), entraV2AccessClaims({ roles: ['Imaging.Importer'] }), 'StoreDICOM')).result,
      ).toEqual(importer);
    });

    it("with the generic profile, names Entra's other issuer form when a v1 token meets a v2 issuer", async () => {
      const generic = profileSettings('oidc', `https://login.microsoftonline.com/${entraTenantId}/v2.0`, {
        audiences: [`api://${entraApiAppId}`],
        grants: [{ scope: 'Imaging.Read', grant: 'read' }],
      });
      const { entry } = await decide(generic, entraV1AccessClaims());
      expect(entry.reason).toBe('wrong-issuer');
      expect(entry.detail).toContain('other issuer form');
    });

    it('refuses a token of another tenant', async () => {
      const other = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0';
      const { entry } = await decide(entra(), entraV2AccessClaims({ iss: other }));
      expect(entry).toMatchObject({ reason: 'wrong-issuer', subject: null });
      expect(entry.detail).toContain(
        `expected one of: https://login.microsoftonline.com/${entraTenantId}/v2.0, https://sts.windows.net/${entraTenantId}/`,
      );
    });

    it('refuses the ID token the viewer got at sign-in, saying why', async () => {
      const idToken = entraV2AccessClaims({ aud: entraViewerAppId, scp: undefined, azp: undefined, nonce: undefined });
      const { result, entry } = await decide(entra(), idToken);
      expect(result).toEqual(deny);
      expect(entry.reason).toBe('not-access-token');
      expect(entry.detail).toContain(entraViewerAppId);
    });

    it.each([['00000003-0000-0000-c000-000000000000'], ['https://graph.microsoft.com']])(
      'refuses a Microsoft Graph token (aud %s), even unverifiable, naming the scope to ask for',
      async graph => {
        // Graph tokens carry a header nonce that makes their signature unverifiable outside Graph (a stranger's key
        // stands for that here).
        const claims = entraV1AccessClaims({ aud: graph, scp: 'openid profile User.Read' });
        for (const token of [signToken(strangerKey, claims, { kid: key.kid, nonce: 'abc' }), signToken(key, claims)]) {
          lines = [];
          expect(await createAuthorizer(entra(), options).authorize(event(token))).toEqual(deny);
          const entry = lastEntry();
          expect(entry.reason).toBe('wrong-audience');
          expect(entry.detail).toContain('Microsoft Graph');
          expect(entry.detail).toContain(`api://${entraApiAppId}/Imaging.Read`);
        }
      },
    );
  });

  describe('Okta', () => {
    const okta = (extra: Record<string, unknown> = {}) =>
      profileSettings('okta', 'https://example.okta.com/oauth2/default', {
        audiences: ['api://dicomweb'],
        clientIds: ['0oa1b2c3d4e5f6g7h8i9'],
        grants: [
          { scope: 'imaging.read', grant: 'read' },
          { claim: 'groups', includes: 'Importers', grant: 'write' },
        ],
        ...extra,
      });

    it('accepts scp as an array and names the client from cid', async () => {
      expect(await decide(okta(), oktaAccessClaims())).toMatchObject({
        result: reader,
        entry: { clientId: '0oa1b2c3d4e5f6g7h8i9' },
      });
    });

    it('refuses another client, naming the claim it read and what it expected', async () => {
      const { result, entry } = await decide(okta(), oktaAccessClaims({ cid: '0oaOTHERCLIENT' }));
      expect(result).toEqual(deny);
      expect(entry).toMatchObject({ reason: 'wrong-client', clientId: '0oaOTHERCLIENT' });
      expect(entry.detail).toBe('token names cid "0oaOTHERCLIENT", expected one of: 0oa1b2c3d4e5f6g7h8i9');
    });

    it('explains a token no rule grants: what each rule wanted and what the token had', async () => {
      const { result, entry } = await decide(
        okta(),
        oktaAccessClaims({ scp: ['openid', 'profile'], groups: ['Everyone'] }),
      );
      expect(result).toEqual({ isTokenValid: true, roleArn: '' });
      expect(entry.reason).toBe('no-grant');
      expect(entry.detail).toBe(
        'scopes (scope, scp, permissions) wants imaging.read, found "openid profile"; groups wants Importers, found ["Everyone"]',
      );
    });
  });

  describe('Keycloak', () => {
    const keycloak = (extra: Record<string, unknown> = {}) =>
      profileSettings('keycloak', 'https://sso.example.test/realms/imaging', {
        audiences: ['dicomweb'],
        clientIds: ['ohif-viewer'],
        grants: [
          { claim: 'realm_access.roles', includes: 'imaging-reader', grant: 'read' },
          { claim: 'resource_access.ohif-viewer.roles', includes: 'importer', grant: 'write' },
        ],
        ...extra,
      });

    it('grants from roles nested in realm_access and resource_access.<client>', async () => {
      expect((await decide(keycloak(), keycloakAccessClaims())).result).toEqual(reader);
      const importerRoles = {
        realm_access: { roles: [] },
        resource_access: { 'ohif-viewer': { roles: ['importer'] } },
      };
      expect((await decide(keycloak(), keycloakAccessClaims(importerRoles), 'StoreDICOM')).result).toEqual(importer);
      const { entry } = await decide(
        keycloak(),
        keycloakAccessClaims({ realm_access: { roles: ['offline_access'] }, resource_access: {} }),
      );
      expect(entry.detail).toBe(
        'realm_access.roles wants imaging-reader, found ["offline_access"]; resource_access.ohif-viewer.roles wants importer, found nothing',
      );
    });

    it('accepts an access token with a nonce (Keycloak before 25) but refuses its ID token (typ ID)', async () => {
      expect((await decide(keycloak(), keycloakAccessClaims({ nonce: 'n-1' }))).result).toEqual(reader);
      const { entry } = await decide(keycloak(), keycloakAccessClaims({ typ: 'ID', aud: 'ohif-viewer', nonce: 'n-1' }));
      expect(entry.reason).toBe('not-access-token');
    });

    it('refuses a token with only the default audience "account", saying how to fix it', async () => {
      const { entry } = await decide(keycloak(), keycloakAccessClaims({ aud: 'account' }));
      expect(entry.reason).toBe('wrong-audience');
      expect(entry.detail).toContain('token aud is "account", expected one of: dicomweb');
      expect(entry.detail).toContain('Audience mapper');
    });
  });

  describe('Auth0', () => {
    const auth0 = (issuer = 'https://example.eu.auth0.com', extra: Record<string, unknown> = {}) =>
      profileSettings('auth0', issuer, {
        audiences: ['https://dicomweb.example.test'],
        grants: [
          { scope: 'read:studies', grant: 'read' },
          { scope: 'write:studies', grant: 'write' },
        ],
        ...extra,
      });

    it('accepts the trailing-slash issuer however it was typed, aud as an array, permissions as scopes', async () => {
      expect(await decide(auth0(), auth0AccessClaims())).toMatchObject({
        result: reader,
        entry: { clientId: 'Xy12Ab34Cd56Ef78Gh90Ij12Kl34Mn56' },
      });
      expect((await decide(auth0('https://example.eu.auth0.com/'), auth0AccessClaims())).result).toEqual(reader);
      expect(
        (await decide(auth0(), auth0AccessClaims({ permissions: ['write:studies'] }), 'StoreDICOM')).result,
      ).toEqual(importer);
    });

    it('with the generic profile, names the trailing slash when it is the only difference', async () => {
      const generic = profileSettings('oidc', 'https://example.eu.auth0.com', {
        audiences: ['https://dicomweb.example.test'],
        grants: [{ scope: 'read:studies', grant: 'read' }],
      });
      const { entry } = await decide(generic, auth0AccessClaims());
      expect(entry.reason).toBe('wrong-issuer');
      expect(entry.detail).toContain('trailing slash');
    });
  });

  it('reads scopes from scope (a string), scp and permissions (a string or an array)', async () => {
    const settings = oidcSettings({ grants: [{ scope: 'imaging.read', grant: 'read' }] });
    for (const claims of [
      { scope: 'openid imaging.read' },
      { scp: 'imaging.read' },
      { scp: ['imaging.read'] },
      { permissions: ['imaging.read'] },
      { permissions: 'other imaging.read' },
    ]) {
      const { result } = await decide(
        settings,
        oidcAccessClaims(server.issuer, { aud: audience, scope: undefined, ...claims }),
      );
      expect([claims, result]).toEqual([claims, reader]);
    }
    // RFC 9068 makes scope a string; aws-jwt-verify refuses any other type as malformed, and the log says so.
    const { entry } = await decide(
      settings,
      oidcAccessClaims(server.issuer, { aud: audience, scope: ['imaging.read'] }),
    );
    expect(entry).toMatchObject({ reason: 'malformed', detail: 'JWT payload scope claim is not a string' });
  });

  it('names what it expected when the audience is wrong', async () => {
    const { entry } = await decide(
      oidcSettings(),
      oidcAccessClaims(server.issuer, { aud: ['https://a.example.test', 'https://b.example.test'] }),
    );
    expect(entry.detail).toBe(
      `token aud is ["https://a.example.test","https://b.example.test"], expected one of: ${audience}`,
    );
  });

  it('names the missing scope and the scopes the token has', async () => {
    const { entry } = await decide(
      oidcSettings({ requiredScopes: ['user/ImagingStudy.read'] }),
      oidcAccessClaims(server.issuer, { aud: audience, scope: 'openid profile' }),
    );
    expect(entry).toMatchObject({
      reason: 'missing-scope',
      detail: 'token lacks required scope user/ImagingStudy.read; its scopes (scope, scp, permissions): openid profile',
    });
  });
});

describe('Cognito access tokens', () => {
  const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
  // Keys preloaded as at deploy time; the JWKS URI is the local server so an unknown kid never leaves the machine.
  const cognitoSettings = (overrides: Partial<AuthorizerSettings> = {}): AuthorizerSettings =>
    ({
      provider: 'cognito',
      issuer,
      jwks: jwksOf(key),
      jwksUri: server.jwksUri,
      clientIds: ['viewerclientid123'],
      roles,
      grants: [
        { claim: 'cognito:groups', includes: 'readers', grant: 'read' },
        { claim: 'cognito:groups', includes: 'importers', grant: 'write' },
      ],
      ...overrides,
    }) as AuthorizerSettings;
  const authorize = (claims: Record<string, unknown>, settings = cognitoSettings(), operation = 'GetDICOMInstance') =>
    createAuthorizer(settings, options).authorize(
      event(signToken(key, cognitoAccessClaims(issuer, claims)), operation),
    );

  it('accepts an access token without aud, by token_use and client_id', async () => {
    const fetchesBefore = server.requests();
    expect(await authorize({})).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(lastEntry()).toMatchObject({
      subject: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      clientId: 'viewerclientid123',
      reason: 'granted',
    });
    expect(server.requests()).toBe(fetchesBefore);
  });

  it('maps cognito:groups importers to the importer role for StoreDICOM', async () => {
    expect(await authorize({ 'cognito:groups': ['importers'] }, cognitoSettings(), 'StoreDICOM')).toEqual({
      isTokenValid: true,
      roleArn: roles.importer,
    });
  });

  it('rejects an ID token', async () => {
    expect(await authorize({ token_use: 'id', aud: 'viewerclientid123', client_id: undefined })).toEqual(deny);
    expect(lastEntry().reason).toBe('not-access-token');
  });

  it('rejects an access token of another app client', async () => {
    expect(await authorize({ client_id: 'someotherclient' })).toEqual(deny);
    expect(lastEntry()).toMatchObject({ reason: 'wrong-client', clientId: 'someotherclient' });
  });

  it('rejects a token of another user pool', async () => {
    expect(await authorize({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other9' })).toEqual(deny);
    expect(lastEntry().reason).toBe('wrong-issuer');
  });

  it('rejects an expired Cognito token', async () => {
    expect(await authorize({ exp: nowSeconds() - 1 })).toEqual(deny);
    expect(lastEntry().reason).toBe('expired');
  });

  it('fetches the keys from jwksUri when none are preloaded', async () => {
    const fetchesBefore = server.requests();
    expect(await authorize({}, cognitoSettings({ jwks: undefined }))).toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
    expect(server.requests()).toBe(fetchesBefore + 1);
  });
});

describe('JWKS source', () => {
  it('uses preloaded keys alone when there is no jwksUri', async () => {
    const settings = oidcSettings({ jwksUri: undefined, jwks: jwksOf(key) });
    const authorizer = createAuthorizer(settings, options);
    const fetchesBefore = server.requests();
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(
      await authorizer.authorize(event(signToken(strangerKey, oidcAccessClaims(server.issuer, { aud: audience })))),
    ).toEqual(deny);
    expect(JSON.parse(lines[1] as string).reason).toBe('unknown-kid');
    expect(server.requests()).toBe(fetchesBefore);
  });

  it('fetches the JWKS once, then again only for a rotated key', async () => {
    const authorizer = createAuthorizer(oidcSettings(), options);
    const fetchesBefore = server.requests();
    await authorizer.warmUp();
    expect(server.requests()).toBe(fetchesBefore + 1);
    await authorizer.authorize(event(oidcToken()));
    await authorizer.authorize(event(oidcToken()));
    expect(server.requests()).toBe(fetchesBefore + 1);
    const rotated = generateSigningKey('key-3');
    server.setJwks(jwksOf(key, rotated));
    const token = signToken(rotated, oidcAccessClaims(server.issuer, { aud: audience }));
    expect(await authorizer.authorize(event(token))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(server.requests()).toBe(fetchesBefore + 2);
  });

  it('warms up without rejecting when the JWKS server never answers', async () => {
    server.setMode('hang');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(
        createAuthorizer(oidcSettings({ jwksFetchTimeoutMs: 100 }), options).warmUp(),
      ).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('jwks-unreachable'));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('decision log', () => {
  it('writes one line per decision with the documented fields and never the token', async () => {
    const token = oidcToken({ groups: ['importers'], email: 'someone@example.test' });
    const authorizer = createAuthorizer(oidcSettings(), options);
    await authorizer.authorize(event(token, 'StoreDICOM'));
    await authorizer.authorize(event(oidcToken({ exp: nowSeconds() - 60 })));
    await authorizer.authorize(event(`${token}x`));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining([
          'subject',
          'clientId',
          'operation',
          'datastoreId',
          'decision',
          'role',
          'reason',
          'latencyMs',
        ]),
      );
      expect(typeof entry.latencyMs).toBe('number');
      for (const part of token.split('.')) expect(line).not.toContain(part);
      expect(line).not.toContain('someone@example.test');
    }
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      subject: 'user-123',
      clientId: 'ohif-viewer',
      operation: 'StoreDICOM',
      datastoreId,
      decision: 'allow',
      role: roles.importer,
      reason: 'granted',
    });
  });

  it('still answers when the logger throws', async () => {
    const authorizer = createAuthorizer(oidcSettings(), {
      logger: () => {
        throw new Error('log sink down');
      },
    });
    expect(await authorizer.authorize(event(oidcToken()))).toEqual({ isTokenValid: true, roleArn: roles.reader });
  });
});

it('refuses bad settings when created, naming the key', () => {
  expect(() => createAuthorizer(oidcSettings({ roles: { reader: 'reader', importer: roles.importer } }))).toThrow(
    'roles.reader must be an IAM role ARN like arn:aws:iam::123456789012:role/Name',
  );
});
