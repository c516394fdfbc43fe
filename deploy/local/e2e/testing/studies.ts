import { signInOverHttp } from '../../oidc/testing';
import type { LocalStackSummary } from '../../stack/localStackSummary';

/** The sample studies' UIDs, most instances first, read from the endpoint with a reader's token. */
export async function sampleStudyUids(summary: LocalStackSummary): Promise<string[]> {
  const reader = summary.users.find(user => user.username === 'reader')!;
  const { accessToken } = await signInOverHttp({
    issuer: summary.issuer,
    username: reader.username,
    password: reader.password,
    redirectUri: `${summary.viewerUrl}/callback`,
  });
  const response = await fetch(`${summary.datastoreUrl}/studies`, {
    headers: { Accept: 'application/dicom+json', Authorization: `Bearer ${accessToken}` },
  });
  const studies = (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
  const instances = (study: Record<string, { Value?: unknown[] }>) => Number(study['00201208']?.Value?.[0] ?? 0);
  return studies.sort((a, b) => instances(b) - instances(a)).map(study => String(study['0020000D']?.Value?.[0]));
}

/** The viewer URL that opens a study in our mode. */
export function studyUrl(summary: LocalStackSummary, studyInstanceUid: string): string {
  return `${summary.viewerUrl}/healthimaging?StudyInstanceUIDs=${studyInstanceUid}`;
}

/** The tokens the signed-in viewer holds (in sessionStorage, where the session keeps the user). Runs in the page. */
export function readStoredTokens(): { access_token?: string; refresh_token?: string } {
  const key = Object.keys(sessionStorage).find(name => name.includes('user:'));
  return key
    ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string; refresh_token?: string })
    : {};
}

/** Revokes a refresh token at the provider's revocation endpoint (RFC 7009), as an administrator would. */
export async function revokeRefreshToken(issuer: string, refreshToken: string): Promise<void> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    revocation_endpoint: string;
  };
  const response = await fetch(discovery.revocation_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: 'ohif-viewer' }),
  });
  if (!response.ok) throw new Error(`revocation answered ${response.status}: ${await response.text()}`);
}
