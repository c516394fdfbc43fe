import type { INavigator, IWindow } from 'oidc-client-ts';

/**
 * The navigator oidc-client-ts leaves the page with for a sign-in or a logout redirect, going through the session's
 * `navigate`: tests see the URL instead of the page leaving.
 */
export function redirectNavigator(navigate: (url: string) => void): INavigator {
  return {
    prepare: async (): Promise<IWindow> => ({
      navigate: async ({ url }) => {
        navigate(url);
        return { url };
      },
      close: () => undefined,
    }),
    callback: async () => undefined,
  };
}

/**
 * Refuses to open a popup or iframe: the session only ever leaves the page by a full redirect, so a refresh can
 * never fall back to a hidden iframe (no third-party cookies needed).
 */
export function refusingNavigator(kind: 'popup' | 'iframe'): INavigator {
  return {
    prepare: () =>
      Promise.reject(
        new Error(`OIDC session: ${kind} sign-in is disabled (refresh tokens and full-page redirects only)`),
      ),
    callback: () => Promise.reject(new Error(`OIDC session: ${kind} sign-in is disabled`)),
  };
}
