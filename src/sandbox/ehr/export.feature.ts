import type { Router } from 'express';
import type { MintAccessTokenRequest } from './ehr.types.ts';
import { createExportRoutes } from './export.routes.ts';
import { createExportExtractor } from './export-extraction.runner.ts';
import { createExportJobStore, type ExportJobStore } from './export-job.store.ts';

export interface ExportFeatureOptions {
  /** Public path of the simulator, e.g. `/ehr`; the pages are at `{basePath}/export`. */
  readonly basePath: string;
  /** FHIR base the extraction reads. */
  readonly fhirBaseUrl: string;
  /** Run folders go under `{dataDir}/exports`; under the OS temp dir when absent. */
  readonly dataDir?: string;
  readonly mintAccessToken: (request: MintAccessTokenRequest) => Promise<string>;
  readonly fetch: typeof fetch;
  readonly now: () => Date;
  readonly log: (event: string, fields: Readonly<Record<string, string | number>>) => void;
}

export interface ExportFeature {
  /** Mount at `/export` inside the simulator's router, after its security, no-store and same-origin middleware. */
  readonly router: Router;
  readonly jobs: ExportJobStore;
  /** Waits for a running extraction and deletes the run folders. */
  close(): Promise<void>;
}

/** The data lead's "Export dataset" (issue 7): routes, background runs and the extraction against `fhirBaseUrl`. */
export function createExportFeature(options: ExportFeatureOptions): ExportFeature {
  const jobs = createExportJobStore({
    extract: createExportExtractor({
      fhirBaseUrl: options.fhirBaseUrl,
      mintAccessToken: options.mintAccessToken,
      fetch: options.fetch,
      now: options.now,
    }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    now: options.now,
    log: options.log,
  });
  const router = createExportRoutes({ basePath: options.basePath, jobs, now: options.now });
  return { router, jobs, close: () => jobs.close() };
}
