/**
 * What a rejected access token said about itself, for the person who must fix the configuration: its issuer,
 * audience, client and times, read from the JWT's payload without verifying it (the service already refused it).
 * Never the token itself, nor its signature.
 */
export interface RejectedTokenClaims {
  iss?: string;
  aud?: string | string[];
  /** The client claim under whichever name the provider uses (`client_id`, `azp`, `cid`, `appid`). */
  client?: string;
  iat?: number;
  exp?: number;
}

export function describeRejectedToken(token: string | undefined): RejectedTokenClaims {
  const payload = token?.split('.')[1];
  if (payload === undefined) return {};
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(decodeBase64Url(payload)) as Record<string, unknown>;
  } catch {
    return {};
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const aud = claims.aud;
  return {
    iss: text(claims.iss),
    aud:
      typeof aud === 'string' || (Array.isArray(aud) && aud.every(item => typeof item === 'string'))
        ? (aud as string | string[])
        : undefined,
    client: text(claims.client_id) ?? text(claims.azp) ?? text(claims.cid) ?? text(claims.appid),
    iat: number(claims.iat),
    exp: number(claims.exp),
  };
}

function decodeBase64Url(text: string): string {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), character => character.charCodeAt(0)));
}
