import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { CdsHooksService } from './cds-hooks.service.ts';
import { notFound } from './ehr.errors.ts';
import type { EhrLaunchContext } from './ehr.types.ts';
import { type EhrRecords, FHIR_ID } from './ehr-records.ts';
import { launchUser, userFromCookie } from './sandbox-users.ts';

export interface LaunchRoutesDeps {
  readonly records: EhrRecords;
  readonly hooks: CdsHooksService;
  readonly createLaunch: (ctx: EhrLaunchContext) => Promise<string>;
  readonly fhirBaseUrl: string;
  /** The recording entry's launch URL, e.g. `{base}/app/launch`. */
  readonly appLaunchUrl: string;
  /** The safeguarding worklist's launch URL; default `safeguarding/launch` beside `appLaunchUrl`. */
  readonly safeguardingLaunchUrl?: string;
  /** Origins a SMART link may point to. */
  readonly smartLinkOrigins: ReadonlySet<string>;
  readonly smartLinkFeedback: 'none' | 'accepted';
}

const launchQuery = z.union([
  z.object({
    patient: z.string().regex(FHIR_ID),
    encounter: z.string().regex(FHIR_ID).optional(),
    role: z.literal('clinician').default('clinician'),
  }),
  z.object({
    patient: z.string().regex(FHIR_ID).optional(),
    encounter: z.string().regex(FHIR_ID).optional(),
    role: z.literal('safeguarding'),
  }),
]);

const index = z.coerce.number().int().min(0).max(999);
const smartLinkQuery = z.object({ h: z.uuid(), s: index, c: index, l: index });

/** `url` with `iss` and `launch` added (SMART App Launch 2.2 "EHR launch"), keeping its own query. */
export function launchUrl(url: string, iss: string, launch: string): string {
  const target = new URL(url);
  target.searchParams.set('iss', iss);
  target.searchParams.set('launch', launch);
  return target.toString();
}

/** The safeguarding worklist's launch URL: configured, or `safeguarding/launch` beside the recording one. */
export function safeguardingLaunchUrlOf(
  deps: Pick<LaunchRoutesDeps, 'appLaunchUrl' | 'safeguardingLaunchUrl'>,
) {
  return deps.safeguardingLaunchUrl ?? new URL('safeguarding/launch', deps.appLaunchUrl).toString();
}

/**
 * `/launch?patient=…[&encounter=…][&role=clinician|safeguarding]`: a real EHR launch. A clinician launches the
 * recording entry for a patient; `role=safeguarding` launches the safeguarding worklist's entry (its own scopes),
 * where the patient is optional because the worklist spans patients.
 */
async function launchApp(deps: LaunchRoutesDeps, req: Request, res: Response): Promise<void> {
  const query = launchQuery.safeParse(req.query);
  if (!query.success) throw notFound('unknown-patient');
  const { patient, encounter, role } = query.data;
  if (patient === undefined && encounter !== undefined) throw notFound('unknown-context');
  if (patient !== undefined && !(await deps.records.findContext(patient, encounter))) {
    throw notFound('unknown-context');
  }
  const user = launchUser(userFromCookie(req.get('cookie')), role);
  const launch = await deps.createLaunch({
    userId: user.id,
    ...(patient === undefined ? {} : { patient }),
    ...(encounter === undefined ? {} : { encounter }),
    needPatientBanner: patient !== undefined,
  });
  const target = role === 'safeguarding' ? safeguardingLaunchUrlOf(deps) : deps.appLaunchUrl;
  res.redirect(303, launchUrl(target, deps.fhirBaseUrl, launch));
}

function allowedAppUrl(deps: LaunchRoutesDeps, url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
      deps.smartLinkOrigins.has(parsed.origin)
    );
  } catch {
    return false;
  }
}

/**
 * A card's `smart` link (CDS Hooks 2.0 "Link"): resolved from the stored card, never from the request, then
 * launched with the hook's patient and encounter and the link's `appContext` in the launch context.
 */
async function launchSmartLink(deps: LaunchRoutesDeps, req: Request, res: Response): Promise<void> {
  const query = smartLinkQuery.safeParse(req.query);
  if (!query.success) throw notFound('unknown-link');
  const user = userFromCookie(req.get('cookie'));
  const ref = deps.hooks.findCard(user, query.data.h, query.data.s, query.data.c);
  const link = ref.card.links?.[query.data.l];
  if (link?.type !== 'smart' || !allowedAppUrl(deps, link.url)) throw notFound('unknown-link');
  const { invocation } = ref;
  const launch = await deps.createLaunch({
    userId: user.id,
    patient: invocation.patientId,
    ...(invocation.encounterId === undefined ? {} : { encounter: invocation.encounterId }),
    ...(link.appContext === undefined ? {} : { appContext: link.appContext }),
    needPatientBanner: true,
  });
  if (deps.smartLinkFeedback === 'accepted') await deps.hooks.linkLaunched(ref);
  res.redirect(303, launchUrl(link.url, deps.fhirBaseUrl, launch));
}

export function createLaunchRoutes(deps: LaunchRoutesDeps): Router {
  const router = express.Router();
  router.get('/launch', (req, res) => launchApp(deps, req, res));
  router.get('/smart-link', (req, res) => launchSmartLink(deps, req, res));
  return router;
}
