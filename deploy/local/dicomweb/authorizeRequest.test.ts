import type { Operation } from 'ohif-healthimaging-contract';
import { authorizeRequest, type AuthorizeFunction } from './authorizeRequest';
import {
  AccessDeniedError,
  AuthorizerFailedError,
  AuthorizerTimeoutError,
  ForbiddenError,
  InvalidOrExpiredTokenError,
} from './errors';
import { createTestAuth, testRoles } from './testing/testAuthorizer';

const datastoreId = '0123456789abcdef0123456789abcdef';
const auth = createTestAuth();

function run(
  authorize: AuthorizeFunction,
  bearerToken: string,
  operation: Operation = 'SearchDICOMStudies',
  timeoutMs = 1000,
) {
  return authorizeRequest({ authorize, event: { datastoreId, operation, bearerToken }, roles: testRoles, timeoutMs });
}

describe('authorizeRequest with the real authorizer', () => {
  it('gives a reader the reader role for reads', async () => {
    await expect(run(auth.authorize, auth.tokenFor('readers'), 'GetDICOMInstanceFrames')).resolves.toBe('reader');
  });

  it('gives an importer the importer role for reads and stores', async () => {
    await expect(run(auth.authorize, auth.tokenFor('importers'), 'SearchDICOMSeries')).resolves.toBe('importer');
    await expect(run(auth.authorize, auth.tokenFor('importers'), 'StoreDICOM')).resolves.toBe('importer');
  });

  it('answers 403 Access Denied when a valid token has no grant', async () => {
    await expect(run(auth.authorize, auth.tokenFor('nobody'))).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('answers 403 Invalid or Expired Token for a token signed with another key', async () => {
    const stranger = createTestAuth();
    await expect(run(auth.authorize, stranger.tokenFor('readers'))).rejects.toBeInstanceOf(InvalidOrExpiredTokenError);
  });

  it('answers 403 Forbidden when the reader role is returned for a store', async () => {
    // The real authorizer never returns the reader role for a store; HealthImaging still enforces the role.
    const readerForEverything: AuthorizeFunction = async () => ({
      isTokenValid: true,
      roleArn: testRoles.readerRoleArn,
    });
    await expect(run(readerForEverything, 'token', 'StoreDICOMStudy')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(run(readerForEverything, 'token', 'GetDICOMBulkdata')).resolves.toBe('reader');
  });
});

describe('authorizeRequest with a misbehaving authorizer', () => {
  it('answers 408 Authorizer Timeout when the authorizer takes 1.2 s', async () => {
    const slow: AuthorizeFunction = () =>
      new Promise(resolve => setTimeout(() => resolve({ isTokenValid: true, roleArn: testRoles.readerRoleArn }), 1200));
    const error = await run(slow, 'token').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthorizerTimeoutError);
    expect(error).toMatchObject({ status: 408, message: 'Authorizer Timeout' });
    // Let the slow answer arrive before the test ends, so no timer is left behind.
    await new Promise(resolve => setTimeout(resolve, 250));
  });

  it.each<[string, AuthorizeFunction]>([
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    ['rejects', () => Promise.reject(new Error('boom'))],
    ['answers null', async () => null as never],
    ['answers a string roleArn only', async () => ({ roleArn: testRoles.readerRoleArn }) as never],
    ['answers an unknown role', async () => ({ isTokenValid: true, roleArn: 'arn:aws:iam::000000000000:role/Other' })],
  ])('answers 424 Authorizer Failed when the authorizer %s', async (_name, authorize) => {
    const error = await run(authorize, 'token').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthorizerFailedError);
    expect(error).toMatchObject({ status: 424, message: 'Authorizer Failed' });
  });

  it('passes the event through unchanged', async () => {
    const seen: unknown[] = [];
    const recording: AuthorizeFunction = async event => {
      seen.push(event);
      return { isTokenValid: true, roleArn: testRoles.importerRoleArn };
    };
    await run(recording, 'the-token', 'GetDICOMInstance');
    expect(seen).toEqual([{ datastoreId, operation: 'GetDICOMInstance', bearerToken: 'the-token' }]);
  });
});
