/** An import setting or command-line argument is wrong; the message names it and what to fix. */
export class ImportSettingError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting} ${problem}`);
    this.name = 'ImportSettingError';
  }
}

/** The folder to import cannot be read. */
export class ImportFolderError extends Error {
  constructor(
    readonly folder: string,
    problem: string,
  ) {
    super(`Cannot import ${folder}: ${problem}`);
    this.name = 'ImportFolderError';
  }
}

/** No access token could be obtained (discovery or token endpoint failed). Never contains the secret or a token. */
export class TokenRequestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenRequestError';
  }
}

/**
 * The DICOMweb endpoint refuses the import's credentials (401, or 403 after a fresh token): continuing would only
 * be refused again, so the import stops.
 */
export class ImportAuthorizationError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
  ) {
    super(
      `The DICOMweb endpoint refused the import's credentials (HTTP ${status}${serverMessage ? `: ${serverMessage}` : ''}). ` +
        'Check that the token is for this endpoint and grants write access (importer role / system/ImagingStudy.write).',
    );
    this.name = 'ImportAuthorizationError';
  }
}
