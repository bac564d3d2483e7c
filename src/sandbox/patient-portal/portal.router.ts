import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { STRICT_PAGE_CSP, securityHeaders } from '../../http/index.ts';
import { terminology as projectTerminology } from '../../terminology/index.ts';
import { PortalUnavailableError } from './fhir-rest.reader.ts';
import {
  type NavLink,
  type PageFrame,
  renderMessagePage,
  renderRecordPage,
  renderSummaryPage,
} from './portal.page.ts';
import type { PatientPortalDeps, PatientPortalOptions, PortalViewer, ProxyGrant } from './portal.types.ts';
import { loadPatient, loadPortalRecord, type RecordLoaderSettings } from './portal-record.loader.ts';
import { buildRecordView, personView } from './record.view.ts';
import { formatUkDate } from './uk.format.ts';

/** The sandbox patient user (briefs: `Patient/persona-samira`, role patient, for the online-access view). */
export const SANDBOX_PORTAL_PATIENT = 'persona-samira';
/** Samira acts as proxy for her two children, through the RelatedPerson naming her on each child's record. */
export const SANDBOX_PROXIES: readonly ProxyGrant[] = [
  { relatedPersonId: 'rp-seed-001-001', patientId: 'seed-001' },
  { relatedPersonId: 'rp-seed-002-001', patientId: 'seed-002' },
];

export interface PatientPortal {
  /** Mount at `basePath` (default `/portal`). */
  readonly router: Router;
}

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

interface Portal {
  readonly basePath: string;
  readonly patientId: string;
  readonly proxies: readonly ProxyGrant[];
  readonly settings: RecordLoaderSettings;
  readonly now: () => Date;
  readonly log: NonNullable<PatientPortalDeps['log']>;
}

function settingsOf(options: PatientPortalOptions, deps: PatientPortalDeps): RecordLoaderSettings {
  const publicFhirBaseUrl = `${options.publicBaseUrl.replace(/\/+$/, '')}/fhir`;
  return {
    clientId: options.clientId ?? 'safe-enquiry-app',
    fhirBaseUrl: (options.fhirBaseUrl ?? publicFhirBaseUrl).replace(/\/+$/, ''),
    publicFhirBaseUrl,
    pageSize: options.pageSize ?? 100,
    timeoutMs: options.timeoutMs ?? 5000,
    mintAccessToken: deps.mintAccessToken,
    fetch: deps.fetch ?? fetch,
    terminology: deps.terminology ?? projectTerminology,
  };
}

function proxyViewer(grant: ProxyGrant): PortalViewer {
  return { kind: 'proxy', relatedPersonId: grant.relatedPersonId, patientId: grant.patientId };
}

/** Navigation: the user's own record and summary, then each record they may view as a proxy, by name. */
async function navigation(portal: Portal, currentPath: string): Promise<NavLink[]> {
  const base = portal.basePath;
  const names = await Promise.all(
    portal.proxies.map(async (grant) => {
      // A record the user cannot open as a proxy right now is left out of the menu; their own record still shows.
      const patient = await loadPatient(proxyViewer(grant), portal.settings).catch(() => undefined);
      return patient ? { grant, name: personView(patient, false).name } : undefined;
    }),
  );
  const links = [
    { href: `${base}/`, label: 'Your record' },
    { href: `${base}/summary`, label: 'Your summary' },
    ...names
      .filter((n) => n !== undefined)
      .map((n) => ({ href: `${base}/proxy/${encodeURIComponent(n.grant.patientId)}`, label: n.name })),
  ];
  return links.map((l) => ({ ...l, current: l.href === currentPath }));
}

function sendPage(res: Response, status: number, body: string): void {
  res.status(status).type('html').send(body);
}

