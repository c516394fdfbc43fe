import { foreignAudienceHint } from './foreignAudienceHint';

describe('foreignAudienceHint', () => {
  it('names the scope to ask for when the token is for Microsoft Graph', () => {
    const hint = foreignAudienceHint('00000003-0000-0000-c000-000000000000', 'openid profile');
    expect(hint).toContain('Microsoft Graph (audience 00000003-0000-0000-c000-000000000000)');
    expect(hint).toContain('set auth.scope to "openid profile api://<Application ID URI of the API>/<scope>"');
  });

  it('finds Graph in an array audience too', () => {
    expect(foreignAudienceHint(['https://graph.microsoft.com'], 'openid')).toContain('Microsoft Graph');
  });

  it('says nothing for any other audience', () => {
    expect(foreignAudienceHint(['api://6e74172b-be56-4843-9ff4-e66a39bb12e3', 'account'], 'openid profile')).toBe('');
    expect(foreignAudienceHint(undefined, 'openid profile')).toBe('');
  });
});
