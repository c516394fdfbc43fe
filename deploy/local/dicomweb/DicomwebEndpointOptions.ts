import { healthImagingIdPattern, healthImagingIdRule } from 'ohif-healthimaging-contract';
import type { AuthorizeFunction, EndpointRoles } from './authorizeRequest';
import type { DicomStoreLike } from './DicomStoreLike';
import { resolveEndpointLimits, type EndpointLimits } from './EndpointLimits';
import {
  assertArrayOf,
  assertBoolean,
  assertInteger,
  assertMatch,
  assertNonEmptyString,
  assertObject,
  assertUrl,
  optional,
  type SettingsPath,
} from 'ohif-healthimaging-validation';
import { endpointOption } from './errors';
import { defaultKnobs, parseKnobs, type Knobs } from './knobs';
import { defaultMaxStowBytes } from './stow';
import type { ThrottleSettings } from './tokenBucket';

/** One answered DICOMweb request, for the `onRequest` hook. Carries no token and no query string. */
export interface RequestLogEntry {
  method: string;
  /** The URL path (the query, which may hold patient names, is left out). */
  path: string;
  /** The HealthImaging action, or `Unmatched`. */
  operation: string;
  status: number;
  /** Whether the request carried `Authorization: Bearer ...`. */
  hadBearerToken: boolean;
  /** Why a token was refused or the authorizer failed (403 Invalid or Expired Token, 424), when known. */
  reason?: string;
  durationMs: number;
}

export interface DicomwebEndpointOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** The datastore's id: 32 lower-case letters and digits, as HealthImaging's. Other ids answer 404. */
  datastoreId: string;
  /** Where the instances live (`DicomStore` of deploy/local/storage). */
  store: DicomStoreLike;
  /** The authorizer, invoked for every DICOMweb request after the token pre-checks. */
  authorize: AuthorizeFunction;
  /** The role ARNs the authorizer answers with; any other ARN is an authorizer failure (424). */
  roles: EndpointRoles;
  /**
   * How long the authorizer may take before the request fails with 408 Authorizer Timeout.
   * Default 1000 (HealthImaging).
   */
  authorizerTimeoutMs?: number;
  /**
   * Retrieve throttle (`throttledRetrieveOperations`), or false for none.
   * Default `{ ratePerSecond: 50, burst: 100 }` (HealthImaging).
   */
  throttle?: ThrottleSettings | false;
  /** Milliseconds added before each DICOMweb request is handled. Default 0. */
  addedLatencyMs?: number;
  /** Origins (exact `scheme://host:port`) allowed to call from a browser. Default none. */
  allowedOrigins?: string[];
  /**
   * Serve `/__local/stats`, `/__local/stats/reset`, `/__local/knobs` and `/__local/event-loop-delay` (no token
   * needed). Default false.
   */
  testControl?: boolean;
  /** Largest STOW-RS body in bytes; larger ones answer 413. Default 1 GiB (HealthImaging: 1 GB). */
  maxStowBytes?: number;
  /** Called after each DICOMweb request is answered. Default: nothing is logged per request. */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * URL, header, frame-list and multipart limits and the connection timeouts; each missing one has its default
   * (`EndpointLimits.ts`).
   */
  limits?: Partial<EndpointLimits>;
}

/** Options checked, with every default filled in. */
export interface ResolvedEndpointOptions
  extends
    Required<Omit<DicomwebEndpointOptions, 'onRequest' | 'throttle' | 'addedLatencyMs' | 'limits'>>,
    Pick<DicomwebEndpointOptions, 'onRequest'> {
  initialKnobs: Knobs;
  limits: EndpointLimits;
}

const storeMethods = [
  'importPart10',
  'searchStudies',
  'searchSeries',
  'searchInstances',
  'seriesMetadata',
  'instanceMetadata',
  'frames',
  'storedFrames',
  'instancePart10',
  'bulkdata',
] as const;
const roleArnPattern = /^arn:aws:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;

/** @throws EndpointOptionsError naming the option and what it should be. */
export function resolveEndpointOptions(options: DicomwebEndpointOptions): ResolvedEndpointOptions {
  assertObject(options, endpointOption('options'), 'an object (startDicomwebEndpoint needs one)');
  const { host = '127.0.0.1', port = 0, datastoreId, store, authorize, roles, onRequest } = options;
  assertNonEmptyString(host, endpointOption('host'), 'a host name or address, e.g. 127.0.0.1');
  assertInteger(port, endpointOption('port'), { min: 0, max: 65535, expected: '0 (any free port) to 65535' });
  assertMatch(
    datastoreId,
    healthImagingIdPattern,
    endpointOption('datastoreId'),
    `${healthImagingIdRule}, like a HealthImaging datastore id`,
  );
  const missing = storeMethods.filter(
    method => typeof (store as unknown as Record<string, unknown>)?.[method] !== 'function',
  );
  if (missing.length > 0) endpointOption('store').fail(`must be a DicomStore; missing ${missing.join(', ')}`);
  if (typeof authorize !== 'function')
    endpointOption('authorize').fail('must be a function (createAuthorizer(settings).authorize)');
  for (const key of ['readerRoleArn', 'importerRoleArn'] as const) {
    assertMatch(
      roles?.[key],
      roleArnPattern,
      endpointOption(`roles.${key}`),
      'an IAM role ARN like arn:aws:iam::000000000000:role/Name',
    );
  }
  if (roles.readerRoleArn === roles.importerRoleArn)
    endpointOption('roles.importerRoleArn').fail('must differ from roles.readerRoleArn');
  const authorizerTimeoutMs = optional(options.authorizerTimeoutMs, 1000, value =>
    assertInteger(value, endpointOption('authorizerTimeoutMs'), {
      min: 1,
      max: 60_000,
      expected: 'a whole number of milliseconds from 1 to 60000 (HealthImaging: 1000)',
    }),
  );
  const allowedOrigins = optional(options.allowedOrigins, [] as string[], value =>
    assertArrayOf(value, endpointOption('allowedOrigins'), origin, {
      expected: 'a list of origins like http://127.0.0.1:3000 (scheme, host and port, no path)',
    }),
  );
  const testControl = optional(options.testControl, false, value =>
    assertBoolean(value, endpointOption('testControl')),
  );
  const maxStowBytes = optional(options.maxStowBytes, defaultMaxStowBytes, value =>
    assertInteger(value, endpointOption('maxStowBytes'), { min: 1, expected: 'a whole number ≥ 1' }),
  );
  if (onRequest !== undefined && typeof onRequest !== 'function')
    endpointOption('onRequest').fail('must be a function');
  const initialKnobs: Knobs = {
    ...defaultKnobs,
    ...parseKnobs({
      ...(options.throttle === undefined ? {} : { throttle: options.throttle }),
      ...(options.addedLatencyMs === undefined ? {} : { addedLatencyMs: options.addedLatencyMs }),
    }),
  };
  return {
    host,
    port,
    datastoreId,
    store,
    authorize,
    roles: { readerRoleArn: roles.readerRoleArn, importerRoleArn: roles.importerRoleArn },
    authorizerTimeoutMs,
    allowedOrigins: [...allowedOrigins],
    testControl,
    maxStowBytes,
    onRequest,
    initialKnobs,
    limits: resolveEndpointLimits(options.limits),
  };
}

function origin(value: unknown, at: SettingsPath): string {
  const expected = 'an origin like http://127.0.0.1:3000 (scheme, host and port, no path)';
  const text = assertUrl(value, at, { expected, schemes: 'http-or-https' });
  if (new URL(text).origin !== text) at.expected(expected, value);
  return text;
}
