import { Client } from 'fhir-kit-client';
import { asArray, asObject, asString } from '../rules/index.ts';

/**
 * FHIR callbacks to the EHR's `fhirServer` with `fhir-kit-client`, under one abort signal (the time budget).
 * The bearer token is sent only to `fhirServer` itself: `next` links elsewhere are refused.
 * Never enable the `fhir-kit-client:*` debug namespaces in production: that logger prints request headers.
 */
export interface FhirFetcher {
  /** The resource, or null when the server says it does not exist (404/410). */
  read(relativeUrl: string): Promise<unknown>;
  /** Every resource of a search, following `next` links up to `maxPages`. */
  search(relativeUrl: string): Promise<unknown[]>;
  /** Continues a search from a Bundle's `next` link (prefetch that the EHR paginated). */
  continueSearch(bundle: unknown): Promise<unknown[]>;
}

export interface FetcherOptions {
  readonly baseUrl: string;
  readonly accessToken: string | undefined;
  readonly signal: AbortSignal;
  readonly maxPages?: number;
}

export class CallbackError extends Error {
  override readonly name = 'CallbackError';
  readonly reason: 'http' | 'timeout' | 'foreign-link' | 'too-many-pages' | 'bad-response';
  readonly status: number | undefined;
  constructor(reason: CallbackError['reason'], status?: number) {
    super(reason);
    this.reason = reason;
    this.status = status;
  }
}

function statusOf(err: unknown): number | undefined {
  const status = asObject(asObject(err)?.response)?.status;
  return typeof status === 'number' ? status : undefined;
}

function toCallbackError(err: unknown): CallbackError {
  if (err instanceof CallbackError) return err;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return new CallbackError('timeout');
  return new CallbackError('http', statusOf(err));
}

export function nextLink(bundle: unknown): string | undefined {
  const link = asArray(asObject(bundle)?.link).find((l) => asObject(l)?.relation === 'next');
  return asString(asObject(link)?.url);
}

function entriesOf(bundle: unknown): unknown[] {
  return asArray(asObject(bundle)?.entry)
    .map((e) => asObject(e)?.resource)
    .filter((r) => r !== undefined);
}

export function createFhirFetcher(options: FetcherOptions): FhirFetcher {
  const base = options.baseUrl.replace(/\/+$/, '');
  const client = new Client({
    baseUrl: base,
    ...(options.accessToken ? { bearerToken: options.accessToken } : {}),
  });
  const maxPages = options.maxPages ?? 10;
  const get = async (url: string): Promise<unknown> => {
    if (/^https?:/i.test(url) && !url.startsWith(`${base}/`)) throw new CallbackError('foreign-link');
    try {
      return await client.request(url, { options: { signal: options.signal } });
    } catch (err) {
      throw toCallbackError(err);
    }
  };
  const follow = async (first: unknown): Promise<unknown[]> => {
    const resources = entriesOf(first);
    let url = nextLink(first);
    for (let page = 1; url !== undefined; page++) {
      if (page >= maxPages) throw new CallbackError('too-many-pages');
      const bundle = await get(url);
      if (asObject(bundle)?.resourceType !== 'Bundle') throw new CallbackError('bad-response');
      resources.push(...entriesOf(bundle));
      url = nextLink(bundle);
    }
    return resources;
  };
  return {
    async read(relativeUrl) {
      try {
        return await get(relativeUrl);
      } catch (err) {
        if (err instanceof CallbackError && (err.status === 404 || err.status === 410)) return null;
        throw err;
      }
    },
    async search(relativeUrl) {
      const bundle = await get(relativeUrl);
      if (asObject(bundle)?.resourceType !== 'Bundle') throw new CallbackError('bad-response');
      return follow(bundle);
    },
    async continueSearch(bundle) {
      const url = nextLink(bundle);
      if (url === undefined) return [];
      return follow({ resourceType: 'Bundle', link: [{ relation: 'next', url }] });
    },
  };
}
