import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, FhirResource, OperationOutcome, Resource } from 'fhir/r4.js';

/** Where the suite points: a FHIR base URL and, for protected servers, a bearer token. */
export interface ConformanceTarget {
  readonly base: string;
  readonly token?: string | undefined;
}

export interface FhirReply<T> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: T | undefined;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A tiny FHIR REST client on `fetch` only, so the suite can run against any server. */
export class ConformanceClient {
  private readonly getTarget: () => ConformanceTarget;

  constructor(getTarget: () => ConformanceTarget) {
    this.getTarget = getTarget;
  }

  get base(): string {
    return this.getTarget().base.replace(/\/+$/, '');
  }

  url(path: string): string {
    return /^https?:/.test(path) ? path : `${this.base}/${path.replace(/^\/+/, '')}`;
  }

  async request<T = Resource>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<FhirReply<T>> {
    const headers: Record<string, string> = { accept: 'application/fhir+json', ...options.headers };
    const token = this.getTarget().token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/fhir+json';
    const response = await fetch(this.url(path), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text.length > 0 ? (JSON.parse(text) as T) : undefined,
    };
  }

  get<T = Resource>(path: string, headers?: Record<string, string>): Promise<FhirReply<T>> {
    return this.request<T>('GET', path, headers ? { headers } : {});
  }

  /** Creates a resource and returns it as stored; fails the test unless the server answers 201. */
  async create<T extends FhirResource>(resource: T): Promise<T & { id: string }> {
    const reply = await this.request<T & { id: string }>('POST', resource.resourceType, { body: resource });
    if (reply.status !== 201 || !reply.body?.id) {
      throw new Error(
        `create ${resource.resourceType} answered ${reply.status}: ${JSON.stringify(reply.body)}`,
      );
    }
    return reply.body;
  }

  async search<T extends Resource = Resource>(query: string): Promise<Bundle<T>> {
    const reply = await this.get<Bundle<T>>(query);
    if (reply.status !== 200 || !reply.body) throw new Error(`search ${query} answered ${reply.status}`);
    return reply.body;
  }
}

/** A value unique to this run, so the suite can run repeatedly against a shared server. */
export function uniqueValue(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** The identifier system the suite uses for its synthetic records. */
export const TEST_SYSTEM = 'https://fhir.safe-enquiry.org/conformance/id';

export function matchIds(bundle: Bundle, resourceType?: string): string[] {
  return (bundle.entry ?? [])
    .filter((e: BundleEntry) => e.search?.mode !== 'include' && e.search?.mode !== 'outcome')
    .map((e) => e.resource)
    .filter((r): r is FhirResource => r !== undefined && (!resourceType || r.resourceType === resourceType))
    .map((r) => r.id ?? '');
}

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return (
    typeof value === 'object' && value !== null && (value as Resource).resourceType === 'OperationOutcome'
  );
}

/** The id part of a reference or URL (`…/Patient/123` or `Patient/123/_history/1` → `123`). */
export function idOfReference(reference: string | undefined, resourceType: string): string | undefined {
  const match = new RegExp(`(?:^|/)${resourceType}/([^/]+)`).exec(reference ?? '');
  return match?.[1];
}
