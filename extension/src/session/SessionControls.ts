import { foreignAudienceHint } from '../auth/foreignAudienceHint';
import type { OidcSession, RejectedTokensReport } from '../auth/OidcSession';

/** What the controls need of the session: who is signed in, the two actions a user can take, the scope it asks for. */
type SessionLike = Pick<OidcSession, 'user' | 'state' | 'signIn' | 'signOut' | 'on' | 'settings'>;

const panelStyle =
  'position:fixed;z-index:2147483646;font:13px/1.4 system-ui,sans-serif;color:#fff;background:#0b1a42;' +
  'border:1px solid #3a3f99;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.5);display:flex;gap:.75rem;align-items:center';
const buttonStyle =
  'font:inherit;color:#0b1a42;background:#5acce6;border:0;border-radius:4px;padding:.2rem .7rem;cursor:pointer';

/**
 * The session's own small piece of UI, in plain DOM (a runtime extension has no React of its own to render with,
 * and OHIF shows its Logout item only for its built-in OIDC): who is signed in with a "Sign out" button, and, when
 * the session has stopped and only the user can continue, a banner with a "Sign in" button that comes back to
 * the same URL. Nothing redirects without the user's click once the session has stopped, so there is no loop.
 */
export class SessionControls {
  private readonly userBadge: HTMLDivElement;
  private readonly userName: HTMLSpanElement;
  private banner: HTMLDivElement | undefined;
  private rejectionBanner: HTMLDivElement | undefined;

  constructor(
    private readonly document: Document,
    private readonly session: SessionLike,
  ) {
    this.userBadge = document.createElement('div');
    this.userBadge.id = 'healthimaging-session';
    this.userBadge.style.cssText = `${panelStyle};right:.5rem;bottom:.5rem;padding:.25rem .25rem .25rem .6rem;opacity:.85`;
    this.userName = document.createElement('span');
    const signOut = this.button('Sign out', () => this.session.signOut());
    signOut.id = 'healthimaging-sign-out';
    this.userBadge.append(this.userName, signOut);
    session.on('user-changed', () => this.render());
    session.on('sign-in-required', error =>
      this.showSignInRequired(`Your session has ended (${error.message}). Sign in again to go on where you were.`),
    );
    session.on('tokens-rejected', report => this.showTokensRejected(report));
    this.render();
  }

  /** Shows the banner with a "Sign in" button; `message` says why. */
  showSignInRequired(message: string): void {
    this.banner?.remove();
    const banner = this.document.createElement('div');
    banner.id = 'healthimaging-sign-in-required';
    banner.setAttribute('role', 'alert');
    banner.style.cssText = `${panelStyle};left:50%;top:.5rem;transform:translateX(-50%);padding:.6rem .8rem;max-width:40rem`;
    const text = this.document.createElement('span');
    text.textContent = message;
    const signIn = this.button('Sign in', () => this.session.signIn());
    signIn.id = 'healthimaging-sign-in';
    banner.append(text, signIn);
    this.document.body.append(banner);
    this.banner = banner;
  }

  /**
   * Says that the image service refuses the viewer's fresh tokens, with what the token said and the likely causes:
   * a radiologist forwards it, an administrator fixes the authorizer's settings. Kept up to date while it lasts.
   */
  showTokensRejected(report: RejectedTokensReport): void {
    if (this.rejectionBanner === undefined) {
      const banner = this.document.createElement('div');
      banner.id = 'healthimaging-tokens-rejected';
      banner.setAttribute('role', 'alert');
      banner.style.cssText = `${panelStyle};left:50%;top:.5rem;transform:translateX(-50%);padding:.6rem .8rem;max-width:48rem;display:block`;
      this.document.body.append(banner);
      this.rejectionBanner = banner;
    }
    this.rejectionBanner.textContent =
      describeRejection(report) + foreignAudienceHint(report.claims.aud, this.session.settings.scope);
  }

  private render(): void {
    const user = this.session.user;
    if (user === undefined) {
      this.userBadge.remove();
      return;
    }
    this.banner?.remove();
    this.banner = undefined;
    const profile = user.profile;
    this.userName.textContent = String(profile.preferred_username ?? profile.name ?? profile.email ?? profile.sub);
    if (!this.userBadge.isConnected) {
      this.document.body.append(this.userBadge);
    }
  }

  private button(label: string, action: () => Promise<void>): HTMLButtonElement {
    const button = this.document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.style.cssText = buttonStyle;
    button.addEventListener('click', () => {
      button.disabled = true;
      action().catch(error => {
        button.disabled = false;
        console.warn(`${label} failed:`, error instanceof Error ? error.message : error);
      });
    });
    return button;
  }
}

function describeRejection({ claims, tokenAgeSeconds, rejectedAt }: RejectedTokensReport): string {
  const time = (seconds: number | undefined) =>
    seconds === undefined ? 'not said' : new Date(seconds * 1000).toISOString();
  const audience = Array.isArray(claims.aud) ? claims.aud.join(', ') : (claims.aud ?? 'none');
  return (
    `The image service refuses this viewer's sign-in: it rejected as invalid or expired a token obtained ${tokenAgeSeconds} s ago, ` +
    'again after a refresh, so images cannot load. Likely causes: the authorizer is configured for another issuer, audience ' +
    "or client id than this token has, or a clock is wrong (this computer's or the authorizer's). " +
    `The token: issuer ${claims.iss ?? 'not said'}, audience ${audience}, client ${claims.client ?? 'not said'}, ` +
    `issued ${time(claims.iat)}, expires ${time(claims.exp)}; this computer's time ${time(rejectedAt)}. ` +
    'Tell your administrator; the viewer tries again every 30 seconds.'
  );
}
