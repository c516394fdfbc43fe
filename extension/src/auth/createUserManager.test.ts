/** @jest-environment ./extension/src/testing/browserEnvironment.js */
import { InMemoryWebStorage, WebStorageStateStore } from 'oidc-client-ts';
import { createUserManager } from './createUserManager';
import { resolveOidcSessionSettings } from './OidcSessionSettings';

const viewerOrigin = 'https://viewer.example.org';

function userManagerFor(overrides: Record<string, unknown> = {}) {
  const settings = resolveOidcSessionSettings(
    { authority: 'https://idp.example.org', clientId: 'ohif-viewer', ...overrides },
    { viewerOrigin },
  );
  const stores = {
    tokenStorage: new InMemoryWebStorage(),
    stateStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    keyPrefix: 'test.',
  };
  return createUserManager(settings, stores, () => undefined);
}

describe('createUserManager', () => {
  it('uses the code flow and none of its own timers or session monitor', () => {
    const { settings } = userManagerFor({ tokenRequestTimeoutSeconds: 7 });
    expect(settings).toMatchObject({
      authority: 'https://idp.example.org',
      client_id: 'ohif-viewer',
      redirect_uri: `${viewerOrigin}/callback`,
      response_type: 'code',
      automaticSilentRenew: false,
      monitorSession: false,
      requestTimeoutInSeconds: 7,
    });
  });

  it("seeds Cognito's revocation endpoint, which its discovery leaves out", () => {
    const cognito = userManagerFor({
      provider: 'cognito',
      cognitoDomain: 'https://viewer.auth.us-east-1.amazoncognito.com',
    });
    expect(cognito.settings.metadataSeed).toEqual({
      revocation_endpoint: 'https://viewer.auth.us-east-1.amazoncognito.com/oauth2/revoke',
    });
    expect(userManagerFor().settings.metadataSeed).toBeUndefined();
  });
});
