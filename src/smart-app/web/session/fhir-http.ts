import type { Bundle, FhirResource } from 'fhir/r4.js';
import { z } from 'zod';

/** The FHIR server answered with an error status (its body, which may hold patient data, is not kept). */
export class FhirHttpError extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`FHIR server answered ${status}`);
    this.name = 'FhirHttpError';
    this.status = status;
  }
}

/** No answer arrived: offline, refused, timed out or cut off. A retry may succeed. */
export class FhirNetworkError extends Error {
  constructor() {
    super('The FHIR server could not be reached');
    this.name = 'FhirNetworkError';
  }
}

const resourceSchema = z.looseObject({ resourceType: z.string().min(1), id: z.string().optional() });
const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.looseObject({ resource: resourceSchema.optional() })).optional(),
  link: z.array(z.looseObject({ relation: z.string(), url: z.string() })).optional(),
});

/** The FHIR calls the app makes. */
export interface FhirHttp {
  readonly baseUrl: string;
  /** GET of one resource, e.g. `Patient/123`. */
  read<T extends FhirResource>(path: string): Promise<T>;
  /** GET of a search, following `next` links on the same server up to `maxPages`. */
  searchAll(path: string, maxPages?: number): Promise<FhirResource[]>;
  /** POST of a transaction Bundle to the base; resolves when the server has applied all of it. */
  transaction(bundle: Bundle<FhirResource>): Promise<void>;
}

export interface FhirHttpOptions {
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * A small FHIR REST client for the browser: bearer token, `application/fhir+json`, no cookies, no referrer, no
 * caching, a timeout on every call. Responses are checked for their shape once here.
 */
export function createFhirHttp(options: FhirHttpOptions): FhirHttp {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchFn = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const call = async (url: string, init: RequestInit = {}): Promise<unknown> => {
    const headers = { accept: 'application/fhir+json', authorization: `Bearer ${options.accessToken}` };
    let response: Response;
    try {
      response = await fetchFn(url, {
        ...init,
        headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new FhirNetworkError();
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FhirHttpError(response.status);
    }
    return response.json().catch(() => {
      throw new FhirNetworkError();
    });
  };
  const bundle = async (url: string, init?: RequestInit) => bundleSchema.parse(await call(url, init));
  return {
    baseUrl,
    read: async <T extends FhirResource>(path: string) =>
      resourceSchema.parse(await call(`${baseUrl}/${path}`)) as T,
    async searchAll(path, maxPages = 10) {
      const out: FhirResource[] = [];
      let url: string | undefined = `${baseUrl}/${path}`;
      for (let page = 0; url !== undefined && page < maxPages; page++) {
        const result = await bundle(url);
        for (const entry of result.entry ?? []) if (entry.resource) out.push(entry.resource as FhirResource);
        const next = result.link?.find((l) => l.relation === 'next')?.url;
        url = next?.startsWith(`${baseUrl}/`) ? next : undefined;
      }
      return out;
    },
    async transaction(body) {
      await bundle(baseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(body),
      });
    },
  };
}
