import { z } from 'zod';
import { displayUrl, type FhirHttpClient, serverError } from './fhir-http.client.ts';

/** Bulk Data complete-status manifest (https://hl7.org/fhir/uv/bulkdata/export.html#response---complete-status). */
const manifestSchema = z.object({
  transactionTime: z.string(),
  requiresAccessToken: z.boolean().optional(),
  output: z.array(z.object({ type: z.string(), url: z.string(), count: z.number().optional() })),
  error: z.array(z.object({ type: z.string(), url: z.string() })).optional(),
});
export type ExportManifest = z.infer<typeof manifestSchema>;

export interface PollTiming {
  /** Waits the given milliseconds (injected so tests do not wait). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Wait when the server sends no Retry-After. */
  readonly defaultDelayMs: number;
  /** Longest single wait, whatever Retry-After says. */
  readonly maxDelayMs: number;
  /** Give up after this many polls. */
  readonly maxPolls: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  defaultDelayMs: 2_000,
  maxDelayMs: 60_000,
  maxPolls: 20_000,
};

/** Kicks off `$export` for the given types; returns the status URL (Content-Location). */
export async function kickOffExport(
  client: FhirHttpClient,
  exportPath: string,
  types: readonly string[],
): Promise<string> {
  const url = client.resolve(`${exportPath}?_type=${types.join(',')}`);
  const headers = { accept: 'application/fhir+json', prefer: 'respond-async' };
  const response = await client.check('GET', url, await client.send('GET', url, headers));
  const location = response.headers.get('content-location');
  await response.body?.cancel();
  if (response.status !== 202 || !location) {
    throw serverError(
      `$export kick-off at ${displayUrl(url)} answered HTTP ${response.status} without a status URL`,
    );
  }
  return new URL(location, url).toString();
}

function retryAfterMs(header: string | null, timing: PollTiming): number {
  const seconds = header === null ? Number.NaN : Number(header);
  const wanted = Number.isFinite(seconds) ? seconds * 1000 : timing.defaultDelayMs;
  return Math.min(timing.maxDelayMs, Math.max(0, wanted));
}

/** Polls the status URL until the manifest is ready (202 and 429 mean wait; anything else non-2xx is an error). */
export async function pollExport(
  client: FhirHttpClient,
  statusUrl: string,
  timing: PollTiming,
): Promise<ExportManifest> {
  for (let poll = 0; poll < timing.maxPolls; poll++) {
    const response = await client.send('GET', statusUrl, { accept: 'application/json' });
    if (response.status === 202 || response.status === 429) {
      await response.body?.cancel();
      await timing.sleep(retryAfterMs(response.headers.get('retry-after'), timing));
      continue;
    }
    await client.check('GET', statusUrl, response);
    const parsed = manifestSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw serverError(`$export status ${displayUrl(statusUrl)} returned an invalid manifest`);
    return parsed.data;
  }
  throw serverError(`$export at ${displayUrl(statusUrl)} did not complete after ${timing.maxPolls} polls`);
}

/** Asks the server to delete the export's files (best effort: the data is already read). */
export async function deleteExport(client: FhirHttpClient, statusUrl: string): Promise<void> {
  try {
    const response = await client.send('DELETE', statusUrl, { accept: 'application/fhir+json' });
    await response.body?.cancel();
  } catch {
    // The files expire on the server anyway; a failed clean-up does not fail the extraction.
  }
}
