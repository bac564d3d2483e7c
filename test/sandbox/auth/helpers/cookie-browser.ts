/** One hop the browser took. */
export interface BrowserHop {
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

export interface BrowserResult {
  readonly response: Response;
  readonly url: string;
  readonly hops: readonly BrowserHop[];
}

const MAX_HOPS = 20;

/**
 * A minimal cookie-keeping "browser" for one host: follows 30x redirects by hand (303 → GET), stores cookies by
 * name and drops expired ones. Enough to drive oidc-provider's interaction and resume cookies in tests.
 */
export class CookieBrowser {
  readonly #cookies = new Map<string, string>();

  get cookieNames(): string[] {
    return [...this.#cookies.keys()];
  }

  #store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', v = ''] = a.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (key.toLowerCase() === 'expires') return new Date(v).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  #cookieHeader(): Record<string, string> {
    if (this.#cookies.size === 0) return {};
    return { cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  async #go(method: string, url: string, body?: URLSearchParams): Promise<BrowserResult> {
    const hops: BrowserHop[] = [];
    let current = { method, url, body };
    for (let i = 0; i < MAX_HOPS; i++) {
      const response = await fetch(current.url, {
        method: current.method,
        redirect: 'manual',
        headers: {
          ...this.#cookieHeader(),
          ...(current.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(current.body ? { body: current.body.toString() } : {}),
      });
      this.#store(response);
      hops.push({ method: current.method, url: current.url, status: response.status });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        return { response, url: current.url, hops };
      }
      await response.arrayBuffer();
      current = { method: 'GET', url: new URL(location, current.url).href, body: undefined };
    }
    throw new Error(`More than ${MAX_HOPS} redirects`);
  }

  get(url: string): Promise<BrowserResult> {
    return this.#go('GET', url);
  }

  post(url: string, form: Record<string, string>): Promise<BrowserResult> {
    return this.#go('POST', url, new URLSearchParams(form));
  }
}
