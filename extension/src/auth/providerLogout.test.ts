/** @jest-environment jsdom */
import { UserManager } from 'oidc-client-ts';
import { redirectNavigator } from './navigators';
import { leaveForProviderLogout } from './providerLogout';

type LogoutSettings = Parameters<typeof leaveForProviderLogout>[0];
const logoutSettings: LogoutSettings = {
  provider: 'oidc',
  cognitoDomain: undefined,
  clientId: 'ohif-viewer',
  postLogoutRedirectUri: 'https://viewer.example.org/',
};

// oidc-client-ts's own UserManager, with the provider's metadata given instead of discovered (no provider here).
function leave(metadata: Record<string, string>, settings = logoutSettings, idToken: string | undefined = 'id-token') {
  const navigations: string[] = [];
  const navigate = (url: string) => void navigations.push(url);
  const userManager = new UserManager(
    {
      authority: 'https://idp.example.org',
      client_id: 'ohif-viewer',
      redirect_uri: 'https://viewer.example.org/callback',
      metadata: { issuer: 'https://idp.example.org', ...metadata },
    },
    redirectNavigator(navigate),
  );
  return leaveForProviderLogout(settings, userManager, navigate, idToken).then(() => navigations);
}

describe('leaveForProviderLogout', () => {
  it("leaves for the provider's end-session endpoint with the ID token and the way back", async () => {
    const [logout] = await leave({ end_session_endpoint: 'https://idp.example.org/session/end' });
    const url = new URL(logout ?? '');
    expect(url.origin + url.pathname).toBe('https://idp.example.org/session/end');
    expect(url.searchParams.get('id_token_hint')).toBe('id-token');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe('https://viewer.example.org/');
  });

  it('goes straight back to the viewer when the provider has no end-session endpoint', async () => {
    await expect(leave({})).resolves.toEqual(['https://viewer.example.org/']);
  });

  it("uses Cognito's /logout, never the standard end-session parameters", async () => {
    const cognito: LogoutSettings = {
      ...logoutSettings,
      provider: 'cognito',
      cognitoDomain: 'https://viewer.auth.us-east-1.amazoncognito.com',
    };
    await expect(leave({ end_session_endpoint: 'https://idp.example.org/session/end' }, cognito)).resolves.toEqual([
      `https://viewer.auth.us-east-1.amazoncognito.com/logout?client_id=ohif-viewer&logout_uri=${encodeURIComponent('https://viewer.example.org/')}`,
    ]);
  });
});
