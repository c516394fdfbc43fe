import { Duration, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { CognitoIdentitySettings } from './DeploySettings';

/** Cognito group whose members get the reader role. */
export const readersGroup = 'readers';
/** Cognito group whose members get the importer role. */
export const importersGroup = 'importers';

/** The Cognito origins the viewer's browser talks to: the hosted sign-in domain and the regional issuer. */
export function cognitoOrigins(
  settings: CognitoIdentitySettings,
  region: string,
): { domain: string; issuerOrigin: string } {
  return {
    domain: `https://${settings.domainPrefix}.auth.${region}.amazoncognito.com`,
    issuerOrigin: `https://cognito-idp.${region}.amazonaws.com`,
  };
}

export interface CognitoViewerIdentityProps {
  settings: CognitoIdentitySettings;
  /** The viewer's origin, e.g. `https://d111111abcdef8.cloudfront.net` (may be a token). */
  viewerOrigin: string;
  callbackPath: string;
  logoutPath: string;
}

/**
 * A user pool for the viewer: administrators create users (no self sign-up), group membership (`readers`,
 * `importers`) decides the role, and the viewer signs in through the hosted UI with the authorization code flow
 * and PKCE as a public client (no secret).
 */
export class CognitoViewerIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The client for a viewer run locally (`identity.developmentCallbackUrls`), if any. */
  readonly developmentClient?: UserPoolClient;
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  readonly domainUrl: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of the pool's tokens. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: CognitoViewerIdentityProps) {
    super(scope, id);
    const { settings } = props;
    const region = Stack.of(this).region;
    const plus = settings.featurePlan === 'plus';
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: { off: Mfa.OFF, optional: Mfa.OPTIONAL, required: Mfa.REQUIRED }[settings.mfa],
      mfaSecondFactor: settings.mfa === 'off' ? undefined : { otp: true, sms: false },
      featurePlan: plus ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode: plus
        ? settings.threatProtection === 'enforced'
          ? StandardThreatProtectionMode.FULL_FUNCTION
          : StandardThreatProtectionMode.AUDIT_ONLY
        : undefined,
      userInvitation: {
        emailSubject: 'Your medical image viewer account',
        emailBody:
          'Your user name is {username} and your temporary password is {####}. You will choose a new password at first sign-in.',
      },
    });
    new UserPoolGroup(this, 'Readers', {
      userPool: this.userPool,
      groupName: readersGroup,
      description: 'May search and view studies (reader role)',
    });
    new UserPoolGroup(this, 'Importers', {
      userPool: this.userPool,
      groupName: importersGroup,
      description: 'May view and store studies (importer role)',
    });
    const domainPrefix = settings.domainPrefix;
    this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix } });
    this.domainUrl = `https://${domainPrefix}.auth.${region}.amazoncognito.com`;
    // Not `userPoolProviderUrl`: CloudFormation's ProviderURL attribute lacks the https:// scheme the `iss` claim has.
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;

    this.client = this.viewerClient('Viewer', settings, {
      callbackUrls: [`${props.viewerOrigin}${props.callbackPath}`, ...settings.extraCallbackUrls],
      logoutUrls: [`${props.viewerOrigin}${props.logoutPath}`, ...settings.extraLogoutUrls],
    });
    // Local addresses get their own client: a program on a user's machine listening on such an address could
    // otherwise receive sign-ins meant for the production viewer.
    if (settings.developmentCallbackUrls.length > 0) {
      this.developmentClient = this.viewerClient('Development', settings, {
        callbackUrls: settings.developmentCallbackUrls,
        logoutUrls: settings.developmentLogoutUrls,
      });
    }
  }

  private viewerClient(
    id: string,
    settings: CognitoIdentitySettings,
    redirects: { callbackUrls: string[]; logoutUrls: string[] },
  ): UserPoolClient {
    const client = this.userPool.addClient(id, {
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        ...redirects,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.minutes(settings.accessTokenMinutes),
      idTokenValidity: Duration.minutes(settings.accessTokenMinutes),
      refreshTokenValidity: Duration.days(settings.refreshTokenDays),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    // Sign-in happens only in the hosted UI (code flow + PKCE); the API flows (password, SRP, custom) stay off and
    // only the refresh token grant is allowed.
    (client.node.defaultChild as CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];
    return client;
  }
}
