// Each identity provider the local provider stands in for (`npm start -- --idp-profile <name>`), in Chromium
// against the whole local stack, with the authorizer configured as deploy/aws/README.md says for that provider:
// sign in, read a study (a drawn image, a bearer token on every request), a refresh (6-second tokens), sign out.
// Then Entra's Graph-token trap: a viewer asking only for `openid profile`. (Entra's v1 issuer form, which changes
// nothing in the browser, is tried with a real sign-in in stack/localIdentity.test.ts.)
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/launchChromium';
import type { EndpointStats } from '../dicomweb';
import type { OidcProviderStats } from '../oidc';
import { startE2eStack, type E2eStack } from './testing/e2eStack';
import { newViewerPage, signInAtProvider, waitForDrawnImage, type ViewerPage } from './testing/viewerPage';

jest.setTimeout(120_000);

const accessTokenSeconds = 6;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens the viewer and signs the reader in at the provider. */
async function signIn(stack: E2eStack, viewer: ViewerPage): Promise<void> {
  const reader = stack.summary.users.find(user => user.username === 'reader')!;
  await viewer.page.goto(stack.summary.viewerUrl);
  await signInAtProvider(viewer.page, reader.username, reader.password);
}

/** Signs the reader in, then opens the brain MR of the study list in our mode. */
async function signInAndOpenStudy(stack: E2eStack, viewer: ViewerPage): Promise<void> {
  const { page } = viewer;
  await signIn(stack, viewer);
  await page.getByText('BRAIN').waitFor({ timeout: 60_000 });
  await page.getByText('BRAIN').click();
  await page.click('button:has-text("AWS HealthImaging")');
  await page.waitForURL(/\/healthimaging\?StudyInstanceUIDs=/, { timeout: 30_000 });
}

/** The authorizer's denials the stack logged (one JSON line each). */
function denials(stack: E2eStack): Array<{ reason: string; detail?: string }> {
  return stack
    .output()
    .stderr.split('\n')
    .filter(line => line.startsWith('authorizer: '))
    .map(line => JSON.parse(line.slice('authorizer: '.length)) as { reason: string; detail?: string });
}

describe.each([
  { profile: 'entra-id', issuerPath: /\/[0-9a-f-]{36}\/v2\.0$/ },
  { profile: 'okta', issuerPath: /\/oauth2\/default$/ },
  { profile: 'keycloak', issuerPath: /\/realms\/imaging$/ },
  { profile: 'auth0', issuerPath: /:\d+\/$/ },
])('with the local provider standing in for $profile', ({ profile, issuerPath }) => {
  let stack: E2eStack;
  let viewer: ViewerPage;

  beforeAll(async () => {
    stack = await startE2eStack(['--idp-profile', profile, '--access-token-ttl', String(accessTokenSeconds)]);
    viewer = await newViewerPage(browser);
  });

  afterAll(async () => {
    await viewer?.context.close();
    await stack?.stop();
  });

  it('signs in, draws a study with a bearer token on every request, refreshes, and signs out', async () => {
    const { page } = viewer;
    expect(stack.summary.issuer).toMatch(issuerPath);
    await stack.endpointControl('stats/reset', {});
    await signInAndOpenStudy(stack, viewer);
    expect((await waitForDrawnImage(page)).litFraction).toBeGreaterThan(0.1);

    await stack.providerControl('stats/reset', {});
    // The session refreshes at half the token's lifetime.
    const deadline = Date.now() + accessTokenSeconds * 1000;
    let provider = await stack.providerControl<OidcProviderStats>('stats');
    while (!provider.tokenRequests.refresh_token && Date.now() < deadline) {
      await page.waitForTimeout(250);
      provider = await stack.providerControl<OidcProviderStats>('stats');
    }
    expect(provider.tokenRequests.refresh_token).toBeGreaterThanOrEqual(1);
    expect(provider.refusedTokenRequests).toEqual({});
    // Images keep loading with the refreshed token.
    await page.mouse.wheel(0, 100);

    const endpoint = await stack.endpointControl<EndpointStats>('stats');
    expect(endpoint.byOperation.GetDICOMInstanceFrames?.byStatus['200']).toBeGreaterThan(0);
    for (const [operation, counts] of Object.entries(endpoint.byOperation)) {
      expect({ operation, withoutBearerToken: counts.withoutBearerToken }).toEqual({
        operation,
        withoutBearerToken: 0,
      });
    }
    expect(endpoint.byStatus['403'] ?? 0).toBe(0);
    expect(denials(stack)).toEqual([]);

    await stack.providerControl('stats/reset', {});
    await page.click('#healthimaging-sign-out');
    // Signed out at the provider's end-session endpoint, then back to its sign-in page.
    await page.waitForSelector('#username', { timeout: 30_000 });
    const signedOut = await stack.providerControl<OidcProviderStats>('stats');
    expect(signedOut.endSessions).toBe(1);
    // Revoked where the provider has a revocation endpoint; Entra ID has none.
    expect(signedOut.revocations > 0).toBe(!profile.startsWith('entra-id'));
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter(key => key.includes('user:')))).toEqual([]);
  });
});

describe("Entra ID's Graph-token trap: a viewer asking only for openid profile", () => {
  let stack: E2eStack;
  let viewer: ViewerPage;

  beforeAll(async () => {
    stack = await startE2eStack(['--idp-profile', 'entra-id', '--viewer-scope', 'openid profile']);
    viewer = await newViewerPage(browser);
  });

  afterAll(async () => {
    await viewer?.context.close();
    await stack?.stop();
  });

  it('is refused with a decision naming the scope to ask for, and the viewer says which scope to ask for', async () => {
    // The study list's first search is refused already.
    await signIn(stack, viewer);
    const banner = viewer.page.locator('#healthimaging-tokens-rejected');
    await banner.waitFor({ timeout: 60_000 });
    const text = await banner.textContent();
    expect(text).toContain('Microsoft Graph (audience 00000003-0000-0000-c000-000000000000)');
    expect(text).toContain('set auth.scope to "openid profile api://');
    const refused = denials(stack);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({
      reason: 'wrong-audience',
      detail: expect.stringMatching(/Microsoft Graph .*api:\/\/[0-9a-f-]{36}\/Imaging\.Read/),
    });
  });
});
