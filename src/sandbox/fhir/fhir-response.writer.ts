import type { Bundle, BundleEntry, BundleLink, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { Response } from 'express';
import { internalErrorOutcome } from '../../shared/index.ts';

/** The content type of every FHIR response (R4 http.html §3.1.0.1.6). */
export const FHIR_JSON_UTF8 = 'application/fhir+json; charset=utf-8';

/** The `return` preference of a `Prefer` header (R4 http.html §3.1.0.1.8). */
export type PreferReturn = 'minimal' | 'representation' | 'OperationOutcome';

export function parsePreferReturn(header: string | readonly string[] | undefined): PreferReturn {
  const text = typeof header === 'string' ? header : (header ?? []).join(',');
  const match = /return\s*=\s*"?(minimal|representation|OperationOutcome)"?/i.exec(text);
  const value = match?.[1]?.toLowerCase();
  if (value === 'minimal') return 'minimal';
  if (value === 'operationoutcome') return 'OperationOutcome';
  return 'representation';
}

/** `W/"versionId"`, the weak ETag R4 uses for versions. */
export function weakEtag(versionId: string): string {
  return `W/"${versionId}"`;
}

/** Headers describing one stored resource: ETag, Last-Modified and, for writes, the versioned Location. */
export function resourceHeaders(
  resource: Resource,
  baseUrl: string,
  withLocation: boolean,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const versionId = resource.meta?.versionId;
  const lastUpdated = resource.meta?.lastUpdated;
  if (versionId) headers.ETag = weakEtag(versionId);
  if (lastUpdated) headers['Last-Modified'] = new Date(lastUpdated).toUTCString();
  if (withLocation && resource.id && versionId) {
    headers.Location = `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${versionId}`;
  }
  return headers;
}

/** Sends a FHIR JSON body (or none) with the given status and headers; no content-hash ETag (ETags are versions). */
export function sendFhir(
  res: Response,
  status: number,
  body: object | undefined,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined) {
    res.end();
    return;
  }
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  res.setHeader('Content-Type', FHIR_JSON_UTF8);
  res.setHeader('Content-Length', String(json.length));
  res.end(json);
}

/** Sends an error outcome; anything 5xx becomes the generic outcome, so no internal detail leaves the server. */
export function sendOutcome(res: Response, status: number, outcome: OperationOutcome): void {
  sendFhir(res, status, status >= 500 ? internalErrorOutcome() : outcome);
}

function fullUrl(baseUrl: string, resource: Resource | undefined): string | undefined {
  return resource?.id ? `${baseUrl}/${resource.resourceType}/${resource.id}` : undefined;
}

function withFullUrl(baseUrl: string, entry: BundleEntry): BundleEntry {
  const url = fullUrl(baseUrl, entry.resource);
  return url ? { fullUrl: url, ...entry } : entry;
}

/** Where a page lives and how it was asked for, to build `self`/`next`/`previous` links. */
export interface PageAddress {
  readonly baseUrl: string;
  /** Path after the base, e.g. `Observation` or `Patient/1/_history`. */
  readonly path: string;
  /** The normalised query (always with `_count`). */
  readonly query: URLSearchParams;
}

function linkTo(address: PageAddress, relation: string, offset: number | undefined): BundleLink {
  const query = new URLSearchParams(address.query);
  query.delete('_offset');
  if (offset !== undefined && offset > 0) query.set('_offset', String(offset));
  const search = query.toString();
  return { relation, url: `${address.baseUrl}/${address.path}${search ? `?${search}` : ''}` };
}

function pageLinks(address: PageAddress, total: number | undefined): BundleLink[] {
  const count = Number(address.query.get('_count') ?? 0);
  const offset = Number(address.query.get('_offset') ?? 0);
  const links = [linkTo(address, 'self', offset)];
  if (count > 0 && total !== undefined && offset + count < total)
    links.push(linkTo(address, 'next', offset + count));
  if (count > 0 && offset > 0) links.push(linkTo(address, 'previous', Math.max(0, offset - count)));
  return links;
}

/** A searchset or history Bundle with absolute `fullUrl`s and paging links from the public base URL. */
export function decoratePage(bundle: Bundle, address: PageAddress): Bundle {
  const decorated: Bundle = { ...bundle, link: pageLinks(address, bundle.total) };
  if (bundle.entry) decorated.entry = bundle.entry.map((e) => withFullUrl(address.baseUrl, e));
  return decorated;
}

function decorateResponseEntry(baseUrl: string, entry: BundleEntry): BundleEntry {
  const resource = entry.resource;
  if (!resource) return entry;
  if (resource.resourceType === 'Bundle' && resource.entry) {
    return { ...entry, resource: { ...resource, entry: resource.entry.map((e) => withFullUrl(baseUrl, e)) } };
  }
  const decorated = withFullUrl(baseUrl, entry);
  const versionId = resource.meta?.versionId;
  if (decorated.response?.location && resource.id && versionId) {
    decorated.response = {
      ...decorated.response,
      location: `${resource.resourceType}/${resource.id}/_history/${versionId}`,
      etag: weakEtag(versionId),
      ...(resource.meta?.lastUpdated ? { lastModified: resource.meta.lastUpdated } : {}),
    };
  }
  return decorated;
}

/** A batch-response or transaction-response with `fullUrl`s and versioned `location`/`etag` per entry. */
export function decorateBatchResponse(bundle: Bundle, baseUrl: string): Bundle {
  if (!bundle.entry) return bundle;
  return { ...bundle, entry: bundle.entry.map((e) => decorateResponseEntry(baseUrl, e)) };
}