async function showRecord(
  portal: Portal,
  req: Request,
  res: Response,
  viewer: PortalViewer,
  summary: boolean,
) {
  const self = viewer.kind === 'self';
  const here = `${portal.basePath}${req.path}`;
  const [record, nav] = await Promise.all([
    loadPortalRecord(viewer, portal.settings),
    navigation(portal, here),
  ]);
  const view = buildRecordView(record, self);
  const subject = self ? ({ kind: 'self' } as const) : ({ kind: 'proxy', name: view.person.name } as const);
  const frame: PageFrame = { basePath: portal.basePath, nav };
  const recordHref = self
    ? portal.basePath
    : `${portal.basePath}/proxy/${encodeURIComponent(viewer.patientId)}`;
  const page = summary
    ? renderSummaryPage(frame, subject, view, formatUkDate(portal.now().toISOString()))
    : renderRecordPage(frame, subject, view, `${recordHref}/summary`);
  sendPage(res, 200, page);
}

function proxyGrantOf(portal: Portal, patientId: unknown): ProxyGrant | undefined {
  return portal.proxies.find((p) => p.patientId === patientId);
}

const NOT_FOUND = ['Page not found', 'Check the address, or go back to your record.'] as const;

function notFound(portal: Portal, res: Response): void {
  sendPage(res, 404, renderMessagePage({ basePath: portal.basePath, nav: [] }, ...NOT_FOUND));
}

/** The status of an express-level client error (static files, undecodable paths), if it is one. */
function clientErrorStatus(err: unknown): number | undefined {
  if (err instanceof PortalUnavailableError) return undefined;
  const status = typeof err === 'object' && err !== null && 'status' in err ? err.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function errorHandler(portal: Portal): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const frame = { basePath: portal.basePath, nav: [] };
    const clientError = clientErrorStatus(err);
    if (clientError !== undefined) {
      sendPage(res, clientError === 404 ? 404 : 400, renderMessagePage(frame, ...NOT_FOUND));
      return;
    }
    const unavailable = err instanceof PortalUnavailableError;
    portal.log(unavailable ? 'portal.unavailable' : 'portal.unexpected_error', {
      name: err instanceof Error ? err.name : typeof err,
      ...(unavailable ? { reason: err.message, status: err.status } : {}),
    });
    const message = 'Your record is not available at the moment. Please try again later.';
    sendPage(res, unavailable ? 503 : 500, renderMessagePage(frame, 'Sorry, there is a problem', message));
  };
}

/**
 * The sandbox's patient-facing record, as NHS App online access would show it (terminology.md R1, R2, R5, R9): the
 * patient's own record and printable summary, and the records they may view as a proxy. Every page is built from
 * the FHIR REST API with the viewer's own patient-facing token, so the server's label policy decides what leaves
 * it; the portal then drops anything labelled NOPAT or restricted, or coded as DVA, once more. Nothing is counted,
 * numbered or paged on the server's terms, so nothing reveals by its absence that something was hidden.
 */
export function createPatientPortal(options: PatientPortalOptions, deps: PatientPortalDeps): PatientPortal {
  const portal: Portal = {
    basePath: (options.basePath ?? '/portal').replace(/\/+$/, ''),
    patientId: options.patientId ?? SANDBOX_PORTAL_PATIENT,
    proxies: options.proxies ?? SANDBOX_PROXIES,
    settings: settingsOf(options, deps),
    now: deps.now ?? (() => new Date()),
    log: deps.log ?? (() => undefined),
  };
  const self: PortalViewer = { kind: 'self', patientId: portal.patientId };
  const router = express.Router();
  router.use(securityHeaders({ csp: STRICT_PAGE_CSP, publicBaseUrl: options.publicBaseUrl }));
  router.use(
    '/static',
    express.static(STATIC_DIR, {
      index: false,
      fallthrough: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=3600'),
    }),
  );
  router.get('/', (req, res) => showRecord(portal, req, res, self, false));
  router.get('/summary', (req, res) => showRecord(portal, req, res, self, true));
  router.get(['/proxy/:patientId', '/proxy/:patientId/summary'], async (req, res) => {
    const grant = proxyGrantOf(portal, req.params.patientId);
    if (grant === undefined) notFound(portal, res);
    else await showRecord(portal, req, res, proxyViewer(grant), req.path.endsWith('/summary'));
  });
  router.use((_req, res) => notFound(portal, res));
  router.use(errorHandler(portal));
  return { router };
}
