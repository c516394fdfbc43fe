/**
 * The cookies of one simulated browser talking to one host: enough for the provider's session and interaction
 * cookies (they have distinct names, so paths are ignored).
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes the Set-Cookie headers of a response; a cookie set to expire in the past is removed. */
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some(attribute => {
        const [key = '', attributeValue = ''] = attribute.split('=').map(part => part.trim());
        if (key.toLowerCase() === 'max-age') return Number(attributeValue) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(attributeValue) <= Date.now();
        return false;
      });
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /**
   * GET (or, with `form`, POST urlencoded) `url` as a browser with these cookies would, without following
   * redirects; the response's cookies go into the jar.
   */
  async request(url: string, form?: URLSearchParams): Promise<Response> {
    const cookie = this.header();
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(cookie && { Cookie: cookie }),
        ...(form && { 'Content-Type': 'application/x-www-form-urlencoded' }),
      },
      ...(form && { body: form }),
    });
    this.store(response);
    return response;
  }

  /** The Cookie request header value, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
