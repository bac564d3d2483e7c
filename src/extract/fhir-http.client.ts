import type { OperationOutcome } from 'fhir/r4.js';
import { createOperationOutcome, IssueType, OperationOutcomeError } from '../shared/index.ts';
import { isObject } from './record-reader.ts';

export interface FhirHttpOptions {
  /** FHIR base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** Bearer token (from SAFE_ENQUIRY_FHIR_TOKEN on the command line). Never logged or put in an error. */
  readonly token?: string;
  readonly fetch: typeof fetch;
}

/** A URL as shown in messages: origin and path only (a query may carry ids). */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function outcomeOf(body: unknown): OperationOutcome | undefined {
  if (!isObject(body) || body.resourceType !== 'OperationOutcome' || !Array.isArray(body.issue))
    return undefined;
  return body as unknown as OperationOutcome;
}

/** Summarises an upstream OperationOutcome on one line: `error/security: Unauthorized; …`. */
export function summariseOutcome(outcome: OperationOutcome | undefined): string {
  if (!outcome) return 'no OperationOutcome';
  return outcome.issue
    .map(
      (i) =>
        `${i.severity}/${i.code}${i.diagnostics ? `: ${i.diagnostics}` : i.details?.text ? `: ${i.details.text}` : ''}`,
    )
    .join('; ')
    .replace(/\s+/g, ' ');
}

/** The error for a failed FHIR call: status 502 (an upstream failure, exit code 1), the upstream outcome appended. */
export function serverError(what: string, upstream?: OperationOutcome): OperationOutcomeError {
  const ours = createOperationOutcome([
    {
      code: IssueType.exception,
      reason: 'extract-fhir-server-error',
      diagnostics: `${what} (${summariseOutcome(upstream)})`,
    },
  ]);
  return new OperationOutcomeError(502, { ...ours, issue: [...ours.issue, ...(upstream?.issue ?? [])] });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A minimal FHIR REST client on fetch: JSON reads, streamed downloads, OperationOutcome errors. */
export class FhirHttpClient {
  readonly baseUrl: string;
  readonly #options: FhirHttpOptions;
  readonly #origin: string;

  constructor(options: FhirHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#options = options;
    this.#origin = new URL(this.baseUrl).origin;
  }

  /** Absolute URL for a path relative to the base (or the URL itself when absolute). */
  resolve(pathOrUrl: string): string {
    return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}/${pathOrUrl}`;
  }

  /** Sends a request; the token goes only to the server's own origin, or where the spec requires it. */
  async send(
    method: string,
    url: string,
    headers: Record<string, string>,
    withToken = false,
  ): Promise<Response> {
    const sameOrigin = new URL(url).origin === this.#origin;
    const token = this.#options.token;
    const auth: Record<string, string> =
      token && (sameOrigin || withToken) ? { authorization: `Bearer ${token}` } : {};
    try {
      return await this.#options.fetch(url, { method, headers: { ...headers, ...auth }, redirect: 'follow' });
    } catch (error) {
      const cause = error instanceof Error && isObject(error.cause) ? String(error.cause.code ?? '') : '';
      throw serverError(`cannot reach FHIR server: ${method} ${displayUrl(url)}${cause ? ` ${cause}` : ''}`);
    }
  }

  /** Throws the server's OperationOutcome (as a 502 OperationOutcomeError) unless the response is ok. */
  async check(method: string, url: string, response: Response): Promise<Response> {
    if (response.ok) return response;
    const upstream = outcomeOf(await readBody(response));
    throw serverError(
      `FHIR server error: HTTP ${response.status} for ${method} ${displayUrl(url)}`,
      upstream,
    );
  }

  async getJson(pathOrUrl: string, accept = 'application/fhir+json'): Promise<unknown> {
    const url = this.resolve(pathOrUrl);
    const response = await this.check('GET', url, await this.send('GET', url, { accept }));
    const body = await readBody(response);
    if (body === undefined)
      throw serverError(`FHIR server sent a body that is not JSON for GET ${displayUrl(url)}`);
    return body;
  }

  /** Streams a download (a Bulk Data output file) as bytes. */
  async getStream(url: string, withToken: boolean): Promise<AsyncIterable<Uint8Array>> {
    const response = await this.check(
      'GET',
      url,
      await this.send('GET', url, { accept: 'application/fhir+ndjson' }, withToken),
    );
    if (!response.body) throw serverError(`empty download from ${displayUrl(url)}`);
    return chunksOf(response.body);
  }
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
