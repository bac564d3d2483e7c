import { runExtraction } from '../../extract/index.ts';
import type { MintAccessTokenRequest } from './ehr.types.ts';
import type { ExportExtractor } from './export-job.store.ts';

/** The backend client the extraction runs as (briefs/common.md: "for the CDS service and extraction"). */
export const EXPORT_CLIENT_ID = 'safe-enquiry-service';

export interface ExportExtractorDeps {
  /** FHIR base the extraction reads, e.g. `{base}/fhir`. */
  readonly fhirBaseUrl: string;
  readonly mintAccessToken: (request: MintAccessTokenRequest) => Promise<string>;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

/**
 * The extraction as the simulator runs it: an aggregate job run by the system on the data lead's behalf, with a
 * freshly minted `system/*.rs` token for the backend client. The data lead never holds that token and never sees
 * record-level data: only the disclosure-controlled outputs (shared/docs/dataset.md "Disclosure control").
 */
export function createExportExtractor(deps: ExportExtractorDeps): ExportExtractor {
  return async (period, outDir) => {
    const token = await deps.mintAccessToken({
      clientId: EXPORT_CLIENT_ID,
      role: 'system',
      scope: 'system/*.rs',
    });
    const { summary } = await runExtraction({
      source: deps.fhirBaseUrl,
      token,
      outDir,
      from: period.from,
      to: period.to,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    });
    return summary;
  };
}
