import type { Bundle, Resource } from 'fhir/r4.js';

/** The record could not be read (the FHIR server refused, failed, timed out or answered something unexpected). */
export class PortalUnavailableError extends Error {
  /** HTTP status from the FHIR server, or 0 when there was no answer. */
  readonly status: number;
  constructor(reason: string, status = 0) {
    super(reason);
    this.name = 'PortalUnavailableError';
    this.status = status;
  }
}

export interface FhirRestReaderOptions {
  /** Where requests go. */
  readonly fhirBaseUrl: string;
  /** Other bases the server's own links may use (its public base); mapped onto `fhirBaseUrl`. */
  readonly linkBaseUrls: readonly string[];
  readonly accessToken: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

/** More pages than this means something is wrong (a link loop); the page is refused rather than shown partly. */
const MAX_PAGES = 200;
const FHIR_JSON = 'application/fhir+json';

export interface FhirRestReader {
  /** Reads one resource; `undefined` when the server answers 404 (hidden and missing look the same). */
  read(resourceType: string, id: string): Promise<Resource | undefined>;
  /** Every match of a search, following `next` links on the same server only. */
  searchAll(resourceType: string, params: Readonly<Record<string, string>>): Promise<Resource[]>;
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Maps a `next` link onto the base the portal calls; undefined for a link to any other server. */
function localLink(link: string, options: FhirRestReaderOptions): string | undefined {
  const target = trimmed(options.fhirBaseUrl);
  for (const base of [target, ...options.linkBaseUrls.map(trimmed)]) {
    if (link.startsWith(`${base}/`) || link.startsWith(`${base}?`))
      return `${target}${link.slice(base.length)}`;
  }
  return undefined;
}

async function getJson(
  url: string,
  options: FhirRestReaderOptions,
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await options.fetch(url, {
      headers: { accept: FHIR_JSON, authorization: `Bearer ${options.accessToken}` },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
  } catch {
    throw new PortalUnavailableError('fhir-unreachable');
  }
  const body: unknown = response.ok ? await response.json().catch(() => undefined) : undefined;
  if (!response.ok) await response.body?.cancel();
  return { status: response.status, body };
}

function isResource(value: unknown): value is Resource {
  return typeof value === 'object' && value !== null && typeof (value as Resource).resourceType === 'string';
}

function matchesOf(bundle: Bundle, resourceType: string): Resource[] {
  return (bundle.entry ?? [])
    .filter((e) => e.search?.mode === undefined || e.search.mode === 'match')
    .map((e) => e.resource)
    .filter((r): r is Resource => isResource(r) && r.resourceType === resourceType);
}

function pageOf(body: unknown, status: number): Bundle {
  if (status !== 200 || !isResource(body) || body.resourceType !== 'Bundle') {
    throw new PortalUnavailableError('fhir-search-failed', status);
  }
  return body as Bundle;
}

/** A read-only FHIR REST client for one access token (FHIR R4 RESTful API: read, search, paging). */
export function createFhirRestReader(options: FhirRestReaderOptions): FhirRestReader {
  const base = trimmed(options.fhirBaseUrl);
  return {
    async read(resourceType, id) {
      const { status, body } = await getJson(`${base}/${resourceType}/${encodeURIComponent(id)}`, options);
      if (status === 404 || status === 410) return undefined;
      if (status !== 200 || !isResource(body) || body.resourceType !== resourceType) {
        throw new PortalUnavailableError('fhir-read-failed', status);
      }
      return body;
    },
    async searchAll(resourceType, params) {
      const found: Resource[] = [];
      let url: string | undefined = `${base}/${resourceType}?${new URLSearchParams(params).toString()}`;
      for (let pages = 0; url !== undefined; pages++) {
        if (pages >= MAX_PAGES) throw new PortalUnavailableError('fhir-too-many-pages');
        const { status, body } = await getJson(url, options);
        const page = pageOf(body, status);
        found.push(...matchesOf(page, resourceType));
        const next = page.link?.find((l) => l.relation === 'next')?.url;
        url = next === undefined ? undefined : localLink(next, options);
        if (next !== undefined && url === undefined) throw new PortalUnavailableError('fhir-foreign-link');
      }
      return found;
    },
  };
}
