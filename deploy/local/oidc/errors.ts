import { SettingsError } from 'ohif-healthimaging-validation';

/** An option given to the local OpenID Connect provider (or its command line) is missing or has the wrong shape. */
export class OidcProviderOptionsError extends SettingsError {
  constructor(
    /** The option's path, e.g. `viewer.redirectUris[0]`, or a flag of the command line. */
    readonly option: string,
    /** What is wrong and what to give instead. */
    readonly reason: string,
  ) {
    super(option, reason, { source: 'OIDC provider option' });
  }
}

/** The provider's data folder holds a file it cannot read (damaged, or written by something else). */
export class OidcDataFolderError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}; remove the file to start afresh (users will have to sign in again)`);
    this.name = new.target.name;
  }
}
