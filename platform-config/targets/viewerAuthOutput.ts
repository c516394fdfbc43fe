import type { AuthValues } from '../src/AppConfigValues';
import { TargetInputsError } from './TargetInputsError';

/** The keys of the viewer's `auth` block a stack's `ViewerAuth` output may carry. */
export type ViewerAuthOutput = Pick<AuthValues, 'scope' | 'extraQueryParams'>;

/**
 * Reads the stack's `ViewerAuth` output: JSON the CDK app writes for a named identity provider, with the scope the
 * viewer must ask for (Entra: `api://<app>/<scope>`) and the sign-in parameters it needs (Auth0: `audience`).
 * Absent for Cognito and a generic provider. Anything else is refused: the stack and this code disagree.
 */
export function parseViewerAuthOutput(text: string | undefined): ViewerAuthOutput {
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TargetInputsError(
      'outputs.ViewerAuth',
      `must be JSON, got ${JSON.stringify(text.slice(0, 80))}: redeploy the stack with this version of the project`,
    );
  }
  const auth = value as Record<string, unknown>;
  const known =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(auth).every(key => key === 'scope' || key === 'extraQueryParams');
  const scopeOk = auth?.scope === undefined || typeof auth.scope === 'string';
  const params = auth?.extraQueryParams;
  const paramsOk =
    params === undefined ||
    (typeof params === 'object' && params !== null && Object.values(params).every(v => typeof v === 'string'));
  if (!known || !scopeOk || !paramsOk) {
    throw new TargetInputsError(
      'outputs.ViewerAuth',
      `must be an object with scope (a string) and extraQueryParams (strings) only, got ${text.slice(0, 120)}: redeploy the stack with this version of the project`,
    );
  }
  return {
    ...(auth.scope === undefined ? {} : { scope: auth.scope as string }),
    ...(params === undefined ? {} : { extraQueryParams: { ...(params as Record<string, string>) } }),
  };
}
