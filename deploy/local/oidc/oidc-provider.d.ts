// oidc-provider 9 ships no type declarations. These cover only what this folder uses; the configuration object
// is described by `ProviderConfiguration` in providerConfiguration.ts and passed through as a plain object.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The request context the provider hands to configuration callbacks and middleware (a Koa context). */
  export interface KoaContextWithOIDC {
    method: string;
    path: string;
    status: number;
    type: string;
    body: unknown;
    host: string;
    oidc: OIDCContext;
    set(header: string, value: string): void;
  }

  export interface OIDCContext {
    route: string;
    params?: Record<string, string | undefined>;
    client?: Client;
    session?: Session;
    account?: { accountId: string };
    result?: { consent?: { grantId?: string } };
    resourceServers: Record<string, { scope: string; scopes: Set<string> }>;
    entities: { RotatedRefreshToken?: { remainingTTL: number } };
    readonly requestParamScopes: Set<string>;
    readonly requestParamOIDCScopes: Set<string>;
    provider: Provider;
  }

  export interface Client {
    clientId: string;
    clientAuthMethod: string;
    grantTypeAllowed(grantType: string): boolean;
  }

  /** A token or code being issued (what `extraTokenClaims` and the ttl functions receive). */
  export interface IssuedToken {
    kind: string;
    accountId?: string;
    clientId?: string;
    /** Space-separated granted scopes (access tokens). */
    scope?: string;
  }

  export interface Session {
    accountId?: string;
    grantIdFor(clientId: string): string | undefined;
  }

  export interface Grant {
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    rejectResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface Interaction {
    uid: string;
    prompt: { name: string; reasons: string[] };
    params: Record<string, unknown>;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean };
    error?: string;
    error_description?: string;
  }

  /** The base of every error the provider throws; `error` is the OAuth error code. */
  export class OIDCProviderError extends Error {
    error: string;
    error_description?: string;
    status: number;
    constructor(description?: string);
  }

  export const errors: {
    OIDCProviderError: typeof OIDCProviderError;
    SessionNotFound: typeof OIDCProviderError;
    InvalidTarget: typeof OIDCProviderError;
  };

  export type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export default class Provider {
    constructor(issuer: string, configuration: object);
    readonly issuer: string;
    readonly Grant: GrantConstructor;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: Middleware): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
