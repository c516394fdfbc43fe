import { parseAuthorizerSettings } from 'ohif-healthimaging-authorizer';
import { localAuthorizerSettings, localRoles } from './localAuthorizerSettings';

describe('localAuthorizerSettings', () => {
  it('is accepted by the authorizer and points it at the local provider and this datastore', () => {
    const datastoreId = '10ca1da7a5e0d1c0b0e00000000000a1';
    const datastoreUrl = `http://127.0.0.1:5002/datastore/${datastoreId}`;
    const settings = parseAuthorizerSettings(
      localAuthorizerSettings('http://127.0.0.1:5001', datastoreUrl, datastoreId),
    );
    expect(settings).toMatchObject({
      provider: 'oidc',
      issuer: 'http://127.0.0.1:5001',
      jwksUri: 'http://127.0.0.1:5001/jwks',
      audiences: [datastoreUrl],
      datastoreId,
      roles: { reader: localRoles.readerRoleArn, importer: localRoles.importerRoleArn },
    });
  });
});
