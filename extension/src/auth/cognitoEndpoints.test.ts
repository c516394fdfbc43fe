import { cognitoLogoutUrl, cognitoRevocationEndpoint } from './cognitoEndpoints';

const domain = 'https://viewer.auth.us-east-1.amazoncognito.com';

describe('Cognito endpoints', () => {
  it('logs out at /logout with client_id and logout_uri, encoded', () => {
    expect(cognitoLogoutUrl(domain, 'ohif viewer', 'https://viewer.example.org/?a=1&b=2')).toBe(
      `${domain}/logout?client_id=ohif+viewer&logout_uri=${encodeURIComponent('https://viewer.example.org/?a=1&b=2')}`,
    );
  });

  it('revokes at /oauth2/revoke', () => {
    expect(cognitoRevocationEndpoint(domain)).toBe(`${domain}/oauth2/revoke`);
  });
});
