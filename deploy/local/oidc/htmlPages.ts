import { createHash } from 'node:crypto';

/** An HTML page of the provider and the Content-Security-Policy it is served with. */
export interface HtmlPage {
  html: string;
  contentSecurityPolicy: string;
}

// No external resources (the machine may be offline); inline styles only.
const baseCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'";

const styles = `
  *{box-sizing:border-box}
  body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
    font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#0b1a33;color:#1d2433}
  main{width:min(22rem,calc(100vw - 2rem));background:#fff;border-radius:8px;padding:2rem;
    box-shadow:0 8px 24px rgba(0,0,0,.35)}
  h1{margin:0 0 .25rem;font-size:1.4rem}
  p.context{margin:0 0 1.5rem;color:#5a6478;font-size:.9rem}
  label{display:block;font-weight:600;margin:1rem 0 .35rem}
  input{width:100%;padding:.6rem .7rem;border:1px solid #9aa3b5;border-radius:4px;font:inherit}
  input:focus{outline:3px solid #5b9dff;outline-offset:1px;border-color:#2f6fdb}
  input[aria-invalid=true]{border-color:#b3261e}
  button{margin-top:1.5rem;width:100%;padding:.7rem;border:0;border-radius:4px;background:#2f6fdb;color:#fff;
    font:inherit;font-weight:600;cursor:pointer}
  button:hover,button:focus{background:#1f56b3}
  .error{margin:0 0 1rem;padding:.6rem .8rem;border-radius:4px;background:#fdecea;color:#8c1d18;border:1px solid #f1b0ab}
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}

function layout(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The message shown when the username or password is wrong (also what tests look for). */
export const wrongCredentialsMessage = 'Wrong username or password. Please try again.';

/**
 * The sign-in form: inputs `username` and `password`, submit button `#sign-in`. After a failed attempt it shows
 * `error` in an alert region and keeps the username.
 */
export function signInPage(options: {
  action: string;
  clientName: string;
  username?: string;
  error?: string;
}): HtmlPage {
  const { action, clientName, username = '', error } = options;
  const invalid = error ? ' aria-invalid="true" aria-describedby="sign-in-error"' : '';
  const body = `<h1>Sign in</h1>
<p class="context">to continue to ${escapeHtml(clientName)}</p>
${error ? `<p class="error" id="sign-in-error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="on">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false"
    required value="${escapeHtml(username)}"${invalid}${username ? '' : ' autofocus'}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${username ? ' autofocus' : ''}>
  <button id="sign-in" type="submit">Sign in</button>
</form>`;
  return { html: layout('Sign in', body), contentSecurityPolicy: baseCsp };
}

/** A page with a heading and one paragraph (errors, "signed out"). */
export function messagePage(title: string, message: string): HtmlPage {
  return {
    html: layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`),
    contentSecurityPolicy: baseCsp,
  };
}

// The viewer's "Sign out" already asked the user; this page signs out at once (the button stays for browsers
// without JavaScript). Clicking the button, rather than submitting the form, sends its logout=yes value.
const autoSignOutScript = "document.getElementById('sign-out').click();";
const autoSignOutScriptHash = createHash('sha256').update(autoSignOutScript).digest('base64');

/**
 * The RP-initiated logout page. `providerForm` is the provider's hidden form (id `op.logoutForm`, carrying the
 * anti-forgery token); the page submits it with `logout=yes` straight away.
 */
export function signOutPage(providerForm: string): HtmlPage {
  const body = `<h1>Signing out…</h1>
${providerForm}
<button id="sign-out" type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>${autoSignOutScript}</script>`;
  return {
    html: layout('Sign out', body),
    contentSecurityPolicy: `${baseCsp}; script-src 'sha256-${autoSignOutScriptHash}'`,
  };
}
