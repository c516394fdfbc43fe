/** The OHIF version pin in the root package.json (`"ohif": {"appVersion": "x.y.z"}`) is missing or malformed. */
export class OhifAppVersionError extends Error {
  constructor(source: string, problem: string) {
    super(source === 'OHIF_APP_VERSION' ? `${source} ${problem}` : `${source}: ohif.appVersion ${problem}`);
    this.name = 'OhifAppVersionError';
  }
}

/** npm could not be run, or the registry could not be reached, or the tarball could not be unpacked. */
export class OhifAppFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OhifAppFetchError';
  }
}

/** A downloaded tarball's hash differs from the registry's `dist.integrity`: it must not be unpacked. */
export class OhifAppIntegrityError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${file} does not match the registry's dist.integrity: expected ${expected}, got ${actual}`);
    this.name = 'OhifAppIntegrityError';
  }
}

/** An `assembleViewer` input is wrong; the message names the option and what to fix. */
export class AssembleViewerError extends Error {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`assembleViewer: ${option} ${problem}`);
    this.name = 'AssembleViewerError';
  }
}

/** A `securityHeaders` or `serveViewer` option is wrong; the message names it and what to fix. */
export class ViewerOptionError extends Error {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`${option} ${problem}`);
    this.name = 'ViewerOptionError';
  }
}

/** The viewer's port is taken by another process. */
export class ViewerPortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(
      `Port ${port} on ${host} is already in use, so the viewer cannot listen there. ` +
        `Stop the process using it, or choose another port (e.g. --viewer-port or VIEWER_PORT for npm start).`,
    );
    this.name = 'ViewerPortInUseError';
  }
}
