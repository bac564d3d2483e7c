import { type HookContext, resolvePrefetchTemplate } from './prefetch-template.resolver.ts';

/** Most pages of one search merged into a prefetch value; a longer result is treated as a failed prefetch. */
const MAX_PAGES = 10;

export interface PrefetchTarget {
  readonly fhirBaseUrl: string;
  readonly accessToken: string;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
}

/** Why a key ended as it did; ids and codes only, for the PHI-free log. */
export type PrefetchOutcome = 'sent' | 'null' | 'skipped' | 'failed';

export interface PrefetchResult {
  readonly prefetch: Record<string, unknown>;
  readonly outcomes: Record<string, PrefetchOutcome>;
}

type Json = Record<string, unknown>;

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function getJson(url: string, target: PrefetchTarget): Promise<{ status: number; body: unknown }> {
  const response = await target.fetch(url, {
    headers: { accept: 'application/fhir+json', authorization: `Bearer ${target.accessToken}` },
    signal: target.signal,
    redirect: 'error',
  });
  const body: unknown = response.ok ? await response.json() : undefined;
  if (!response.ok) await response.body?.cancel();
  return { status: response.status, body };
}

function nextLink(bundle: Json): string | undefined {
  const links = Array.isArray(bundle.link) ? bundle.link : [];
  const next = links.find((l: unknown) => isJsonObject(l) && l.relation === 'next');
  return isJsonObject(next) && typeof next.url === 'string' ? next.url : undefined;
}

/** Follows `next` links so that the value is a single page, as CDS Hooks 2.0 requires ("no next page links"). */
async function mergePages(first: Json, target: PrefetchTarget): Promise<Json | undefined> {
  const entries: unknown[] = Array.isArray(first.entry) ? [...first.entry] : [];
  let page = first;
  for (let pages = 1; nextLink(page) !== undefined; pages++) {
    const url = nextLink(page) ?? '';
    if (pages >= MAX_PAGES || !url.startsWith(`${target.fhirBaseUrl}/`)) return undefined;
    const { status, body } = await getJson(url, target);
    if (status !== 200 || !isJsonObject(body)) return undefined;
    if (Array.isArray(body.entry)) entries.push(...body.entry);
    page = body;
  }
  const { link: _links, entry: _entry, ...rest } = first;
  return entries.length > 0 ? { ...rest, entry: entries } : rest;
}

/** Fetches one resolved template: the value, `null` for "no data", or undefined when it failed. */
async function fetchOne(relativeUrl: string, target: PrefetchTarget): Promise<Json | null | undefined> {
  const isRead = !relativeUrl.includes('?') && relativeUrl.split('/').length === 2;
  try {
    const { status, body } = await getJson(`${target.fhirBaseUrl}/${relativeUrl}`, target);
    if (isRead && (status === 404 || status === 410)) return null;
    if (status !== 200 || !isJsonObject(body) || typeof body.resourceType !== 'string') return undefined;
    if (body.resourceType === 'Bundle') return mergePages(body, target);
    return body;
  } catch {
    return undefined;
  }
}

/**
 * Satisfies a service's prefetch templates against the FHIR server with the token minted for that service, so the
 * data equals what the service would get itself (CDS Hooks 2.0 "Prefetch Template"). A template with an
 * unresolvable token is skipped; a failed query is omitted; a read that finds nothing is `null`.
 */
export async function fetchPrefetch(
  templates: Readonly<Record<string, string>>,
  context: HookContext,
  today: Date,
  target: PrefetchTarget,
): Promise<PrefetchResult> {
  const prefetch: Record<string, unknown> = {};
  const outcomes: Record<string, PrefetchOutcome> = {};
  await Promise.all(
    Object.entries(templates).map(async ([key, template]) => {
      const url = resolvePrefetchTemplate(template, context, today);
      if (url === undefined) {
        outcomes[key] = 'skipped';
        return;
      }
      const value = await fetchOne(url, target);
      if (value === undefined) {
        outcomes[key] = 'failed';
        return;
      }
      prefetch[key] = value;
      outcomes[key] = value === null ? 'null' : 'sent';
    }),
  );
  return { prefetch, outcomes };
}
