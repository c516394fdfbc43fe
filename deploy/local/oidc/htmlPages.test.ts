import { createHash } from 'node:crypto';

import { messagePage, signInPage, signOutPage, wrongCredentialsMessage } from './htmlPages';

describe('the provider pages', () => {
  it('sign-in: labelled inputs, the sign-in button, and no error at first', () => {
    const { html, contentSecurityPolicy } = signInPage({
      action: '/interaction/abc/login',
      clientName: 'the OHIF Viewer',
    });
    expect(html).toContain('<form method="post" action="/interaction/abc/login"');
    expect(html).toMatch(/<label for="username">Username<\/label>\s*<input id="username" name="username"/);
    expect(html).toMatch(
      /<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/,
    );
    expect(html).toContain('<button id="sign-in" type="submit">Sign in</button>');
    expect(html).not.toContain('role="alert"');
    expect(contentSecurityPolicy).toContain("default-src 'none'");
  });

  it('sign-in after a failure: the error in an alert tied to the inputs, the username kept and escaped', () => {
    const { html } = signInPage({
      action: '/interaction/abc/login',
      clientName: 'x',
      username: '"><script>',
      error: wrongCredentialsMessage,
    });
    expect(html).toContain(`<p class="error" id="sign-in-error" role="alert">${wrongCredentialsMessage}</p>`);
    expect(html).toContain('aria-describedby="sign-in-error"');
    expect(html).toContain('value="&#34;&#62;&#60;script&#62;"');
    expect(html).not.toContain('"><script>');
  });

  it('sign-out: submits the provider form with logout=yes, its script allowed by hash', () => {
    const form =
      '<form id="op.logoutForm" method="post" action="/session/end/confirm"><input type="hidden" name="xsrf" value="x"/></form>';
    const { html, contentSecurityPolicy } = signOutPage(form);
    expect(html).toContain(form);
    expect(html).toContain('form="op.logoutForm" name="logout" value="yes"');
    const script = /<script>(.*)<\/script>/.exec(html)?.[1] ?? '';
    expect(contentSecurityPolicy).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
  });

  it('message: escapes what it shows', () => {
    expect(messagePage('Problem', '<b>x</b>').html).toContain('<p>&#60;b&#62;x&#60;/b&#62;</p>');
  });
});
