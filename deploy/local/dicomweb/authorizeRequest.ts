import type { AuthorizerEvent, AuthorizerResult } from 'ohif-healthimaging-authorizer';
import { isWriteOperation, type Operation } from 'ohif-healthimaging-contract';
import {
  AccessDeniedError,
  AuthorizerFailedError,
  AuthorizerTimeoutError,
  ForbiddenError,
  InvalidOrExpiredTokenError,
} from './errors';

export type { AuthorizerEvent, AuthorizerResult };

/** The authorizer function HealthImaging invokes (the Lambda; locally `createAuthorizer(settings).authorize`). */
export type AuthorizeFunction = (event: AuthorizerEvent) => Promise<AuthorizerResult>;

/** The two role ARNs the authorizer may answer with. */
export interface EndpointRoles {
  /** May perform the read operations only. */
  readerRoleArn: string;
  /** May read and store. */
  importerRoleArn: string;
}

export type Role = 'reader' | 'importer';

export interface AuthorizeRequestInput {
  authorize: AuthorizeFunction;
  event: AuthorizerEvent & { operation: Operation };
  roles: EndpointRoles;
  timeoutMs: number;
}

/**
 * Invokes the authorizer for one request and turns its answer into a role, as HealthImaging does:
 * no answer within `timeoutMs` → 408 Authorizer Timeout; a throw, a rejection, a malformed answer or a role ARN
 * that is neither of `roles` → 424 Authorizer Failed; `isTokenValid: false` → 403 Invalid or Expired Token;
 * `roleArn: ''` → 403 Access Denied; the reader role asking to store → 403 Forbidden.
 */
export async function authorizeRequest({ authorize, event, roles, timeoutMs }: AuthorizeRequestInput): Promise<Role> {
  const answer = await withTimeout(invoke(authorize, event), timeoutMs);
  if (typeof answer !== 'object' || answer === null) throw new AuthorizerFailedError('answer is not an object');
  const { isTokenValid, roleArn } = answer as Record<string, unknown>;
  if (typeof isTokenValid !== 'boolean' || typeof roleArn !== 'string') {
    throw new AuthorizerFailedError('answer lacks a boolean isTokenValid and a string roleArn');
  }
  if (!isTokenValid) throw new InvalidOrExpiredTokenError('authorizer: isTokenValid false');
  if (roleArn === '') throw new AccessDeniedError();
  const role: Role | undefined =
    roleArn === roles.importerRoleArn ? 'importer' : roleArn === roles.readerRoleArn ? 'reader' : undefined;
  if (role === undefined) throw new AuthorizerFailedError('roleArn is neither the reader nor the importer role');
  if (role === 'reader' && isWriteOperation(event.operation)) throw new ForbiddenError();
  return role;
}

/** Calls `authorize`, turning a synchronous throw and a rejection alike into 424. */
async function invoke(authorize: AuthorizeFunction, event: AuthorizerEvent): Promise<unknown> {
  try {
    return await authorize({ ...event });
  } catch (error) {
    throw new AuthorizerFailedError(`authorizer threw: ${error instanceof Error ? error.name : typeof error}`);
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuthorizerTimeoutError()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
