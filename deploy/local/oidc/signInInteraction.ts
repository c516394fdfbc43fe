import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type Provider from 'oidc-provider';
import type { OIDCProviderError } from 'oidc-provider';

import { messagePage, signInPage, wrongCredentialsMessage, type HtmlPage } from './htmlPages';
import { viewerClientId, type LocalUser } from './OidcProviderOptions';

const interactionPath = /^\/interaction\/([\w-]+)(\/login)?$/;
const maxFormBytes = 16 * 1024;
const clientNames: Record<string, string> = { [viewerClientId]: 'the OHIF Viewer' };

/**
 * Serves the sign-in step of the provider's interactions: `GET /interaction/<uid>` shows the form,
 * `POST /interaction/<uid>/login` checks the credentials and hands the result back to the provider.
 * Consent never reaches here: the configuration grants it automatically.
 * Returns false for any other request, which the caller passes on to the provider.
 */
export function createSignInInteraction(
  provider: Provider,
  users: LocalUser[],
  SessionNotFound: typeof OIDCProviderError,
): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean> {
  const usersByName = new Map(users.map(user => [user.username, user]));

  return async (req, res, pathname) => {
    const match = interactionPath.exec(pathname);
    if (!match) return false;
    const [, uid, login] = match;
    const isForm = req.method === 'GET' && !login;
    const isSubmit = req.method === 'POST' && login;
    if (!isForm && !isSubmit) {
      sendPage(res, 405, messagePage('Not allowed', `${req.method} is not supported here.`));
      return true;
    }

    try {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.uid !== uid) {
        sendPage(
          res,
          400,
          messagePage('Sign-in problem', 'This sign-in page is no longer current. Go back and sign in again.'),
        );
        return true;
      }
      if (interaction.prompt.name !== 'login') {
        // The configuration grants consent itself (loadExistingGrant); any other prompt is a configuration bug.
        throw new Error(
          `unexpected interaction prompt ${interaction.prompt.name} (${interaction.prompt.reasons.join(', ')})`,
        );
      }
      const clientName = clientNames[String(interaction.params.client_id)] ?? String(interaction.params.client_id);
      const action = `/interaction/${uid}/login`;
      if (isForm) {
        sendPage(res, 200, signInPage({ action, clientName }));
        return true;
      }

      const form = await readForm(req);
      if (!form) {
        sendPage(res, 413, messagePage('Sign-in problem', 'The sign-in form sent too much data.'));
        return true;
      }
      const username = form.get('username') ?? '';
      const user = usersByName.get(username);
      if (!user || !sameSecret(user.password, form.get('password') ?? '')) {
        sendPage(res, 200, signInPage({ action, clientName, username, error: wrongCredentialsMessage }));
        return true;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.username } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      if (!(error instanceof SessionNotFound)) throw error;
      sendPage(
        res,
        400,
        messagePage('Sign-in expired', 'This sign-in page has expired. Go back to the viewer and sign in again.'),
      );
    }
    return true;
  };
}

function sendPage(res: ServerResponse, status: number, page: HtmlPage): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': page.contentSecurityPolicy,
    'Cache-Control': 'no-store',
  });
  res.end(page.html);
}

/** Compares digests so that the time taken does not depend on how much of the password matched. */
function sameSecret(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** The posted form, or undefined when it is larger than any sign-in form can be. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxFormBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
